// Scale beyond one process (P2): (1) two portal instances on one database against one, under the
// same load, with the CPU each process used; (2) `application` partitioned by month (RANGE on
// submitted_at), built as a copy in its own schema of the generated database and timed against
// the table as it is, with the application's own queries (lookup, inbox page and counts, the
// national export's page, a month of a unit). The copy is dropped at the end.
// Run alone: `node --import tsx bench/scale.ts` (BENCH_SCALE_ONLY=instances or partitions for one part;
// BENCH_PARTITION_MONTHS=12 for yearly partitions); `npm run bench` runs it unless BENCH_SKIP_SCALE=1.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/schema.ts';
import { inboxCounts, inboxItems, inboxScope, inboxWindow, type InboxFilters } from '../src/applications/inbox-store.ts';
import { lookupStatusCounted } from '../src/applications/lists.ts';
import { freePort } from '../test/helpers/process.ts';
import { prepare, timeEach } from './applications.ts';
import { CONNECTIONS, DURATION, fmt, startPortal, type Load } from './lib.ts';

export const TRIAL = 'dvctt_partition_trial';
const UNIT = '000.00.12.H34';
/** Rounds of one instance then two, each DURATION seconds; the median round of each is shown. */
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS || 3);
/** Months per partition (1: by month, as planned; 3 or 12 to see the cost of the number of partitions). */
const PART_MONTHS = Number(process.env.BENCH_PARTITION_MONTHS || 1);
const say = (line: string) => process.stderr.write(`  [scale] ${line}\n`);

// ---- CPU of the processes under load, from /proc (clock ticks of 1/100 s) ----

/** User + system CPU of a process so far, in ticks; 0 once it is gone. */
function ticks(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

const parentOf = (pid: number) => {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
};

/** The PostgreSQL server's processes (children of its postmaster) and their ticks. */
function serverTicks(postmaster: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (pid && parentOf(pid) === postmaster) out.set(pid, ticks(pid));
  }
  return out;
}

/** Busy and total jiffies of the whole machine. */
function machine(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3]! - f[4]!, total };
}

interface Cpu {
  /** % of one core, per portal instance. */
  portals: number[];
  server: number;
  loader: number;
  /** % of the whole machine busy. */
  machine: number;
}

/** Runs `work` and measures the CPU each process used meanwhile. */
async function withCpu<T>(portals: number[], postmaster: number, work: () => Promise<T>): Promise<[T, Cpu]> {
  const began = performance.now();
  const p0 = portals.map(ticks);
  const s0 = serverTicks(postmaster);
  const l0 = process.cpuUsage();
  const m0 = machine();
  const result = await work();
  const seconds = (performance.now() - began) / 1000;
  const s1 = serverTicks(postmaster);
  let server = 0;
  for (const [pid, t] of s1) server += t - (s0.get(pid) ?? 0);
  const l1 = process.cpuUsage(l0);
  const m1 = machine();
  return [
    result,
    {
      portals: portals.map((pid, i) => (ticks(pid) - p0[i]!) / seconds),
      server: server / seconds,
      loader: (l1.user + l1.system) / 1e4 / seconds,
      machine: ((m1.busy - m0.busy) / (m1.total - m0.total)) * 100,
    },
  ];
}

/** Load spread over several instances at once: each gets its share of the connections. */
async function spread(origins: string[], paths: string[]): Promise<Load> {
  const each = Math.floor(CONNECTIONS / origins.length);
  const runs = await Promise.all(
    origins.map((url, k) => {
      let next = k;
      return autocannon({ url, connections: each, duration: DURATION, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }] });
    }),
  );
  return {
    rps: runs.reduce((a, r) => a + r.requests.average, 0),
    p50: Math.max(...runs.map((r) => r.latency.p50)),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    errors: runs.reduce((a, r) => a + r.errors + r.non2xx, 0),
  };
}

const pct = (n: number) => `${fmt(n)} %`;

