// What a step wrote: the number of rows in the tables a person's action can touch, read in one
// query, so a test can say exactly which counts moved — and that no second write hides behind a
// page that looks right.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { DB } from '../../src/db/index.ts';

export interface Counts {
  application: number;
  application_attachment: number;
  notice: number;
  delivery: number;
  form_draft: number;
  draft_attachment: number;
  visitor_draft: number;
  application_event: number;
  /** The sums of service_stat_month's online_received and offline_received. */
  online_received: number;
  offline_received: number;
  /** The sum of service_stat_month's counter_received: dossiers received at the counter or by post, one by one. */
  counter_received: number;
  application_hop: number;
  rating: number;
  faq: number;
}

export async function snapshot(db: DB): Promise<Counts> {
  const { rows } = await sql<Counts>`
    SELECT
      (SELECT count(*) FROM application)::int AS application,
      (SELECT count(*) FROM application_attachment)::int AS application_attachment,
      (SELECT count(*) FROM notice)::int AS notice,
      (SELECT count(*) FROM delivery)::int AS delivery,
      (SELECT count(*) FROM form_draft)::int AS form_draft,
      (SELECT count(*) FROM draft_attachment)::int AS draft_attachment,
      (SELECT count(*) FROM visitor_draft)::int AS visitor_draft,
      (SELECT count(*) FROM application_event)::int AS application_event,
      (SELECT coalesce(sum(online_received), 0) FROM service_stat_month)::int AS online_received,
      (SELECT coalesce(sum(offline_received), 0) FROM service_stat_month)::int AS offline_received,
      (SELECT coalesce(sum(counter_received), 0) FROM service_stat_month)::int AS counter_received,
      (SELECT count(*) FROM application_hop)::int AS application_hop,
      (SELECT count(*) FROM rating)::int AS rating,
      (SELECT count(*) FROM faq)::int AS faq`.execute(db);
  return rows[0]!;
}

/** The counts that moved between two snapshots, as after − before; the others are left out. */
export function diff(before: Counts, after: Counts): Partial<Counts> {
  const moved: Partial<Counts> = {};
  for (const key of Object.keys(before) as (keyof Counts)[]) if (after[key] !== before[key]) moved[key] = after[key] - before[key];
  return moved;
}

/** Asserts that exactly `expected` moved since `before` (every other count unchanged); returns the new snapshot. */
export async function assertMoved(db: DB, before: Counts, expected: Partial<Counts>, step: string): Promise<Counts> {
  const after = await snapshot(db);
  assert.deepEqual(diff(before, after), expected, `${step}: the counts that changed`);
  return after;
}
