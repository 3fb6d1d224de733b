// Q3 at scale: the Art. 11.3 figures of a service and a province's dashboard with many
// applications and ratings. Generates them in the portal's own database with multi-row
// INSERT … SELECT generate_series (the statistics triggers run for every row, as in production),
// then measures each read alone (in-process, one at a time) and under HTTP load.
// Run alone: `node --import tsx bench/statistics.ts`; `npm run bench` runs it last.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { generateServices } from '../src/catalog/scale.ts';
import { openDatabase, type DB } from '../src/db/index.ts';
import { dashboard, serviceStatistics, agencySubtree } from '../src/feedback/stats.ts';
import { freePort } from '../test/helpers/process.ts';

const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS || 1_000_000);
const RATINGS = Number(process.env.BENCH_RATINGS || 300_000);
const SERVICES = Number(process.env.BENCH_STAT_SERVICES || 5_000);
const DURATION = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_STAT_CONNECTIONS || 10);
const BATCH = 100_000;
const BIN = path.resolve(import.meta.dirname, '../bin/dvctt.js');
const say = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, d = 1) => n.toFixed(d);

function startPortal(dataDir: string, port: number): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [BIN, 'start'], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DVCTT_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`dvctt start exited with ${code}`)));
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) {
          child.removeAllListeners('exit');
          return resolve(() => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))));
        }
      } catch {
        /* not listening yet */
      }
      setTimeout(poll, 50);
    };
    void poll();
  });
}

/** Applications spread over this year to date and over the online services; 70% resolved, 80% of those on time. */
async function generate(db: DB): Promise<void> {
  const applicant = (await db.selectFrom('account').select('id').where('username', '=', 'congdan').executeTakeFirstOrThrow()).id;
  const services = await db.selectFrom('service').select(['code', 'agency_code']).where('level', '>=', 3).orderBy('code').execute();
  const codes = services.map((s) => s.code);
  const agencies = services.map((s) => s.agency_code);
  say(`Generating ${APPLICATIONS} applications over ${services.length} level-3/4 services and ${RATINGS} ratings (triggers on)…`);
  let t = performance.now();
  for (let from = 1; from <= APPLICATIONS; from += BATCH) {
    const to = Math.min(from + BATCH - 1, APPLICATIONS);
    await sql`
      INSERT INTO application (code, service_code, agency_code, applicant_id, status, data, submitted_at, due_date)
      SELECT 'BENCH-' || lpad(i::text, 7, '0'), (${codes}::text[])[(1 + (i::bigint * 7919) % ${codes.length})::int], (${agencies}::text[])[(1 + (i::bigint * 7919) % ${codes.length})::int], ${applicant}::uuid,
             CASE WHEN i % 10 < 7 THEN 10 ELSE 4 END, '{}'::jsonb, at, ((at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 10)
      FROM generate_series(${from}::int, ${to}::int) AS i,
      LATERAL (SELECT date_trunc('year', now()) + (now() - interval '16 days' - date_trunc('year', now())) * ((i * 0.6180339887) % 1) AS at) AS t
    `.execute(db);
    await sql`
      INSERT INTO application_event (application_id, status_from, status_to, actor_name, at)
      SELECT id, 4, 9, 'Cán bộ', submitted_at + interval '1 day' * ((hashtext(code) & 15) % 13 + 1)
      FROM application WHERE code BETWEEN ${`BENCH-${String(from).padStart(7, '0')}`} AND ${`BENCH-${String(to).padStart(7, '0')}`} AND status = 10
    `.execute(db);
    process.stdout.write(`  ${to} applications, ${fmt((performance.now() - t) / 1000)} s\r`);
  }
  say(`\n  applications and resolutions: ${fmt((performance.now() - t) / 1000)} s`);
  t = performance.now();
  const levels = `(ARRAY['rat-hai-long','hai-long','hai-long','chua-hai-long'])`;
  for (let from = 0; from < RATINGS; from += BATCH) {
    await sql`
      INSERT INTO rating (application_id, overall, convenience, timeliness, attitude, created_at)
      SELECT id, ${sql.raw(levels)}[1 + (n % 4)], ${sql.raw(levels)}[1 + (n / 4) % 4], CASE WHEN n % 3 = 0 THEN NULL ELSE ${sql.raw(levels)}[1 + (n / 16) % 4] END,
             ${sql.raw(levels)}[1 + (n / 64) % 4], LEAST(submitted_at + interval '14 days', now())
      FROM (SELECT id, submitted_at, row_number() OVER () AS n FROM application WHERE code LIKE 'BENCH-%' AND status = 10 ORDER BY code OFFSET ${from} LIMIT ${Math.min(BATCH, RATINGS - from)}) x
      ON CONFLICT DO NOTHING
    `.execute(db);
  }
  say(`  ratings: ${fmt((performance.now() - t) / 1000)} s`);
  await sql`ANALYZE`.execute(db);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeEach(runs: number, work: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms[ms.length - 1]! };
}

