// `npm run bench`: every scenario, each printed with the ratio to a baseline measured in the same
// run on the same machine. Figures go to docs/benchmarks.md. Not a test: nothing here fails a build.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/helpers/process.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/dvctt.js');
const DURATION = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string): Promise<Load> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

function startPortal(dataDir: string, port: number): Promise<{ ms: number; stop: () => Promise<void>; pid: number }> {
  const began = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DVCTT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`dvctt start exited with ${code}`)));
    const poll = async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if (res.status === 200) {
          await res.text();
          const ms = performance.now() - began;
          child.removeAllListeners('exit');
          return resolve({
            ms,
            pid: child.pid!,
            stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
          });
        }
      } catch {
        /* not listening yet */
      }
      setTimeout(poll, 25);
    };
    void poll();
  });
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

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
  const rss = peakRssMb(second.pid);
  await second.stop();
  rows.push(`| home page HTML (/) | ${fmt(home.rps)} | ${home.p50} | ${home.p99} | ${fmt(home.rps / baseline.rps, 2)} | ${fmt(rss)} MB peak RSS (whole run) |`);
  rows.push(`| about page HTML (/gioi-thieu) | ${fmt(about.rps)} | ${about.p50} | ${about.p99} | ${fmt(about.rps / baseline.rps, 2)} | errors: ${home.errors + about.errors} |`);
  process.stdout.write(`\nStart-up (embedded PostgreSQL, until the home page answers 200):\n`);
  process.stdout.write(`  first start on an empty DATA_DIR (initdb, migrations, demo data): ${fmt(first.ms)} ms\n`);
  process.stdout.write(`  next start on the same DATA_DIR: ${fmt(second.ms)} ms\n`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

process.stdout.write(`\nHTTP load: autocannon, ${CONNECTIONS} connections, ${DURATION} s each, ${os.cpus().length} cores\n`);
process.stdout.write('| scenario | requests/s | p50 ms | p99 ms | ratio to baseline | notes |\n|---|---|---|---|---|---|\n');
process.stdout.write(rows.join('\n') + '\n');
