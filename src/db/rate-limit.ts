// Fixed-window limits counted in PostgreSQL, so several instances behind a load balancer share
// them (P6): a visitor gets the same allowance whichever instance answers.
import { sql } from 'kysely';
import type { DB } from './index.ts';

export interface Limit {
  /** What is limited, e.g. 'lookup' or 'sign-in'. */
  bucket: string;
  /** Hits allowed per window. */
  max: number;
  windowSeconds: number;
}

/** The start of the current window of `limit`. */
export const windowOf = (limit: Limit, now: Date) => {
  const windowMs = limit.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
};

/** Whether `key` has used up its allowance in the current window (without counting a hit). */
export async function isLimited(db: DB, limit: Limit, key: string, now = new Date()): Promise<boolean> {
  const row = await db
    .selectFrom('rate_limit')
    .select('hits')
    .where('bucket', '=', limit.bucket)
    .where('key', '=', key)
    .where('window_start', '=', windowOf(limit, now))
    .executeTakeFirst();
  return (row?.hits ?? 0) >= limit.max;
}

/** Counts one hit for `key` and says whether it is still within the limit. */
export async function allowHit(db: DB, limit: Limit, key: string, now = new Date()): Promise<boolean> {
  const [allowed] = await allowHits(db, [{ limit, key }], now);
  return allowed!;
}

/**
 * Counts one hit for each limit and key in one statement (one round trip, whatever their number) and
 * says, for each in order, whether it is still within its limit.
 */
export async function allowHits(db: DB, hits: readonly { limit: Limit; key: string }[], now = new Date()): Promise<boolean[]> {
  if (!hits.length) return [];
  const windows = hits.map((h) => windowOf(h.limit, now));
  const { rows } = await sql<{ bucket: string; key: string; hits: number }>`
    INSERT INTO rate_limit (bucket, key, window_start, hits)
    VALUES ${sql.join(hits.map((h, i) => sql`(${h.limit.bucket}, ${h.key}, ${windows[i]!}, 1)`))}
    ON CONFLICT (bucket, key, window_start) DO UPDATE SET hits = rate_limit.hits + 1
    RETURNING bucket, key, hits`.execute(db);
  // Old windows are swept now and then by whoever hits; no scheduler needed.
  if (Math.random() < 0.01) {
    const longest = Math.max(...hits.map((h) => h.limit.windowSeconds * 1000), 3_600_000);
    await sql`DELETE FROM rate_limit WHERE window_start < ${new Date(now.getTime() - longest)}`.execute(db);
  }
  return hits.map((h) => (rows.find((r) => r.bucket === h.limit.bucket && r.key === h.key)?.hits ?? 1) <= h.limit.max);
}
