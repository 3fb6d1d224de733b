// The applicant of a paper dossier received at the one-stop counter (A3, V3): found by CCCD, or
// created as a citizen account without a password. The person later sets one through the usual
// password reset, with the phone or email given at the counter, and finds the dossier and its
// digitised papers in "Hồ sơ của tôi" and the data store (Ví dụ 1).
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { Outcome, Problem } from '../web/problem.ts';
import { cccdCheck, emailCheck, parseDate, phoneCheck } from './model.ts';
import type { IdentityProblem } from './problems.ts';
import { createAccount, DuplicateAccountError } from './store.ts';

/** What the officer reads from the CCCD and asks: name, date of birth, how to reach them, where they live. */
export interface CounterApplicantInput {
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** The account the dossier is filed under. */
export interface CounterApplicant {
  id: string;
  name: string;
  /** Created at the counter just now (no password yet). */
  created: boolean;
}

export type CounterApplicantProblem = IdentityProblem | 'APPLICANT_MISSING' | 'APPLICANT_NOT_CITIZEN';

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/**
 * The applicant's identity as sent (the API's `applicant` object, the page's fields): the CCCD by
 * identity's rules (12 digits, province, the year of birth it encodes), the contact details by theirs.
 * Every field's problem at once, keyed by field.
 */
export function checkCounterApplicant(input: unknown): { ok: true; value: CounterApplicantInput } | { ok: false; problems: Problem<CounterApplicantProblem>[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: [{ code: 'APPLICANT_MISSING', field: 'applicant' }] };
  const o = input as Record<string, unknown>;
  const idNumber = text(o.idNumber, 20);
  const fullName = text(o.fullName, 200).replace(/\s+/g, ' ');
  const dobText = text(o.dateOfBirth, 20);
  const phone = text(o.phone, 20);
  const email = text(o.email, 320);
  const address = text(o.address, 300);
  const problems: Problem<CounterApplicantProblem>[] = [];
  const dateOfBirth = dobText ? parseDate(dobText) : undefined;
  if (dobText && !dateOfBirth) problems.push({ code: 'DATE_OF_BIRTH_INVALID', field: 'dateOfBirth' });
  const cccd = idNumber ? cccdCheck(idNumber, dateOfBirth) : { code: 'CCCD_FORMAT' as const };
  if (cccd) problems.push({ ...cccd, field: 'idNumber' });
  if (!fullName) problems.push({ code: 'FULL_NAME_MISSING', field: 'fullName' });
  else if (fullName.length > 100) problems.push({ code: 'FULL_NAME_TOO_LONG', field: 'fullName' });
  const p = phone && phoneCheck(phone);
  if (p) problems.push({ ...p, field: 'phone' });
  const e = email && emailCheck(email);
  if (e) problems.push({ ...e, field: 'email' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { idNumber, fullName, dateOfBirth: dateOfBirth ?? null, phone: phone || null, email: email || null, address: address || null } };
}

/** The citizen account holding a CCCD, for the counter's search. */
export async function applicantByIdNumber(db: DB, idNumber: string): Promise<{ id: string; fullName: string; dateOfBirth: string | null; phone: string | null; email: string | null; citizen: boolean } | undefined> {
  const row = await db.selectFrom('account').select(['id', 'full_name', sql<string | null>`to_char(date_of_birth, 'YYYY-MM-DD')`.as('dob'), 'phone', 'email', 'role']).where('id_number', '=', idNumber).executeTakeFirst();
  return row && { id: row.id, fullName: row.full_name, dateOfBirth: row.dob, phone: row.phone, email: row.email, citizen: row.role === 'citizen' };
}

/**
 * The applicant's account: the one holding the CCCD, or a new citizen account without a password
 * (username "cd" + CCCD). Run in the intake's transaction: a refused intake creates no account.
 * A CCCD held by a staff account, or a phone or email another account holds, is refused.
 */
export async function counterApplicant(db: DB, a: CounterApplicantInput): Promise<Outcome<CounterApplicant, CounterApplicantProblem>> {
  const found = await applicantByIdNumber(db, a.idNumber);
  if (found) return found.citizen ? { ok: true, value: { id: found.id, name: found.fullName, created: false } } : { ok: false, problem: { code: 'APPLICANT_NOT_CITIZEN', field: 'idNumber' } };
  try {
    const id = await createAccount(db, {
      username: `cd${a.idNumber}`,
      fullName: a.fullName,
      role: 'citizen',
      idNumber: a.idNumber,
      dateOfBirth: a.dateOfBirth,
      phone: a.phone,
      email: a.email,
    });
    if (a.address) await db.updateTable('account').set({ permanent_address: JSON.stringify({ province: '', commune: '', detail: a.address }) }).where('id', '=', id).execute();
    return { ok: true, value: { id, name: a.fullName, created: true } };
  } catch (err) {
    if (err instanceof DuplicateAccountError) return { ok: false, problem: { ...err.problem, field: err.field } };
    throw err;
  }
}
