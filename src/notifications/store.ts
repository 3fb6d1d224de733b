// Notices and their deliveries in PostgreSQL. A notice, its deliveries and their queue jobs are
// written by the caller inside the transaction of the event that causes them (N2): if the event
// rolls back, none exists; if it commits, graphile-worker will deliver each (docs/decisions/0011).
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { named } from '../db/query-kit.ts';
import type { DeliveryStatus } from '../db/schema.ts';
import { dayVi, timeVi } from '../web/format.ts';
import { defaultTemplate, msisdn, type Channel, type EventName, type Locale, type Template, type TemplateChannel } from './model.ts';

export const DELIVER_TASK = 'deliver';

export interface NewNotice {
  accountId: string;
  applicationCode?: string | null;
  title: string;
  body: string;
  /** What happened (chooses the email and SMS templates); 'notice' when not given. */
  event?: EventName;
  /** The template variables of the event (see model.ts); title, body, code, name and link are added. */
  vars?: Record<string, string>;
}

/** Writes the in-app notice and queues its email, SMS and webhook deliveries — in `trx`, in two statements. */
export async function addNotice(trx: DB, n: NewNotice): Promise<string> {
  const event = n.event ?? 'notice';
  const code = n.applicationCode ?? null;
  // The notice, its person (address, number, wishes), the facts every application template may
  // name (read here so callers pass only what is new) and the webhooks that want the event: one round trip.
  const { rows } = await sql<{ id: string; full_name: string; email: string | null; phone: string | null; wantsEmail: boolean | null; wantsSms: boolean | null; locale: string | null; found: boolean | null; service: string | null; agency: string | null; due_date: string | null; hooks: { id: number; url: string }[] }>`
    WITH n AS (INSERT INTO notice (account_id, application_code, title, body) VALUES (${n.accountId}, ${code}, ${n.title}, ${n.body}) RETURNING id)
    SELECT n.id, a.full_name, a.email, a.phone, p.email AS "wantsEmail", p.sms AS "wantsSms", p.locale, f.found, f.service, f.agency, f.due_date,
      (SELECT coalesce(json_agg(json_build_object('id', h.id, 'url', h.url) ORDER BY h.id), '[]'::json) FROM webhook_subscription h
        WHERE h.active AND (cardinality(h.events) = 0 OR ${event}::text = ANY(h.events))) AS hooks
    FROM n
    JOIN account a ON a.id = ${n.accountId}
    LEFT JOIN notification_preference p ON p.account_id = a.id
    LEFT JOIN LATERAL (
      SELECT true AS found, s.name AS service, g.name AS agency, x.due_date FROM application x
      JOIN service s ON s.code = x.service_code JOIN agency g ON g.code = x.agency_code
      WHERE x.code = ${code}::text
    ) f ON true`.execute(trx);
  const person = rows[0];
  if (!person) throw new Error(`notice: no account ${n.accountId}`);
  const vars: Record<string, string> = {
    ho_ten: person.full_name,
    thoi_gian: timeVi(new Date()),
    ...(person.found && { thu_tuc: person.service!, co_quan: person.agency!, han_xu_ly: dayVi(person.due_date) }),
    tieu_de: n.title,
    noi_dung: n.body,
    ...(n.applicationCode ? { ma_ho_so: n.applicationCode, duong_dan: `/ho-so/${n.applicationCode}` } : { duong_dan: '/thong-bao' }),
    ...n.vars,
  };
  // Defaults (no row yet): email and SMS on, wherever the account has an address or a number.
  const phone = person.phone ? msisdn(person.phone) : undefined;
  const wanted: Wanted[] = [];
  if (person.email && person.wantsEmail !== false) wanted.push({ channel: 'email', recipient: person.email });
  if (phone && person.wantsSms !== false) wanted.push({ channel: 'sms', recipient: phone });
  for (const h of person.hooks) wanted.push({ channel: 'webhook', recipient: h.url, webhook_id: h.id });
  await queueDeliveries(trx, { notice_id: person.id, application_code: code, account_id: n.accountId, event, vars: JSON.stringify(vars), locale: person.locale ?? 'vi' }, wanted);
  return person.id;
}

type Wanted = { channel: Channel; recipient: string; webhook_id?: number };
type NewDelivery = { notice_id: string | null; application_code: string | null; account_id: string | null; event: string; vars: string; locale: string } & Wanted;

/** One delivery row, its first log line, and its job — all in the caller's transaction. */
export async function queueDelivery(trx: DB, d: NewDelivery): Promise<string> {
  const { channel, recipient, webhook_id, ...base } = d;
  return (await queueDeliveries(trx, base, [{ channel, recipient, webhook_id }]))[0]!;
}

