// Petitions in PostgreSQL: sending with its daily number and due date, the notices, the officers'
// list and answers, the public list of published answers, and the overdue count for dashboards.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { named } from '../db/query-kit.ts';
import { allowHit, type Limit } from '../db/rate-limit.ts';
import { audit, type Actor } from '../identity/index.ts';
import { addNotice } from '../notifications/index.ts';
import { dayVi, timeVi } from '../web/format.ts';
import type { Outcome } from '../web/problem.ts';
import type { WorkingCalendar } from '../applications/index.ts';
import { DEFAULT_HANDLING_DAYS, petitionCode, petitionDueDate, petitionStatus, STATUS_NAMES, vietnamDay, type PetitionInput, type PetitionStatus } from './model.ts';

export interface Petition {
  id: string;
  code: string;
  subject: string;
  content: string;
  senderId: string | null;
  senderName: string;
  senderEmail: string | null;
  senderPhone: string | null;
  serviceCode: string | null;
  serviceName: string | null;
  applicationCode: string | null;
  agencyCode: string;
  agencyName: string;
  receivedAt: Date;
  dueDate: string;
  answer: string | null;
  answererName: string | null;
  answeredAt: Date | null;
  published: boolean;
}

function petitionQuery(db: DB) {
  return db
    .selectFrom('petition as p')
    .innerJoin('agency as g', 'g.code', 'p.agency_code')
    .leftJoin('service as s', 's.code', 'p.service_code')
    .select([
      ...named('p', ['id', 'code', 'subject', 'content', 'sender_id', 'sender_name', 'sender_email', 'sender_phone', 'service_code']),
      's.name as serviceName',
      ...named('p', ['application_code', 'agency_code']),
      'g.name as agencyName',
      ...named('p', ['received_at', 'due_date', 'answer', 'answerer_name', 'answered_at', 'published']),
    ]);
}

export async function getPetition(db: DB, code: string): Promise<Petition | undefined> {
  return petitionQuery(db).where('p.code', '=', code).executeTakeFirst();
}

// ── Deadlines per agency ─────────────────────────────────────────────────────────────────────

export async function handlingDays(db: DB, agencyCode: string): Promise<number> {
  const row = await db.selectFrom('petition_deadline').select('handling_days').where('agency_code', '=', agencyCode).executeTakeFirst();
  return row?.handling_days ?? DEFAULT_HANDLING_DAYS;
}

export async function setHandlingDays(db: DB, agencyCode: string, days: number, by: Actor, ip?: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('petition_deadline')
      .values({ agency_code: agencyCode, handling_days: days, updated_by: by.username })
      .onConflict((oc) => oc.column('agency_code').doUpdateSet({ handling_days: days, updated_by: by.username, updated_at: new Date() }))
      .execute();
    await audit(trx, { actor: by, action: 'petition-deadline', targetType: 'agency', targetId: agencyCode, agencyCode, ip, details: { handlingDays: days } });
  });
}

/** The portal's top agency: the root of the agency tree (the first by code if there are several). */
export async function topAgency(db: DB): Promise<{ code: string; name: string } | undefined> {
  return db.selectFrom('agency').select(['code', 'name']).where('parent_code', 'is', null).orderBy('code').limit(1).executeTakeFirst();
}

