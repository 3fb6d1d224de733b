// The officer's inbox (A3, A4, A5): the queue a person may see, newest first in keyset pages on
// (submitted_at, id), filtered by status, service, receiving agency, assignee, deadline warning,
// channel and a search by code, CCCD or name; with bounded counts that match the filters; and the
// same rows in batches for the CSV export. One unit's queue is one index range
// (application_unit_queue), so a page costs the same on the first day and the millionth application.
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/index.ts';
import { runPrepared } from '../db/prepared.ts';
import type { Actor } from '../identity/index.ts';
import { calendarSource } from './calendar-store.ts';
import { CLOCK_STATUSES, deadlineWindow, WARNINGS, warningsOf, type DeadlineWindow, type Warning } from './deadlines.ts';
import { APPLICATION_CODE, STATUS_NAMES, type Status } from './model.ts';

export const CHANNELS = ['truc-tuyen', 'truc-tiep', 'buu-chinh'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_NAMES: Record<Channel, string> = { 'truc-tuyen': 'Trực tuyến', 'truc-tiep': 'Trực tiếp', 'buu-chinh': 'Bưu chính' };
const ALL_STATUSES: Status[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** A page's size: at most this many through the API; the CSV export reads bigger batches. */
export const MAX_PAGE_SIZE = 100;
/** Each count stops here ("10.000+"): a count never reads more than this many rows. */
export const COUNT_CAP = 10_000;
/**
 * Per-unit branches up to this many units: each unit is one index range read newest first, then the
 * top of them all (a province's 127 units: 30–70 ms at 1,000,000 applications, against 340 ms for one
 * scan sorting the whole tree). Beyond, one scan of them all.
 */
const UNIT_BRANCHES = 400;

/** Who sees what (the back-office contract): whole units, and units seen without others' assigned work. */
export interface InboxScope {
  me: string;
  whole: string[];
  partial: string[];
}

/** An officer sees a unit's unassigned applications and their own; heads, leaders and administrators the whole unit. */
export function inboxScope(actor: Actor): InboxScope {
  const units = [...actor.agencies].sort();
  if (actor.role !== 'officer') return { me: actor.id, whole: units, partial: [] };
  const full = (u: string) => !!actor.heads?.has(u) || !!actor.leads?.has(u);
  return { me: actor.id, whole: units.filter(full), partial: units.filter((u) => !full(u)) };
}

export interface InboxFilters {
  status?: Status;
  service?: string;
  /** The receiving agency (the implementation the application was submitted to). */
  agency?: string;
  /** 'nobody', or the officer's account id ('me' is resolved by the route). */
  assignee?: string;
  due?: Warning;
  channel?: Channel;
  q?: string;
}

export interface Cursor {
  at: string;
  id: string;
  /** The counts of the first page, for the pages after it (P2): `of` says which person, filters and day they are of. */
  counts?: { of: string; counts: InboxCounts };
}

export function encodeInboxCursor(c: Cursor): string {
  const counts = c.counts && [c.counts.of, ALL_STATUSES.map((s) => c.counts!.counts.status[s] ?? 0), WARNINGS.map((w) => c.counts!.counts.warnings[w])];
  return Buffer.from(JSON.stringify([c.at, c.id, ...(counts ?? [])])).toString('base64url');
}

const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= COUNT_CAP;
const countsOf = (statuses: number[], warnings: number[]): InboxCounts => ({
  status: Object.fromEntries(ALL_STATUSES.map((s, i) => [s, statuses[i]!]).filter(([, n]) => n)),
  warnings: Object.fromEntries(WARNINGS.map((w, i) => [w, warnings[i]!])) as Record<Warning, number>,
  cap: COUNT_CAP,
});

/** The cursor given back, or undefined when it is not one this inbox made. */
export function decodeInboxCursor(text: string): Cursor | undefined {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || (v.length !== 2 && v.length !== 5)) return undefined;
    const [at, id, of, statuses, warnings] = v as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    if (Number.isNaN(Date.parse(at.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))) || !/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.test(at)) return undefined;
    if (v.length === 2) return { at, id };
    const counted = typeof of === 'string' && of.length <= 64 && Array.isArray(statuses) && statuses.length === ALL_STATUSES.length && statuses.every(isCount) && Array.isArray(warnings) && warnings.length === WARNINGS.length && warnings.every(isCount);
    return counted ? { at, id, counts: { of, counts: countsOf(statuses as number[], warnings as number[]) } } : undefined;
  } catch {
    // not base64url JSON
  }
  return undefined;
}