async function sessionCookie(origin: string, username: string): Promise<string> {
  const form = await fetch(`${origin}/dang-nhap`);
  const anon = (form.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${origin}/dang-nhap`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: anon }, body: new URLSearchParams({ _csrf: token, login: username, password: 'Demo-dvctt-2026' }) });
  return (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}

export async function benchStatistics(): Promise<string[]> {
  const rows: string[] = [];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-bench-stats-'));
  const port = await freePort();
  const stop = await startPortal(dataDir, port);
  try {
    const database = await openDatabase({ dataDir, databaseUrl: undefined, dbPoolSize: 4 });
    const db = database.db;
    let t = performance.now();
    const total = await generateServices(db, SERVICES);
    say(`Catalog: ${total} services (${fmt((performance.now() - t) / 1000)} s)`);
    t = performance.now();
    await generate(db);
    const generated = (performance.now() - t) / 1000;
    const counts = (await sql<{ a: string; r: string; s: string }>`SELECT (SELECT count(*) FROM application) a, (SELECT count(*) FROM rating) r, (SELECT count(*) FROM service_stat_month) s`.execute(db)).rows[0]!;
    say(`Data: ${counts.a} applications, ${counts.r} ratings, ${counts.s} monthly aggregate rows; generated in ${fmt(generated)} s`);

    const year = new Date().getUTCFullYear();
    const services = (await db.selectFrom('service').select('code').where('level', '>=', 3).orderBy('code').execute()).map((s) => s.code);
    const root = (await db.selectFrom('agency').select('code').where('parent_code', 'is', null).orderBy('code').executeTakeFirstOrThrow()).code;
    const from = `${year}-01-01`;
    const to = `${year}-${String(new Date().getUTCMonth() + 1).padStart(2, '0')}-01`;
    const one = await timeEach(500, (i) => serviceStatistics(db, services[(i * 104729) % services.length]!, year));
    rows.push(`| service statistics, in-process, one at a time (500 services) | | ${fmt(one.p50)} | ${fmt(one.p99)} | max ${fmt(one.max)} ms |`);
    const dash = await timeEach(50, async () => dashboard(db, await agencySubtree(db, root), from, to));
    rows.push(`| province dashboard queries, in-process, one at a time (50 runs) | | ${fmt(dash.p50)} | ${fmt(dash.p99)} | max ${fmt(dash.max)} ms |`);
    await database.close();

    const origin = `http://127.0.0.1:${port}`;
    let next = 0;
    const api = await autocannon({ url: origin, connections: CONNECTIONS, duration: DURATION, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/services/${services[(next++ * 104729) % services.length]}/statistics?year=${year}` }) }] });
    rows.push(`| GET /api/v1/services/{code}/statistics, ${CONNECTIONS} connections | ${fmt(api.requests.average, 0)} | ${api.latency.p50} | ${api.latency.p99} | errors: ${api.errors + api.non2xx} |`);
    const page = await autocannon({ url: origin, connections: CONNECTIONS, duration: DURATION, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/dich-vu-cong/${services[(next++ * 104729) % services.length]}` }) }] });
    rows.push(`| service page HTML with the figures, ${CONNECTIONS} connections | ${fmt(page.requests.average, 0)} | ${page.latency.p50} | ${page.latency.p99} | errors: ${page.errors + page.non2xx} |`);
    const cookie = await sessionCookie(origin, 'lanhdao');
    const dashHttp = await autocannon({ url: `${origin}/quan-ly/thong-ke`, connections: 4, duration: DURATION, headers: { cookie } });
    rows.push(`| GET /quan-ly/thong-ke (province, year to date, 4 charts), 4 connections | ${fmt(dashHttp.requests.average, 0)} | ${dashHttp.latency.p50} | ${dashHttp.latency.p99} | errors: ${dashHttp.errors + dashHttp.non2xx} |`);
    return rows;
  } finally {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchStatistics();
  say(`\nStatistics (Q3): ${os.cpus().length} cores, ${DURATION} s per HTTP scenario`);
  say('| scenario | requests/s | p50 ms | p99 ms | notes |\n|---|---|---|---|---|');
  say(rows.join('\n'));
}
