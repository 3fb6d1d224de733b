import { sql, type Kysely } from 'kysely';

// Per-address limits shared by every instance (P6): a counter per bucket, key and window.
// UNLOGGED: counters are worth nothing after a crash and need no WAL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE UNLOGGED TABLE rate_limit (
    bucket text NOT NULL,
    key text NOT NULL,
    window_start timestamptz NOT NULL,
    hits integer NOT NULL,
    PRIMARY KEY (bucket, key, window_start)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit').execute();
}
