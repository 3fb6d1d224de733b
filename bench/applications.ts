// Applications at scale on the PostgreSQL server (P2): the public status lookup and the officer's
// inbox over 1,000,000 applications, against a primary-key SELECT through `pg` on the same data.
// The generated database is kept between runs (it takes minutes to make); BENCH_FRESH=1 remakes it.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createPool, migrate } from '../src/db/index.ts';
import { withDatabase } from '../src/db/embedded.ts';
import type { Database } from '../src/db/schema.ts';
import { seedDemo } from '../src/seed.ts';
import { seedScale } from '../src/scale.ts';
import { agencySubtree, dashboard, serviceStatistics } from '../src/feedback/stats.ts';
import { freePort } from '../test/helpers/process.ts';
import { CONNECTIONS, DURATION, fmt, load, peakRssMb, row, startPortal } from './lib.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS || 1_000_000);
const NAME = 'dvctt_bench_applications';

export async function prepare(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [NAME])).rowCount;
  if (exists && process.env.BENCH_FRESH) await admin.query(`DROP DATABASE ${NAME} WITH (FORCE)`);
  if (!exists || process.env.BENCH_FRESH) await admin.query(`CREATE DATABASE ${NAME}`);
  await admin.end();
  const url = withDatabase(ADMIN_URL, NAME);
  const pool = createPool(url, 4);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db);
    await seedDemo(db, { info: () => undefined });
    const have = Number((await db.selectFrom('application').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    if (have < APPLICATIONS) {
      const began = performance.now();
      const report = await seedScale(db, Math.ceil((APPLICATIONS - have) / 100), (line) => process.stdout.write(`\r  ${line}          `));
      process.stdout.write(`\nGenerated in ${fmt((performance.now() - began) / 1000, 0)} s: ${report.applications} applications, ${report.events} events, ${report.ratings} ratings, ${report.citizens} accounts\n`);
    } else {
      process.stdout.write(`Reusing ${NAME} with ${have} applications (BENCH_FRESH=1 to remake it)\n`);
    }
  } finally {
    await db.destroy();
  }
  return url;
}

/** The database's own speed on this data: a primary-key SELECT by code through `pg`, 50 at once. */
export async function pgBaseline(url: string, codes: string[]): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  const latencies: number[] = [];
  let i = 0;
  const end = performance.now() + DURATION * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await pool.query('SELECT code, status FROM application WHERE code = $1', [codes[i++ % codes.length]]);
        latencies.push(performance.now() - t);
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / DURATION, p50: Math.round(latencies[Math.floor(latencies.length / 2)]!), p99: Math.round(latencies[Math.floor(latencies.length * 0.99)]!), errors: 0 };
}

/** p50 and p99 of `n` runs of `work`, one at a time. */
export async function timeEach(n: number, work: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await work(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(n / 2)]!, p99: ms[Math.min(n - 1, Math.floor(n * 0.99))]! };
}

/** A signed-in browser's cookies, through the sign-in form. */
export async function signIn(origin: string, login: string): Promise<string> {
  const form = await fetch(`${origin}/dang-nhap`);
  const anon = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${origin}/dang-nhap`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anon, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, login, password: 'Demo-dvctt-2026' }).toString(),
  });
  return [anon, ...res.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
}

/** Rows of the results table for the applications scenarios. */
export async function applicationScenarios(httpBaselineRps: number): Promise<string[]> {
  const rows: string[] = [];
  const url = await prepare();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sample = (
    await client.query<{ code: string; check: string }>(
      `SELECT a.code, right(ac.phone, 4) AS check FROM application a TABLESAMPLE SYSTEM (1) JOIN account ac ON ac.id = a.applicant_id WHERE ac.phone IS NOT NULL LIMIT 5000`,
    )
  ).rows;
  await client.end();

  const base = await pgBaseline(url, sample.map((s) => s.code));
  rows.push(`| primary-key SELECT through pg, ${APPLICATIONS.toLocaleString('en')} applications (database baseline) | ${fmt(base.rps)} | ${base.p50} | ${base.p99} | 1.00 (db) | |`);

  const port = await freePort();
  const portal = await startPortal({ DATABASE_URL: url, DVCTT_DEMO_DATA: 'false', DVCTT_WORKERS: '0' }, port);
  try {
    const origin = `http://127.0.0.1:${port}`;
    const lookup = await load(origin, sample.map((s) => `/api/v1/lookup?code=${encodeURIComponent(s.code)}&check=${s.check}`));
    rows.push(row('public status lookup API (code + 4 digits)', lookup, httpBaselineRps, `${fmt((lookup.rps / base.rps) * 100)} % of the pg baseline; errors: ${lookup.errors}`));

    // An officer of the provincial health department, signed in through the form.
    const cookie = await signIn(origin, 'canbo.syt');
    const inboxPaths = ['/can-bo/ho-so', '/can-bo/ho-so?trang-thai=4', '/can-bo/ho-so?han=qua-han', '/can-bo/ho-so?trang-thai=2', `/can-bo/ho-so?q=${encodeURIComponent('Nguyễn Thị Lan')}`];
    const inbox = await load(origin, inboxPaths, { cookie });
    rows.push(row(`officer inbox HTML with filters (${inboxPaths.length} filter sets), ${CONNECTIONS} connections`, inbox, httpBaselineRps));
    // The latency an agency's officers see: a handful working at once.
    const inboxFew = await load(origin, inboxPaths, { cookie }, 4);
    rows.push(row(`officer inbox HTML with filters, 4 connections`, inboxFew, httpBaselineRps));

    // Q3 on the same data: the Art. 11.3 figures of a service and the province's dashboard.
    const year = new Date().getUTCFullYear();
    const stats = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(url, 2) }) });
    const services = (await stats.selectFrom('service').select('code').where('level', '>=', 3).orderBy('code').execute()).map((x) => x.code);
    const one = await timeEach(500, (i) => serviceStatistics(stats, services[(i * 104729) % services.length]!, year));
    rows.push(`| service statistics query, in-process, one at a time | | ${fmt(one.p50, 1)} | ${fmt(one.p99, 1)} | | ${services.length} services |`);
    const province = await agencySubtree(stats, '000.00.00.H34');
    const dash = await timeEach(30, () => dashboard(stats, province, `${year - 1}-01-01`, `${year}-12-01`));
    rows.push(`| province dashboard queries (2 years), in-process, one at a time | | ${fmt(dash.p50, 1)} | ${fmt(dash.p99, 1)} | | ${province.length} agencies |`);
    await stats.destroy();
    const statsApi = await load(origin, services.slice(0, 2000).map((c) => `/api/v1/services/${c}/statistics?year=${year}`));
    rows.push(row('service statistics API (Art. 11.3 figures)', statsApi, httpBaselineRps));
    const managerCookie = await signIn(origin, 'lanhdao');
    const dashPage = await load(origin, ['/quan-ly/thong-ke'], { cookie: managerCookie }, 4);
    rows.push(row('managers’ dashboard HTML (province, 4 SVG charts), 4 connections', dashPage, httpBaselineRps));
    rows.push(`| peak RSS of the portal process (applications scenarios) | | | | | ${fmt(peakRssMb(portal.pid))} MB |`);
  } finally {
    await portal.stop();
  }
  return rows;
}
