// Phản ánh, kiến nghị (Decree 20/2008/NĐ-CP; Circular 32/2017/TT-BTTTT Art. 11): the rules of a
// citizen's feedback — what a sender must give, its tracking code, its due date and its status.
import { addWorkingDays, APPLICATION_CODE, startDay, type WorkingCalendar } from '../applications/index.ts';
import { SERVICE_CODE } from '../catalog/index.ts';
import { can, emailProblem, phoneProblem, type Actor } from '../identity/index.ts';
import type { Outcome, Problem } from '../web/problem.ts';

/** Working days an agency has to answer unless it has set its own. */
export const DEFAULT_HANDLING_DAYS = 10;
export const MAX_HANDLING_DAYS = 60;
export const MAX_SUBJECT = 200;
export const MAX_CONTENT = 4000;
export const MAX_ANSWER = 10_000;
export const MAX_NAME = 100;
export const MAX_EMAIL = 200;

export const PETITION_CODE = /^PAKN-\d{8}-\d{4,5}$/;

/** PAKN-yyyymmdd-NNNN: the day it arrived (Vietnam time) and its number that day. */
export function petitionCode(day: string, sequence: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !Number.isInteger(sequence) || sequence < 1 || sequence > 99_999) throw new RangeError('bad petition code parts');
  return `PAKN-${day.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in Vietnam (UTC+7, no daylight saving). */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The day the answer is due: `handlingDays` working days after the day the clock starts (the
 * day of arrival, or the next working day after 15:00 or on a day off), as for applications.
 */
export function petitionDueDate(receivedAt: Date, handlingDays: number, cal: WorkingCalendar): string {
  return addWorkingDays(startDay(receivedAt, cal), handlingDays, cal);
}

export type PetitionStatus = 'cho-tra-loi' | 'qua-han' | 'da-tra-loi';

export const STATUS_NAMES: Record<PetitionStatus, string> = {
  'cho-tra-loi': 'Đang xử lý',
  'qua-han': 'Quá hạn trả lời',
  'da-tra-loi': 'Đã trả lời',
};

/** Answered, or else overdue once the due day has passed (the due day itself is still in time). */
export function petitionStatus(p: { answeredAt: Date | null; dueDate: string }, today: string): PetitionStatus {
  if (p.answeredAt) return 'da-tra-loi';
  return today > p.dueDate ? 'qua-han' : 'cho-tra-loi';
}

const text = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');

/** A phone number as 0XXXXXXXXX, so 0912 345 678 and +84912345678 are the same number. */
export function normalizePhone(v: string): string {
  const digits = v.replace(/[\s.()-]/g, '');
  return digits.startsWith('+84') ? `0${digits.slice(3)}` : digits.startsWith('84') && digits.length === 11 ? `0${digits.slice(2)}` : digits;
}

export const normalizeEmail = (v: string) => v.trim().toLowerCase();

/** Whether what a person typed to track a petition is the email or phone its sender gave. */
export function contactMatches(p: { senderEmail: string | null; senderPhone: string | null }, given: string): boolean {
  const g = given.trim();
  if (!g) return false;
  if (g.includes('@')) return !!p.senderEmail && normalizeEmail(p.senderEmail) === normalizeEmail(g);
  return !!p.senderPhone && normalizePhone(p.senderPhone) === normalizePhone(g);
}

export interface PetitionInput {
  subject: string;
  content: string;
  /** The visitor's name; a signed-in citizen's comes from the account. */
  name: string | null;
  email: string | null;
  phone: string | null;
  service: string | null;
  application: string | null;
}

/** What a petition's sender, tracker or answerer is refused, as codes; `problems.ts` holds their statuses and sentences. */
export type PetitionProblemCode =
  | 'subject-missing'
  | 'subject-long'
  | 'content-short'
  | 'content-long'
  | 'name-missing'
  | 'name-long'
  | 'email-long'
  | 'email-invalid'
  | 'phone-invalid'
  | 'contact-missing'
  | 'service-format'
  | 'application-format'
  | 'consent-missing'
  | 'application-not-yours'
  | 'application-not-found'
  | 'service-not-found'
  | 'no-agency'
  | 'too-many-sends'
  | 'too-many-tracks'
  | 'code-format'
  | 'contact-empty'
  | 'track-unmatched'
  | 'check-missing'
  | 'track-not-found'
  | 'answer-missing'
  | 'answer-long'
  | 'days-range'
  | 'agency-missing'
  | 'deadline-not-allowed'
  | 'not-answerable';

/** A problem of the petitions module: its field, and the numbers or codes its sentence names (unformatted). */
export type PetitionProblem = Problem<PetitionProblemCode>;

export type PetitionCheck = { ok: true; value: PetitionInput } | { ok: false; problems: PetitionProblem[] };

/**
 * A petition as it is sent: every problem at once, one per field, as codes. A visitor gives a
 * name and an email or a phone; everyone agrees to the processing of the personal data given
 * (Decree 13/2023). The service and application are checked against the records afterwards.
 */
export function checkPetition(input: Record<string, unknown>, sender: { signedIn: boolean }): PetitionCheck {
  const problems: PetitionProblem[] = [];
  const fail = (field: string, code: PetitionProblemCode, params?: Record<string, number>) => void problems.push(params ? { code, field, params } : { code, field });
  const subject = text(input.subject);
  const content = text(input.content);
  const name = text(input.name);
  const email = text(input.email);
  const phone = text(input.phone);
  const service = text(input.service);
  const application = text(input.application);
  if (!subject) fail('subject', 'subject-missing');
  else if (subject.length > MAX_SUBJECT) fail('subject', 'subject-long', { max: MAX_SUBJECT });
  if (content.length < 10) fail('content', 'content-short');
  else if (content.length > MAX_CONTENT) fail('content', 'content-long', { max: MAX_CONTENT, n: content.length });
  if (!sender.signedIn) {
    if (!name) fail('name', 'name-missing');
    else if (name.length > MAX_NAME) fail('name', 'name-long', { max: MAX_NAME });
  }
  if (email) {
    if (email.length > MAX_EMAIL) fail('email', 'email-long', { max: MAX_EMAIL });
    else if (emailProblem(email)) fail('email', 'email-invalid');
  }
  if (phone && phoneProblem(phone)) fail('phone', 'phone-invalid');
  if (!sender.signedIn && !email && !phone) fail('email', 'contact-missing');
  if (service && !SERVICE_CODE.test(service)) fail('service', 'service-format');
  if (application && !APPLICATION_CODE.test(application)) fail('application', 'application-format');
  const consent = input.consent;
  if (consent !== true && consent !== 'true' && consent !== 'on') fail('consent', 'consent-missing');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      subject,
      content,
      name: sender.signedIn ? null : name,
      email: email ? normalizeEmail(email) : null,
      phone: phone ? normalizePhone(phone) : null,
      service: service || null,
      application: application || null,
    },
  };
}

export function checkAnswer(input: unknown): Outcome<string, 'answer-missing' | 'answer-long'> {
  const a = text(input);
  if (a.length < 2) return { ok: false, problem: { code: 'answer-missing', field: 'answer' } };
  if (a.length > MAX_ANSWER) return { ok: false, problem: { code: 'answer-long', field: 'answer', params: { max: MAX_ANSWER } } };
  return { ok: true, value: a };
}

export function checkHandlingDays(input: unknown): Outcome<number, 'days-range'> {
  const v = text(input);
  if (!/^\d{1,3}$/.test(v) || Number(v) < 1 || Number(v) > MAX_HANDLING_DAYS) return { ok: false, problem: { code: 'days-range', field: 'days', params: { max: MAX_HANDLING_DAYS } } };
  return { ok: true, value: Number(v) };
}

/**
 * Who answers a petition addressed to an agency: its officers; and the administrator attached to
 * that very agency (the portal's top agency, which may have no officer of its own).
 */
export function mayAnswer(actor: Actor | undefined, agencyCode: string): boolean {
  if (!actor) return false;
  if (actor.role === 'officer') return can(actor, 'application.process', { agencyCode });
  return actor.role === 'admin' && actor.agencyCode === agencyCode && can(actor, 'staff.manage', { agencyCode });
}

/** Who sets an agency's handling days: an administrator over it. */
export function maySetDeadline(actor: Actor | undefined, agencyCode: string): boolean {
  return can(actor, 'staff.manage', { agencyCode });
}