export interface InboxItem {
  code: string;
  serviceCode: string;
  serviceName: string;
  agencyCode: string;
  agencyName: string;
  unitCode: string;
  applicantName: string;
  channel: Channel;
  assigneeName: string | null;
  status: Status;
  statusName: string;
  dueDate: string | null;
  receptionDueAt: Date | null;
  submittedAt: Date;
  files: number;
  warnings: Warning[];
}

export interface InboxCounts {
  status: Partial<Record<Status, number>>;
  warnings: Record<Warning, number>;
  /** Each count is at most this; a count equal to it reads "or more". */
  cap: number;
}

const warningCondition = (w: Warning, win: DeadlineWindow): RawBuilder<boolean> =>
  w === 'reception-late'
    ? sql`(a.status = 1 AND a.reception_due_at <= ${win.now})`
    : w === 'due-soon'
      ? sql`(a.status IN (${sql.join(CLOCK_STATUSES)}) AND a.due_date >= ${win.today}::date AND a.due_date <= ${win.soonUntil}::date)`
      : sql`(a.status IN (${sql.join(CLOCK_STATUSES)}) AND a.due_date < ${win.today}::date)`;

/** The filters as SQL conditions on `application a`, leaving out those named in `without` (for counts). */
function conditions(f: InboxFilters, win: DeadlineWindow, without: ('status' | 'due')[] = []): RawBuilder<boolean>[] {
  const c: RawBuilder<boolean>[] = [];
  if (f.status && !without.includes('status')) c.push(sql`a.status = ${f.status}`);
  if (f.service) c.push(sql`a.service_code = ${f.service}`);
  if (f.agency) c.push(sql`a.agency_code = ${f.agency}`);
  if (f.assignee === 'nobody') c.push(sql`a.assignee_id IS NULL`);
  else if (f.assignee) c.push(sql`a.assignee_id = ${f.assignee}::uuid`);
  if (f.due && !without.includes('due')) c.push(warningCondition(f.due, win));
  if (f.channel) c.push(sql`a.channel = ${f.channel}`);
  if (f.q) {
    // A code by its unique index; a CCCD by the account's unique index; a name by the trigram index, applicants first.
    if (APPLICATION_CODE.test(f.q)) c.push(sql`a.code = ${f.q.toUpperCase()}`);
    else c.push(sql`a.applicant_id = ANY (ARRAY(SELECT id FROM who))`);
  }
  return c;
}

/** The applicants a CCCD or a name search finds, once per statement (`who`), however many conditions use them. */
function withApplicants(f: InboxFilters) {
  if (!f.q || APPLICATION_CODE.test(f.q)) return sql``;
  const who = /^\d{9,12}$/.test(f.q) ? sql`SELECT id FROM account WHERE id_number = ${f.q}` : sql`SELECT id FROM account WHERE vn_fold(full_name) LIKE '%' || vn_fold(${f.q}) || '%'`;
  return sql`WITH who AS MATERIALIZED (${who}) `;
}

const mine = (s: InboxScope) => sql`(a.assignee_id IS NULL OR a.assignee_id = ${s.me}::uuid)`;
const all = (c: RawBuilder<boolean>[]) => (c.length ? sql.join(c, sql` AND `) : sql`true`);

