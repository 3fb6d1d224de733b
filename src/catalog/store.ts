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

/** Minimum word similarity for the "similar words" tier. */
const SIMILARITY = 0.45;

function textMatch(eb: EB, q: string): Expression<SqlBool> {
  const folded = fold(q);
  const like = `%${folded.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  return eb.or([
    eb('service.code', '=', q),
    eb('service.search_text', 'like', like),
    sql<SqlBool>`service.search_tsv @@ plainto_tsquery('simple', ${folded})`,
    sql<SqlBool>`word_similarity(${folded}, service.search_text) >= ${SIMILARITY}`,
  ]);
}

function where(eb: EB, f: ServiceFilters, except?: FacetName): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (f.q) parts.push(textMatch(eb, f.q));
  for (const name of FACETS) {
    const values = f[name] as (string | number)[];
    if (name !== except && values.length) parts.push(eb(`service.${COLUMN[name]}`, 'in', values as never[]));
  }
  return eb.and(parts);
}

async function facetCounts(db: DB, f: ServiceFilters, name: FacetName, locale: Locale) {
  const col = COLUMN[name];
  const rows = await db
    .selectFrom('service')
    .where((eb) => where(eb, f, name))
    .select([sql<string>`service.${sql.ref(col)}::text`.as('value'), (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy(`service.${col}`)
    .execute();
  let labels = new Map<string, string>();
  if (name === 'agency' && rows.length) {
    const agencies = await db.selectFrom('agency').select(['code', 'name']).where('code', 'in', rows.map((r) => r.value)).execute();
    labels = new Map(agencies.map((a) => [a.code, a.name]));
  }
  const label = (v: string) =>
    name === 'level' ? levelName(Number(v), locale) : name === 'adminLevel' ? adminLevelName(v as AdminLevel, locale) : name === 'agency' ? (labels.get(v) ?? v) : v;
  // Selected values stay visible even when the other filters leave none of them.
  const selected = (f[name] as (string | number)[]).map(String);
  const counts = new Map(rows.map((r) => [r.value, Number(r.count)]));
  for (const v of selected) if (!counts.has(v)) counts.set(v, 0);
  return [...counts]
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => (name === 'level' ? Number(a.value) - Number(b.value) : a.label.localeCompare(b.label, 'vi')));
}

export async function searchServices(db: DB, f: ServiceFilters, locale: Locale = 'vi'): Promise<SearchResult> {
  const folded = fold(f.q);
  const base = db.selectFrom('service').where((eb) => where(eb, f));
  const rank = sql<number>`(CASE WHEN service.code = ${f.q} THEN 4
        WHEN service.search_text LIKE ${'%' + folded.replace(/[\\%_]/g, (c) => '\\' + c) + '%'} THEN 3
        WHEN service.search_tsv @@ plainto_tsquery('simple', ${folded}) THEN 2 ELSE 1 END)
        + word_similarity(${folded}, service.search_text)`;
  const [items, total, ...facetLists] = await Promise.all([
    base
      .innerJoin('agency', 'agency.code', 'service.agency_code')
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
      .$if(!!f.q, (qb) => qb.orderBy(rank, 'desc'))
      .orderBy('service.level', 'desc')
      .orderBy(sql`service.name COLLATE "C"`)
      .orderBy('service.code')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ...FACETS.map((name) => facetCounts(db, f, name, locale)),
  ]);
  const facets = Object.fromEntries(FACETS.map((name, i) => [name, facetLists[i]!])) as Facets;
  return { total: Number(total.n), items, facets };
}

export async function getService(db: DB, code: string): Promise<Service | undefined> {
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
