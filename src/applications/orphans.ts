// Files no row names: what a refused upload leaves, and what the sweep removes (S6, P6).
// Keys are content addresses, so the same bytes may be named by several rows of several tables;
// a file is removed only when none of them names it.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { FileStore } from '../storage/index.ts';
import { officialFormKeys } from '../catalog/index.ts';

/** Every table with a column that names a kept file. */
const NAMING = [
  ['application_attachment', 'file_key'],
  ['draft_attachment', 'file_key'],
  ['vault_document', 'file_key'],
  ['application_result', 'file_key'],
] as const;

/** The keys among `keys` that some row names, in one query. */
export async function namedKeys(db: DB, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const unions = sql.join(NAMING.map(([table, column]) => sql`select ${sql.ref(column)} as k from ${sql.table(table)} where ${sql.ref(column)} = any(${[...keys]}::text[])`), sql` union `);
  const { rows } = await sql<{ k: string }>`${unions}`.execute(db);
  const named = new Set(rows.map((r) => r.k));
  // The catalog's official form files (C6) are named inside a service's details, not by a column.
  for (const k of await officialFormKeys(db, keys.filter((k) => !named.has(k)))) named.add(k);
  return named;
}

/**
 * Removes the files among `keys` that no row names now. Callers pass only keys their own request
 * created, so a file someone else was also storing at that moment is left for the sweep.
 */
export async function discardUnnamed(db: DB, files: FileStore, keys: readonly string[]): Promise<string[]> {
  const unique = [...new Set(keys)];
  if (!unique.length) return [];
  const named = await namedKeys(db, unique);
  const gone = unique.filter((k) => !named.has(k));
  for (const key of gone) await files.remove(key);
  return gone;
}

let swept = 0;
/** Files removed by the sweep since this process started, for /metrics. */
export const filesSwept = (): number => swept;

export interface SweepOptions {
  /** Only files last written longer ago than this are candidates; a day by default. */
  graceMs?: number;
  dryRun?: boolean;
  now?: Date;
}

/** Removes every kept file that no row names and that was last written before the grace period. */
export async function sweepFiles(db: DB, files: FileStore, options: SweepOptions = {}): Promise<{ removed: string[]; kept: number }> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? 24 * 60 * 60 * 1000);
  const removed: string[] = [];
  let kept = 0;
  let batch: string[] = [];
  const flush = async () => {
    const named = await namedKeys(db, batch);
    for (const key of batch) {
      if (named.has(key)) {
        kept += 1;
        continue;
      }
      if (!options.dryRun) await files.remove(key);
      removed.push(key);
    }
    batch = [];
  };
  for await (const f of files.list()) {
    if (f.modified.getTime() > cutoff) {
      kept += 1;
      continue;
    }
    batch.push(f.key);
    if (batch.length >= 500) await flush();
  }
  if (batch.length) await flush();
  if (!options.dryRun) swept += removed.length;
  return { removed, kept };
}
