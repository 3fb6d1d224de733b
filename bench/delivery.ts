// Notices (N2): the time from "Gửi hồ sơ" (the API submission) to the receipt email accepted by an
// SMTP server on loopback, under a steady 100 submissions/s; then how many queued notices one
// instance delivers per second. The portal runs as `dvctt start` on its own database of the
// PostgreSQL server (BENCH_DATABASE_URL, postgres://postgres@127.0.0.1:5432/postgres by default),
// created here and dropped afterwards. Run alone with `node --import tsx bench/delivery.ts`, or
// from `npm run bench` (BENCH_SKIP_DELIVERY=1 skips it).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createPool, type Database } from '../src/db/index.ts';
import { withDatabase } from '../src/db/embedded.ts';
import { createAccount } from '../src/identity/index.ts';
import { addNotice } from '../src/notifications/index.ts';
import { freePort } from '../test/helpers/process.ts';
import { startPortal, type RunningPortal } from './lib.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const RATE = Number(process.env.BENCH_DELIVERY_RATE || 100);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const BACKLOG = Number(process.env.BENCH_DELIVERY_BACKLOG || 3000);
const WORKERS = process.env.BENCH_DELIVERY_WORKERS || '4';
const PASSWORD = 'Mat-khau-2026';
const SERVICE = '3.000285';
/** The default e-form's answers (F1): the applicant, the request, the declaration. */
const ANSWERS = { fullName: 'Nguyễn Văn An', dateOfBirth: '20/05/1990', idNumber: '056090001234', permanentAddress: { province: 'Tỉnh Khánh Hòa', commune: 'Phường Nha Trang', detail: '25 Lê Thánh Tôn' }, phone: '0912345678', content: 'Đề nghị khóa căn cước điện tử.', declaration: true };
const progress = (line: string) => process.stderr.write(`  [delivery] ${line}\n`);