/** Rows of the 1-against-2-instances table. */
async function instances(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const postmaster = parentOf(backend);
  const sample = (
    await client.query<{ code: string; check: string }>(
      `SELECT a.code, right(ac.phone, 4) AS check FROM application a TABLESAMPLE SYSTEM (1) JOIN account ac ON ac.id = a.applicant_id WHERE ac.phone IS NOT NULL LIMIT 5000`,
    )
  ).rows;
  await client.end();
  const scenarios: [string, string[]][] = [
    ['public status lookup API', sample.map((s) => `/api/v1/lookup?code=${encodeURIComponent(s.code)}&check=${s.check}`)],
    ['home page HTML (/)', ['/']],
  ];
  const env = { DATABASE_URL: url, DVCTT_DEMO_DATA: 'false', DVCTT_WORKERS: '0' };
  const ports = [await freePort(), await freePort()];
  const a = await startPortal(env, ports[0]!);
  const b = await startPortal(env, ports[1]!);
  const origins = ports.map((p) => `http://127.0.0.1:${p}`);
  const rows: string[] = [];
  try {
    for (const [name, paths] of scenarios) {
      // Warm both (first requests read the catalog, compile, fill caches), then one alone and both
      // in turn, ROUNDS times, so that other work on the machine weighs on both alike.
      await spread(origins, paths.slice(0, 200)).catch(() => undefined);
      const ones: [Load, Cpu][] = [];
      const twos: [Load, Cpu][] = [];
      for (let r = 0; r < ROUNDS; r++) {
        ones.push(await withCpu([a.pid], postmaster, () => spread([origins[0]!], paths)));
        twos.push(await withCpu([a.pid, b.pid], postmaster, () => spread(origins, paths)));
      }
      const median = (runs: [Load, Cpu][]) => [...runs].sort((x, y) => x[0].rps - y[0].rps)[Math.floor(runs.length / 2)]!;
      const [one, cpu1] = median(ones);
      const [two, cpu2] = median(twos);
      // CPU ms per request (portals, PostgreSQL, load generator): the work per request, whatever
      // share of the cores the processes got while other work ran.
      const perCpu = (r: Load, c: Cpu) => [c.portals.reduce((x, y) => x + y, 0), c.server, c.loader].map((p) => fmt((p * 10) / r.rps, 3)).join(' + ');
      const line = (label: string, r: Load, c: Cpu, ratio: string, runs: [Load, Cpu][]) =>
        `| ${name}, ${label} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${ratio} | ${c.portals.map(pct).join(' + ')} | ${perCpu(r, c)} | ${pct(c.server)} | ${pct(c.loader)} | ${pct(c.machine)} | rounds: ${runs.map(([x]) => fmt(x.rps)).join(', ')}/s; errors: ${r.errors} |`;
      rows.push(line(`1 instance, ${CONNECTIONS} connections`, one, cpu1, '1.00', ones));
      rows.push(line(`2 instances, ${Math.floor(CONNECTIONS / 2)} + ${Math.floor(CONNECTIONS / 2)} connections`, two, cpu2, fmt(two.rps / one.rps, 2), twos));
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
  return rows;
}

// ---- application partitioned by month ----

/** Partition starts (Vietnam time, every PART_MONTHS months) from the month of `from` past the month of `to`. */
function months(from: Date, to: Date): string[] {
  const vn = (d: Date) => new Date(d.getTime() + 7 * 3600_000);
  const out: string[] = [];
  let y = vn(from).getUTCFullYear();
  let m = vn(from).getUTCMonth();
  const endY = vn(to).getUTCFullYear();
  const endM = vn(to).getUTCMonth();
  for (;;) {
    out.push(`${y}-${String(m + 1).padStart(2, '0')}-01 00:00+07`);
    if (y > endY || (y === endY && m > endM)) break;
    m += PART_MONTHS;
    y += Math.floor(m / 12);
    m %= 12;
  }
  return out;
}

/** Builds TRIAL.application: monthly partitions, the rows, the same indexes (unique ones with the key). */
export async function buildTrial(db: Kysely<Database>): Promise<{ partitions: number; copyMs: number; indexMs: number }> {
  const t = sql.id(TRIAL);
  await sql`DROP SCHEMA IF EXISTS ${t} CASCADE`.execute(db);
  await sql`CREATE SCHEMA ${t}`.execute(db);
  await sql`CREATE TABLE ${t}.application (LIKE public.application INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (submitted_at)`.execute(db);
  const span = (await sql<{ lo: Date; hi: Date }>`SELECT min(submitted_at) AS lo, max(submitted_at) AS hi FROM public.application`.execute(db)).rows[0]!;
  const starts = months(span.lo, span.hi);
  for (let i = 0; i + 1 < starts.length; i++) {
    const name = `application_${starts[i]!.slice(0, 7).replace('-', '_')}`;
    await sql`CREATE TABLE ${t}.${sql.id(name)} PARTITION OF ${t}.application FOR VALUES FROM (${sql.lit(starts[i]!)}) TO (${sql.lit(starts[i + 1]!)})`.execute(db);
  }
  await sql`CREATE TABLE ${t}.application_other PARTITION OF ${t}.application DEFAULT`.execute(db);
  let began = performance.now();
  await sql`INSERT INTO ${t}.application SELECT * FROM public.application`.execute(db);
  const copyMs = performance.now() - began;
  began = performance.now();
  // Unique keys must contain the partition key: the id and the code become (id, submitted_at) and (code, submitted_at).
  await sql`ALTER TABLE ${t}.application ADD PRIMARY KEY (id, submitted_at)`.execute(db);
  await sql`ALTER TABLE ${t}.application ADD UNIQUE (code, submitted_at)`.execute(db);
  const defs = (
    await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'application' AND indexdef NOT LIKE 'CREATE UNIQUE%'`.execute(db)
  ).rows;
  for (const { def } of defs) await sql.raw(def.replace(/^CREATE INDEX \S+ ON public\.application/, `CREATE INDEX ON ${TRIAL}.application`)).execute(db);
  // As the live table: vacuumed, so index-only scans skip the heap (the copy is all new rows).
  await sql`VACUUM ANALYZE ${t}.application`.execute(db);
  return { partitions: starts.length, copyMs, indexMs: performance.now() - began };
}

/** The Vietnam day written in a code (`…-261126-0001`) as a half-open range with a day either side. */
function codeDays(code: string): [string, string] {
  const d = /-(\d{2})(\d{2})(\d{2})-\d+$/.exec(code)!;
  const day = Date.parse(`20${d[1]}-${d[2]}-${d[3]}T00:00:00+07:00`);
  return [new Date(day - 86_400_000).toISOString(), new Date(day + 2 * 86_400_000).toISOString()];
}

/** What a plan touched and cost: the scans that ran (one per partition read), planning and execution ms. */
async function explain(client: pg.Client, text: string, values: unknown[]): Promise<{ nodes: number; plan: number; exec: number }> {
  const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) ${text}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n');
  const ms = (what: string) => Number(new RegExp(`${what} Time: ([\\d.]+)`).exec(plan)?.[1]);
  return { nodes: (plan.match(/(Index|Seq|Bitmap Heap|Index Only) Scan (?!.*never executed)/g) ?? []).length, plan: ms('Planning'), exec: ms('Execution') };
}

const LOOKUP = 'SELECT a.code, a.status FROM application a WHERE a.code = $1';
const LOOKUP_BY_DAY = `${LOOKUP} AND a.submitted_at >= $2 AND a.submitted_at < $3`;
/** The inbox page's shape (a keyset page of ids, then its rows), joined by id or by id and the partition key. */
const INBOX = (on: string) => `WITH page AS (SELECT a.id, a.submitted_at FROM application a WHERE a.unit_code = $1 AND (a.assignee_id IS NULL OR a.assignee_id = $2::uuid) AND a.status = $3 ORDER BY a.submitted_at DESC, a.id DESC LIMIT 51)
  SELECT a.id, a.code, a.status, a.submitted_at FROM page JOIN application a ON ${on} ORDER BY a.submitted_at DESC, a.id DESC`;
const BY_ID = 'a.id = page.id';
const BY_KEY = 'a.id = page.id AND a.submitted_at = page.submitted_at';

async function partitioning(url: string): Promise<string[]> {
  const path = `-c search_path=${TRIAL},public`;
  const flat = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
  const parted = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2, options: path }) }) });
  // Prepared statements (plan once per connection, generic plans with run-time pruning) on plain clients.
  const generic = '-c plan_cache_mode=force_generic_plan';
  const clients = { flat: new pg.Client({ connectionString: url, options: generic }), parted: new pg.Client({ connectionString: url, options: `${path} ${generic}` }) };
  await Promise.all([clients.flat.connect(), clients.parted.connect()]);
  const rows: string[] = [];
  try {
    say('building the partitioned copy of application (1,000,000 rows)…');
    const built = await buildTrial(flat);
    rows.push(`| building the copy: ${built.partitions} partitions of ${PART_MONTHS} month(s) + default | | copy ${fmt(built.copyMs / 1000, 1)} s, indexes ${fmt(built.indexMs / 1000, 1)} s | | |`);
    const codes = (await sql<{ code: string }>`SELECT code FROM public.application TABLESAMPLE SYSTEM (1) LIMIT 2000`.execute(flat)).rows.map((r) => r.code);
    const officer = await flat.selectFrom('account').select('id').where('username', '=', 'canbo.syt').executeTakeFirstOrThrow();
    const service = (await sql<{ s: string }>`SELECT service_code AS s FROM public.application WHERE unit_code = ${UNIT} LIMIT 1`.execute(flat)).rows[0]!.s;
    const scope = inboxScope({ id: officer.id, username: 'canbo.syt', fullName: 'canbo.syt', role: 'officer', agencyCode: UNIT, agencies: new Set([UNIT]) });
    const win = inboxWindow(flat);
    const sets: InboxFilters[] = [{}, { status: 4 }, { status: 2 }, { due: 'overdue' }, { service }, { channel: 'truc-tuyen' }];
    const mid = (await sql<{ at: string; id: string }>`SELECT submitted_at::text AS at, id FROM public.application WHERE unit_code = ${UNIT} ORDER BY submitted_at DESC, id DESC OFFSET 20000 LIMIT 1`.execute(flat)).rows[0]!;
    const window = { bucket: 'lookup', key: 'bench-scale', windowStart: new Date(0) };
    const agencies = (await sql<{ a: string }>`SELECT DISTINCT agency_code AS a FROM public.application WHERE unit_code = ${UNIT}`.execute(flat)).rows.map((r) => r.a);
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const month = ['2026-03-01T00:00:00+07:00', '2026-04-01T00:00:00+07:00'];
    const code = (i: number) => codes[i % codes.length]!;
    const status = (i: number) => [1, 2, 4, 9][i % 4];

    type Work = (db: Kysely<Database>, client: pg.Client, i: number) => Promise<unknown>;
    const queries: [string, number, Work][] = [
      ['public lookup by code, the app’s query (code only)', 1000, (db, _, i) => lookupStatusCounted(db, code(i), '0000', window)],
      ['lookup by code only, prepared', 1000, (_, c, i) => c.query({ name: 'lookup', text: LOOKUP, values: [code(i)] })],
      ['lookup by code and the day written in the code (±1 day), prepared', 1000, (_, c, i) => c.query({ name: 'lookup-day', text: LOOKUP_BY_DAY, values: [code(i), ...codeDays(code(i))] })],
      [`inbox keyset page of 50, the app’s query, first page (${sets.length} filter sets)`, 300, (db, _, i) => inboxItems(db, scope, sets[i % sets.length]!, win, 50)],
      ['inbox keyset page of 50, the app’s query, 20,000 rows deep', 300, (db, _, i) => inboxItems(db, scope, sets[i % 2]!, win, 50, { at: mid.at, id: mid.id })],
      ['inbox page shape, rows joined by id, prepared', 300, (_, c, i) => c.query({ name: 'inbox-id', text: INBOX(BY_ID), values: [UNIT, officer.id, status(i)] })],
      ['inbox page shape, rows joined by (id, submitted_at), prepared', 300, (_, c, i) => c.query({ name: 'inbox-key', text: INBOX(BY_KEY), values: [UNIT, officer.id, status(i)] })],
      [`inbox counts per status and warning, the app’s query (${sets.length} filter sets)`, 60, (db, _, i) => inboxCounts(db, scope, sets[i % sets.length]!, win)],
      ['national export page of 500 (agencies of a unit, changed in 30 days, by updated_at)', 60, (db) => sql`SELECT a.id, a.code FROM application a WHERE a.agency_code = ANY(${agencies}) AND a.updated_at >= ${since} ORDER BY a.updated_at, a.id LIMIT 501`.execute(db)],
      ['a month of a unit (count and status split, 03/2026)', 60, (db) => sql`SELECT status, count(*) FROM application a WHERE a.unit_code = ${UNIT} AND a.submitted_at >= ${month[0]} AND a.submitted_at < ${month[1]} GROUP BY status`.execute(db)],
    ];
    for (const [name, n, work] of queries) {
      await timeEach(Math.min(n, 20), (i) => work(flat, clients.flat, i));
      await timeEach(Math.min(n, 20), (i) => work(parted, clients.parted, i));
      const a = await timeEach(n, (i) => work(flat, clients.flat, i));
      const b = await timeEach(n, (i) => work(parted, clients.parted, i));
      rows.push(`| ${name} | ${fmt(a.p50, 2)} / ${fmt(a.p99, 2)} | ${fmt(b.p50, 2)} / ${fmt(b.p99, 2)} | ${fmt(b.p50 / a.p50, 2)} | ${n} runs each, one at a time |`);
    }
    // Planning against execution, each statement explained on a fresh plan (not prepared).
    const [pf, pp] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url, options: path })];
    await Promise.all([pf.connect(), pp.connect()]);
    const plans: [string, string, unknown[]][] = [
      ['lookup, code only', LOOKUP, [code(0)]],
      ['lookup, code and its day', LOOKUP_BY_DAY, [code(0), ...codeDays(code(0))]],
      ['inbox page shape, joined by id', INBOX(BY_ID), [UNIT, officer.id, 4]],
      ['inbox page shape, joined by (id, submitted_at)', INBOX(BY_KEY), [UNIT, officer.id, 4]],
    ];
    for (const [name, text, values] of plans) {
      await explain(pf, text, values);
      await explain(pp, text, values);
      const [x, y] = [await explain(pf, text, values), await explain(pp, text, values)];
      rows.push(`| EXPLAIN ANALYZE, ${name}: scans run; planning + execution ms | ${x.nodes} scans; ${fmt(x.plan, 2)} + ${fmt(x.exec, 2)} | ${y.nodes} scans; ${fmt(y.plan, 2)} + ${fmt(y.exec, 2)} | | |`);
    }
    await Promise.all([pf.end(), pp.end()]);
  } finally {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(TRIAL)} CASCADE`.execute(flat);
    await Promise.all([flat.destroy(), parted.destroy(), clients.flat.end(), clients.parted.end()]);
  }
  return rows;
}

/** Both parts, as text for the report. */
export async function scaleReport(): Promise<string> {
  const url = await prepare();
  const out: string[] = [];
  const only = process.env.BENCH_SCALE_ONLY;
  if (only !== 'partitions') {
    say('one instance against two…');
    out.push(
      `Two portal instances on one database against one (PostgreSQL 15 server, ${os.cpus().length} cores shared by the portals, PostgreSQL and the load generator; autocannon ${CONNECTIONS} connections, ${DURATION} s, median of ${ROUNDS} rounds taken in turn; CPU in % of one core; load average ${os.loadavg()[0]!.toFixed(1)} before)`,
      '| scenario | requests/s | p50 ms | p99 ms | ratio to 1 instance | CPU of each portal | CPU ms per request: portals + PostgreSQL + load generator | CPU of PostgreSQL | CPU of the load generator | machine busy | notes |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...(await instances(url)),
      '',
    );
  }
  if (only !== 'instances') {
    say('application partitioned by month…');
    out.push(
      `application partitioned by RANGE on submitted_at, ${PART_MONTHS} month(s) a partition (Vietnam time), against the table as it is, same rows; ms p50 / p99, in-process, one at a time; load average ${os.loadavg()[0]!.toFixed(1)}`,
      '| query | one table: p50 / p99 ms | partitioned: p50 / p99 ms | p50 partitioned ÷ one table | notes |',
      '|---|---|---|---|---|',
      ...(await partitioning(url)),
    );
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${await scaleReport()}\n`);
