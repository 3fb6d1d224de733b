// C1 at a province's scale: "Nộp tại" for a procedure received by 3,300 communes and wards (the
// shape of a two-tier province after 07/2025). Adds the communes and their implementations of
// Đăng ký khai sinh to a fresh demo portal, then loads the picker (all places, and searches
// typed without accents) and the service page with its "Nộp tại" section.
// Run alone: `node --import tsx bench/picker.ts`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/index.ts';
import { freePort } from '../test/helpers/process.ts';
import { fmt, load, startPortal } from './lib.ts';

const COMMUNES = Number(process.env.BENCH_COMMUNES || 3_300);
const CONNECTIONS = Number(process.env.BENCH_PICKER_CONNECTIONS || 10);
const SERVICE = '1.001193';
const say = (line: string) => process.stdout.write(`${line}\n`);
const SEARCHES = ['bac nha trang', 'Cam Ranh', 'xa 1234', 'phuong 27', 'dien khanh', 'ninh hoa', 'xã 3001', 'zzz'];

export async function benchPicker(): Promise<string[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-bench-picker-'));
  const port = await freePort();
  const portal = await startPortal({ DATA_DIR: dataDir }, port);
  try {
    const database = await openDatabase({ dataDir, databaseUrl: undefined, dbPoolSize: 4 });
    const t = performance.now();
    await sql`
      INSERT INTO agency (code, name, kind, parent_code, address)
      SELECT 'B' || lpad(i::text, 4, '0') || '.H34', (CASE WHEN i % 3 = 0 THEN 'Ủy ban nhân dân phường ' ELSE 'Ủy ban nhân dân xã ' END) || i, 'commune', '000.00.00.H34',
             'Số ' || i || ' đường Trần Phú, ' || (CASE WHEN i % 3 = 0 THEN 'phường ' ELSE 'xã ' END) || i || ', tỉnh Khánh Hòa'
      FROM generate_series(1, ${COMMUNES}) AS i
      ON CONFLICT (code) DO NOTHING`.execute(database.db);
    await sql`
      INSERT INTO service_implementation (service_code, agency_code)
      SELECT ${SERVICE}, code FROM agency WHERE kind = 'commune'
      ON CONFLICT DO NOTHING`.execute(database.db);
    const n = (await sql<{ n: string }>`SELECT count(*) AS n FROM service_implementation WHERE service_code = ${SERVICE}`.execute(database.db)).rows[0]!.n;
    say(`${SERVICE}: ${n} places (added in ${fmt((performance.now() - t) / 1000, 1)} s)`);
    await database.close();

    const origin = `http://127.0.0.1:${port}`;
    const rows: string[] = [];
    const all = await load(origin, [`/dich-vu-cong/${SERVICE}/noi-nop`], undefined, CONNECTIONS);
    rows.push(`| picker, ${n} places, first 30 shown, ${CONNECTIONS} connections | ${fmt(all.rps)} | ${all.p50} | ${all.p99} | errors: ${all.errors} |`);
    const search = await load(origin, SEARCHES.map((q) => `/dich-vu-cong/${SERVICE}/noi-nop?q=${encodeURIComponent(q)}`), undefined, CONNECTIONS);
    rows.push(`| picker searches without accents (8 texts in turn), ${CONNECTIONS} connections | ${fmt(search.rps)} | ${search.p50} | ${search.p99} | errors: ${search.errors} |`);
    const about = await load(origin, ['/gioi-thieu'], undefined, CONNECTIONS);
    rows.push(`| for comparison: /gioi-thieu (a static page), same run, ${CONNECTIONS} connections | ${fmt(about.rps)} | ${about.p50} | ${about.p99} | errors: ${about.errors} |`);
    const single = await load(origin, ['/dich-vu-cong/1.004616'], undefined, CONNECTIONS);
    rows.push(`| for comparison: a service page with one place (1.004616), ${CONNECTIONS} connections | ${fmt(single.rps)} | ${single.p50} | ${single.p99} | errors: ${single.errors} |`);
    const page = await load(origin, [`/dich-vu-cong/${SERVICE}`], undefined, CONNECTIONS);
    rows.push(`| service page with its "Nộp tại" section, ${CONNECTIONS} connections | ${fmt(page.rps)} | ${page.p50} | ${page.p99} | errors: ${page.errors} |`);
    return rows;
  } finally {
    await portal.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  say('| scenario | req/s | p50 ms | p99 ms | notes |');
  say('|---|---|---|---|---|');
  for (const r of await benchPicker()) say(r);
}
