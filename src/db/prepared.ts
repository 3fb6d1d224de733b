// Statements that run on every request of a hot public route (the status lookup) are named, so
// each connection has PostgreSQL parse and plan them once and then sends only their values (P2).
// Every other query goes through Kysely as before, unnamed. See decision 0029.
import { CompiledQuery, type Kysely } from 'kysely';
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
