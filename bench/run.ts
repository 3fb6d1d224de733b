// `npm run bench`: every scenario, each printed with the ratio to a baseline measured in the same
// run on the same machine. Figures go to docs/benchmarks.md. Not a test: nothing here fails a build.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/process.ts';
import { openDatabase } from '../src/db/index.ts';
import { generateServices } from '../src/catalog/scale.ts';
import { benchForms } from './forms.ts';
import { submissionScenario } from './submissions.ts';
import { benchStatistics } from './statistics.ts';
import { applicationScenarios } from './applications.ts';
import { inboxScenarios } from './inbox.ts';
import { deliveryBench, deliveryReport } from './delivery.ts';
import { scaleReport } from './scale.ts';
import { targetTable } from './targets.ts';
import { CONNECTIONS, DURATION, load, peakRssMb, startPortal as startWith } from './lib.ts';

const startPortal = (dataDir: string, port: number) => startWith({ DATA_DIR: dataDir, HOST: '::' }, port);

const enc = (q: string) => encodeURIComponent(q);
const SERVICES = Number(process.env.BENCH_SERVICES || 100_000);

/** Searches people type: accents or not, common words and rare ones, a typo, a code. */
const SEARCHES = [
  'cap giay phep xay dung', 'Cấp giấy phép xây dựng', 'khai sinh', 'khai sin', 'chung chi hanh nghe duoc', 'đăng ký kết hôn',
  'giay phep lai xe', 'ho kinh doanh', 'tro cap xa hoi', 'van bang chung chi', 'giấy phép môi trường', 'an toan thuc pham',
  'thu hoi giay phep', 'gia han', 'xac nhan thong tin cu tru', 'quang cao', 'khoang san', 'du an dau tu', '1.004616', 'giam ho',
];
/** Searches that do not repeat within a run (each text and page once): the uncached cost. */
const ACTIONS = ['cap', 'cap lai', 'dieu chinh', 'gia han', 'thu hoi', 'dang ky', 'xac nhan', 'cong nhan', 'tham dinh', 'phe duyet'];
const OBJECTS = ['giay phep xay dung', 'chung chi hanh nghe', 'giay phep lai xe', 'ho kinh doanh', 'an toan thuc pham', 'giay phep moi truong', 'khoang san', 'quang cao', 'van bang', 'giay khai sinh', 'ket hon', 'giam ho', 'du an dau tu', 'tro cap xa hoi', 'giay phep lao dong'];
const DISTINCT = ACTIONS.flatMap((a) => OBJECTS.map((o) => `${a} ${o}`)).flatMap((q) => [1, 2, 3, 4, 5, 6, 7, 8].map((page) => `/api/v1/services?q=${enc(q)}&page=${page}`));
const FILTERS = ['level=4&adminLevel=xa', 'level=3&level=4', 'sector=Y%20t%E1%BA%BF', 'adminLevel=tinh&level=4&page=3', 'field=H%E1%BB%99%20t%E1%BB%8Bch', ''];


async function startBaseline(port: number): Promise<() => void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bare-server.ts')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return () => child.kill('SIGTERM');
}

const rows: string[] = [];
const fmt = (n: number, d = 0) => n.toFixed(d);

