// Applications in PostgreSQL: submission with its code from the agency's daily sequence, status
// changes with their history, and the reads of applicants, officers and the public lookup.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { addNotice, eventOfStatus } from '../notifications/index.ts';
import { acceptDocumentsOf, logFieldReuse, recordAttachments, rejectDocumentsOf } from '../vault/index.ts';
import { dataFieldsOf, definitionByVersion } from '../forms/index.ts';
import { addWorkingDays, dueDate, pausedWorkingDays, vietnamDay, type WorkingCalendar } from './calendar.ts';
import { APPLICATION_CODE, applicationCode, checkTransition, resumeAfter, STATUS_NAMES, type Mover, type Status, type TransitionProblem } from './model.ts';
import { dayVi, timeVi } from '../web/format.ts';
import { RATEABLE_STATUSES } from '../feedback/index.ts';
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
  /** Files already written to the file store; the rows that name them join the same transaction. */
  attachments?: NewAttachment[];
  /**
   * The e-form's draft this application comes from: deleted first thing in the transaction, so of
   * two requests sent together (a double press, a slow connection) only one finds it and stores.
   */
  claimDraft?: boolean;
}

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
function dataFieldsFrom(formVersion: string | null, data: unknown) {
  const def = formVersion ? definitionByVersion(formVersion) : undefined;
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
    await insertAttachments(trx, row.id, a.applicantId, a.attachments ?? [], now);
    // V1, V4: uploads enter the applicant's data store; documents taken from it are logged as reused.
    await recordAttachments(trx, { ownerId: a.applicantId, applicationId: row.id, applicationCode: code, agencyCode: a.agencyCode, serviceCode: a.serviceCode, attachments: a.attachments ?? [], now });
    await logFieldReuse(trx, { ownerId: a.applicantId, applicationId: row.id, applicationCode: code, agencyCode: a.agencyCode, fields: dataFieldsFrom(a.formVersion ?? null, a.data), now });
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
  if (db.isTransaction) return work(db, await nextNumber(db));
  const number = await nextNumber(db);
  return db.transaction().execute((trx) => work(trx, number));
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
  pausedDays: number;
  history: { status: Status; statusName: string; at: Date; actor: string | null; note: string | null; kind: string | null }[];
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
      'application.paused_days as pausedDays',
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

export type TransitionResult = { ok: true; status: Status } | { ok: false; problem: TransitionProblem | { code: 'NOT_FOUND'; message: string } };

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

async function lockApplication(trx: DB, code: string): Promise<LockedApplication | undefined> {
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
    if (!app) return { ok: false, problem: { code: 'NOT_FOUND', message: `Không có hồ sơ mã "${code}".` } };
    return moveLocked(trx, code, app, to, by, actor, note, options);
  });
}

async function moveLocked(trx: DB, code: string, app: LockedApplication, to: Status, by: Mover, actor: { id: string; name: string } | null, note: string, options: TransitionOptions): Promise<TransitionResult> {
  const now = options.now ?? new Date();
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
    await acceptDocumentsOf(trx, app.id, app.agency_code, { now, fields: dataFieldsFrom(filled.form_version, filled.data) });
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
  return { ok: true, status: to };
}

/** A file kept with an application. */
export interface NewAttachment {
  componentId: string | null;
  label: string;
  fileKey: string;
  sha256: string;
  size: number;
  kind: string;
  mime: string;
  originalName: string;
  source: 'upload' | 'vault';
  vaultDocumentId?: string | null;
  supplementItem?: string | null;
}

async function insertAttachments(trx: DB, applicationId: string, uploadedBy: string, list: NewAttachment[], now: Date, supplementRequestId: string | null = null): Promise<void> {
  if (!list.length) return;
  await trx
    .insertInto('application_attachment')
    .values(
      list.map((f) => ({
        application_id: applicationId,
        component_id: f.componentId,
        label: f.label,
        file_key: f.fileKey,
        sha256: f.sha256,
        size: f.size,
        kind: f.kind,
        mime: f.mime,
        original_name: f.originalName,
        uploaded_at: now,
        uploaded_by: uploadedBy,
        source: f.source,
        vault_document_id: f.vaultDocumentId ?? null,
        supplement_request_id: supplementRequestId,
        supplement_item: f.supplementItem ?? null,
      })),
    )
    .execute();
}

export type SupplyResult = { ok: true; complete: boolean; status: Status } | { ok: false; problem: { code: 'NOT_FOUND' | 'NOT_ALLOWED'; message: string } };

/**
 * The applicant's supplement (A4): the files join the application under the open request; once
 * every item has a file the application goes back where it was and the due date moves on by
 * the working days spent waiting. One transaction, the application row locked.
 */
