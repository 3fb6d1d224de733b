// The catalog's SQL. Search folds diacritics in the database (vn_fold) and ranks in tiers: the
// mã TTHC, the whole name, the exact phrase, all the words (each on word boundaries, through the
// tsvector), then — only when little else matches — similar words (trigrams catch typos and words
// run together). Synonyms widen the first four tiers. Within a tier, shorter names come first.
// Answers are cached per instance and dropped as soon as the catalog's version changes.
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { DB, Database } from '../db/index.ts';
import type { Locale } from '../web/i18n.ts';
import {
  adminLevelName,
  expandSynonyms,
  FACETS,
  foldQuery,
  foldWords,
  levelName,
  SERVICE_CODE,
  type AdminLevel,
  type FacetName,
  type Facets,
  type Service,
  type ServiceDetails,
  type ServiceFilters,
  type Synonym,
  untelex,
} from './model.ts';
import { CatalogCache, defaultCache } from './cache.ts';

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

type EB = ExpressionBuilder<Database, 'service'>;

/** The facets that are columns of the service; the agency facet counts implementations. */
type ServiceFacet = Exclude<FacetName, 'agency'>;
const SERVICE_FACETS: readonly ServiceFacet[] = ['sector', 'field', 'adminLevel', 'level'];
const FACET_COLUMN: Record<ServiceFacet, 'sector' | 'field' | 'admin_level' | 'level'> = {
  sector: 'sector',
  field: 'field',
  adminLevel: 'admin_level',
  level: 'level',
};

type MatchMode = 'strict' | 'fuzzy';

/** Below this many strict matches, similar words (typos) are searched too. */
const FUZZY_BELOW = 5;
/** Too short to guess from: "xe" looks like "xét" to trigrams, but means something else. */
const FUZZY_MIN_LETTERS = 4;

// ── Matching ─────────────────────────────────────────────────────────────────────────────────

/** A search text, folded, with its synonym-expanded form and its letters run together. */
export interface SearchQuery {
  raw: string;
  folded: string;
  /** The folded query and, when they differ, its synonym-expanded and its Telex-read forms. */
  variants: string[];
  /** Its words without spaces, for the last tier ("kaisinh"). */
  compact: string;
}

export function searchQuery(q: string, synonyms: readonly Synonym[]): SearchQuery {
  const folded = foldQuery(q);
  const readings = [folded, expandSynonyms(q, synonyms), untelex(q)].filter((v): v is string => !!v);
  return { raw: q, folded, variants: [...new Set(readings)], compact: foldWords(untelex(q) ?? q).replaceAll(' ', '') };
}

