// Applications in PostgreSQL: submission with its code from the agency's daily sequence, and one
// application read whole. Status changes: transitions.ts; files and supplements: attachments.ts;
// the lookup, the applicant's list and the inbox: lists.ts.
import { randomUUID } from 'node:crypto';
import { sql, type QueryCreator } from 'kysely';
import type { Database, DB } from '../db/index.ts';
import { named } from '../db/query-kit.ts';
import { addNotice } from '../notifications/index.ts';
import { logFieldReuse, recordAttachments } from '../vault/index.ts';
import { dataFieldsOf, definitionAt, type FormDefinition, type PrintableApplication } from '../forms/index.ts';
import { addWorkingHours, dueDate, vietnamDay, type WorkingCalendar, type WorkingHours } from './calendar.ts';
import type { Channel, WorkflowStep } from '../db/schema.ts';
import { applicationCode, STATUS_NAMES, type Status } from './model.ts';
import { dayVi, timeVi } from '../web/format.ts';
import { attachmentRows, type NewAttachment } from './attachments.ts';

/** Runs in the caller's transaction when there is one (a payment or a result stored with its status change). */
export const inTransaction = <T,>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));

export interface NewApplication {
  serviceCode: string;
  serviceName: string;
  agencyCode: string;
  agencyName: string;
  applicantId: string;
  applicantName: string;
  data: unknown;
  formVersion?: string | null;
  timeLimitDays: number;
  /** Files already written to the file store; the rows that name them join the same transaction. */
  attachments?: NewAttachment[];
  /**
   * The e-form's draft this application comes from: deleted first thing in the transaction, so of
   * two requests sent together (a double press, a slow connection) only one finds it and stores.
   */
  claimDraft?: boolean;
  /** How it came; online unless an officer records a dossier brought to the counter or sent by post. */
  channel?: Channel;
  /** The receiving agency's working hours, for the 8-working-hour reception deadline of an online application. */
  workingHours?: WorkingHours;
  /** A time limit in working hours (the implementation's or the service's); null: timeLimitDays apply. */
  timeLimitHours?: number | null;
  /** What the request has read already: the form the answers were checked with, and the service's dossier components. */
  form?: FormDefinition;
  components?: readonly { id: string; kind: string }[];
}

/** Decree 45/2020: an online application is received, or the applicant asked to supplement, within 8 working hours. */
export const RECEPTION_WORKING_HOURS = 8;

