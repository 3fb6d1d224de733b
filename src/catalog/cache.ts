// Catalog reads kept per catalog version: every instance sees a change at once (the version is
// read from PostgreSQL), and a new version empties every cache.
import type { DB } from '../db/index.ts';
import type { Service, Synonym } from './model.ts';
import type { Combination, SearchResult } from './store.ts';
import type { CommuneName, StoredImplementations } from './implementations.ts';

// ── Cache, valid for one catalog version ────────────────────────────────────────────────────

interface Entry<T> {
  version: string;
  value: T;
}

/**
 * One instance's memory of the catalog: search answers, service records and the synonyms, each
 * tagged with the catalog version it was read under. Every use first reads the version (one tiny
 * row, bumped by triggers in the writing transaction), so an import through any instance is seen
 * by all at once; concurrent requests share one read.
 */
export class CatalogCache {
  private version = '';
  private checking: Promise<string> | undefined;
  readonly combinations = new Map<string, Entry<Combination[]>>();
  /** The agency facet's counts of implementations, per search text and other filters (one row per agency). */
  readonly agencyCounts = new Map<string, Entry<Map<string, number>>>();
  readonly results = new Map<string, Entry<SearchResult>>();
  readonly services = new Map<string, Entry<Service | undefined>>();
  /** A procedure's implementations as read (online status is worked out at each read). */
  readonly implementations = new Map<string, Entry<StoredImplementations>>();
  /** The communes and wards, one list per version (its folded names are kept with it). */
  readonly communes = new Map<string, Entry<CommuneName[]>>();
  private synonyms: Entry<Promise<Synonym[]>> | undefined;

  constructor() {
    caches.add(this);
  }

  dispose(): void {
    caches.delete(this);
  }

  clear(): void {
    this.combinations.clear();
    this.agencyCounts.clear();
    this.results.clear();
    this.services.clear();
    this.implementations.clear();
    this.communes.clear();
    this.synonyms = undefined;
  }

  /** The catalog version now; forgets everything read under another one. */
  async current(db: DB): Promise<string> {
    this.checking ??= db
      .selectFrom('catalog_version')
      .select('version')
      .executeTakeFirstOrThrow()
      .then((row) => {
        const v = String(row.version);
        if (v !== this.version) {
          this.clear();
          this.version = v;
        }
        return v;
      })
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  get<T>(map: Map<string, Entry<T>>, key: string, version: string): T | undefined {
    const hit = map.get(key);
    return hit && hit.version === version ? hit.value : undefined;
  }

  set<T>(map: Map<string, Entry<T>>, key: string, version: string, value: T, max: number): void {
    // Read under a version that has since changed: not worth keeping.
    if (version !== this.version) return;
    if (map.size >= max) map.delete(map.keys().next().value!);
    map.set(key, { version, value });
  }

  async synonymsFor(db: DB, version: string): Promise<Synonym[]> {
    if (this.synonyms?.version !== version) {
      const value = db.selectFrom('search_synonym').select(['term_folded as term', 'expansion']).execute();
      this.synonyms = { version, value };
      value.catch(() => {
        if (this.synonyms?.value === value) this.synonyms = undefined;
      });
    }
    return this.synonyms.value;
  }
}

const caches = new Set<CatalogCache>();
export const defaultCache = new CatalogCache();

/** Forgets every cached answer in this process (the catalog version makes this rarely needed). */
export function clearSearchCache(): void {
  for (const c of caches) c.clear();
}
