// Runs the real `dvctt` command as a separate process, as an operator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/dvctt.js');

export interface Portal {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DVCTT_') && !['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'TLS_CERT_FILE', 'TLS_KEY_FILE', 'PUBLIC_URL'].includes(k)));
  return { ...base, DVCTT_LOG_LEVEL: 'warn', ...env };
}

export function spawnDvctt(args: string[], env: Record<string, string>): Portal {
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Runs a command to its end. */
export async function runDvctt(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const p = spawnDvctt(args, env);
  const code = await p.exited;
  return { code, output: p.output() };
}

/** Starts the portal and waits until it says it listens (or fails). */
export async function startPortal(env: Record<string, string>, timeoutMs = 90_000): Promise<Portal> {
  const p = spawnDvctt(['start'], env);
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void p.exited.then((c) => (exitCode = c));
  while (!p.output().includes('đang chạy tại')) {
    if (exitCode !== undefined) throw new Error(`dvctt start exited with ${exitCode}:\n${p.output()}`);
    if (Date.now() > deadline) {
      p.child.kill('SIGKILL');
      throw new Error(`dvctt start did not listen in time:\n${p.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return p;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The embedded PostgreSQL of a DATA_DIR as its postmaster.pid says: line 1 the PID, line 4 the port. */
export function postmaster(dataDir: string): { pid: number; port: number } | undefined {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed process whose parent died before reaping it stays a zombie ("Z") until init reaps it;
  // it runs nothing and holds no port, so it counts as gone.
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** For a test that kills a portal: a dead instance's deliveries are taken over after 2 s of silence rather than a minute. */
export const QUICK_TAKEOVER = { DVCTT_DELIVERY_STALE_SECONDS: '2' };

/** A portal run as its own process on a test database, with its own data folder and a free loopback port. */
export interface PortalProcess {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** DATABASE_URL, DATA_DIR, PORT, HOST and PUBLIC_URL; add the test's own settings before `start()`. */
  env: Record<string, string>;
  /** The running process, once started. */
  portal: Portal | undefined;
  /** Starts the portal (again, after a kill) and waits until it listens. */
  start(): Promise<Portal>;
  /** Stops a portal still running and removes its data folder. */
  close(): Promise<void>;
}

export async function portalProcess(databaseUrl: string, folderPrefix: string): Promise<PortalProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), folderPrefix));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const run: PortalProcess = {
    origin,
    env: { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: origin },
    portal: undefined,
    async start() {
      run.portal = await startPortal(run.env);
      return run.portal;
    },
    async close() {
      if (run.portal && run.portal.child.exitCode === null) {
        run.portal.child.kill('SIGTERM');
        await run.portal.exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return run;
}