export async function agencyNamed(db: DB, code: string): Promise<{ code: string; name: string } | undefined> {
  return db.selectFrom('agency').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

// ── Sending ──────────────────────────────────────────────────────────────────────────────────

export interface NewPetition extends PetitionInput {
  senderId: string | null;
  senderName: string;
  agencyCode: string;
  agencyName: string;
}

export interface SentPetition {
  code: string;
  dueDate: string;
  receivedAt: Date;
  agencyCode: string;
  agencyName: string;
}

/**
 * Stores a petition with the next number of the day, its due date by the agency's handling days,
 * and — for a signed-in sender — the notice, all in one transaction. `limit` counts the hit of an
 * anonymous sender in the same transaction, so a refused or failed sending counts nothing.
 */
export async function sendPetition(db: DB, p: NewPetition, calendar: WorkingCalendar, options: { now?: Date; limit?: { limit: Limit; key: string } } = {}): Promise<Outcome<SentPetition, 'too-many-sends'>> {
  const now = options.now ?? new Date();
  const day = vietnamDay(now);
  const days = await handlingDays(db, p.agencyCode);
  const due = petitionDueDate(now, days, calendar);
  return db.transaction().execute(async (trx) => {
    if (options.limit && !(await allowHit(trx, options.limit.limit, options.limit.key, now))) return { ok: false, problem: { code: 'too-many-sends' } } as const;
    const { last } = await trx
      .insertInto('petition_sequence')
      .values({ day, last: 1 })
      .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql`petition_sequence.last + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    const code = petitionCode(day, last);
    await trx
      .insertInto('petition')
      .values({
        code,
        subject: p.subject,
        content: p.content,
        sender_id: p.senderId,
        sender_name: p.senderName,
        sender_email: p.email,
        sender_phone: p.phone,
        service_code: p.service,
        application_code: p.application,
        agency_code: p.agencyCode,
        consent_at: now,
        received_at: now,
        due_date: due,
      })
      .execute();
    if (p.senderId) {
      await addNotice(trx, {
        accountId: p.senderId,
        title: `Phản ánh, kiến nghị ${code} đã được tiếp nhận`,
        body: `Phản ánh "${p.subject}" đã gửi đến ${p.agencyName} lúc ${timeVi(now)}. Hạn trả lời: ${dayVi(due)}.`,
        vars: { duong_dan: `/phan-anh-kien-nghi/tra-cuu?ma=${code}` },
      });
    }
    return { ok: true, value: { code, dueDate: due, receivedAt: now, agencyCode: p.agencyCode, agencyName: p.agencyName } } as const;
  });
}

// ── Officers ─────────────────────────────────────────────────────────────────────────────────

export interface PetitionRow {
  code: string;
  subject: string;
  agencyName: string;
  receivedAt: Date;
  dueDate: string;
  answeredAt: Date | null;
  published: boolean;
  status: PetitionStatus;
  statusName: string;
}

/** The petitions of these agencies: overdue first, then those waiting by due date, then answered, newest first. */
export async function petitionsFor(db: DB, agencies: string[], options: { overdueOnly?: boolean; now?: Date; limit?: number } = {}): Promise<PetitionRow[]> {
  if (!agencies.length) return [];
  const today = vietnamDay(options.now ?? new Date());
  const rows = await db
    .selectFrom('petition as p')
    .innerJoin('agency as g', 'g.code', 'p.agency_code')
    .select(['p.code', 'p.subject', 'g.name as agencyName', 'p.received_at as receivedAt', 'p.due_date as dueDate', 'p.answered_at as answeredAt', 'p.published'])
    .where('p.agency_code', 'in', agencies)
    .$if(!!options.overdueOnly, (q) => q.where('p.answer', 'is', null).where('p.due_date', '<', today))
    .orderBy(sql`p.answer IS NULL`, 'desc')
    .orderBy(sql`CASE WHEN p.answer IS NULL THEN p.due_date END`, 'asc')
    .orderBy('p.received_at', 'desc')
    .limit(options.limit ?? 500)
    .execute();
  return rows.map((r) => {
    const status = petitionStatus(r, today);
    return { ...r, status, statusName: STATUS_NAMES[status] };
  });
}

export interface OverduePetitions {
  count: number;
  /** The oldest few, by due date. */
  items: { code: string; subject: string; agencyCode: string; dueDate: string }[];
  /** Where the officers' list shows them. */
  href: string;
}

/** Unanswered petitions of these agencies whose due day has passed (Vietnam time), for dashboards. */
export async function overduePetitions(db: DB, agencies: Iterable<string>, now = new Date()): Promise<OverduePetitions> {
  const codes = [...agencies];
  const href = '/can-bo/phan-anh-kien-nghi?loc=qua-han';
  if (!codes.length) return { count: 0, items: [], href };
  const today = vietnamDay(now);
  const open = db.selectFrom('petition').where('agency_code', 'in', codes).where('answer', 'is', null).where('due_date', '<', today);
  const [count, items] = await Promise.all([
    open.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    open.select(['code', 'subject', 'agency_code as agencyCode', 'due_date as dueDate']).orderBy('due_date').orderBy('code').limit(10).execute(),
  ]);
  return { count: Number(count.n), items, href };
}

/**
 * The officer's answer: stored with who gave it; the first answer notifies a signed-in sender in
 * the same transaction; publishing and unpublishing are written in the audit log.
 */
export async function answerPetition(db: DB, code: string, a: { answer: string; published: boolean; by: Actor; ip?: string }, now = new Date()): Promise<{ first: boolean }> {
  return db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('petition').select(['id', 'subject', 'sender_id', 'answer', 'published', 'agency_code']).where('code', '=', code).forUpdate().executeTakeFirstOrThrow();
    const first = p.answer === null;
    await trx
      .updateTable('petition')
      .set({ answer: a.answer, published: a.published, answerer_id: a.by.id, answerer_name: a.by.fullName, ...(first ? { answered_at: now } : {}) })
      .where('id', '=', p.id)
      .execute();
    const action = first ? 'petition-answer' : 'petition-answer-change';
    await audit(trx, { actor: a.by, action, targetType: 'petition', targetId: code, agencyCode: p.agency_code, ip: a.ip, details: { published: a.published } });
    if (!first && p.published !== a.published) {
      await audit(trx, { actor: a.by, action: a.published ? 'petition-publish' : 'petition-unpublish', targetType: 'petition', targetId: code, agencyCode: p.agency_code, ip: a.ip });
    }
    if (first && p.sender_id) {
      await addNotice(trx, {
        accountId: p.sender_id,
        title: `Phản ánh, kiến nghị ${code} đã được trả lời`,
        body: `Cơ quan đã trả lời phản ánh "${p.subject}". Xem nội dung trả lời tại trang tra cứu phản ánh.`,
        vars: { duong_dan: `/phan-anh-kien-nghi/tra-cuu?ma=${code}` },
      });
    }
    return { first };
  });
}

// ── The public list ──────────────────────────────────────────────────────────────────────────

export interface PublishedPetition {
  code: string;
  subject: string;
  content: string;
  agencyName: string;
  serviceCode: string | null;
  serviceName: string | null;
  receivedAt: Date;
  answer: string;
  answeredAt: Date;
}

/** Published answers, newest answer first; `q` matches with or without Vietnamese marks. No sender's details. */
export async function publishedPetitions(db: DB, f: { q?: string; page: number; pageSize: number }): Promise<{ items: PublishedPetition[]; total: number }> {
  const q = f.q?.trim();
  const base = db
    .selectFrom('petition as p')
    .where('p.published', '=', true)
    .$if(!!q, (qb) => qb.where(sql<boolean>`p.search_text LIKE '%' || vn_fold(${q!}) || '%'`));
  const [rows, total] = await Promise.all([
    base
      .innerJoin('agency as g', 'g.code', 'p.agency_code')
      .leftJoin('service as s', 's.code', 'p.service_code')
      .select(['p.code', 'p.subject', 'p.content', 'g.name as agencyName', 'p.service_code as serviceCode', 's.name as serviceName', 'p.received_at as receivedAt', 'p.answer', 'p.answered_at as answeredAt'])
      .orderBy('p.answered_at', 'desc')
      .orderBy('p.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ ...r, answer: r.answer!, answeredAt: r.answeredAt! })), total: Number(total.n) };
}
