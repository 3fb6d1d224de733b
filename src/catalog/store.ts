// The catalog's SQL. Search folds diacritics in the database (vn_fold) and ranks: the mã TTHC,
// then the exact phrase, then all words, then similar words (trigrams catch typos).
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB, Database } from '../db/index.ts';
import type { Locale } from '../web/i18n.ts';
import {
  adminLevelName,
  FACETS,
  fold,
  levelName,
  type AdminLevel,
  type FacetName,
  type Facets,
  type Service,
  type ServiceDetails,
  type ServiceFilters,
} from './model.ts';

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

const COLUMN: Record<FacetName, 'sector' | 'field' | 'admin_level' | 'level' | 'agency_code'> = {
  sector: 'sector',
  field: 'field',
  adminLevel: 'admin_level',
  level: 'level',
  agency: 'agency_code',
};

type MatchMode = 'strict' | 'fuzzy';

/** Below this many strict matches, similar words (typos) are searched too. */
const FUZZY_BELOW = 5;

function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/**
 * The code, the exact phrase or all the words (all indexed); in fuzzy mode also words that look
 * alike — pg_trgm's `<%` (word similarity ≥ 0.6, trigram-indexed) catches "khai sin".
 */
function textMatch(eb: EB, q: string, mode: MatchMode): Expression<SqlBool> {
  const folded = fold(q);
  const parts: Expression<SqlBool>[] = [
    eb('service.code', '=', q),
    eb('service.search_text', 'like', likePattern(folded)),
    sql<SqlBool>`service.search_tsv @@ plainto_tsquery('simple', ${folded})`,
  ];
  if (mode === 'fuzzy') parts.push(sql<SqlBool>`${folded} <% service.search_text`);
  return eb.or(parts);
}

function facetWhere(eb: EB, f: ServiceFilters): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  for (const name of FACETS) {
    const values = f[name] as (string | number)[];
    if (values.length) parts.push(eb(`service.${COLUMN[name]}`, 'in', values as never[]));
  }
  return eb.and(parts);
}

/** Relevance tiers: the code, the exact phrase, all the words, similar words. */
type Tier = 4 | 3 | 2 | 1;
const TIERS: Tier[] = [4, 3, 2, 1];

interface Combination {
  tier: Tier;
  sector: string;
  field: string;
  adminLevel: string;
  level: string;
  agency: string;
  n: number;
}

function tierExpression(q: string) {
  const folded = fold(q);
  return sql<number>`CASE WHEN service.code = ${q} THEN 4
    WHEN service.search_text LIKE ${likePattern(folded)} THEN 3
    WHEN service.search_tsv @@ plainto_tsquery('simple', ${folded}) THEN 2 ELSE 1 END`;
}

/**
 * How many services match the text, per tier and combination of facet values: one grouped query,
 * kept a minute per search text (the catalog changes by imports, which clear it). Totals, facet
 * counts and the tiers a page falls in are all computed from it without touching the database.
 */
const COMBINATIONS_TTL_MS = 60_000;
const combinationsCache = new Map<string, { at: number; rows: Combination[] }>();

/** Whole answers for repeated searches (popular ones repeat), for the same minute. */
const resultCache = new Map<string, { at: number; result: SearchResult }>();

export function clearSearchCache(): void {
  combinationsCache.clear();
  resultCache.clear();
  serviceCache.clear();
}

function remember<T>(cache: Map<string, { at: number } & T>, key: string, entry: { at: number } & T, max: number): void {
  if (cache.size >= max) cache.delete(cache.keys().next().value!);
  cache.set(key, entry);
}

