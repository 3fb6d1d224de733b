// Opening the database: the embedded PostgreSQL by default, or DATABASE_URL. Same code, same SQL.
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { redact } from '../config.ts';
import { ensureEmbedded, type EmbeddedDatabase } from './embedded.ts';
import { migrateJobQueue } from './job-queue.ts';
import { migrations } from './migrations/index.ts';
import { nameDeclaredStatements } from './prepared.ts';
import type { Database } from './schema.ts';

export type { Database } from './schema.ts';
export type DB = Kysely<Database>;

export interface OpenDatabase {
  db: DB;
  pool: pg.Pool;
  /** Where it lives, without the password, for messages. */
  description: string;
  embedded: EmbeddedDatabase | undefined;
  /** Close the pool; with `stopEmbedded`, also stop the embedded server (the caller decides who owns it). */
  close(options?: { stopEmbedded?: boolean }): Promise<void>;
}

/** Errors that mean "the database is not reachable now" rather than a bug: answered with 503. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300', '08006', '08001', '08003', '08000'].includes(e.code)) {
    return true;
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message ?? '');
}

// A DATE is a calendar day, not an instant: keep it as 'YYYY-MM-DD' instead of a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // A client whose server went away emits 'error' — idle ones on the pool, checked-out ones on
  // themselves (Kysely adds no listener). Without these the process would crash; the failed query
  // still rejects and is answered with 503. Statements declared in prepared.ts go by their name.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => (client.on('error', () => undefined), nameDeclaredStatements(client)));
  return pool;
}

export class DatabaseConnectError extends Error {
  override name = 'DatabaseConnectError';
}

const MIN_SERVER_VERSION = 150000;

/** Fail at start, with the reason, rather than at the first request. */
async function checkServer(pool: pg.Pool, url: string): Promise<void> {
  let version: number;
  try {
    const { rows } = await pool.query<{ v: string }>('SHOW server_version_num');
    version = Number(rows[0]?.v);
  } catch (err) {
    throw new DatabaseConnectError(`Không kết nối được cơ sở dữ liệu DATABASE_URL=${redact(url)}: ${(err as Error).message}`);
  }
  if (version < MIN_SERVER_VERSION) {
    throw new DatabaseConnectError(`Máy chủ PostgreSQL tại DATABASE_URL là phiên bản ${Math.floor(version / 10000)}; dvctt cần PostgreSQL 15 trở lên.`);
  }
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'>,
  log: (msg: string) => void = () => undefined,
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await ensureEmbedded(config.dataDir, log);
    url = embedded.url;
  }
  const pool = createPool(url, config.dbPoolSize);
  if (!embedded) {
    try {
      await checkServer(pool, url);
    } catch (err) {
      await pool.end();
      throw err;
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const description = embedded ? `PostgreSQL nhúng (${embedded.pgdata})` : `PostgreSQL ${redact(url)}`;
  return {
    db,
    pool,
    description,
    embedded,
    async close(options = {}) {
      await db.destroy();
      if (embedded && options.stopEmbedded) await embedded.stop();
    },
  };
}

export async function migrate(db: Kysely<any>): Promise<MigrationResultSet> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  await migrateJobQueue(db);
  return result;
}
