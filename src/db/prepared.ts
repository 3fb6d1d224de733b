// Statements that run on every request of a hot route (the public status lookup, the officer's
// inbox) are named, so each connection has PostgreSQL parse and plan them once and then sends only
// their values (P2). Every other query goes through Kysely as before, unnamed. See decision 0029.
import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.ts';

type DB = Kysely<Database>;

/** Statement text → its name, for every statement declared with `preparedStatement`. */
const NAMES = new Map<string, string>();

export interface PreparedStatement<R> {
  /** Runs the statement with these values, in order ($1, $2, …), through the pool's named statement. */
  run(db: DB, values: readonly unknown[]): Promise<R[]>;
}

/** Declares a statement to be prepared on each connection the first time it runs there. */
export function preparedStatement<R>(name: string, text: string): PreparedStatement<R> {
  const known = [...NAMES].find(([, n]) => n === name);
  if (known && known[0] !== text) throw new Error(`Two statements are named ${name}`);
  NAMES.set(text, name);
  return { run: async (db, values) => (await db.executeQuery(CompiledQuery.raw(text, [...values]))).rows as R[] };
}

/** At most this many texts made at run time are named; beyond, they run unnamed as any query. */
const MAX_BUILT = 500;

/**
 * Runs a statement built at run time (its text depends on the filters, not on their values) as a
 * named statement, named by its text.
 */
export async function runPrepared<R>(db: DB, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  if (!NAMES.has(compiled.sql) && NAMES.size < MAX_BUILT) NAMES.set(compiled.sql, `dvctt_${createHash('sha256').update(compiled.sql).digest('base64url').slice(0, 24)}`);
  return db.executeQuery(compiled);
}

/**
 * Makes `client` send a declared statement by its name (Kysely passes the text and the values);
 * called by the pool for each new connection. Text no statement declared goes through unchanged.
 */
export function nameDeclaredStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, ...rest: unknown[]) => {
    const name = typeof config === 'string' && rest.length === 1 && Array.isArray(rest[0]) ? NAMES.get(config) : undefined;
    return name ? query({ name, text: config, values: rest[0] }) : query(config, ...rest);
  }) as typeof client.query;
}