async function combinations(db: DB, q: string, mode: MatchMode): Promise<Combination[]> {
  const key = `${mode}\u0000${q}`;
  const hit = combinationsCache.get(key);
  if (hit && Date.now() - hit.at < COMBINATIONS_TTL_MS) return hit.rows;
  const rows = await db
    .selectFrom('service')
    .$if(!!q, (qb) => qb.where((eb) => textMatch(eb, q, mode)))
    .select([
      (q ? tierExpression(q) : sql<number>`3`).as('tier'),
      'sector',
      'field',
      'admin_level as adminLevel',
      sql<string>`level::text`.as('level'),
      'agency_code as agency',
      (eb) => eb.fn.countAll<string>().as('n'),
    ])
    .groupBy([sql`1`, 'sector', 'field', 'admin_level', 'level', 'agency_code'])
    .execute();
  const result = rows.map((r) => ({ ...r, tier: Number(r.tier) as Tier, n: Number(r.n) }));
  remember(combinationsCache, key, { at: Date.now(), rows: result }, 300);
  return result;
}

function selectedValues(f: ServiceFilters): Record<FacetName, Set<string>> {
  return Object.fromEntries(FACETS.map((name) => [name, new Set((f[name] as (string | number)[]).map(String))])) as Record<FacetName, Set<string>>;
}

function passes(c: Combination, selected: Record<FacetName, Set<string>>, except?: FacetName): boolean {
  return FACETS.every((name) => name === except || selected[name].size === 0 || selected[name].has(c[name]));
}

/** Facet counts: each facet counts under every other active filter, never its own. */
async function facetsFrom(db: DB, combos: Combination[], f: ServiceFilters, locale: Locale): Promise<Facets> {
  const selected = selectedValues(f);
  const agencyCodes = [...new Set(combos.map((c) => c.agency))];
  const agencyNames = new Map(
    agencyCodes.length ? (await db.selectFrom('agency').select(['code', 'name']).where('code', 'in', agencyCodes).execute()).map((a) => [a.code, a.name]) : [],
  );
  const label = (name: FacetName, v: string) =>
    name === 'level' ? levelName(Number(v), locale) : name === 'adminLevel' ? adminLevelName(v as AdminLevel, locale) : name === 'agency' ? (agencyNames.get(v) ?? v) : v;
  const facets = {} as Facets;
  for (const name of FACETS) {
    const counts = new Map<string, number>();
    for (const c of combos) if (passes(c, selected, name)) counts.set(c[name], (counts.get(c[name]) ?? 0) + c.n);
    // Selected values stay visible even when the other filters leave none of them.
    for (const v of selected[name]) if (!counts.has(v)) counts.set(v, 0);
    facets[name] = [...counts]
      .map(([value, count]) => ({ value, label: label(name, value), count }))
      .sort((a, b) => (name === 'level' ? Number(a.value) - Number(b.value) : a.label.localeCompare(b.label, 'vi')));
  }
  return facets;
}

/** Exactly the services of one tier, written so that the planner can use that tier's index. */
function tierCondition(eb: EB, q: string, tier: Tier): Expression<SqlBool> {
  const folded = fold(q);
  const isCode = eb('service.code', '=', q);
  const phrase = eb('service.search_text', 'like', likePattern(folded));
  const words = sql<SqlBool>`service.search_tsv @@ plainto_tsquery('simple', ${folded})`;
  const similar = sql<SqlBool>`${folded} <% service.search_text`;
  if (tier === 4) return isCode;
  if (tier === 3) return eb.and([phrase, eb.not(isCode)]);
  if (tier === 2) return eb.and([words, eb.not(phrase), eb.not(isCode)]);
  return eb.and([similar, eb.not(words), eb.not(phrase), eb.not(isCode)]);
}

/** Below this many matches, reading them through the text indexes and sorting beats walking the list index. */
const SPARSE_BELOW = 5000;

