// The catalog's SQL. Search folds diacritics in the database (vn_fold) and ranks in tiers: the
// mã TTHC, the whole name, the exact phrase, all the words (each on word boundaries, through the
// tsvector), then — only when little else matches — similar words (trigrams catch typos and words
// run together). Synonyms widen the first four tiers. Within a tier, shorter names come first.
// A text with up to 5,000 matches is ranked once and its pages are cut from that ranking (0026).
// Answers are cached per instance and dropped as soon as the catalog's version changes.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/index.ts';
import type { Locale } from '../web/i18n.ts';
import {
  adminLevelName,
  FACETS,
  levelName,
  SERVICE_CODE,
  type AdminLevel,
  type FacetName,
  type Facets,
  type Service,
  type ServiceDetails,
  type ServiceFilters,
} from './model.ts';
import { CatalogCache, defaultCache } from './cache.ts';
import { FUZZY_BELOW, FUZZY_MIN_LETTERS, searchQuery, textMatch, tierCondition, tierExpression, TIERS, type EB, type MatchMode, type SearchQuery, type Tier } from './matching.ts';

export interface ServiceSummary {
  code: string;
  name: string;
  level: number;
  sector: string;
  field: string;
  adminLevel: AdminLevel;
  agency: string;
  agencyName: string;
}

export interface SearchResult {
  total: number;
  items: ServiceSummary[];
  facets: Facets;
}

/** The facets that are columns of the service; the agency facet counts implementations. */
type ServiceFacet = Exclude<FacetName, 'agency'>;
const SERVICE_FACETS: readonly ServiceFacet[] = ['sector', 'field', 'adminLevel', 'level'];
const FACET_COLUMN: Record<ServiceFacet, 'sector' | 'field' | 'admin_level' | 'level'> = {
  sector: 'sector',
  field: 'field',
  adminLevel: 'admin_level',
  level: 'level',
};

/** Services that any of these agencies implements (C1: a commune's list includes every procedure it receives). */
function implementedBy(eb: EB, agencies: readonly string[]): Expression<SqlBool> {
  return eb.exists(eb.selectFrom('service_implementation as si').select(sql`1`.as('one')).whereRef('si.service_code', '=', 'service.code').where('si.agency_code', 'in', [...agencies]));
}

function facetWhere(eb: EB, f: ServiceFilters, withAgency = true): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  for (const name of SERVICE_FACETS) {
    const values = f[name] as (string | number)[];
    if (values.length) parts.push(eb(`service.${FACET_COLUMN[name]}`, 'in', values as never[]));
  }
  if (withAgency && f.agency.length) parts.push(implementedBy(eb, f.agency));
  return eb.and(parts);
}

export interface Combination {
  tier: Tier;
  sector: string;
  field: string;
  adminLevel: string;
  level: string;
  n: number;
}

/**
 * How many services match the text, per tier and combination of facet values: one grouped query
 * per search text, agency filter and catalog version (the similar words in a second one, which
 * the planner then reads through their own index). Totals, facet counts and the tiers a page
 * falls in are all computed from it without touching the database.
 */
