// What the running portal does with an error nothing else handled (P1, P6).
//
// Policy, written down in docs/deployment.md:
// - Every unhandled rejection and uncaught exception is logged (level error, with the error).
// - When it is a lost or refused database connection (ECONNREFUSED, ECONNRESET, 57P01 admin
//   shutdown, 57P03 cannot connect now, 08xxx connection exceptions …) the process keeps
//   serving: pages answer 503, /readyz says not ready, and everything resumes when the database
//   is back. An outage is not a bug, and restarting would not bring the database back.
// - Anything else is a programming error and the state of the process is unknown: it stops
//   taking requests, finishes those in flight (at most 10 s), and exits with code 1 so the
//   supervisor (systemd, Kubernetes) starts a clean one.
import type { Logger } from 'pino';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown / cannot connect now), 53300 too many connections.
const SQLSTATE = /^(08\d{3}|08P01|57P0[1-3]|53300)$/;
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

/** Whether an error means the database connection was lost or refused (not a bug of ours). */
export function isDatabaseConnectionError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || SQLSTATE.test(code)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  // Node's connection attempts to every address of a name fail together as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => isDatabaseConnectionError(x, depth + 1))) return true;
  return isDatabaseConnectionError(e.cause, depth + 1);
}

/** Installs the policy above on this process; `stop` closes the server before exiting. */
export function installProcessPolicy(
  logger: Logger,
  stop: () => Promise<void>,
  { exit = (c) => process.exit(c), target = process }: { exit?: (code: number) => void; target?: Pick<NodeJS.EventEmitter, 'on' | 'off'> } = {},
): () => void {
  let exiting = false;
  const fatal = (err: unknown, kind: string) => {
    if (isDatabaseConnectionError(err)) {
      logger.error({ err, kind }, 'database connection error; the portal keeps serving (503 until the database is back)');
      return;
    }
    logger.error({ err, kind }, 'unexpected error; stopping the portal');
    if (exiting) return;
    exiting = true;
    const timer = setTimeout(() => exit(1), 10_000);
    timer.unref();
    stop().then(
      () => exit(1),
      () => exit(1),
    );
  };
  const onRejection = (reason: unknown) => fatal(reason, 'unhandledRejection');
  const onException = (err: unknown) => fatal(err, 'uncaughtException');
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
