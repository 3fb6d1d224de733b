// Catalog reads kept per catalog version: every instance sees a change at once (the version is
// read from PostgreSQL), and a new version empties every cache. Each kind of read has a budget in
// bytes, not in entries: one answer for a common word weighs a hundred times one for a rare one.
import type { DB } from '../db/index.ts';
import type { Facets, Service, Synonym } from './model.ts';
import type { Combination, RankedMatch, SearchResult } from './store.ts';
import type { CommuneName, StoredImplementations } from './implementations.ts';

// ── Cache, valid for one catalog version ────────────────────────────────────────────────────

interface Entry<T> {
  version: string;
  value: T;
  bytes: number;
}

const MB = 1024 * 1024;

/** Maps and sets are written as their entries, so that they weigh what they hold. */
function asJson(_key: string, value: unknown): unknown {
  return value instanceof Map || value instanceof Set ? [...value] : value;
}

/**
 * About what a value weighs in memory: its JSON length in UTF-16 code units, two bytes each. It
 * leaves out the objects' own overhead, so the budgets below are set at about half of what the
 * process may spend on them.
 */
export function weight(value: unknown): number {
  return 2 * (JSON.stringify(value, asJson)?.length ?? 0);
}

/** Entries of one kind, least recently used first, never weighing more than `budget` bytes together. */
export class Shelf<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private held = 0;
  /** Reads under way, by version and key: requests that ask meanwhile wait for the same one. */
  readonly reading = new Map<string, Promise<T>>();

  constructor(readonly budget: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The bytes the entries weigh together. */
  get bytes(): number {
    return this.held;
  }

  get(key: string, version: string): T | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    // Used again: moves to the end, the last to be evicted.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, version: string, value: T): void {
    const bytes = weight(value);
    this.delete(key);
    // One entry heavier than the whole budget would evict everything else for a single use.
    if (bytes > this.budget) return;
    for (const [oldest, entry] of this.entries) {
      if (this.held + bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.held -= entry.bytes;
    }
    this.entries.set(key, { version, value, bytes });
    this.held += bytes;
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.held -= old.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }
}

/**
 * One instance's memory of the catalog: search answers, service records and the synonyms, each
 * tagged with the catalog version it was read under. Every use first reads the version (one tiny
 * row, bumped by triggers in the writing transaction), so an import through any instance is seen
 * by all at once; concurrent requests share one read. About 80 MB at most, measured as above.
 */
export class CatalogCache {
  private version = '';
  private checking: Promise<string> | undefined;
  /** Matches per tier and facet values, per search text (rows of a few numbers each). */
  readonly combinations = new Shelf<Combination[]>(2 * MB);
  /** A search text's matches in rank order, when there are few enough to keep (store.ts: KEPT_BELOW). */
  readonly ranked = new Shelf<RankedMatch[] | false>(16 * MB);
  /** The agency facet's counts of implementations, per search text and other filters (one row per agency). */
  readonly agencyCounts = new Shelf<Map<string, number>>(2 * MB);
  /** Every agency's name, by code (facet labels and the agency of each listed service). */
  readonly agencyNames = new Shelf<Map<string, string>>(4 * MB);
  /** The facets of a kept ranking, per text, filters and locale (the same on each of its pages). */
  readonly facets = new Shelf<Facets>(2 * MB);
  readonly results = new Shelf<SearchResult>(8 * MB);
  readonly services = new Shelf<Service | undefined>(8 * MB);
  /** A procedure's implementations as read (online status is worked out at each read). */
  readonly implementations = new Shelf<StoredImplementations>(24 * MB);
  /** The communes and wards, one list per version (its folded names are kept with it). */
  readonly communes = new Shelf<CommuneName[]>(8 * MB);
  private synonyms: Omit<Entry<Promise<Synonym[]>>, 'bytes'> | undefined;

  constructor() {
    caches.add(this);
  }

  dispose(): void {
    caches.delete(this);
  }

  clear(): void {
    for (const shelf of [this.combinations, this.ranked, this.agencyCounts, this.agencyNames, this.facets, this.results, this.services, this.implementations, this.communes]) shelf.clear();
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

  get<T>(shelf: Shelf<T>, key: string, version: string): T | undefined {
    return shelf.get(key, version);
  }

  set<T>(shelf: Shelf<T>, key: string, version: string, value: T): void {
    // Read under a version that has since changed: not worth keeping.
    if (version !== this.version) return;
    shelf.set(key, version, value);
  }

  /**
   * The value kept under `key`, or else `read()`'s, kept for the next ones. Requests that ask
   * while it is being read share that one read: the eight pages of a new search text, asked at
   * once, rank its matches once.
   */
  async through<T>(shelf: Shelf<T>, key: string, version: string, read: () => Promise<T>): Promise<T> {
    const hit = shelf.get(key, version);
    if (hit !== undefined) return hit;
    const id = `${version}\n${key}`;
    let pending = shelf.reading.get(id);
    if (!pending) {
      pending = read()
        .then((value) => (this.set(shelf, key, version, value), value))
        .finally(() => shelf.reading.delete(id));
      shelf.reading.set(id, pending);
    }
    return pending;
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
