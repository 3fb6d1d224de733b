// One postmaster of the embedded PostgreSQL: where its files are, initdb on first use, starting it
// detached on loopback, waiting until it answers, finding one already running, and stopping it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, openSync, closeSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedDatabaseError, type Binaries, type RunAs } from './embedded-binaries.ts';

export interface Paths {
  pgdata: string;
  passwordFile: string;
  logFile: string;
  /** The port of the last start: used again when free, so a `dvctt` command that starts the server during an outage starts it where the portal's pool looks. */
  portFile: string;
}

const USER = 'dvctt';
export const DATABASE = 'dvctt';

/** Where a DATA_DIR keeps the cluster and what goes with it. */
export function embeddedPaths(dataDir: string): Paths {
  return {
    pgdata: path.join(dataDir, 'postgres'),
    passwordFile: path.join(dataDir, 'postgres.password'),
    logFile: path.join(dataDir, 'postgres.log'),
    portFile: path.join(dataDir, 'postgres.port'),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The process has ended: no such PID, or a zombie nobody has reaped yet (a server adopted from a
 * killed portal belongs to PID 1, which in a container may never reap it).
 */
export function gone(pid: number): boolean {
  if (!isAlive(pid)) return true;
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.startsWith('Z');
  } catch {
    return false; // no /proc (macOS): the signal test alone
  }
}

function processCommand(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

interface PostmasterInfo {
  pid: number;
  port: number;
}

/** postmaster.pid: line 1 the PID, line 4 the port (PostgreSQL's documented layout). */
async function readPostmaster(pgdata: string): Promise<PostmasterInfo | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(pgdata, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port };
}

/** A live postmaster serving this very data directory (not a reused PID). */
export async function runningPostmaster(pgdata: string): Promise<PostmasterInfo | undefined> {
  const info = await readPostmaster(pgdata);
  if (!info) return undefined;
  if (isAlive(info.pid) && processCommand(info.pid).includes(pgdata)) return info;
  // Stale file left by a crash: PostgreSQL would refuse to start if the PID now belongs to someone else.
  await fs.rm(path.join(pgdata, 'postmaster.pid'), { force: true });
  return undefined;
}

/** Nobody listens on this loopback port: a restart may take it again. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function urlFor(password: string, port: number, database = 'postgres'): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function tail(file: string, lines = 15): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-lines).join('\n');
}

export async function initialise(paths: Paths, who: RunAs | undefined, bins: Binaries, log: (msg: string) => void): Promise<void> {
  const { initdb } = bins;
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(paths.passwordFile, password + '\n', { mode: 0o600 });
  // initdb reads the password from a file; give it a copy it may read, then remove it.
  const pwTemp = path.join(os.tmpdir(), `dvctt-pw-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwTemp, password + '\n', { mode: 0o600 });
  await fs.rm(paths.pgdata, { recursive: true, force: true });
  await fs.mkdir(paths.pgdata, { mode: 0o700 });
  if (who) {
    await fs.chown(pwTemp, who.uid, who.gid);
    await fs.chown(paths.pgdata, who.uid, who.gid);
  }
  log('Khởi tạo cơ sở dữ liệu PostgreSQL nhúng lần đầu…');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        initdb,
        [
          `--pgdata=${paths.pgdata}`,
          `--username=${USER}`,
          `--pwfile=${pwTemp}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ],
        { ...(who ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new EmbeddedDatabaseError(`initdb thất bại (mã ${code}): ${stderr.trim()}`)),
      );
    });
  } finally {
    await fs.rm(pwTemp, { force: true });
  }
}

/** Start the postmaster on `port` (a free one when not given: the first start). */
export async function launch(paths: Paths, who: RunAs | undefined, bins: Binaries, port?: number): Promise<{ port: number; child: ChildProcess }> {
  const { postgres } = bins;
  if (port === undefined) {
    const last = Number((await fs.readFile(paths.portFile, 'utf8').catch(() => '')).trim());
    port = Number.isInteger(last) && last > 1024 && last < 65536 && (await portFree(last)) ? last : await freePort();
    await fs.writeFile(paths.portFile, `${port}\n`);
  }
  const logFd = openSync(paths.logFile, 'a');
  if (who) await fs.chown(paths.logFile, who.uid, who.gid);
  try {
    const child = spawn(
      postgres,
      ['-D', paths.pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      // Detached: a Ctrl-C in the terminal reaches the app only; the app stops PostgreSQL after draining requests.
      { ...(who ?? {}), detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, LC_ALL: 'C.UTF-8' } },
    );
    child.on('error', () => undefined); // a failed spawn also ends in 'exit', which the callers watch
    child.unref();
    return { port, child };
  } finally {
    closeSync(logFd);
  }
}

export async function waitReady(paths: Paths, url: string, timeoutMs = 60_000, child?: ChildProcess): Promise<void> {
  const start = Date.now();
  let seenPid = false;
  while (Date.now() - start < timeoutMs) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) break; // it refused to start
    if (await readPostmaster(paths.pgdata)) {
      seenPid = true;
      if (await canConnect(url)) return;
    } else if (seenPid || Date.now() - start > 10_000) {
      break; // it started and went away, or never started
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EmbeddedDatabaseError(`PostgreSQL nhúng không khởi động được. Nhật ký ${paths.logFile}:\n${await tail(paths.logFile)}`);
}

/** Stop the postmaster of a data directory: fast shutdown, then immediate if it hangs. */
export async function stopPostmaster(pgdata: string, timeoutMs = 30_000): Promise<void> {
  const info = await readPostmaster(pgdata);
  if (!info || !isAlive(info.pid)) return;
  process.kill(info.pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(info.pid)) {
    if (Date.now() > deadline) {
      process.kill(info.pid, 'SIGQUIT');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
