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
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = windowOf(limit, now);
  const row = await sql<{ hits: number }>`
    INSERT INTO rate_limit (bucket, key, window_start, hits) VALUES (${limit.bucket}, ${key}, ${windowStart}, 1)
    ON CONFLICT (bucket, key, window_start) DO UPDATE SET hits = rate_limit.hits + 1
    RETURNING hits`.execute(db);
  // Old windows are swept now and then by whoever hits; no scheduler needed.
  if (Math.random() < 0.01) {
    await sql`DELETE FROM rate_limit WHERE window_start < ${new Date(now.getTime() - Math.max(windowMs, 3_600_000))}`.execute(db);
  }
  return (row.rows[0]?.hits ?? 1) <= limit.max;
}