export interface DeliveryFigures {
  submitted: number;
  submitErrors: number;
  submitP50: number;
  submitP99: number;
  /** Submission sent → receipt email accepted (250 after DATA), ms. */
  p50: number;
  p99: number;
  max: number;
  /** Receipts that never arrived within the wait after the load. */
  missing: number;
  backlog: number;
  perSecond: number;
  workers: string;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

export async function deliveryBench(): Promise<DeliveryFigures> {
  const name = `dvctt_bench_delivery_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(ADMIN_URL, name);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-bench-delivery-'));
  /** Message id (DV<delivery id>) → when the SMTP server accepted it (performance.now()). */
  const accepted = new Map<string, number>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // A mail relay on loopback: no reverse DNS lookup of each connecting client.
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 8192) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^X-DVCTT-Message-Id:\s*(\S+)/im.exec(head)?.[1];
        if (id && !accepted.has(id)) accepted.set(id, performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const pool = createPool(url, 4);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const port = await freePort();
  const env = { DATABASE_URL: url, DATA_DIR: dataDir, SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, DVCTT_WORKERS: WORKERS };
  let portal: RunningPortal | undefined;
  try {
    portal = await startPortal(env, port);
    const origin = `http://127.0.0.1:${port}`;
    // An applicant with an email address and no phone: one email per notice.
    await createAccount(db, { username: 'nguoi.nop', password: PASSWORD, fullName: 'Nguyễn Văn An', email: 'nguoi.nop@example.vn' });
    const { token } = (await (await fetch(`${origin}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nguoi.nop', password: PASSWORD }) })).json()) as { token: string };
    // A procedure with the default e-form and no required paper (as bench/submissions.ts), received at
    // several places (C1): every submission goes to the first that takes it online.
    const places = ((await (await fetch(`${origin}/api/v1/services/${SERVICE}`)).json()) as { implementations: { agency: { code: string }; online: boolean; level: number }[] }).implementations;
    const agency = places.find((p) => p.online && p.level >= 3)!.agency.code;
    const body = JSON.stringify({ service: SERVICE, agency, data: ANSWERS });

    // 1. Steady load: one submission every 1000/RATE ms, whatever the answers' pace (open loop).
    const sent = new Map<string, number>();
    const submitMs: number[] = [];
    let submitErrors = 0;
    const total = RATE * SECONDS;
    const began = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const at = began + (i * 1000) / RATE;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t0 = performance.now();
      inFlight.push(
        fetch(`${origin}/api/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })
          .then(async (res) => {
            const text = await res.text();
            submitMs.push(performance.now() - t0);
            if (res.status !== 201) return void (submitErrors++ || progress(`first refusal: ${res.status} ${text.slice(0, 300)}`));
            sent.set((JSON.parse(text) as { code: string }).code, t0);
          })
          .catch(() => void submitErrors++),
      );
    }
    await Promise.all(inFlight);
    progress(`${sent.size} submissions acknowledged in ${((performance.now() - began) / 1000).toFixed(1)} s; waiting for their receipts`);
    // The receipt of each: its email delivery's id, then its arrival.
    const codes = [...sent.keys()];
    const rows = codes.length ? await db.selectFrom('delivery').select(['id', 'application_code']).where('channel', '=', 'email').where('event', '=', 'submitted').where('application_code', 'in', codes).execute() : [];
    const idOf = new Map(rows.map((r) => [r.application_code!, `DV${r.id}`]));
    const deadline = performance.now() + 60_000;
    while (codes.some((c) => !accepted.has(idOf.get(c) ?? '')) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const latencies = codes.flatMap((c) => {
      const t = accepted.get(idOf.get(c) ?? '');
      return t === undefined ? [] : [t - sent.get(c)!];
    });
    latencies.sort((a, b) => a - b);
    submitMs.sort((a, b) => a - b);
    await portal.stop();
    portal = undefined;

    // 2. Throughput: a backlog queued while no instance runs, then one instance drains it.
    const account = await db.selectFrom('account').select('id').where('username', '=', 'nguoi.nop').executeTakeFirstOrThrow();
    const backlogIds: string[] = [];
    for (let i = 0; i < BACKLOG; i += 100) {
      await db.transaction().execute(async (trx) => {
        for (let k = i; k < Math.min(BACKLOG, i + 100); k++) {
          await addNotice(trx, { accountId: account.id, title: `Thông báo thử ${k + 1}`, body: 'Đo tốc độ gửi thông báo.' });
        }
      });
    }
    progress(`${BACKLOG} notices queued; one instance starts delivering them`);
    const queued = await db.selectFrom('delivery').select('id').where('status', '=', 'queued').execute();
    for (const r of queued) backlogIds.push(`DV${r.id}`);
    portal = await startPortal(env, port);
    const drainDeadline = performance.now() + 600_000;
    while (backlogIds.some((id) => !accepted.has(id)) && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 100));
    const times = backlogIds.map((id) => accepted.get(id)).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
    const perSecond = times.length > 1 ? ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!) : 0;

    return {
      submitted: codes.length,
      submitErrors,
      submitP50: Math.round(pct(submitMs, 50)),
      submitP99: Math.round(pct(submitMs, 99)),
      p50: Math.round(pct(latencies, 50)),
      p99: Math.round(pct(latencies, 99)),
      max: Math.round(latencies.at(-1) ?? NaN),
      missing: codes.length - latencies.length,
      backlog: times.length,
      perSecond,
      workers: WORKERS,
    };
  } finally {
    await portal?.stop();
    await db.destroy();
    await new Promise<void>((r) => smtp.close(() => r()));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function deliveryReport(r: DeliveryFigures): string {
  return [
    `Notices (N2): ${RATE} submissions/s for ${SECONDS} s through POST /api/v1/applications, PostgreSQL server, DVCTT_WORKERS=${r.workers}, ${os.cpus().length} cores`,
    `  submissions: ${r.submitted} acknowledged (201), ${r.submitErrors} errors; answer p50 ${r.submitP50} ms, p99 ${r.submitP99} ms`,
    `  "Gửi hồ sơ" → receipt email accepted by the SMTP server: p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms (target p99 ≤ 1000 ms); ${r.missing} missing`,
    `  one instance draining ${r.backlog} queued emails: ${r.perSecond.toFixed(0)} notices delivered per second`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(deliveryReport(await deliveryBench()) + '\n');
}