function anyOf(variants: string[], one: (v: string) => RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(${sql.join(variants.map(one), sql` || `)})`;
}

function conditions(q: SearchQuery) {
  const isCode = sql<SqlBool>`service.code = ${q.raw}`;
  const phrase = sql<SqlBool>`service.search_tsv @@ ${anyOf(q.variants, (v) => sql`phraseto_tsquery('simple', ${v})`)}`;
  const words = sql<SqlBool>`service.search_tsv @@ ${anyOf(q.variants, (v) => sql`plainto_tsquery('simple', ${v})`)}`;
  // search_text is the code, a space and the folded name: compared without folding each row again.
  const wholeName = sql<SqlBool>`substr(service.search_text, char_length(service.code) + 2) = ANY(${q.variants}::text[])`;
  // Without spaces, "khai sin", "kaisinh" and "dangkykhaisinh" all look like "dangkykhaisinh".
  const similar = sql<SqlBool>`${q.compact} <% replace(service.search_text, ' ', '')`;
  return { isCode, phrase, words, wholeName, similar };
}

function textMatch(eb: EB, q: SearchQuery): Expression<SqlBool> {
  const c = conditions(q);
  return eb.or([c.isCode, c.words]);
}

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

/** Relevance tiers: the code, the whole name, the exact phrase, all the words, similar words. */
type Tier = 5 | 4 | 3 | 2 | 1;
const TIERS: Tier[] = [5, 4, 3, 2, 1];

export interface Combination {
  tier: Tier;
  sector: string;
  field: string;
  adminLevel: string;
  level: string;
  n: number;
}

/** The tier of a service that matched strictly (the code or the words). */
function tierExpression(q: SearchQuery) {
  const c = conditions(q);
  return sql<number>`CASE WHEN ${c.isCode} THEN 5 WHEN ${c.wholeName} THEN 4 WHEN ${c.phrase} THEN 3 ELSE 2 END`;
}

/**
 * How many services match the text, per tier and combination of facet values: one grouped query
 * per search text, agency filter and catalog version (the similar words in a second one, which
 * the planner then reads through their own index). Totals, facet counts and the tiers a page
 * falls in are all computed from it without touching the database.
 */
async function combinations(db: DB, cache: CatalogCache, version: string, q: SearchQuery | undefined, mode: MatchMode, agencies: readonly string[] = []): Promise<Combination[]> {
  const key = JSON.stringify([mode, q?.raw ?? '', agencies]);
  const hit = cache.get(cache.combinations, key, version);
  if (hit) return hit;
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
  const result = rows.map((r) => ({ ...r, tier: Number(r.tier) as Tier, n: Number(r.n) }));
  cache.set(cache.combinations, key, version, result, 300);
  return result;
}

/**
 * The agency facet: implementations of the matching services per agency, under the other
 * facets' filters — a service implemented by nine communes counts under each of them. One row
 * per agency; without a text or filter, read from the implementations' index alone.
 */
async function agencyCounts(db: DB, cache: CatalogCache, version: string, q: SearchQuery | undefined, mode: MatchMode, f: ServiceFilters): Promise<Map<string, number>> {
  const key = JSON.stringify(['agency', mode, q?.raw ?? '', ...SERVICE_FACETS.map((n) => f[n])]);
  const hit = cache.get(cache.agencyCounts, key, version);
  if (hit) return hit;
  const filtered = !!q || SERVICE_FACETS.some((n) => f[n].length);
  const grouped = (text?: (eb: EB) => Expression<SqlBool>) =>
    filtered
      ? db
          .selectFrom('service')
          .innerJoin('service_implementation as si', 'si.service_code', 'service.code')
          .where((eb) => eb.and([...(text ? [text(eb)] : []), facetWhere(eb, f, false)]))
          .select(['si.agency_code as agency', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy('si.agency_code')
          .execute()
      : db.selectFrom('service_implementation').select(['agency_code as agency', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('agency_code').execute();
  const rows = [...(await grouped(q && ((eb) => textMatch(eb, q)))), ...(mode === 'fuzzy' ? await grouped((eb) => tierCondition(eb, q!, 1)) : [])];
  const result = new Map<string, number>();
  for (const r of rows) result.set(r.agency, (result.get(r.agency) ?? 0) + Number(r.n));
  cache.set(cache.agencyCounts, key, version, result, 300);
  return result;
}

function selectedValues(f: ServiceFilters): Record<FacetName, Set<string>> {
  return Object.fromEntries(FACETS.map((name) => [name, new Set((f[name] as (string | number)[]).map(String))])) as Record<FacetName, Set<string>>;
}

/** Whether a combination passes the service facets' filters (the agency filter is applied in SQL). */
function passes(c: Combination, selected: Record<FacetName, Set<string>>, except?: FacetName): boolean {
  return SERVICE_FACETS.every((name) => name === except || selected[name].size === 0 || selected[name].has(c[name]));
}

/**
 * Facet counts: each facet counts under every other active filter, never its own. `combos` count
 * services (agency filter applied); `perAgency` counts implementations (agency filter not applied).
 */
async function facetsFrom(db: DB, combos: Combination[], perAgency: Map<string, number>, f: ServiceFilters, locale: Locale): Promise<Facets> {
  const selected = selectedValues(f);
  const agencyCodes = [...perAgency.keys()];
  const agencyNames = new Map(
    agencyCodes.length ? (await db.selectFrom('agency').select(['code', 'name']).where('code', 'in', agencyCodes).execute()).map((a) => [a.code, a.name]) : [],
  );
  const label = (name: FacetName, v: string) =>
    name === 'level' ? levelName(Number(v), locale) : name === 'adminLevel' ? adminLevelName(v as AdminLevel, locale) : name === 'agency' ? (agencyNames.get(v) ?? v) : v;
  const facets = {} as Facets;
  for (const name of FACETS) {
    const counts = new Map<string, number>();
    if (name === 'agency') for (const [agency, n] of perAgency) counts.set(agency, n);
    else for (const c of combos) if (passes(c, selected, name)) counts.set(c[name], (counts.get(c[name]) ?? 0) + c.n);
    // Selected values stay visible even when the other filters leave none of them.
    for (const v of selected[name]) if (!counts.has(v)) counts.set(v, 0);
    facets[name] = [...counts]
      .map(([value, count]) => ({ value, label: label(name, value), count }))
      .sort((a, b) => (name === 'level' ? Number(a.value) - Number(b.value) : a.label.localeCompare(b.label, 'vi')));
  }
  return facets;
}

/** Exactly the services of one tier, written so that the planner can use that tier's index. */
function tierCondition(eb: EB, q: SearchQuery, tier: Tier): Expression<SqlBool> {
  const c = conditions(q);
  const not = (e: Expression<SqlBool>) => eb.not(e);
  if (tier === 5) return c.isCode;
  if (tier === 4) return eb.and([c.phrase, c.wholeName, not(c.isCode)]);
  if (tier === 3) return eb.and([c.phrase, not(c.wholeName), not(c.isCode)]);
  if (tier === 2) return eb.and([c.words, not(c.phrase), not(c.isCode)]);
  return eb.and([c.similar, not(c.words), not(c.isCode)]);
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
  const hit = cache.get(cache.results, key, version);
  if (hit) return hit;
  const q = f.q ? searchQuery(f.q, await cache.synonymsFor(db, version)) : undefined;
  const result = await runSearch(db, cache, version, f, q, locale);
  cache.set(cache.results, key, version, result, 500);
  return result;
}

async function runSearch(db: DB, cache: CatalogCache, version: string, f: ServiceFilters, q: SearchQuery | undefined, locale: Locale): Promise<SearchResult> {
  let mode: MatchMode = 'strict';
  let combos = await combinations(db, cache, version, q, mode);
  if (q && q.compact.length >= FUZZY_MIN_LETTERS && !SERVICE_CODE.test(q.raw) && combos.reduce((sum, c) => sum + c.n, 0) < FUZZY_BELOW) {
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
  const [facets, ...parts] = await Promise.all([perAgency.then((pa) => facetsFrom(db, combos, pa, f, locale)), ...slices]);
  return { total, items: parts.flat(), facets };
}

/** Service records, read often and changed only by imports. */
export async function getService(db: DB, code: string, cache: CatalogCache = defaultCache): Promise<Service | undefined> {
  // Inside a transaction the caller wants what that transaction sees.
  if (db.isTransaction) return readService(db, code);
  const version = await cache.current(db);
  const hit = cache.services.get(code);
  if (hit && hit.version === version) return hit.value;
  const service = await readService(db, code);
  cache.set(cache.services, code, version, service, 2000);
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