export async function supplyDocuments(db: DB, code: string, applicant: { id: string; name: string }, files: NewAttachment[], calendar: WorkingCalendar, now = new Date()): Promise<SupplyResult> {
  return db.transaction().execute(async (trx): Promise<SupplyResult> => {
    const app = await lockApplication(trx, code);
    if (!app || app.applicant_id !== applicant.id) return { ok: false, problem: { code: 'NOT_FOUND', message: `Không có hồ sơ mã "${code}".` } };
    const open = await trx.selectFrom('application_supplement_request').select(['id', 'items']).where('application_id', '=', app.id).where('completed_at', 'is', null).executeTakeFirst();
    if (app.status !== 5 || !open) return { ok: false, problem: { code: 'NOT_ALLOWED', message: 'Hồ sơ không ở trạng thái chờ bổ sung giấy tờ; không có gì được lưu.' } };
    await insertAttachments(trx, app.id, applicant.id, files, now, open.id);
    const given = await trx.selectFrom('application_attachment').select('supplement_item').distinct().where('supplement_request_id', '=', open.id).execute();
    const have = new Set(given.map((g) => g.supplement_item));
    const complete = open.items.every((i) => have.has(i.id));
    if (!complete) return { ok: true, complete: false, status: 5 };
    const moved = await moveLocked(trx, code, app, resumeAfter((app.resume_status ?? 4) as Status), 'system', applicant, '', { calendar, now });
    if (!moved.ok) throw new Error(moved.problem.message);
    return { ok: true, complete: true, status: moved.status };
  });
}

export interface SupplementRequest {
  id: string;
  items: SupplementItem[];
  reason: string;
  requestedBy: string | null;
  requestedAt: Date;
  completedAt: Date | null;
  pausedDays: number | null;
  /** Item ids that already have a file. */
  supplied: string[];
}

export async function supplementRequestsOf(db: DB, applicationId: string): Promise<SupplementRequest[]> {
  const rows = await db
    .selectFrom('application_supplement_request')
    .select(['id', 'items', 'reason', 'requested_by_name', 'requested_at', 'completed_at', 'paused_days'])
    .where('application_id', '=', applicationId)
    .orderBy('requested_at')
    .execute();
  const given = rows.length
    ? await db.selectFrom('application_attachment').select(['supplement_request_id', 'supplement_item']).where('application_id', '=', applicationId).where('supplement_request_id', 'is not', null).execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    items: r.items,
    reason: r.reason,
    requestedBy: r.requested_by_name,
    requestedAt: r.requested_at,
    completedAt: r.completed_at,
    pausedDays: r.paused_days,
    supplied: given.filter((g) => g.supplement_request_id === r.id).map((g) => g.supplement_item!),
  }));
}

export interface Attachment {
  id: string;
  componentId: string | null;
  label: string;
  fileKey: string;
  sha256: string;
  size: number;
  kind: string;
  mime: string;
  originalName: string;
  uploadedAt: Date;
  source: 'upload' | 'vault';
  vaultDocumentId: string | null;
  supplementRequestId: string | null;
}

export async function attachmentsOf(db: DB, applicationId: string): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('application_attachment')
    .select(['id', 'component_id', 'label', 'file_key', 'sha256', 'size', 'kind', 'mime', 'original_name', 'uploaded_at', 'source', 'vault_document_id', 'supplement_request_id'])
    .where('application_id', '=', applicationId)
    .orderBy('uploaded_at')
    .orderBy('label')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    componentId: r.component_id,
    label: r.label,
    fileKey: r.file_key,
    sha256: r.sha256,
    size: Number(r.size),
    kind: r.kind,
    mime: r.mime,
    originalName: r.original_name,
    uploadedAt: r.uploaded_at,
    source: r.source,
    vaultDocumentId: r.vault_document_id,
    supplementRequestId: r.supplement_request_id,
  }));
}

export type ApologyResult = { ok: true; newDueDate: string } | { ok: false; problem: { code: 'NOT_FOUND' | 'ALREADY' | 'NOT_ALLOWED' | 'BAD_DATE' | 'REASON_REQUIRED'; message: string } };

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
  if (!text) return { ok: false, problem: { code: 'REASON_REQUIRED', message: 'Hãy ghi rõ lý do chậm trễ trong thư xin lỗi.' } };
  return db.transaction().execute(async (trx): Promise<ApologyResult> => {
    const app = await lockApplication(trx, code);
    if (!app) return { ok: false, problem: { code: 'NOT_FOUND', message: `Không có hồ sơ mã "${code}".` } };
    const already = await trx.selectFrom('application_apology').select('sent_at').where('application_id', '=', app.id).executeTakeFirst();
    if (already) return { ok: false, problem: { code: 'ALREADY', message: `Hồ sơ này đã có thư xin lỗi và hẹn lại ngày trả kết quả (${timeVi(already.sent_at)}); mỗi hồ sơ chỉ được hẹn lại một lần.` } };
    if (![1, 2, 4, 5, 6].includes(app.status)) return { ok: false, problem: { code: 'NOT_ALLOWED', message: `Hồ sơ ở trạng thái "${STATUS_NAMES[app.status as Status]}": không còn hẹn lại ngày trả kết quả.` } };
    const floor = app.due_date && app.due_date > today ? app.due_date : today;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(newDueDate) || newDueDate <= floor) {
      return { ok: false, problem: { code: 'BAD_DATE', message: `Ngày hẹn mới phải sau ${dayVi(floor)} (sau cả hạn giải quyết hiện tại và hôm nay).` } };
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
    return { ok: true, newDueDate };
  });
}