/**
 * A notice's deliveries, in the order given, each with its first log line and its job
 * (graphile-worker's own SQL API: a job is a row of this transaction, announced on commit) — one statement.
 */
async function queueDeliveries(trx: DB, base: Omit<NewDelivery, keyof Wanted>, wanted: readonly Wanted[]): Promise<string[]> {
  if (!wanted.length) return [];
  const { rows } = await sql<{ id: string }>`
    WITH d AS (
      INSERT INTO delivery (notice_id, application_code, account_id, event, vars, locale, channel, recipient, webhook_id)
      SELECT ${base.notice_id}::bigint, ${base.application_code}::text, ${base.account_id}::uuid, ${base.event}::text, ${base.vars}::jsonb, ${base.locale}::text, w.channel, w.recipient, w.webhook_id
      FROM unnest(${wanted.map((w) => w.channel)}::text[], ${wanted.map((w) => w.recipient)}::text[], ${wanted.map((w) => w.webhook_id ?? null)}::int[]) WITH ORDINALITY AS w(channel, recipient, webhook_id, ord)
      ORDER BY w.ord
      RETURNING id
    ), l AS (INSERT INTO delivery_log (delivery_id, status, detail) SELECT id, 'queued', NULL FROM d),
    j AS (
      SELECT count(*) FROM graphile_worker.add_jobs((
        SELECT array_agg(ROW(${DELIVER_TASK}::text, json_build_object('id', d.id::text), NULL::text, NULL::timestamptz, 25::smallint, 'delivery:' || d.id, NULL::smallint, NULL::text[])::graphile_worker.job_spec ORDER BY d.id) FROM d
      ))
    )
    SELECT d.id FROM d, j ORDER BY d.id`.execute(trx);
  return rows.map((r) => String(r.id));
}

/** graphile-worker's own SQL API: the job is a row of this transaction, announced on commit. */
async function addDeliverJob(db: DB, deliveryId: string): Promise<void> {
  await sql`SELECT graphile_worker.add_job(${DELIVER_TASK}, json_build_object('id', ${deliveryId}::text), job_key => ${`delivery:${deliveryId}`}, max_attempts => 25)`.execute(db);
}

// ── In-app notices ────────────────────────────────────────────────────────────────────────────

export interface Notice {
  id: string;
  applicationCode: string | null;
  title: string;
  body: string;
  createdAt: Date;
  read: boolean;
}

