// Agencies' switch for sharing the data store (Art. 4.2a).
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { type AgencyNode } from './model.ts';

// ── Agencies' sharing switch (Art. 4.2a) ─────────────────────────────────────────────────────────

export interface SharingGroup {
  code: string;
  name: string;
  kind: AgencyNode['kind'];
  sharesData: boolean;
  units: number;
}

/** Ministries and provinces (and roots) with their switch and the number of units under them. */
export async function sharingGroups(db: DB, within?: ReadonlySet<string>): Promise<SharingGroup[]> {
  const rows = await sql<{ code: string; name: string; kind: AgencyNode['kind']; shares_data: boolean; units: string }>`
    WITH RECURSIVE tree AS (
      SELECT code AS root, code FROM agency WHERE kind IN ('ministry', 'province') OR parent_code IS NULL
      UNION ALL
      SELECT tree.root, a.code FROM agency a JOIN tree ON a.parent_code = tree.code WHERE a.kind NOT IN ('ministry', 'province')
    )
    SELECT g.code, g.name, g.kind, g.shares_data, count(*) - 1 AS units
    FROM agency g JOIN tree ON tree.root = g.code
    GROUP BY g.code, g.name, g.kind, g.shares_data
    ORDER BY g.name`.execute(db);
  return rows.rows
    .filter((r) => !within || within.has(r.code))
    .map((r) => ({ code: r.code, name: r.name, kind: r.kind, sharesData: r.shares_data, units: Number(r.units) }));
}

export async function setSharing(db: DB, code: string, sharesData: boolean): Promise<boolean> {
  const r = await db
    .updateTable('agency')
    .set({ shares_data: sharesData, updated_at: new Date() })
    .where('code', '=', code)
    .where((eb) => eb.or([eb('kind', 'in', ['ministry', 'province']), eb('parent_code', 'is', null)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
