// What the benchmark scenarios share: HTTP load with autocannon, a portal process to measure, and
// its peak memory.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

export const DURATION = Number(process.env.BENCH_SECONDS || 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const BIN = path.resolve(import.meta.dirname, '../bin/dvctt.js');

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Load on `url`, asking `paths` in turn across all connections, with optional headers. */
export async function load(url: string, paths?: string[], headers?: Record<string, string>, connections = CONNECTIONS): Promise<Load> {
  let next = 0;
  const requests: autocannon.Request[] | undefined = paths && [
    { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) },
  ];
  const r = await autocannon({ url, connections, duration: DURATION, ...(headers && { headers }), ...(requests && { requests }) });
  // A redirect is an answer, not an error (a procedure's code typed in the search box goes to its page).
  const failed = Object.entries((r as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).reduce((n, [code, s]) => n + (Number(code) >= 400 ? s.count : 0), 0);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + failed };
}

export interface RunningPortal {
  ms: number;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `dvctt start` with `env` and resolves when the home page answers 200. */
export function startPortal(env: Record<string, string>, port: number): Promise<RunningPortal> {
  const began = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DVCTT_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`dvctt start exited with ${code}`)));
    const poll = async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if (res.status === 200) {
          await res.text();
          child.removeAllListeners('exit');
          return resolve({
            ms: performance.now() - began,
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
export function peakRssMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

export const fmt = (n: number, d = 0) => n.toFixed(d);

/** One row of the results table. */
export const row = (name: string, r: Load, baseline: number, notes = '') =>
  `| ${name} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${fmt(r.rps / baseline, 2)} | ${notes || `errors: ${r.errors}`} |`;