export async function apologyOf(db: DB, applicationId: string): Promise<Apology | undefined> {
  const r = await db.selectFrom('application_apology').select(['officer_name', 'reason', 'previous_due_date', 'new_due_date', 'sent_at']).where('application_id', '=', applicationId).executeTakeFirst();
  return r && { officerName: r.officer_name, reason: r.reason, previousDueDate: r.previous_due_date, newDueDate: r.new_due_date, sentAt: r.sent_at };
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

/**
 * The public lookup in one round trip (P2): the status, how many failed lookups the visitor has
 * made in the current window of its limit, and how many failed lookups of this code there were,
 * from anywhere, in the window of `codeLimit` (`rate_limit`, shared by all instances; S1).
 */
export async function lookupStatusCounted(
  db: DB,
  code: string,
  check: string,
  limit: { bucket: string; key: string; windowStart: Date },
  codeLimit?: { bucket: string; windowStart: Date },
): Promise<{ misses: number; codeMisses: number; found?: { code: string; status: Status; statusName: string } }> {
  const digits = /^\d{4}$/.test(check) ? check : '';
  const { rows } = await sql<{ misses: number; code_misses: number; code: string | null; status: number | null }>`
    SELECT coalesce((SELECT hits FROM rate_limit WHERE bucket = ${limit.bucket} AND key = ${limit.key} AND window_start = ${limit.windowStart}), 0) AS misses,
           ${codeLimit ? sql`coalesce((SELECT hits FROM rate_limit WHERE bucket = ${codeLimit.bucket} AND key = ${code} AND window_start = ${codeLimit.windowStart}), 0)` : sql`0`} AS code_misses,
           a.code, a.status
    FROM (SELECT 1) AS one
    LEFT JOIN (application a JOIN account ac ON ac.id = a.applicant_id AND (right(ac.phone, 4) = ${digits} OR right(ac.id_number, 4) = ${digits}))
      ON a.code = ${code} AND ${digits} <> ''`.execute(db);
  const r = rows[0]!;
  return { misses: r.misses, codeMisses: Number(r.code_misses), ...(r.code !== null && r.status !== null && { found: { code: r.code, status: r.status as Status, statusName: STATUS_NAMES[r.status as Status] } }) };
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
export async function inbox(db: DB, agencies: string[], f: InboxFilters): Promise<{ items: (ApplicationSummary & { files: number })[]; counts: Partial<Record<Status, number>>; overdue: number }> {
  if (!agencies.length) return { items: [], counts: {}, overdue: 0 };
  const open = [1, 2, 4, 5, 6, 7];
  const [rows, counts, overdue] = await Promise.all([
    summaries(db)
      // How many files each one has, in the same query (one correlated count on the indexed application_id).
      .select((eb) => eb.selectFrom('application_attachment as f').select(eb.fn.countAll<string>().as('n')).whereRef('f.application_id', '=', 'application.id').as('files'))
      .where('application.agency_code', 'in', agencies)
      .$if(!!f.status, (qb) => qb.where('application.status', '=', f.status!))
      .$if(!!f.service, (qb) => qb.where('application.service_code', '=', f.service!))
      .$if(!!f.overdue, (qb) => qb.where('application.due_date', '<', f.today).where('application.status', 'in', open))
      // A code is looked up by its unique index; a name finds the applicants first (trigram index), then their applications.
      .$if(!!f.q && APPLICATION_CODE.test(f.q), (qb) => qb.where('application.code', '=', f.q!.toUpperCase()))
      .$if(!!f.q && !APPLICATION_CODE.test(f.q), (qb) =>
        qb.where('application.applicant_id', 'in', (eb) => eb.selectFrom('account').select('id').where(sql`vn_fold(full_name)`, 'like', sql`'%' || vn_fold(${f.q!}) || '%'`)),
      )
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
  return { items: rows.map((r) => ({ ...withName(r), files: Number(r.files ?? 0) })), counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])), overdue: Number(overdue.n) };
}