/** The applicant's application for this service stored in the last few minutes, if any. */
export async function recentApplication(db: DB, applicantId: string, serviceCode: string): Promise<{ code: string; dueDate: string | null } | undefined> {
  const row = await db
    .selectFrom('application')
    .select(['code', 'due_date'])
    .where('applicant_id', '=', applicantId)
    .where('service_code', '=', serviceCode)
    .where('submitted_at', '>', sql<Date>`now() - interval '30 minutes'`)
    .orderBy('submitted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { code: row.code, dueDate: row.due_date };
}

/** The draft was already taken by another submission of the same answers. */
export class DraftAlreadySubmittedError extends Error {
  constructor() {
    super('Bản nháp này đã được gửi thành hồ sơ.');
  }
}


/** V1: the answers the form declares as data fields (name, CCCD, addresses …), by the definition it was filled with. */
export async function dataFieldsFrom(db: DB, formVersion: string | null, data: unknown) {
  const def = formVersion ? await definitionAt(db, formVersion) : undefined;
  return def ? dataFieldsOf(def, data) : [];
}

export interface Submitted {
  id: string;
  code: string;
  status: Status;
  dueDate: string;
  submittedAt: Date;
}

/** Stores a new application (status 1) with a unique code, in the caller's transaction or its own. */
export async function submitApplication(db: DB, a: NewApplication, calendar: WorkingCalendar, now = new Date()): Promise<Submitted> {
  const day = vietnamDay(now).day;
  // One row per agency and day, incremented under its row lock: concurrent submissions never
  // share a number. Taken in its own statement (docs/decisions/0017): submissions to one agency
  // then never wait for each other's whole transaction; a submission that fails after this
  // leaves its number unused.
  const nextNumber = async (q: DB) =>
    (
      await q
        .insertInto('application_sequence')
        .values({ agency_code: a.agencyCode, day, last: 1 })
        .onConflict((oc) => oc.columns(['agency_code', 'day']).doUpdateSet({ last: sql`application_sequence.last + 1` }))
        .returning('last')
        .executeTakeFirstOrThrow()
    ).last;
  const work = async (trx: DB, number: number): Promise<Submitted> => {
    if (a.claimDraft) {
      const claimed = await trx.deleteFrom('form_draft').where('account_id', '=', a.applicantId).where('service_code', '=', a.serviceCode).executeTakeFirst();
      if (!Number(claimed.numDeletedRows)) throw new DraftAlreadySubmittedError();
    }
    const code = applicationCode(a.agencyCode, day, number);
    // A4: a limit in working hours gives a due instant (its Vietnam day is the due date); else working days.
    const dueAt = a.timeLimitHours ? addWorkingHours(now, a.timeLimitHours, calendar, a.workingHours) : null;
    const due = dueAt ? vietnamDay(dueAt).day : dueDate(now, a.timeLimitDays, calendar);
    // The application, its files and its first status in one statement (the id is made here, so
    // each insert names it); the vault's records, the notice and its deliveries follow (A1, V1, N2).
    const id = randomUUID();
    const channel = a.channel ?? 'truc-tuyen';
    const rows = attachmentRows(id, a.applicantId, a.attachments ?? [], now);
    const application = (db: QueryCreator<Database>) =>
      db
        .insertInto('application')
        .values({
          id,
          code,
          service_code: a.serviceCode,
          agency_code: a.agencyCode,
          applicant_id: a.applicantId,
          status: 1,
          data: JSON.stringify(a.data),
          form_version: a.formVersion ?? null,
          due_date: due,
          due_at: dueAt,
          submitted_at: now,
          channel,
          reception_due_at: channel === 'truc-tuyen' ? addWorkingHours(now, RECEPTION_WORKING_HOURS, calendar, a.workingHours) : null,
        })
        .returning(['id', 'submitted_at']);
    const stored = trx
      .with('a', application)
      .with('e', (db) => db.insertInto('application_event').values({ application_id: id, status_from: null, status_to: 1, actor_id: a.applicantId, actor_name: a.applicantName, note: null, at: now }).returning('id'));
    const row = rows.length
      ? await stored.with('t', (db) => db.insertInto('application_attachment').values(rows).returning('id')).selectFrom('a').select(['id', 'submitted_at']).executeTakeFirstOrThrow()
      : await stored.selectFrom('a').select(['id', 'submitted_at']).executeTakeFirstOrThrow();
    // V1, V4: uploads enter the applicant's data store; documents taken from it are logged as reused.
    await recordAttachments(trx, { ownerId: a.applicantId, applicationId: row.id, applicationCode: code, agencyCode: a.agencyCode, serviceCode: a.serviceCode, components: a.components, attachments: a.attachments ?? [], now });
    const fields = a.form ? dataFieldsOf(a.form, a.data) : await dataFieldsFrom(trx, a.formVersion ?? null, a.data);
    await logFieldReuse(trx, { ownerId: a.applicantId, applicationId: row.id, applicationCode: code, agencyCode: a.agencyCode, fields, now });
    // Ví dụ 4 and N3: the applicant is told in the same transaction that stores the application.
    await addNotice(trx, {
      accountId: a.applicantId,
      applicationCode: code,
      title: `Hồ sơ ${code}: Thông tin của quý khách đã được tiếp nhận`,
      body: `Hồ sơ "${a.serviceName}" đã gửi đến ${a.agencyName} lúc ${timeVi(now)}. Hạn giải quyết dự kiến: ${dayVi(due)}.`,
      event: 'submitted',
      vars: { trang_thai: STATUS_NAMES[1], thoi_gian: timeVi(now) },
    });
    return { id: row.id, code, status: 1, dueDate: due, submittedAt: row.submitted_at };
  };
  if (db.isTransaction) return work(db, await nextNumber(db));
  const number = await nextNumber(db);
  return db.transaction().execute((trx) => work(trx, number));
}

/** One application read whole: what printing needs of it (F4, F5) and its status and history. */
export interface ApplicationRecord extends PrintableApplication {
  id: string;
  status: Status;
  statusName: string;
  dueDate: string | null;
  /** "id@n": the form version the answers were typed into. */
  formVersion: string | null;
  pausedDays: number;
  /** How it came, the unit holding it, the officer working on it and the workflow step (A3). */
  channel: Channel;
  unit: string;
  assigneeId: string | null;
  step: WorkflowStep;
  receptionDueAt: Date | null;
  history: { status: Status; statusName: string; at: Date; actor: string | null; note: string | null; kind: string | null }[];
}

export async function getApplication(db: DB, code: string): Promise<ApplicationRecord | undefined> {
  const a = await db
    .selectFrom('application')
    .innerJoin('service', 'service.code', 'application.service_code')
    .innerJoin('agency', 'agency.code', 'application.agency_code')
    .select([
      ...named('application', ['id', 'code']),
      'application.service_code as service',
      'service.name as serviceName',
      'application.agency_code as agency',
      'agency.name as agencyName',
      ...named('application', ['applicant_id', 'status', 'due_date', 'submitted_at', 'data', 'form_version', 'paused_days', 'channel', 'assignee_id', 'step', 'reception_due_at']),
      'application.unit_code as unit',
    ])
    .where('application.code', '=', code)
    .executeTakeFirst();
  if (!a) return undefined;
  const events = await db
    .selectFrom('application_event')
    .select(['status_to', 'at', 'actor_name', 'note', 'kind'])
    .where('application_id', '=', a.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return {
    ...a,
    status: a.status as Status,
    statusName: STATUS_NAMES[a.status as Status],
    history: events.map((e) => ({ status: e.status_to as Status, statusName: STATUS_NAMES[e.status_to as Status], at: e.at, actor: e.actor_name, note: e.note, kind: e.kind })),
  };
}
