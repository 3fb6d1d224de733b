// Submissions with a 200 KB attachment under load (A1): each request a multipart POST to
// /api/v1/applications whose file is streamed to disk and fsynced before the transaction that
// stores the application; afterwards every acknowledged code must be in the database with its
// file on disk. Run alone with `node --import tsx bench/submissions.ts`, or from `npm run bench`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/index.ts';
import { LocalFileStore } from '../src/storage/index.ts';
import { freePort } from '../test/helpers/process.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/dvctt.js');
const DURATION = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
/** A level-4 service with the default e-form and one place: one optional component, so one file per submission. */
const SERVICE = '3.000285';
const COMPONENT = 'yeu-cau';
const FILE_BYTES = 200 * 1024;

function start(dataDir: string, port: number): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DVCTT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`dvctt start exited with ${code}`)));
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
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

/** The default e-form's answers (F1): the applicant, the request, the declaration. */
const answers = (i: number) =>
  JSON.stringify({ fullName: 'Nguyễn Văn An', dateOfBirth: '20/05/1990', idNumber: '056090001234', permanentAddress: { province: 'Tỉnh Khánh Hòa', commune: 'Phường Nha Trang', detail: '25 Lê Thánh Tôn' }, phone: '0912345678', content: `Đề nghị khóa căn cước điện tử (bench ${i}).`, declaration: true });

/** A distinct 200 KB PDF-looking file per request, so every submission writes new bytes. */
function body(i: number, boundary: string, agency: string): Buffer {
  const head = Buffer.from(`%PDF-1.7\n% dvctt bench ${i} ${process.pid}\n`);
  const file = Buffer.concat([head, Buffer.alloc(FILE_BYTES - head.length, 0x20)]);
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="service"\r\n\r\n${SERVICE}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="agency"\r\n\r\n${agency}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${answers(i)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="component:${COMPONENT}"; filename="cccd-${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

export interface SubmissionFigures {
  rps: number;
  p50: number;
  p99: number;
  acknowledged: number;
  errors: number;
  missing: number;
  refused?: string;
}

export async function submissionBench(): Promise<SubmissionFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvctt-bench-submit-'));
  const port = await freePort();
  const stop = await start(dataDir, port);
  try {
    const origin = `http://127.0.0.1:${port}`;
    const token = ((await (await fetch(`${origin}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'congdan', password: 'Demo-dvctt-2026' }) })).json()) as { token: string }).token;
    // The procedure is received at several places (C1): every submission goes to the first that takes them online.
    const places = ((await (await fetch(`${origin}/api/v1/services/${SERVICE}`)).json()) as { implementations: { agency: { code: string }; online: boolean; level: number }[] }).implementations;
    const agency = places.find((p) => p.online && p.level >= 3)!.agency.code;
    const boundary = '----dvcttbench7d1f';
    const codes: string[] = [];
    // The first refusal, so a run whose every request fails says why.
    let refused: string | undefined;
    let i = 0;
    const result = await autocannon({
      url: origin,
      connections: CONNECTIONS,
      duration: DURATION,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/applications',
          setupRequest: (req) => ({ ...req, headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: body(i++, boundary, agency) }),
          onResponse: (status, resBody) => {
            if (status !== 201) refused ??= `${status} ${resBody.slice(0, 300)}`;
            if (status === 201) codes.push((JSON.parse(resBody) as { code: string }).code);
          },
        },
      ],
    });
    // Every acknowledged application is there, with its file row and its bytes on disk.
    const database = await openDatabase({ dataDir, databaseUrl: undefined, dbPoolSize: 2 });
    const files = new LocalFileStore(path.join(dataDir, 'files'));
    let missing = 0;
    try {
      for (let k = 0; k < codes.length; k += 500) {
        const chunk = codes.slice(k, k + 500);
        const rows = await database.db
          .selectFrom('application')
          .innerJoin('application_attachment', 'application_attachment.application_id', 'application.id')
          .select(['application.code', 'application_attachment.file_key'])
          .where('application.code', 'in', chunk)
          .execute();
        missing += chunk.length - rows.length;
        for (const r of rows) if (!(await files.exists(r.file_key))) missing += 1;
      }
    } finally {
      await database.close();
    }
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, acknowledged: codes.length, errors: result.errors + result.non2xx, missing, refused };
  } finally {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The row for `npm run bench`'s table. */
export async function submissionScenario(baselineRps: number): Promise<string> {
  const r = await submissionBench();
  return `| submissions with a 200 KB attachment (multipart API, fsync, one transaction) | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${(r.rps / baselineRps).toFixed(2)} | ${r.acknowledged} acknowledged, ${r.missing} missing afterwards, errors: ${r.errors} |`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await submissionBench();
  process.stdout.write(`Submissions with a 200 KB attachment: ${CONNECTIONS} connections, ${DURATION} s, ${os.cpus().length} cores\n`);
  process.stdout.write(`  ${r.rps.toFixed(0)} submissions/s sustained, p50 ${r.p50} ms, p99 ${r.p99} ms\n`);
  process.stdout.write(`  ${r.acknowledged} acknowledged (201), ${r.errors} errors; afterwards ${r.missing} missing (application, attachment row or file)\n`);
  if (r.refused) process.stdout.write(`  first refusal: ${r.refused}\n`);
}
