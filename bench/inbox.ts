// The inbox and the deadline warnings at 1,000,000 applications (A3, A4, P2), on the PostgreSQL
// server's generated database (bench/applications.ts makes it once): a unit's queue in keyset pages
// of 50 with filters — through the API and the page, and the store's queries one at a time — and
// the daily digest over a copy of the database where all 1,000,000 applications are open.
// Target: p99 ≤ 50 ms for a page of a unit's queue; the digest in ≤ 10 s.
import os from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createPool } from '../src/db/index.ts';
import { withDatabase } from '../src/db/embedded.ts';
import type { Database } from '../src/db/schema.ts';
import { inboxCounts, inboxItems, inboxScope, inboxWindow, type InboxFilters } from '../src/applications/inbox-store.ts';
import { runDeadlineDigest } from '../src/applications/deadlines-store.ts';
import { PAGE_NAMES } from '../src/applications/inbox-problems.ts';
import { freePort } from '../test/helpers/process.ts';
import { prepare, signIn, timeEach } from './applications.ts';
import { fmt, load, peakRssMb, row, startPortal } from './lib.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const UNIT = '000.00.12.H34';
const OFFICER = 'canbo.syt';
/** A few officers of the unit work at once. */
const FEW = 4;

/** The filter sets an officer uses (API names), each to be read from its first page and further pages. */
function filterSets(service: string, name: string, code: string, cccd: string): Record<string, string>[] {
  return [{}, { status: '4' }, { status: '1' }, { due: 'overdue' }, { due: 'due-soon' }, { due: 'reception-late' }, { channel: 'truc-tuyen' }, { assignee: 'nobody' }, { assignee: 'me' }, { service }, { status: '2', service }, { q: name }, { q: code }, { q: cccd }];
}

const qs = (f: Record<string, string>) => new URLSearchParams(f).toString();
const PAGE_VALUES: Record<string, string> = { me: 'toi', nobody: 'chua', overdue: 'qua-han', 'due-soon': 'sap-den-han', 'reception-late': 'tiep-nhan-tre' };
/** The same filters in the page's query names and values. */
const pagePath = (f: Record<string, string>) =>
  `/can-bo/ho-so?${qs(Object.fromEntries(Object.entries(f).map(([k, v]) => [PAGE_NAMES[k as keyof typeof PAGE_NAMES], PAGE_VALUES[v] ?? v])))}`;

/** The cursors of pages 2…n of a filter set, by following `next`, so the load reads deep pages too. */
async function pagePaths(origin: string, headers: Record<string, string>, filters: Record<string, string>, pages: number): Promise<string[]> {
  const paths = [`/api/v1/inbox?${qs({ ...filters, pageSize: '50' })}`];
  for (let i = 1; i < pages; i++) {
    const res = await fetch(`${origin}${paths.at(-1)}`, { headers });
    const next = ((await res.json()) as { next: string | null }).next;
    if (!next) break;
    paths.push(`/api/v1/inbox?${qs({ ...filters, pageSize: '50', after: next })}`);
  }
  return paths;
}