export async function noticesOf(db: DB, accountId: string, limit = 100): Promise<Notice[]> {
  const rows = await db
    .selectFrom('notice')
    .select(['id', 'application_code as applicationCode', 'title', 'body', 'created_at as createdAt', 'read_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ read_at, ...r }) => ({ ...r, read: read_at !== null }));
}

export async function unreadCount(db: DB, accountId: string): Promise<number> {
  const row = await db.selectFrom('notice').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks these notices of this account read (others' notices and unknown ids are left alone); how many changed. */
export async function markRead(db: DB, accountId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await db.updateTable('notice').set({ read_at: new Date() }).where('account_id', '=', accountId).where('id', 'in', ids).where('read_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ── Deliveries: what the worker reads and records ──────────────────────────────────────────────

export interface DeliveryJob {
  id: string;
  channel: Channel;
  recipient: string;
  status: DeliveryStatus;
  event: EventName;
  locale: Locale;
  vars: Record<string, string>;
  applicationCode: string | null;
  webhookSecret: string | null;
  noticeTitle: string | null;
  noticeBody: string | null;
  createdAt: Date;
}

export async function deliveryForJob(db: DB, id: string): Promise<DeliveryJob | undefined> {
  return db
    .selectFrom('delivery as d')
    .leftJoin('webhook_subscription as w', 'w.id', 'd.webhook_id')
    .leftJoin('notice as n', 'n.id', 'd.notice_id')
    .select([
      ...named('d', ['id', 'channel', 'recipient', 'status']),
      sql<EventName>`d.event`.as('event'),
      sql<Locale>`d.locale`.as('locale'),
      ...named('d', ['vars', 'application_code']),
      'w.secret as webhookSecret',
      'n.title as noticeTitle',
      'n.body as noticeBody',
      ...named('d', ['created_at']),
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function recordTry(db: DB, id: string): Promise<void> {
  await db.updateTable('delivery').set({ attempts: sql`attempts + 1`, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function recordOutcome(db: DB, id: string, status: DeliveryStatus | 'retry', detail: string, providerId?: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    await trx
      .updateTable('delivery')
      .set({ provider_answer: detail.slice(0, 2000), updated_at: now, ...(providerId && { provider_id: providerId }), ...((status === 'sent' || status === 'delivered') && { sent_at: now }) })
      .where('id', '=', id)
      .execute();
    // Only a queued delivery changes state here: an operator's report may have come first.
    if (status !== 'retry') {
      await trx
        .updateTable('delivery')
        .set({ status, ...(status === 'delivered' && { delivered_at: now }) })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .execute();
    }
    await trx.insertInto('delivery_log').values({ delivery_id: id, status, detail: detail.slice(0, 2000) }).execute();
  });
}

/** An operator's delivery report: delivered or failed, with its answer. Unknown ids change nothing. */
export async function recordSmsReport(db: DB, report: { providerId: string; reference?: string }, delivered: boolean, detail: string): Promise<boolean> {
  // By the operator's id, or by our reference (DV123) when the report outruns our record of the send.
  const byReference = /^DV(\d{1,18})$/.exec(report.reference ?? '')?.[1];
  const row = await db
    .selectFrom('delivery')
    .select('id')
    .where('channel', '=', 'sms')
    .where((eb) => eb.or([eb('provider_id', '=', report.providerId), ...(byReference ? [eb.and([eb('id', '=', byReference), eb.or([eb('provider_id', 'is', null), eb('provider_id', '=', report.providerId)])])] : [])]))
    .executeTakeFirst();
  if (!row) return false;
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    await trx
      .updateTable('delivery')
      .set({ status: delivered ? 'delivered' : 'failed', provider_id: report.providerId, provider_answer: detail.slice(0, 2000), updated_at: now, ...(delivered && { delivered_at: now }) })
      .where('id', '=', row.id)
      .execute();
    await trx.insertInto('delivery_log').values({ delivery_id: row.id, status: delivered ? 'delivered' : 'failed', detail: detail.slice(0, 2000) }).execute();
  });
  return true;
}

/** A failed delivery goes back in the queue for a fresh series of tries. */
export async function retryDelivery(db: DB, id: string, by: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('delivery').set({ status: 'queued', updated_at: new Date() }).where('id', '=', id).where('status', '=', 'failed').returning('id').executeTakeFirst();
    if (!row) return false;
    await trx.insertInto('delivery_log').values({ delivery_id: id, status: 'queued', detail: `Gửi lại theo yêu cầu của ${by}` }).execute();
    await addDeliverJob(trx, id);
    return true;
  });
}

// ── The delivery log and the queue, for officers ───────────────────────────────────────────────

export interface DeliveryLogLine {
  at: Date;
  status: string;
  detail: string | null;
}

export interface DeliveryView {
  id: string;
  channel: Channel;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  event: string;
  applicationCode: string | null;
  providerAnswer: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** When the queue will try next (graphile-worker's run_at), while queued. */
  nextTryAt: Date | null;
  lastError: string | null;
  log: DeliveryLogLine[];
}

function deliveriesQuery(db: DB) {
  return db
    .selectFrom('delivery as d')
    .leftJoin(sql<{ key: string; run_at: Date; last_error: string | null }>`graphile_worker.jobs`.as('j'), (join) => join.on(sql`j.key`, '=', sql`'delivery:' || d.id`))
    .select([
      'd.id',
      'd.channel',
      'd.recipient',
      'd.status',
      'd.attempts',
      'd.event',
      'd.application_code as applicationCode',
      'd.provider_answer as providerAnswer',
      'd.created_at as createdAt',
      'd.updated_at as updatedAt',
      sql<Date | null>`j.run_at`.as('nextTryAt'),
      sql<string | null>`j.last_error`.as('lastError'),
    ]);
}

async function withLogs(db: DB, rows: Omit<DeliveryView, 'log'>[]): Promise<DeliveryView[]> {
  if (!rows.length) return [];
  const lines = await db.selectFrom('delivery_log').select(['delivery_id', 'at', 'status', 'detail']).where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, nextTryAt: r.status === 'queued' ? r.nextTryAt : null, log: lines.filter((l) => l.delivery_id === r.id).map(({ at, status, detail }) => ({ at, status, detail })) }));
}

/** Every delivery of an application's notices, oldest first, with its log. */
export async function deliveriesOf(db: DB, applicationCode: string): Promise<DeliveryView[]> {
  const rows = await deliveriesQuery(db).where('d.application_code', '=', applicationCode).orderBy('d.id').execute();
  return withLogs(db, rows);
}

/** The queue: waiting and failed deliveries; `agencies` limits them to those agencies' applications. */
export async function queueOf(db: DB, status: 'queued' | 'failed', agencies: string[] | null, limit = 200): Promise<DeliveryView[]> {
  let q = deliveriesQuery(db).where('d.status', '=', status);
  if (agencies) {
    if (!agencies.length) return [];
    q = q.where('d.application_code', 'in', (eb) => eb.selectFrom('application').select('code').where('agency_code', 'in', agencies));
  }
  return withLogs(db, await q.orderBy('d.updated_at', 'desc').limit(limit).execute());
}

export async function deliveryAgency(db: DB, id: string): Promise<{ agencyCode: string | null } | undefined> {
  return db.selectFrom('delivery as d').leftJoin('application as a', 'a.code', 'd.application_code').select('a.agency_code as agencyCode').where('d.id', '=', id).executeTakeFirst();
}

export async function queueCounts(db: DB): Promise<Record<DeliveryStatus, number>> {
  const rows = await db.selectFrom('delivery').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
  const counts = { queued: 0, sent: 0, delivered: 0, failed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

// ── Templates ──────────────────────────────────────────────────────────────────────────────────

export async function templateFor(db: DB, event: EventName, channel: TemplateChannel, locale: Locale): Promise<Template & { custom: boolean }> {
  const row = await db.selectFrom('notification_template').select(['subject', 'body']).where('event', '=', event).where('channel', '=', channel).where('locale', '=', locale).executeTakeFirst();
  return row ? { ...row, custom: true } : { ...defaultTemplate(event, channel, locale), custom: false };
}

export async function customTemplates(db: DB): Promise<Set<string>> {
  const rows = await db.selectFrom('notification_template').select(['event', 'channel', 'locale']).execute();
  return new Set(rows.map((r) => `${r.event}/${r.channel}/${r.locale}`));
}

export async function saveTemplate(db: DB, event: EventName, channel: TemplateChannel, locale: Locale, t: Template, by: string): Promise<void> {
  await db
    .insertInto('notification_template')
    .values({ event, channel, locale, subject: t.subject, body: t.body, updated_by: by })
    .onConflict((oc) => oc.columns(['event', 'channel', 'locale']).doUpdateSet({ subject: t.subject, body: t.body, updated_by: by, updated_at: new Date() }))
    .execute();
}

export async function resetTemplate(db: DB, event: EventName, channel: TemplateChannel, locale: Locale): Promise<void> {
  await db.deleteFrom('notification_template').where('event', '=', event).where('channel', '=', channel).where('locale', '=', locale).execute();
}

// ── Preferences ────────────────────────────────────────────────────────────────────────────────

export interface Preferences {
  email: boolean;
  sms: boolean;
  locale: Locale;
  /** Where they would go: the account's email and phone, if any. */
  emailAddress: string | null;
  phone: string | null;
}

export async function preferencesOf(db: DB, accountId: string): Promise<Preferences> {
  const row = await db
    .selectFrom('account')
    .leftJoin('notification_preference as p', 'p.account_id', 'account.id')
    .select(['p.email', 'p.sms', 'p.locale', 'account.email as emailAddress', 'account.phone'])
    .where('account.id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { email: row.email ?? true, sms: row.sms ?? true, locale: row.locale ?? 'vi', emailAddress: row.emailAddress, phone: row.phone };
}

export async function savePreferences(db: DB, accountId: string, p: { email: boolean; sms: boolean; locale: Locale }): Promise<void> {
  await db
    .insertInto('notification_preference')
    .values({ account_id: accountId, ...p })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...p, updated_at: new Date() }))
    .execute();
}

// ── Webhook subscriptions ──────────────────────────────────────────────────────────────────────

export interface WebhookView {
  id: number;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
}

export async function webhooks(db: DB): Promise<WebhookView[]> {
  return db.selectFrom('webhook_subscription').select(['id', 'name', 'url', 'events', 'active', 'created_at as createdAt']).orderBy('id').execute();
}

export async function addWebhook(db: DB, w: { name: string; url: string; secret: string; events: string[] }, by: string): Promise<number> {
  const row = await db.insertInto('webhook_subscription').values({ ...w, created_by: by }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setWebhookActive(db: DB, id: number, active: boolean): Promise<boolean> {
  const r = await db.updateTable('webhook_subscription').set({ active }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deliveries by channel and state, for the operators' metrics (P5): queue depth and failures. */
export async function deliveryFigures(db: DB): Promise<{ channel: string; status: string; count: number }[]> {
  const rows = await db
    .selectFrom('delivery')
    .select(['channel', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['channel', 'status'])
    .execute();
  return rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.n) }));
}
