// The job queue's own schema (graphile-worker, see docs/decisions/0011): installed by
// graphile-worker's migrations, run on one connection of our pool right after ours, so the
// embedded server and a production server get exactly what the library expects.
import { EventEmitter } from 'node:events';
import { CompiledQuery, type Kysely } from 'kysely';
import { Logger, runMigrations } from 'graphile-worker';

const quiet = new Logger(() => () => undefined);

type QueryArg = string | { text: string; values?: unknown[] };

export async function migrateJobQueue(db: Kysely<any>): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  await db.connection().execute(async (conn) => {
    // graphile-worker asks a pool for a client; this one lends it our single connection.
    const client = {
      async query(q: QueryArg, values?: unknown[]) {
        const text = typeof q === 'string' ? q : q.text;
        const result = await conn.executeQuery(CompiledQuery.raw(text, (typeof q === 'string' ? values : q.values) ?? []));
        return { rows: result.rows, rowCount: Number(result.numAffectedRows ?? result.rows.length) };
      },
      release() {},
    };
    const pool = Object.assign(new EventEmitter(), { options: { max: 1 }, connect: async () => client });
    // Errors surface from the queries themselves; these only keep graphile-worker from warning.
    pool.on('error', () => undefined);
    pool.on('connect', () => undefined);
    await runMigrations({ pgPool: pool as never, logger: quiet });
  });
}