export async function inboxScenarios(httpBaselineRps: number): Promise<string[]> {
  const rows: string[] = [];
  const url = await prepare();
  const pool = createPool(url, 4);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const officer = await db.selectFrom('account').select('id').where('username', '=', OFFICER).executeTakeFirstOrThrow();
  // A third of the unit's applications in processing are the officer's, another third a colleague's (hidden from the officer).
  await sql`UPDATE application SET assignee_id = ${officer.id}::uuid WHERE unit_code = ${UNIT} AND status = 4 AND assignee_id IS NULL AND abs(hashtext(code)) % 3 = 0`.execute(db);
  await sql`VACUUM ANALYZE application`.execute(db);
  const sample = (
    await sql<{ service: string; name: string; code: string; cccd: string }>`
      SELECT a.service_code AS service, p.full_name AS name, a.code, p.id_number AS cccd
      FROM application a JOIN account p ON p.id = a.applicant_id WHERE a.unit_code = ${UNIT} AND a.status = 2 LIMIT 1`.execute(db)
  ).rows[0]!;
  const sets = filterSets(sample.service, sample.name, sample.code, sample.cccd);

  // The store's two queries (a page and its counts), one at a time, on each filter set.
  const scope = inboxScope({ id: officer.id, username: OFFICER, fullName: OFFICER, role: 'officer', agencyCode: UNIT, agencies: new Set([UNIT]) });
  const win = inboxWindow(db);
  const toFilters = (f: Record<string, string>): InboxFilters => ({
    ...(f.status && { status: Number(f.status) as InboxFilters['status'] }),
    ...(f.service && { service: f.service }),
    ...(f.due && { due: f.due as InboxFilters['due'] }),
    ...(f.channel && { channel: f.channel as InboxFilters['channel'] }),
    ...(f.assignee && { assignee: f.assignee === 'me' ? officer.id : f.assignee }),
    ...(f.q && { q: f.q }),
  });
  const items = await timeEach(700, (i) => inboxItems(db, scope, toFilters(sets[i % sets.length]!), win, 50));
  rows.push(`| inbox keyset page of 50 (store query, ${sets.length} filter sets), in-process, one at a time | | ${fmt(items.p50, 1)} | ${fmt(items.p99, 1)} | | target p99 ≤ 50 ms |`);
  const counts = await timeEach(350, (i) => inboxCounts(db, scope, toFilters(sets[i % sets.length]!), win));
  rows.push(`| inbox counts per status and warning (store query, bounded at 10,000), in-process, one at a time | | ${fmt(counts.p50, 1)} | ${fmt(counts.p99, 1)} | | |`);

  const port = await freePort();
  const portal = await startPortal({ DATABASE_URL: url, DVCTT_DEMO_DATA: 'false', DVCTT_WORKERS: '0' }, port);
  try {
    const origin = `http://127.0.0.1:${port}`;
    const token = ((await (await fetch(`${origin}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: OFFICER, password: 'Demo-dvctt-2026' }) })).json()) as { token: string }).token;
    const bearer = { authorization: `Bearer ${token}` };
    const paths = (await Promise.all(sets.map((f) => pagePaths(origin, bearer, f, 5)))).flat();
    // One officer alone (latency), then a few at once (the unit's officers).
    const alone = await load(origin, paths, bearer, 1);
    rows.push(row(`GET /api/v1/inbox, a unit's queue (${paths.length} pages: ${sets.length} filter sets, pages 1–5), page and counts, 1 connection`, alone, httpBaselineRps));
    const api = await load(origin, paths, bearer, FEW);
    rows.push(row(`GET /api/v1/inbox, a unit's queue (${paths.length} pages: ${sets.length} filter sets, pages 1–5), page and counts, ${FEW} connections`, api, httpBaselineRps));
    // The target table's row (p99 ≤ 50 ms): the same measurement under its short name.
    rows.push(row(`officer inbox API (keyset, with counts), ${FEW} connections`, api, httpBaselineRps, `p99 target ≤ 50 ms; ${paths.length} pages, counts on each first page; errors: ${api.errors}`));
    const cookie = await signIn(origin, OFFICER);
    const page = await load(origin, sets.map(pagePath), { cookie }, FEW);
    rows.push(row(`inbox page HTML (/can-bo/ho-so, same filters, no cursor: pages 1), ${FEW} connections`, page, httpBaselineRps));
    rows.push(`| peak RSS of the portal process (inbox scenarios) | | | | | ${fmt(peakRssMb(portal.pid))} MB; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores |`);
  } finally {
    await portal.stop();
  }
  await db.destroy();
  rows.push(await digestScenario(url));
  return rows;
}

/** The daily digest over a copy of the database where every application is open. */
async function digestScenario(url: string): Promise<string> {
  const copy = 'dvctt_bench_inbox_open';
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${new URL(url).pathname.slice(1)}`);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(withDatabase(ADMIN_URL, copy), 4) }) });
  try {
    // All open: waiting for reception, received, processing, awaiting the fee; an officer and a head in each unit.
    await sql`UPDATE application SET status = (ARRAY[1, 2, 4, 7])[1 + abs(hashtext(code)) % 4], finished_at = NULL WHERE status NOT IN (1, 2, 4, 7)`.execute(db);
    await sql`UPDATE application SET reception_due_at = submitted_at + interval '1 day' WHERE status = 1 AND reception_due_at IS NULL`.execute(db);
    await sql`INSERT INTO account (username, password_hash, full_name, role, agency_code, email)
              SELECT 'bench.' || code, 'x', 'Cán bộ ' || name, 'officer', code, 'bench.' || code || '@example.vn' FROM agency
              WHERE code IN (SELECT DISTINCT unit_code FROM application) ON CONFLICT DO NOTHING`.execute(db);
    await sql`INSERT INTO agency_duty (account_id, agency_code, duty) SELECT id, agency_code, 'head' FROM account WHERE username LIKE 'bench.%' ON CONFLICT DO NOTHING`.execute(db);
    await sql`VACUUM ANALYZE application`.execute(db);
    const open = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM application WHERE status IN (1, 2, 4, 7)`.execute(db)).rows[0]!.n);
    const first = await runDeadlineDigest(db);
    const again = await runDeadlineDigest(db);
    return `| daily deadline digest over ${open.toLocaleString('en')} open applications (one pass per kind, grouped by unit and assignee) | | ${first.ms} | | | ${first.sent} digests sent; run again the same day: ${again.ms} ms, ${again.sent} sent; target ≤ 10 s |`;
  } finally {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
    await admin.end();
  }
}