async function combinations(db: DB, cache: CatalogCache, version: string, q: SearchQuery | undefined, mode: MatchMode, agencies: readonly string[] = []): Promise<Combination[]> {
  return cache.through(cache.combinations, JSON.stringify([mode, q?.raw ?? '', agencies]), version, async () => {
    const grouped = (tier: RawBuilder<number>, text?: (eb: EB) => Expression<SqlBool>) =>
      db
        .selectFrom('service')
        .where((eb) => eb.and([...(text ? [text(eb)] : []), ...(agencies.length ? [implementedBy(eb, agencies)] : [])]))
        .select([tier.as('tier'), 'sector', 'field', 'admin_level as adminLevel', sql<string>`level::text`.as('level'), (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy([sql`1`, 'sector', 'field', 'admin_level', 'level'])
        .execute();
    const rows =
      mode === 'fuzzy'
        ? [...(await combinations(db, cache, version, q, 'strict', agencies)), ...(await grouped(sql<number>`1`, (eb) => tierCondition(eb, q!, 1)))]
        : await grouped(q ? tierExpression(q) : sql<number>`3`, q && ((eb) => textMatch(eb, q)));
    return rows.map((r) => ({ ...r, tier: Number(r.tier) as Tier, n: Number(r.n) }));
  });
}

/**
 * The agency facet: implementations of the matching services per agency, under the other
 * facets' filters — a service implemented by nine communes counts under each of them. One row
 * per agency; without a text or filter, read from the implementations' index alone; for a kept
 * ranking (`codes`), from the implementations of those services only.
 */
async function agencyCounts(db: DB, cache: CatalogCache, version: string, q: SearchQuery | undefined, mode: MatchMode, f: ServiceFilters, codes?: string[]): Promise<Map<string, number>> {
  return cache.through(cache.agencyCounts, JSON.stringify(['agency', mode, q?.raw ?? '', ...SERVICE_FACETS.map((n) => f[n])]), version, async () => {
    const filtered = !!q || SERVICE_FACETS.some((n) => f[n].length);
    const count = sql<string>`count(*)`.as('n');
    const grouped = (text?: (eb: EB) => Expression<SqlBool>) =>
      codes
        ? db.selectFrom('service_implementation').select(['agency_code as agency', count]).where(sql<SqlBool>`service_code = ANY(${codes}::text[])`).groupBy('agency_code').execute()
        : filtered
          ? db
              .selectFrom('service')
              .innerJoin('service_implementation as si', 'si.service_code', 'service.code')
              .where((eb) => eb.and([...(text ? [text(eb)] : []), facetWhere(eb, f, false)]))
              .select(['si.agency_code as agency', count])
              .groupBy('si.agency_code')
              .execute()
          : db.selectFrom('service_implementation').select(['agency_code as agency', count]).groupBy('agency_code').execute();
    const rows = [...(await grouped(q && ((eb) => textMatch(eb, q)))), ...(mode === 'fuzzy' ? await grouped((eb) => tierCondition(eb, q!, 1)) : [])];
    const result = new Map<string, number>();
    for (const r of rows) result.set(r.agency, (result.get(r.agency) ?? 0) + Number(r.n));
    return result;
  });
}

/** Every agency's name by code, once per catalog version. */
async function agencyNames(db: DB, cache: CatalogCache, version: string): Promise<Map<string, string>> {
  return cache.through(cache.agencyNames, '', version, async () => new Map((await db.selectFrom('agency').select(['code', 'name']).execute()).map((a) => [a.code, a.name])));
}

function selectedValues(f: ServiceFilters): Record<FacetName, Set<string>> {
  return Object.fromEntries(FACETS.map((name) => [name, new Set((f[name] as (string | number)[]).map(String))])) as Record<FacetName, Set<string>>;
}

/** Whether a combination passes the service facets' filters (the agency filter is applied in SQL). */
function passes(c: Pick<Combination | RankedMatch, ServiceFacet>, selected: Record<FacetName, Set<string>>, except?: FacetName): boolean {
  return SERVICE_FACETS.every((name) => name === except || selected[name].size === 0 || selected[name].has(String(c[name])));
}

/**
 * Facet counts: each facet counts under every other active filter, never its own. `combos` count
 * services (agency filter applied); `perAgency` counts implementations (agency filter not applied).
 */
/** Vietnamese alphabetical order (as localeCompare with 'vi', without building a collator per call). */
const byLabel = new Intl.Collator('vi');

async function facetsFrom(db: DB, cache: CatalogCache, version: string, combos: Combination[], perAgency: Map<string, number>, f: ServiceFilters, locale: Locale): Promise<Facets> {
  const selected = selectedValues(f);
  const agencyName = perAgency.size ? await agencyNames(db, cache, version) : new Map<string, string>();
  const label = (name: FacetName, v: string) =>
    name === 'level' ? levelName(Number(v), locale) : name === 'adminLevel' ? adminLevelName(v as AdminLevel, locale) : name === 'agency' ? (agencyName.get(v) ?? v) : v;
  const facets = {} as Facets;
  for (const name of FACETS) {
    const counts = new Map<string, number>();
    if (name === 'agency') for (const [agency, n] of perAgency) counts.set(agency, n);
    else for (const c of combos) if (passes(c, selected, name)) counts.set(c[name], (counts.get(c[name]) ?? 0) + c.n);
    // Selected values stay visible even when the other filters leave none of them.
    for (const v of selected[name]) if (!counts.has(v)) counts.set(v, 0);
    facets[name] = [...counts]
      .map(([value, count]) => ({ value, label: label(name, value), count }))
      .sort((a, b) => (name === 'level' ? Number(a.value) - Number(b.value) : byLabel.compare(a.label, b.label)));
  }
  return facets;
}

/** Below this many matches, reading them through the text indexes and sorting beats walking an order index. */
const SPARSE_BELOW = 5000;

/** Services with the agency that leads each (its name is on every list, page and sitemap entry). */
function servicesWithAgency(db: DB) {
  return db.selectFrom('service').innerJoin('agency', 'agency.code', 'service.agency_code');
}

/**
 * One tier's slice of the page, in the tier's order: shorter names first (a name that is just the
 * query's words beats one that adds conditions), then online services. Without a search text,
 * the list's order: online services first, then by name.
 */
async function tierItems(db: DB, f: ServiceFilters, q: SearchQuery | undefined, tier: Tier | undefined, limit: number, offset: number, matches: number): Promise<ServiceSummary[]> {
  // `+ 0` hides the order index from the planner: for few matches it would walk the whole
  // index looking for them; we know the count, so we choose.
  const sparse = tier !== undefined && matches < SPARSE_BELOW;
  return servicesWithAgency(db)
    .where((eb) => {
      const parts = [facetWhere(eb, f)];
      if (q && tier !== undefined) parts.push(tierCondition(eb, q, tier));
      return eb.and(parts);
    })
    .select([
      'service.code',
      'service.name',
      'service.level',
      'service.sector',
      'service.field',
      'service.admin_level as adminLevel',
      'service.agency_code as agency',
      'agency.name as agencyName',
    ])
    .$if(!!q && tier === 1, (qb) =>
      qb.orderBy(sql`word_similarity(${q!.compact}, replace(service.search_text, ' ', ''))`, 'desc'),
    )
    .$if(tier !== undefined, (qb) => qb.orderBy(sparse ? sql`char_length(service.name) + 0` : sql`char_length(service.name)`))
    .orderBy(sparse ? sql`service.level + 0` : sql`service.level`, 'desc')
    .orderBy(sql`service.name COLLATE "C"`)
    .orderBy('service.code')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function searchServices(db: DB, f: ServiceFilters, locale: Locale = 'vi', cache: CatalogCache = defaultCache): Promise<SearchResult> {
  const version = await cache.current(db);
  const key = JSON.stringify([locale, f.q, ...FACETS.map((n) => f[n]), f.page, f.pageSize]);
  return cache.through(cache.results, key, version, async () => {
      const q = f.q ? searchQuery(f.q, await cache.synonymsFor(db, version)) : undefined;
      return runSearch(db, cache, version, f, q, locale);
  });
}

/** Whether so few strict matches call for similar words too. */
function wantsSimilar(q: SearchQuery, strict: number): boolean {
  return q.compact.length >= FUZZY_MIN_LETTERS && !SERVICE_CODE.test(q.raw) && strict < FUZZY_BELOW;
}

/**
 * A strict match as kept in rank order: by tier, then the tier's order (shorter names, level 4
 * before 3, the name in byte order, the code) — the order tierItems reads from the database.
 */
export type RankedMatch = Omit<ServiceSummary, 'agencyName'> & { tier: Tier };

/**
 * Up to this many strict matches, a text's matches are read once (one index scan, no sort or
 * count in SQL) and ranked here; every page, the total and the service facets of that text then
 * come from them. Above, each page reads its tiers through the order index.
 */
const KEPT_BELOW = 5000;

async function rankedMatches(db: DB, cache: CatalogCache, version: string, q: SearchQuery): Promise<RankedMatch[] | false> {
  return cache.through(cache.ranked, q.raw, version, async () => {
    const rows = await db
      .selectFrom('service')
      .where((eb) => textMatch(eb, q))
      .select([tierExpression(q).as('tier'), 'code', 'name', 'level', 'sector', 'field', 'admin_level as adminLevel', 'agency_code as agency'])
      .limit(KEPT_BELOW + 1)
      .execute();
    let ranked: RankedMatch[] | false = false;
    if (rows.length <= KEPT_BELOW && !wantsSimilar(q, rows.length)) {
      // The same few sectors, fields and agencies repeat on every row: one string each.
      const strings = new Map<string, string>();
      const one = <T extends string>(v: T): T => (strings.get(v) as T) ?? (strings.set(v, v), v);
      const length = new Map(rows.map((r) => [r.code, [...r.name].length]));
      // JS compares strings by UTF-16 code units: the byte order of COLLATE "C" for every name outside the astral planes.
      const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      ranked = rows
        .map((r) => ({ ...r, tier: Number(r.tier) as Tier, sector: one(r.sector), field: one(r.field), adminLevel: one(r.adminLevel), agency: one(r.agency) }))
        .sort((a, b) => b.tier - a.tier || length.get(a.code)! - length.get(b.code)! || b.level - a.level || byName(a.name, b.name) || byName(a.code, b.code));
    }
    return ranked;
  });
}

/** A page of a kept ranking: filtered, counted and sliced here; only the agency facet reads the database. */
async function fromRanked(db: DB, cache: CatalogCache, version: string, q: SearchQuery, ranked: RankedMatch[], f: ServiceFilters, locale: Locale): Promise<SearchResult> {
  const selected = selectedValues(f);
  const matching = ranked.filter((r) => passes(r, selected));
  // Every page of a text under the same filters has the same facets.
  const facets = cache.through(cache.facets, JSON.stringify([locale, q.raw, ...FACETS.map((n) => f[n])]), version, async () => {
    const grouped = new Map<string, Combination>();
    for (const r of ranked) {
      const key = `${r.tier}|${r.sector}|${r.field}|${r.adminLevel}|${r.level}`;
      const c = grouped.get(key);
      if (c) c.n++;
      else grouped.set(key, { tier: r.tier, sector: r.sector, field: r.field, adminLevel: r.adminLevel, level: String(r.level), n: 1 });
    }
    const perAgency = await agencyCounts(db, cache, version, q, 'strict', f, matching.map((r) => r.code));
    return facetsFrom(db, cache, version, [...grouped.values()], perAgency, f, locale);
  });
  const start = (f.page - 1) * f.pageSize;
  const page = matching.slice(start, start + f.pageSize);
  const names = page.length ? await agencyNames(db, cache, version) : new Map<string, string>();
  const items = page.map(({ code, name, level, sector, field, adminLevel, agency }) => ({ code, name, level, sector, field, adminLevel, agency, agencyName: names.get(agency) ?? '' }));
  return { total: matching.length, items, facets: await facets };
}

async function runSearch(db: DB, cache: CatalogCache, version: string, f: ServiceFilters, q: SearchQuery | undefined, locale: Locale): Promise<SearchResult> {
  if (q && !f.agency.length) {
    const ranked = await rankedMatches(db, cache, version, q);
    if (ranked) return fromRanked(db, cache, version, q, ranked, f, locale);
  }
  let mode: MatchMode = 'strict';
  let combos = await combinations(db, cache, version, q, mode);
  if (q && wantsSimilar(q, combos.reduce((sum, c) => sum + c.n, 0))) {
    mode = 'fuzzy';
    combos = await combinations(db, cache, version, q, mode);
  }
  const perAgency = agencyCounts(db, cache, version, q, mode, f);
  if (f.agency.length) combos = await combinations(db, cache, version, q, mode, f.agency);
  const selected = selectedValues(f);
  const perTier = new Map<Tier, number>();
  for (const c of combos) if (passes(c, selected)) perTier.set(c.tier, (perTier.get(c.tier) ?? 0) + c.n);
  const total = [...perTier.values()].reduce((a, b) => a + b, 0);

  // The page is a window over the tiers in order; read only the tiers it overlaps.
  const start = (f.page - 1) * f.pageSize;
  const slices: Promise<ServiceSummary[]>[] = [];
  if (!q) {
    if (start < total) slices.push(tierItems(db, f, undefined, undefined, f.pageSize, start, total));
  } else {
    let before = 0;
    for (const tier of TIERS) {
      const n = perTier.get(tier) ?? 0;
      const from = Math.max(start, before);
      const to = Math.min(start + f.pageSize, before + n);
      if (to > from) slices.push(tierItems(db, f, q, tier, to - from, from - before, n));
      before += n;
    }
  }
  const [facets, ...parts] = await Promise.all([perAgency.then((pa) => facetsFrom(db, cache, version, combos, pa, f, locale)), ...slices]);
  return { total, items: parts.flat(), facets };
}

/** Service records, read often and changed only by imports. */
export async function getService(db: DB, code: string, cache: CatalogCache = defaultCache): Promise<Service | undefined> {
  // Inside a transaction the caller wants what that transaction sees.
  if (db.isTransaction) return readService(db, code);
  const version = await cache.current(db);
  const hit = cache.services.get(code, version);
  if (hit) return hit;
  const service = await readService(db, code);
  cache.set(cache.services, code, version, service);
  return service;
}

/** The current catalog version (for ETags of whole-catalog downloads). */
export async function catalogVersion(db: DB, cache: CatalogCache = defaultCache): Promise<string> {
  return cache.current(db);
}

/** Whether a service with this code exists (the search box's straight-to-the-page shortcut). */
export async function serviceExists(db: DB, code: string, cache: CatalogCache = defaultCache): Promise<boolean> {
  return !!(await getService(db, code, cache));
}

async function readService(db: DB, code: string): Promise<Service | undefined> {
  const row = await servicesWithAgency(db)
    .select([
      'service.code',
      'service.name',
      'service.legal_name',
      'service.sector',
      'service.field',
      'service.admin_level',
      'service.level',
      'service.agency_code',
      'service.time_limit_days',
      'service.details',
      'agency.name as agency_name',
    ])
    .where('service.code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  const d = row.details as ServiceDetails;
  return {
    ...d,
    code: row.code,
    name: row.name,
    legalName: row.legal_name,
    sector: row.sector,
    field: row.field,
    adminLevel: row.admin_level,
    level: row.level as Service['level'],
    agency: row.agency_code,
    agencyName: row.agency_name,
    timeLimitDays: row.time_limit_days ?? 0,
  };
}

export interface SitemapService {
  code: string;
  name: string;
  sector: string;
  field: string;
  level: number;
  agency: string;
  agencyName: string;
  updatedAt: Date;
}

/** Online (level 3/4) services, by sector, field and name: the sitemap's, and the form report's. */
export async function onlineServices(db: DB): Promise<SitemapService[]> {
  return servicesWithAgency(db)
    .select(['service.code', 'service.name', 'service.sector', 'service.field', 'service.level', 'service.agency_code as agency', 'agency.name as agencyName', 'service.updated_at as updatedAt'])
    .where('service.level', '>=', 3)
    .orderBy('service.sector')
    .orderBy('service.field')
    .orderBy('service.name')
    .execute();
}

export async function allServiceCodes(db: DB, limit: number): Promise<{ code: string; updatedAt: Date }[]> {
  return db.selectFrom('service').select(['code', 'updated_at as updatedAt']).orderBy('code').limit(limit).execute();
}

export interface NameDifference {
  code: string;
  name: string;
  legalName: string;
  agencyName: string;
}

/** C4 (Art. 6.3): services whose published name differs from the imported legal name. */
export async function nameDifferences(db: DB): Promise<NameDifference[]> {
  return servicesWithAgency(db)
    .select(['service.code', 'service.name', 'service.legal_name as legalName', 'agency.name as agencyName'])
    .whereRef('service.name', '<>', 'service.legal_name')
    .orderBy('service.code')
    .execute();
}


/** The services that any of `agencies` implements (receives), by name (the pickers of officers' pages). */
export async function servicesOfAgencies(db: DB, agencies: Iterable<string>, limit = 1000): Promise<{ code: string; name: string }[]> {
  const list = [...agencies];
  if (!list.length) return [];
  return db
    .selectFrom('service')
    .select(['code', 'name'])
    .where((eb) => implementedBy(eb, list))
    .orderBy('name')
    .limit(limit)
    .execute();
}
