// Status changes of an application (A2): the transition with its history, notices and the data
// store's acceptances in one transaction, and the apology that moves a due date (Decree 61/2018).
import type { DB } from '../db/index.ts';
import { addNotice, eventOfStatus } from '../notifications/index.ts';
import { acceptDocumentsOf, rejectDocumentsOf } from '../vault/index.ts';
import { addWorkingDays, pausedWorkingDays, type WorkingCalendar } from './calendar.ts';
import { checkTransition, resumeAfter, STATUS_NAMES, type Mover, type Status, type TransitionProblem } from './model.ts';
import type { Outcome } from '../web/problem.ts';
import { dayVi, timeVi } from '../web/format.ts';
import { RATEABLE_STATUSES } from '../feedback/index.ts';
import { feeGuard } from './payment/guard.ts';
import { resultGuard } from './results/guard.ts';
import { approvalGuard, workflowAfterMove } from './workflow/records.ts';
import { dataFieldsFrom, inTransaction } from './store.ts';

export type TransitionResult = Outcome<Status, TransitionProblem['code'] | 'NOT_FOUND' | 'APPROVAL_REQUIRED'>;

/** What another module does in the same transaction after every status change (a bundle's combined notice). */
export type StatusListener = (trx: DB, move: { applicationId: string; code: string; applicantId: string; to: Status; at: Date }) => Promise<void>;
const listeners: StatusListener[] = [];
/** Registers a listener once (registering the same function again does nothing); src/modules.ts does it for every process. */
export function afterStatusChange(listener: StatusListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Everything needed from the applicant, listed at once (A4): dossier components and free-text items. */
export interface SupplementItem {
  id: string;
  componentId: string | null;
  label: string;
}

export interface TransitionOptions {
  /** With a move to 5: the items asked for; by default the note is the one item. */
  items?: SupplementItem[];
  /** The working calendar, for the pause of the clock when the documents are complete. */
  calendar?: WorkingCalendar;
  now?: Date;
}

type LockedApplication = { id: string; status: number; resume_status: number | null; applicant_id: string; agency_code: string; due_date: string | null; paused_days: number };

export async function lockApplication(trx: DB, code: string): Promise<LockedApplication | undefined> {
  // The row lock makes two officers acting at once take turns: the second sees the first's status.
  return trx
    .selectFrom('application')
    .select(['id', 'status', 'resume_status', 'applicant_id', 'agency_code', 'due_date', 'paused_days'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

/** Moves an application to a new status if the rules allow it, recording who, when and why. */
export async function transition(db: DB, code: string, to: Status, by: Mover, actor: { id: string; name: string } | null, note = '', options: TransitionOptions = {}): Promise<TransitionResult> {
  return inTransaction(db, async (trx) => {
    const app = await lockApplication(trx, code);
    if (!app) return { ok: false, problem: { code: 'NOT_FOUND', params: { code } } };
    return moveLocked(trx, code, app, to, by, actor, note, options);
  });
}

export async function moveLocked(trx: DB, code: string, app: LockedApplication, to: Status, by: Mover, actor: { id: string; name: string } | null, note: string, options: TransitionOptions): Promise<TransitionResult> {
  const now = options.now ?? new Date();
  const from = app.status as Status;
  const problem = checkTransition(from, to, by, note);
  if (problem) return { ok: false, problem };
  // Documents supplied or fees paid: back to where the request was made.
  if (by === 'system' && (from === 5 || from === 6) && to !== resumeAfter((app.resume_status ?? 4) as Status)) {
    return { ok: false, problem: { code: 'NOT_ALLOWED', params: { rule: 'resume', to: resumeAfter((app.resume_status ?? 4) as Status) } } };
  }
  // A7: status 6 needs a fee to pay, status 9 a signed result.
  // A3: a result the implementation has a leader approve waits for that approval.
  const guarded = (await approvalGuard(trx, app.id, to)) ?? (await feeGuard(trx, app.id, from, to, actor?.id ?? null)) ?? (await resultGuard(trx, app.id, to));
  if (guarded) return { ok: false, problem: guarded };
  let eventNote = note.trim();
  let due = app.due_date;
  let paused = app.paused_days;
  if (to === 5) {
    const items = options.items?.length ? options.items : [{ id: '1', componentId: null, label: eventNote }];
    await trx
      .insertInto('application_supplement_request')
      .values({ application_id: app.id, items: JSON.stringify(items), reason: eventNote, requested_by: actor?.id ?? null, requested_by_name: actor?.name ?? null, requested_at: now })
      .execute();
  }
  if (from === 5) {
    const open = await trx.selectFrom('application_supplement_request').select(['id', 'requested_at']).where('application_id', '=', app.id).where('completed_at', 'is', null).executeTakeFirst();
    if (open && by === 'system' && options.calendar && due) {
      // A4: the time spent waiting for the applicant does not count; the due date moves on by it.
      const days = pausedWorkingDays(open.requested_at, now, options.calendar);
      const before = due;
      due = addWorkingDays(due, days, options.calendar);
      paused += days;
      await trx.updateTable('application_supplement_request').set({ completed_at: now, paused_days: days, due_before: before, due_after: due }).where('id', '=', open.id).execute();
      eventNote = `${eventNote ? `${eventNote} ` : ''}Đã bổ sung đủ giấy tờ; ${days} ngày làm việc chờ bổ sung không tính vào thời hạn giải quyết. Hạn giải quyết mới: ${dayVi(due)}.`;
    } else if (open) {
      await trx.updateTable('application_supplement_request').set({ completed_at: now }).where('id', '=', open.id).execute();
    }
  }
  await trx
    .updateTable('application')
    .set({
      status: to,
      resume_status: to === 5 || to === 6 ? from : null,
      updated_at: now,
      due_date: due,
      paused_days: paused,
      ...((to === 3 || to === 8 || to === 10) && { finished_at: now }),
    })
    .where('id', '=', app.id)
    .execute();
  await trx
    .insertInto('application_event')
    .values({ application_id: app.id, status_from: from, status_to: to, actor_id: actor?.id ?? null, actor_name: actor?.name ?? null, note: eventNote || null, at: now })
    .execute();
  // V2: what came with the application, and what it reused from the store, counts once received.
  if (to === 2) {
    const filled = await trx.selectFrom('application').select(['data', 'form_version']).where('id', '=', app.id).executeTakeFirstOrThrow();
    await acceptDocumentsOf(trx, app.id, app.agency_code, { now, fields: await dataFieldsFrom(trx, filled.form_version, filled.data) });
  }
  if (to === 3) await rejectDocumentsOf(trx, app.id, now);
  // N3: every status change tells the applicant, naming the agency and the time — same transaction.
  const agency = await trx.selectFrom('agency').select('name').where('code', '=', app.agency_code).executeTakeFirstOrThrow();
  await addNotice(trx, {
    accountId: app.applicant_id,
    applicationCode: code,
    title: `Hồ sơ ${code}: ${STATUS_NAMES[to]}`,
    // Q2: an ended application invites its rating, given on the application's page the notice links to.
    body: `${agency.name} ghi nhận hồ sơ chuyển sang "${STATUS_NAMES[to]}" lúc ${timeVi(now)}.${eventNote ? ` Ghi chú: ${eventNote}` : ''}${RATEABLE_STATUSES.has(to) && to !== 9 ? ' Mời quý khách đánh giá mức độ hài lòng trên trang hồ sơ.' : ''}`,
    event: eventOfStatus(to),
    vars: { trang_thai: STATUS_NAMES[to], thoi_gian: timeVi(now), ghi_chu: eventNote },
  });
  for (const listener of listeners) await listener(trx, { applicationId: app.id, code, applicantId: app.applicant_id, to, at: now });
  // A3: the workflow step follows; automatic assignment starts processing at once.
  if ((await workflowAfterMove(trx, app.id, from, to, actor, now)) === 'start') return moveLocked(trx, code, { ...app, status: 2 }, 4, 'officer', null, 'Bắt đầu xử lý theo phân công tự động.', options);
  return { ok: true, value: to };
}

/** The new date the applicant was given, or why not. */
export type ApologyResult = Outcome<string, 'NOT_FOUND' | 'ALREADY' | 'APOLOGY_CLOSED' | 'BAD_DATE' | 'REASON_REQUIRED'>;

export interface Apology {
  officerName: string;
  reason: string;
  previousDueDate: string | null;
  newDueDate: string;
  sentAt: Date;
}

/**
 * The apology of an officer who will be late (A4): a reason and a new date, once per application.
 * The legal due date stays what it was: on time or late is still measured against it.
 */
export async function sendApology(db: DB, code: string, officer: { id: string; name: string }, reason: string, newDueDate: string, today: string, now = new Date()): Promise<ApologyResult> {
  const text = reason.trim();
  if (!text) return { ok: false, problem: { code: 'REASON_REQUIRED', field: 'apology' } };
  return db.transaction().execute(async (trx): Promise<ApologyResult> => {
    const app = await lockApplication(trx, code);
    if (!app) return { ok: false, problem: { code: 'NOT_FOUND', params: { code } } };
    const already = await trx.selectFrom('application_apology').select('sent_at').where('application_id', '=', app.id).executeTakeFirst();
    if (already) return { ok: false, problem: { code: 'ALREADY', field: 'apology', params: { at: already.sent_at.toISOString() } } };
    if (![1, 2, 4, 5, 6].includes(app.status)) return { ok: false, problem: { code: 'APOLOGY_CLOSED', field: 'apology', params: { status: app.status } } };
    const floor = app.due_date && app.due_date > today ? app.due_date : today;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(newDueDate) || newDueDate <= floor) {
      return { ok: false, problem: { code: 'BAD_DATE', field: 'date', params: { after: floor } } };
    }
    await trx.insertInto('application_apology').values({ application_id: app.id, officer_id: officer.id, officer_name: officer.name, reason: text, previous_due_date: app.due_date, new_due_date: newDueDate, sent_at: now }).execute();
    const note = `Thư xin lỗi: ${text} Ngày hẹn trả kết quả mới: ${dayVi(newDueDate)}.`;
    await trx
      .insertInto('application_event')
      .values({ application_id: app.id, status_from: app.status, status_to: app.status, actor_id: officer.id, actor_name: officer.name, note, at: now, kind: 'apology' })
      .execute();
    const agency = await trx.selectFrom('agency').select('name').where('code', '=', app.agency_code).executeTakeFirstOrThrow();
    await addNotice(trx, {
      accountId: app.applicant_id,
      applicationCode: code,
      title: `Hồ sơ ${code}: Thư xin lỗi và hẹn lại ngày trả kết quả`,
      body: `${agency.name} xin lỗi vì hồ sơ có thể được giải quyết chậm so với hạn ${dayVi(app.due_date)}. Lý do: ${text} Ngày hẹn trả kết quả mới: ${dayVi(newDueDate)}.`,
      event: 'due-date-changed',
      vars: { han_xu_ly: dayVi(newDueDate), thoi_gian: timeVi(now), ghi_chu: `Lý do: ${text}` },
    });
    return { ok: true, value: newDueDate };
  });
}

export async function apologyOf(db: DB, applicationId: string): Promise<Apology | undefined> {
  const r = await db.selectFrom('application_apology').select(['officer_name', 'reason', 'previous_due_date', 'new_due_date', 'sent_at']).where('application_id', '=', applicationId).executeTakeFirst();
  return r && { officerName: r.officer_name, reason: r.reason, previousDueDate: r.previous_due_date, newDueDate: r.new_due_date, sentAt: r.sent_at };
}