/** One tier's slice of the page, in the list's order (the index order, except similar words). */
async function tierItems(db: DB, f: ServiceFilters, tier: Tier | undefined, limit: number, offset: number, matches: number): Promise<ServiceSummary[]> {
  // `level + 0` hides the list index from the planner: for few matches it would walk the whole
  // index looking for them; we know the count, so we choose.
  const sparse = tier !== undefined && matches < SPARSE_BELOW;
  const folded = fold(f.q);
  return db
    .selectFrom('service')
    .innerJoin('agency', 'agency.code', 'service.agency_code')
    .where((eb) => {
      const parts = [facetWhere(eb, f)];
      if (tier !== undefined) parts.push(tierCondition(eb, f.q, tier));
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
    .$if(tier === 1, (qb) => qb.orderBy(sql`word_similarity(${folded}, service.search_text)`, 'desc'))
    .orderBy(sparse ? sql`service.level + 0` : sql`service.level`, 'desc')
    .orderBy(sql`service.name COLLATE "C"`)
    .orderBy('service.code')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function searchServices(db: DB, f: ServiceFilters, locale: Locale = 'vi'): Promise<SearchResult> {
  const key = JSON.stringify([locale, f.q, ...FACETS.map((n) => f[n]), f.page, f.pageSize]);
  const hit = resultCache.get(key);
  if (hit && Date.now() - hit.at < COMBINATIONS_TTL_MS) return hit.result;
  const result = await runSearch(db, f, locale);
  remember(resultCache, key, { at: Date.now(), result }, 500);
  return result;
}

async function runSearch(db: DB, f: ServiceFilters, locale: Locale): Promise<SearchResult> {
  let mode: MatchMode = 'strict';
  let combos = await combinations(db, f.q, mode);
  if (f.q && combos.reduce((sum, c) => sum + c.n, 0) < FUZZY_BELOW) {
    mode = 'fuzzy';
    combos = await combinations(db, f.q, mode);
  }
  const selected = selectedValues(f);
  const perTier = new Map<Tier, number>();
  for (const c of combos) if (passes(c, selected)) perTier.set(c.tier, (perTier.get(c.tier) ?? 0) + c.n);
  const total = [...perTier.values()].reduce((a, b) => a + b, 0);

  // The page is a window over the tiers in order; read only the tiers it overlaps.
  const start = (f.page - 1) * f.pageSize;
  const slices: Promise<ServiceSummary[]>[] = [];
  if (!f.q) {
    if (start < total) slices.push(tierItems(db, f, undefined, f.pageSize, start, total));
  } else {
    let before = 0;
    for (const tier of TIERS) {
      const n = perTier.get(tier) ?? 0;
      const from = Math.max(start, before);
      const to = Math.min(start + f.pageSize, before + n);
      if (to > from) slices.push(tierItems(db, f, tier, to - from, from - before, n));
      before += n;
    }
  }
  const [facets, ...parts] = await Promise.all([facetsFrom(db, combos, f, locale), ...slices]);
  return { total, items: parts.flat(), facets };
}

/** Service records, read often and changed only by imports (which clear this). */
const serviceCache = new Map<string, { at: number; service: Service | undefined }>();

export async function getService(db: DB, code: string): Promise<Service | undefined> {
  const hit = serviceCache.get(code);
  if (hit && Date.now() - hit.at < COMBINATIONS_TTL_MS) return hit.service;
  const service = await readService(db, code);
  remember(serviceCache, code, { at: Date.now(), service }, 2000);
  return service;
}

async function readService(db: DB, code: string): Promise<Service | undefined> {
  const row = await db
    .selectFrom('service')
    .innerJoin('agency', 'agency.code', 'service.agency_code')
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
  updatedAt: Date;
}

/** Online (level 3/4) services for the sitemap, grouped by the caller. */
export async function onlineServices(db: DB): Promise<SitemapService[]> {
  return db
    .selectFrom('service')
    .select(['code', 'name', 'sector', 'field', 'level', 'updated_at as updatedAt'])
    .where('level', '>=', 3)
    .orderBy('sector')
    .orderBy('field')
    .orderBy('name')
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
  return db
    .selectFrom('service')
    .innerJoin('agency', 'agency.code', 'service.agency_code')
    .select(['service.code', 'service.name', 'service.legal_name as legalName', 'agency.name as agencyName'])
    .whereRef('service.name', '<>', 'service.legal_name')
    .orderBy('service.code')
    .execute();
}
