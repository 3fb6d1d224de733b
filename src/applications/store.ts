// Applications in PostgreSQL: submission with its code from the agency's daily sequence, status
// changes with their history, and the reads of applicants, officers and the public lookup.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { addNotice, eventOfStatus } from '../notifications/index.ts';
import { acceptDocumentsOf, rejectDocumentsOf } from '../vault/index.ts';
import { dueDate, vietnamDay, type WorkingCalendar } from './calendar.ts';
import { applicationCode, checkTransition, resumeAfter, STATUS_NAMES, type Mover, type Status, type TransitionProblem } from './model.ts';
import { dayVi, timeVi } from '../web/format.ts';
import { feeGuard } from './payment/guard.ts';
import { resultGuard } from './results/guard.ts';

/** Runs in the caller's transaction when there is one (a payment or a result stored with its status change). */
const inTransaction = <T,>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));

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
  const work = async (trx: DB): Promise<Submitted> => {
    const day = vietnamDay(now).day;
    // One row per agency and day, incremented under its row lock: concurrent submissions never
    // share a number, and a rolled-back submission gives its number back.
    const seq = await trx
      .insertInto('application_sequence')
      .values({ agency_code: a.agencyCode, day, last: 1 })
      .onConflict((oc) => oc.columns(['agency_code', 'day']).doUpdateSet({ last: sql`application_sequence.last + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    const code = applicationCode(a.agencyCode, day, seq.last);
    const due = dueDate(now, a.timeLimitDays, calendar);
    const row = await trx
      .insertInto('application')
      .values({
        code,
        service_code: a.serviceCode,
        agency_code: a.agencyCode,
        applicant_id: a.applicantId,
        status: 1,
        data: JSON.stringify(a.data),
        form_version: a.formVersion ?? null,
        due_date: due,
        submitted_at: now,
      })
      .returning(['id', 'submitted_at'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('application_event')
      .values({ application_id: row.id, status_from: null, status_to: 1, actor_id: a.applicantId, actor_name: a.applicantName, note: null, at: now })
      .execute();
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
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export interface ApplicationRecord {
  id: string;
  code: string;
  service: string;
  serviceName: string;
  agency: string;
  agencyName: string;
  applicantId: string;
  status: Status;
  statusName: string;
  dueDate: string | null;
  submittedAt: Date;
  data: unknown;
  history: { status: Status; statusName: string; at: Date; actor: string | null; note: string | null }[];
}

export async function getApplication(db: DB, code: string): Promise<ApplicationRecord | undefined> {
  const a = await db
    .selectFrom('application')
    .innerJoin('service', 'service.code', 'application.service_code')
    .innerJoin('agency', 'agency.code', 'application.agency_code')
    .select([
      'application.id',
      'application.code',
      'application.service_code as service',
      'service.name as serviceName',
      'application.agency_code as agency',
      'agency.name as agencyName',
      'application.applicant_id as applicantId',
      'application.status',
      'application.due_date as dueDate',
      'application.submitted_at as submittedAt',
      'application.data',
    ])
    .where('application.code', '=', code)
    .executeTakeFirst();
  if (!a) return undefined;
  const events = await db
    .selectFrom('application_event')
    .select(['status_to', 'at', 'actor_name', 'note'])
    .where('application_id', '=', a.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return {
    ...a,
    status: a.status as Status,
    statusName: STATUS_NAMES[a.status as Status],
    history: events.map((e) => ({ status: e.status_to as Status, statusName: STATUS_NAMES[e.status_to as Status], at: e.at, actor: e.actor_name, note: e.note })),
  };
}

export type TransitionResult = { ok: true; status: Status } | { ok: false; problem: TransitionProblem | { code: 'NOT_FOUND'; message: string } };

/** Moves an application to a new status if the rules allow it, recording who, when and why. */
export async function transition(db: DB, code: string, to: Status, by: Mover, actor: { id: string; name: string } | null, note = '', now = new Date()): Promise<TransitionResult> {
  return inTransaction(db, async (trx) => {
    const app = await trx.selectFrom('application').select(['id', 'status', 'resume_status', 'applicant_id', 'agency_code']).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!app) return { ok: false, problem: { code: 'NOT_FOUND', message: `Không có hồ sơ mã "${code}".` } };
    const from = app.status as Status;
    const problem = checkTransition(from, to, by, note);
    if (problem) return { ok: false, problem };
    // Documents supplied or fees paid: back to where the request was made.
    if (by === 'system' && (from === 5 || from === 6) && to !== resumeAfter((app.resume_status ?? 4) as Status)) {
      return { ok: false, problem: { code: 'NOT_ALLOWED', message: `Hồ sơ phải trở lại trạng thái "${STATUS_NAMES[resumeAfter((app.resume_status ?? 4) as Status)]}".` } };
    }
    // A7: status 6 needs a fee to pay, status 9 a signed result.
    const guarded = (await feeGuard(trx, app.id, from, to, actor?.id ?? null)) ?? (await resultGuard(trx, app.id, to));
    if (guarded) return { ok: false, problem: guarded };
    await trx
      .updateTable('application')
      .set({
        status: to,
        resume_status: to === 5 || to === 6 ? from : null,
        updated_at: now,
        ...((to === 3 || to === 8 || to === 10) && { finished_at: now }),
      })
      .where('id', '=', app.id)
      .execute();
    await trx
      .insertInto('application_event')
      .values({ application_id: app.id, status_from: from, status_to: to, actor_id: actor?.id ?? null, actor_name: actor?.name ?? null, note: note.trim() || null, at: now })
      .execute();
    // V2: what came with the application, and what it reused from the store, counts once received.
    if (to === 2) await acceptDocumentsOf(trx, app.id, app.agency_code, { now });
    if (to === 3) await rejectDocumentsOf(trx, app.id, now);
    // N3: every status change tells the applicant, naming the agency and the time — same transaction.
    const agency = await trx.selectFrom('agency').select('name').where('code', '=', app.agency_code).executeTakeFirstOrThrow();
    await addNotice(trx, {
      accountId: app.applicant_id,
      applicationCode: code,
      title: `Hồ sơ ${code}: ${STATUS_NAMES[to]}`,
      body: `${agency.name} ghi nhận hồ sơ chuyển sang "${STATUS_NAMES[to]}" lúc ${timeVi(now)}.${note.trim() ? ` Ghi chú: ${note.trim()}` : ''}`,
      event: eventOfStatus(to),
      vars: { trang_thai: STATUS_NAMES[to], thoi_gian: timeVi(now), ghi_chu: note.trim() },
    });
    return { ok: true, status: to };
  });
}

/**
 * Public status lookup (A6): the code and a second factor — the last four digits of the
 * applicant's phone or CCCD. Answers the status only, never personal data.
 */
export async function lookupStatus(db: DB, code: string, check: string): Promise<{ code: string; status: Status; statusName: string } | undefined> {
  if (!/^\d{4}$/.test(check)) return undefined;
  const row = await db
    .selectFrom('application')
    .innerJoin('account', 'account.id', 'application.applicant_id')
    .select(['application.code', 'application.status'])
    .where('application.code', '=', code)
    .where((eb) => eb.or([eb(sql`right(account.phone, 4)`, '=', check), eb(sql`right(account.id_number, 4)`, '=', check)]))
    .executeTakeFirst();
  return row && { code: row.code, status: row.status as Status, statusName: STATUS_NAMES[row.status as Status] };
}

export interface ApplicationSummary {
  code: string;
  serviceName: string;
  agencyName: string;
  applicantName: string;
  status: Status;
  statusName: string;
  dueDate: string | null;
  submittedAt: Date;
}

function summaries(db: DB) {
  return db
    .selectFrom('application')
    .innerJoin('service', 'service.code', 'application.service_code')
    .innerJoin('agency', 'agency.code', 'application.agency_code')
    .innerJoin('account', 'account.id', 'application.applicant_id')
    .select([
      'application.code',
      'service.name as serviceName',
      'agency.name as agencyName',
      'account.full_name as applicantName',
      'application.status',
      'application.due_date as dueDate',
      'application.submitted_at as submittedAt',
    ]);
}

const withName = <T extends { status: number }>(r: T) => ({ ...r, status: r.status as Status, statusName: STATUS_NAMES[r.status as Status] });

export async function applicationsOf(db: DB, applicantId: string): Promise<ApplicationSummary[]> {
  const rows = await summaries(db).where('application.applicant_id', '=', applicantId).orderBy('application.submitted_at', 'desc').limit(200).execute();
  return rows.map(withName);
}

export interface InboxFilters {
  status?: Status;
  service?: string;
  overdue?: boolean;
  q?: string;
  today: string;
}

/** An officer's inbox: the agencies' applications, newest first, with counts per status. */
export async function inbox(db: DB, agencies: string[], f: InboxFilters): Promise<{ items: ApplicationSummary[]; counts: Partial<Record<Status, number>>; overdue: number }> {
  if (!agencies.length) return { items: [], counts: {}, overdue: 0 };
  const open = [1, 2, 4, 5, 6, 7];
  const [rows, counts, overdue] = await Promise.all([
    summaries(db)
      .where('application.agency_code', 'in', agencies)
      .$if(!!f.status, (qb) => qb.where('application.status', '=', f.status!))
      .$if(!!f.service, (qb) => qb.where('application.service_code', '=', f.service!))
      .$if(!!f.overdue, (qb) => qb.where('application.due_date', '<', f.today).where('application.status', 'in', open))
      .$if(!!f.q, (qb) => qb.where((eb) => eb.or([eb('application.code', '=', f.q!), eb(sql`vn_fold(account.full_name)`, 'like', sql`'%' || vn_fold(${f.q!}) || '%'`)])))
      .orderBy('application.submitted_at', 'desc')
      .limit(100)
      .execute(),
    db.selectFrom('application').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('agency_code', 'in', agencies).groupBy('status').execute(),
    db
      .selectFrom('application')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('agency_code', 'in', agencies)
      .where('due_date', '<', f.today)
      .where('status', 'in', open)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(withName), counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])), overdue: Number(overdue.n) };
}