const barePort = await freePort();
const stopBaseline = await startBaseline(barePort);
const baseline = await load(`http://127.0.0.1:${barePort}/`);
stopBaseline();
rows.push(`| bare Fastify JSON route (baseline) | ${fmt(baseline.rps)} | ${baseline.p50} | ${baseline.p99} | 1.00 | — |`);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-bench-'));
try {
  const port = await freePort();
  const first = await startPortal(dataDir, port);
  await first.stop();
  const second = await startPortal(dataDir, port);
  const home = await load(`http://127.0.0.1:${port}/`);
  const about = await load(`http://127.0.0.1:${port}/gioi-thieu`);
  rows.push(`| home page HTML (/) | ${fmt(home.rps)} | ${home.p50} | ${home.p99} | ${fmt(home.rps / baseline.rps, 2)} | |`);
  rows.push(`| about page HTML (/gioi-thieu) | ${fmt(about.rps)} | ${about.p50} | ${about.p99} | ${fmt(about.rps / baseline.rps, 2)} | errors: ${home.errors + about.errors} |`);

  // Catalog at scale: generated services beside the demo's real ones, in the portal's own database.
  const started = performance.now();
  const database = await openDatabase({ dataDir, databaseUrl: undefined, dbPoolSize: 4 });
  const total = await generateServices(database.db, SERVICES);
  await database.close();
  process.stdout.write(`\nCatalog: ${total} services (${SERVICES} generated in ${fmt((performance.now() - started) / 1000, 1)} s)\n`);
  const origin = `http://127.0.0.1:${port}`;
  const scenarios: [string, string[]][] = [
    [`catalog search API (${SEARCHES.length} different searches)`, SEARCHES.map((q) => `/api/v1/services?q=${enc(q)}`)],
    [`catalog search API, ${DISTINCT.length} distinct searches and pages (uncached)`, DISTINCT],
    [`catalog filtered list API (${FILTERS.length} filter sets)`, FILTERS.map((f) => `/api/v1/services?${f}`)],
    ['catalog search HTML page (/dich-vu-cong?q=…)', SEARCHES.map((q) => `/dich-vu-cong?q=${enc(q)}`)],
    ['catalog filtered HTML page', FILTERS.map((f) => `/dich-vu-cong?${f}`)],
    ['level-2 form as PDF (/dich-vu-cong/{code}/mau/{file}.pdf)', ['/dich-vu-cong/1.004616/mau/Mau02_CapCCHNDuoc.pdf']],
    ['level-2 form as .docx', ['/dich-vu-cong/1.004616/mau/Mau02_CapCCHNDuoc.docx']],
    ['service page HTML (/dich-vu-cong/{code})', ['1.004616', '1.001193', '9.000001', '9.054321', '9.099999'].map((c) => `/dich-vu-cong/${c}`)],
  ];
  for (const [name, paths] of scenarios) {
    const r = await load(origin, paths);
    rows.push(`| ${name} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${fmt(r.rps / baseline.rps, 2)} | errors: ${r.errors} |`);
  }
  rows.push(`| peak RSS of the portal process over the whole run | | | | | ${fmt(peakRssMb(second.pid))} MB |`);
  await second.stop();
  // Start-up on the embedded PostgreSQL, until the home page answers 200.
  rows.push(`| first start on an empty DATA_DIR (initdb, migrations, demo data), until / answers 200 | | | | | ${fmt(first.ms)} ms |`);
  rows.push(`| next start on the same DATA_DIR | | | | | ${fmt(second.ms)} ms |`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

if (process.env.BENCH_SKIP_APPLICATIONS) process.stdout.write('\nApplications at scale: skipped (BENCH_SKIP_APPLICATIONS)\n');
else rows.push(...(await applicationScenarios(baseline.rps)));

// A3, A4: the inbox in keyset pages with filters and the daily deadline digest, on the same 1,000,000 applications (bench/inbox.ts).
if (process.env.BENCH_SKIP_INBOX) process.stdout.write('\nInbox and deadline digest: skipped (BENCH_SKIP_INBOX)\n');
else rows.push(...(await inboxScenarios(baseline.rps)));

if (process.env.BENCH_SKIP_SUBMISSIONS) process.stdout.write('\nSubmissions with files: skipped (BENCH_SKIP_SUBMISSIONS)\n');
else rows.push(await submissionScenario(baseline.rps));

// N2: "Gửi hồ sơ" → receipt email accepted, at 100 submissions/s, and notices per second (bench/delivery.ts).
let notices = '\nNotices: skipped (BENCH_SKIP_DELIVERY)\n';
if (!process.env.BENCH_SKIP_DELIVERY) {
  const d = await deliveryBench();
  rows.push(`| receipt email accepted by the SMTP server after "Gửi hồ sơ", at 100 submissions/s | | ${d.p50} | ${d.p99} | | ${d.missing} missing; max ${d.max} ms |`);
  notices = '\n' + deliveryReport(d) + '\n';
}

process.stdout.write(`\nHTTP load: autocannon, ${CONNECTIONS} connections unless the row says otherwise, ${DURATION} s each, ${os.cpus().length} cores; targets from bench/targets.ts\n`);
process.stdout.write(targetTable(rows) + '\n');
process.stdout.write(notices);

// Q3: the Art. 11.3 figures and the managers' dashboard at 1,000,000 applications (bench/statistics.ts).
// The applications scenarios above already read the figures at 1,000,000 applications on the
// server; this separate run generates its own data with the triggers firing row by row (slow).
if (!process.env.BENCH_STATISTICS_GENERATE) process.stdout.write('\nStatistics with their own generated data: skipped (BENCH_STATISTICS_GENERATE=1 to run)\n');
else {
  const statistics = await benchStatistics();
  process.stdout.write('\nStatistics (Q3) at scale\n| scenario | requests/s | p50 ms | p99 ms | notes |\n|---|---|---|---|---|\n' + statistics.join('\n') + '\n');
}


// F2: the e-form engine on a generated 700-field form with 100 conditions (bench/forms.ts).
if (process.env.BENCH_SKIP_FORMS) process.stdout.write('\nE-form engine: skipped (BENCH_SKIP_FORMS)\n');
else process.stdout.write('\nE-form engine, 700 fields, 100 conditions\n| measure | median ms | p95 ms | target ms |\n|---|---|---|---|\n' + (await benchForms()).join('\n') + '\n');

// P2: two instances against one, and application partitioned by month (bench/scale.ts).
if (process.env.BENCH_SKIP_SCALE) process.stdout.write('\nScale beyond one instance: skipped (BENCH_SKIP_SCALE)\n');
else process.stdout.write('\n' + (await scaleReport()) + '\n');
