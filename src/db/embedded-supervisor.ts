// Watching the embedded server while the portal serves with it: when the postmaster dies it is
// started again on the same port (the pool's URL names it), with back-off, and its crash recovery runs.
import type { ChildProcess } from 'node:child_process';
import type { Binaries, RunAs } from './embedded-binaries.ts';
import { DATABASE, gone, launch, portFree, runningPostmaster, stopPostmaster, urlFor, waitReady, type Paths } from './embedded-postmaster.ts';

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

class PortTaken extends Error {}

/** A server found or started for this process, with what a restart needs. */
export interface Running {
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

/** The server's handle: its URLs, the supervisor that restarts it, and its stop. */
export function handle(r: Running): EmbeddedDatabase {
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