/** The scope as one condition (counts: order does not matter). */
function scopeCondition(s: InboxScope): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (s.whole.length) parts.push(sql`a.unit_code IN (${sql.join(s.whole)})`);
  if (s.partial.length) parts.push(sql`(a.unit_code IN (${sql.join(s.partial)}) AND ${mine(s)})`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** The scope as branches, each one index range newest first (a unit, or the units seen alike). */
function scopeBranches(s: InboxScope): RawBuilder<boolean>[] {
  if (s.whole.length + s.partial.length <= UNIT_BRANCHES) {
    return [...s.whole.map((u) => sql<boolean>`a.unit_code = ${u}`), ...s.partial.map((u) => sql<boolean>`a.unit_code = ${u} AND ${mine(s)}`)];
  }
  return [
    ...(s.whole.length ? [sql<boolean>`a.unit_code IN (${sql.join(s.whole)})`] : []),
    ...(s.partial.length ? [sql<boolean>`a.unit_code IN (${sql.join(s.partial)}) AND ${mine(s)}`] : []),
  ];
}

interface Row {
  id: string;
  code: string;
  service_code: string;
  service_name: string;
  agency_code: string;
  agency_name: string;
  unit_code: string;
  applicant_name: string;
  channel: Channel;
  assignee_name: string | null;
  status: number;
  due_date: string | null;
  reception_due_at: Date | null;
  submitted_at: Date;
  submitted_text: string;
  files: string;
}

/** One keyset page of the queue, newest first, and the cursor of the next (undefined: the last page). */
export async function inboxItems(db: DB, scope: InboxScope, f: InboxFilters, win: DeadlineWindow, size: number, after?: Cursor): Promise<{ items: InboxItem[]; next?: string }> {
  const branches = scopeBranches(scope);
  if (!branches.length) return { items: [] };
  const filters = conditions(f, win);
  if (after) filters.push(sql`(a.submitted_at, a.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  const limit = size + 1;
  const selects = branches.map((b) => sql`(SELECT a.id, a.submitted_at FROM application a WHERE ${b} AND ${all(filters)} ORDER BY a.submitted_at DESC, a.id DESC LIMIT ${sql.lit(limit)})`);
  const { rows } = await runPrepared(db, sql<Row>`
    ${withApplicants(f)}${f.q && !APPLICATION_CODE.test(f.q) ? sql`,` : sql`WITH`} page AS (SELECT id, submitted_at FROM (${sql.join(selects, sql` UNION ALL `)}) u ORDER BY submitted_at DESC, id DESC LIMIT ${sql.lit(limit)})
    SELECT a.id, a.code, a.service_code, s.name AS service_name, a.agency_code, g.name AS agency_name, a.unit_code,
           p.full_name AS applicant_name, a.channel, w.full_name AS assignee_name, a.status, a.due_date,
           a.reception_due_at, a.submitted_at, a.submitted_at::text AS submitted_text,
           (SELECT count(*) FROM application_attachment f WHERE f.application_id = a.id) AS files
    FROM page JOIN application a ON a.id = page.id
    JOIN service s ON s.code = a.service_code
    JOIN agency g ON g.code = a.agency_code
    JOIN account p ON p.id = a.applicant_id
    LEFT JOIN account w ON w.id = a.assignee_id
    ORDER BY a.submitted_at DESC, a.id DESC`);
  const more = rows.length > size;
  const shown = more ? rows.slice(0, size) : rows;
  const last = shown.at(-1);
  return {
    items: shown.map((r) => {
      const status = r.status as Status;
      const dates = { status, dueDate: r.due_date, receptionDueAt: r.reception_due_at };
      return {
        code: r.code,
        serviceCode: r.service_code,
        serviceName: r.service_name,
        agencyCode: r.agency_code,
        agencyName: r.agency_name,
        unitCode: r.unit_code,
        applicantName: r.applicant_name,
        channel: r.channel,
        assigneeName: r.assignee_name,
        status,
        statusName: STATUS_NAMES[status],
        dueDate: r.due_date,
        receptionDueAt: r.reception_due_at,
        submittedAt: r.submitted_at,
        files: Number(r.files),
        warnings: warningsOf(dates, win),
      };
    }),
    ...(more && last && { next: encodeInboxCursor({ at: last.submitted_text, id: last.id }) }),
  };
}

/**
 * Counts that match the filters: per status (the other filters applied, not the status) and per
 * warning (not the warning filter), in one statement. Each count stops at COUNT_CAP.
 */
export async function inboxCounts(db: DB, scope: InboxScope, f: InboxFilters, win: DeadlineWindow): Promise<InboxCounts> {
  const cap = COUNT_CAP;
  if (!scope.whole.length && !scope.partial.length) return { status: {}, warnings: { 'reception-late': 0, 'due-soon': 0, overdue: 0 }, cap };
  const where = scopeCondition(scope);
  const bounded = (extra: RawBuilder<boolean>[]) => sql<string>`(SELECT count(*) FROM (SELECT 1 FROM application a WHERE ${where} AND ${all(extra)} LIMIT ${sql.lit(cap)}) x)`;
  const byStatus = ALL_STATUSES.map((s) => sql`${bounded([...conditions(f, win, ['status']), sql`a.status = ${s}`])} AS ${sql.ref(`s${s}`)}`);
  const byWarning = WARNINGS.map((w) => sql`${bounded([...conditions(f, win, ['due']), warningCondition(w, win)])} AS ${sql.ref(w)}`);
  const { rows } = await runPrepared(db, sql<Record<string, string>>`${withApplicants(f)}SELECT ${sql.join([...byStatus, ...byWarning])}`);
  const r = rows[0]!;
  return {
    status: Object.fromEntries(ALL_STATUSES.filter((s) => Number(r[`s${s}`])).map((s) => [s, Number(r[`s${s}`])])),
    warnings: Object.fromEntries(WARNINGS.map((w) => [w, Number(r[w])])) as Record<Warning, number>,
    cap,
  };
}

/** The deadline window now, with the calendar in force. */
export function inboxWindow(db: DB, now = new Date()): DeadlineWindow {
  return deadlineWindow(now, calendarSource(db).current(now));
}

/** Whose counts, with which filters, on which day: counts carried by a cursor are used only for the same. */
export function countsKey(scope: InboxScope, f: InboxFilters, win: DeadlineWindow): string {
  const filters = Object.entries(f).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify([scope, filters, win.today])).digest('base64url').slice(0, 22);
}

/**
 * A page of the inbox and its counts, for the page and GET /api/v1/inbox. The first page counts;
 * its `next` carries the counts, so the pages after it (same person, filters and day) are not
 * counted again (P2).
 */
export async function inboxPage(db: DB, actor: Actor, f: InboxFilters, size: number, after?: Cursor, now = new Date()) {
  const scope = inboxScope(actor);
  const win = inboxWindow(db, now);
  const of = countsKey(scope, f, win);
  const carried = after?.counts?.of === of ? after.counts.counts : undefined;
  const [page, counts] = await Promise.all([inboxItems(db, scope, f, win, size, after), carried ?? inboxCounts(db, scope, f, win)]);
  const last = page.next ? decodeInboxCursor(page.next) : undefined;
  return { items: page.items, ...(last && { next: encodeInboxCursor({ ...last, counts: { of, counts } }) }), counts, window: win };
}

/** Every application of the filtered queue, batch by batch (CSV export): never the whole result in memory. */
export async function* inboxBatches(db: DB, actor: Actor, f: InboxFilters, batch = 500, now = new Date()): AsyncGenerator<InboxItem[]> {
  const scope = inboxScope(actor);
  const win = inboxWindow(db, now);
  let after: Cursor | undefined;
  for (;;) {
    const page = await inboxItems(db, scope, f, win, batch, after);
    if (page.items.length) yield page.items;
    if (!page.next) return;
    after = decodeInboxCursor(page.next);
  }
}

/** An officer named in the assignee filter, by username, within the person's units (undefined: none such). */
export async function officerByUsername(db: DB, actor: Actor, username: string): Promise<string | undefined> {
  const units = [...actor.agencies];
  if (!units.length) return undefined;
  const row = await db
    .selectFrom('account')
    .select('id')
    .where('username', '=', username)
    .where((eb) => eb.or([eb('agency_code', 'in', units), eb('id', 'in', eb.selectFrom('agency_membership').select('account_id').where('agency_code', 'in', units))]))
    .executeTakeFirst();
  return row?.id;
}

/** The officers who hold applications in the person's units: the assignee filter's choices. */
export async function assigneesOf(db: DB, actor: Actor): Promise<{ username: string; fullName: string }[]> {
  const units = [...actor.agencies];
  if (!units.length) return [];
  return db
    .selectFrom('account')
    .select(['username', 'full_name as fullName'])
    .where('role', '=', 'officer')
    .where((eb) => eb.or([eb('agency_code', 'in', units), eb('id', 'in', eb.selectFrom('agency_membership').select('account_id').where('agency_code', 'in', units))]))
    .orderBy('full_name')
    .limit(200)
    .execute();
}

/** The services and receiving agencies a person's units have applications of: the filter's choices. */
export async function inboxChoices(db: DB, actor: Actor): Promise<{ services: { code: string; name: string }[]; agencies: { code: string; name: string }[] }> {
  const units = [...actor.agencies];
  if (!units.length) return { services: [], agencies: [] };
  const [services, agencies] = await Promise.all([
    db.selectFrom('service').select(['code', 'name']).where('agency_code', 'in', units).where('level', '>=', 3).orderBy('name').limit(300).execute(),
    db.selectFrom('agency').select(['code', 'name']).where('code', 'in', units).orderBy('name').execute(),
  ]);
  return { services, agencies };
}
