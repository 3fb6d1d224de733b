// The Art. 11.3 figures (Q3), read from the monthly aggregates the triggers of migration 0013
// keep up to date (decision 0013): a page view sums a few dozen rows, never the applications.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { LEVEL_COLUMNS, rebuildSql } from '../db/migrations/0013-guidance-faq-stats.ts';
import { RECEIVED_BY_CHANNEL_SQL } from '../db/migrations/0031-counter-statistics.ts';
import { CRITERIA, LEVELS, type Criterion, type Level } from './model.ts';
import { vietnamDay } from '../web/format.ts';

export type Satisfaction = Record<Criterion, Record<Level, number> & { total: number; satisfiedRate: number | null }>;

export interface Figures {
  onlineReceived: number;
  onlineResolved: number;
  resolvedOnTime: number;
  onTimeRate: number | null;
  /** Average calendar days from submission to resolution. */
  averageDays: number | null;
  /** Dossiers received at the counter or by post, recorded one by one (A3). */
  counterReceived: number;
  /** Counts typed per month at the counter, for the months before go-live. */
  offlineReceived: number;
  /** Art. 11.3's total: online, counter and post dossiers, and the typed counts. */
  totalReceived: number;
  satisfaction: Satisfaction;
}

const LEVEL_SUFFIX: Record<Level, string> = { 'rat-hai-long': 'very', 'hai-long': 'ok', 'chua-hai-long': 'not' };

/** The sums every figure needs, as SELECT items. */
const SUMS = sql.raw(
  [
    'coalesce(sum(online_received), 0)::bigint AS online_received',
    'coalesce(sum(online_resolved), 0)::bigint AS online_resolved',
    'coalesce(sum(resolved_on_time), 0)::bigint AS resolved_on_time',
    'coalesce(sum(resolve_seconds), 0)::bigint AS resolve_seconds',
    'coalesce(sum(offline_received), 0)::bigint AS offline_received',
    'coalesce(sum(counter_received), 0)::bigint AS counter_received',
    ...LEVEL_COLUMNS.map((c) => `coalesce(sum(${c}), 0)::bigint AS ${c}`),
  ].join(', '),
);

type SumRow = Record<string, string | number>;

function figures(r: SumRow): Figures {
  const n = (k: string) => Number(r[k] ?? 0);
  const satisfaction = Object.fromEntries(
    CRITERIA.map((c) => {
      const counts = Object.fromEntries(LEVELS.map((l) => [l, n(`${c}_${LEVEL_SUFFIX[l]}`)])) as Record<Level, number>;
      const total = LEVELS.reduce((s, l) => s + counts[l], 0);
      return [c, { ...counts, total, satisfiedRate: total ? (counts['rat-hai-long'] + counts['hai-long']) / total : null }];
    }),
  ) as Satisfaction;
  const resolved = n('online_resolved');
  return {
    onlineReceived: n('online_received'),
    onlineResolved: resolved,
    resolvedOnTime: n('resolved_on_time'),
    onTimeRate: resolved ? n('resolved_on_time') / resolved : null,
    averageDays: resolved ? n('resolve_seconds') / resolved / 86_400 : null,
    counterReceived: n('counter_received'),
    offlineReceived: n('offline_received'),
    totalReceived: n('online_received') + n('counter_received') + n('offline_received'),
    satisfaction,
  };
}

/** The first day of the month a moment falls in, in Vietnam (UTC+7, no daylight saving). */
export function vietnamMonth(now = new Date()): string {
  return `${vietnamDay(now).slice(0, 7)}-01`;
}

/** Year-to-date figures of one service (Art. 11.3), over every receiving agency. */
export async function serviceStatistics(db: DB, serviceCode: string, year: number) {
  const { rows } = await sql<SumRow>`
    SELECT ${SUMS} FROM service_stat_month
    WHERE service_code = ${serviceCode} AND month >= ${`${year}-01-01`}::date AND month < ${`${year + 1}-01-01`}::date
  `.execute(db);
  const f = figures(rows[0] ?? {});
  return {
    service: serviceCode,
    year,
    onlineReceived: f.onlineReceived,
    onlineResolved: f.onlineResolved,
    onTimeRate: f.onTimeRate,
    counterReceived: f.counterReceived,
    offlineReceived: f.offlineReceived,
    totalReceived: f.totalReceived,
    satisfaction: f.satisfaction,
  };
}

export type ServiceStatistics = Awaited<ReturnType<typeof serviceStatistics>>;

/** An agency and every agency under it. */
export async function agencySubtree(db: DB, root: string): Promise<string[]> {
  const { rows } = await sql<{ code: string }>`
    WITH RECURSIVE tree AS (
      SELECT code FROM agency WHERE code = ${root}
      UNION ALL
      SELECT a.code FROM agency a JOIN tree t ON a.parent_code = t.code
    ) SELECT code FROM tree
  `.execute(db);
  return rows.map((r) => r.code);
}

export interface Dashboard {
  totals: Figures;
  months: ({ month: string } & Figures)[];
  services: ({ code: string; name: string } & Figures)[];
  agencies: ({ code: string; name: string } & Figures)[];
}

/**
 * The managers' figures for a set of agencies and months [from, to] (first days of months).
 * Every sum by month and agency from the agency rollup (a few hundred rows, added up here into
 * the totals, the months and the agencies), and three sums by service for the slowest.
 */
export async function dashboard(db: DB, agencies: string[], from: string, to: string, limit = 10): Promise<Dashboard> {
  if (!agencies.length) return { totals: figures({}), months: [], services: [], agencies: [] };
  const scope = sql`agency_code = ANY(${agencies}::text[]) AND month BETWEEN ${from}::date AND ${to}::date`;
  const [cells, services] = await Promise.all([
    sql<SumRow & { month: string; agency_code: string }>`SELECT to_char(month, 'YYYY-MM') AS month, agency_code, ${SUMS} FROM agency_stat_month WHERE ${scope} GROUP BY month, agency_code`.execute(db),
    // Slowest first: the longest average time to resolve, then the lowest on-time share.
    sql<SumRow & { code: string; name: string }>`
      SELECT s.code, s.name, x.online_resolved, x.resolved_on_time, x.resolve_seconds FROM (
        SELECT service_code, sum(online_resolved)::bigint AS online_resolved, sum(resolved_on_time)::bigint AS resolved_on_time, sum(resolve_seconds)::bigint AS resolve_seconds
        FROM service_stat_month WHERE ${scope} GROUP BY service_code HAVING sum(online_resolved) > 0
        ORDER BY sum(resolve_seconds)::float8 / sum(online_resolved) DESC, sum(resolved_on_time)::float8 / sum(online_resolved), service_code
        LIMIT ${limit}
      ) x JOIN service s ON s.code = x.service_code
      ORDER BY x.resolve_seconds::float8 / x.online_resolved DESC, x.resolved_on_time::float8 / x.online_resolved, s.code
    `.execute(db),
  ]);
  const add = (into: Map<string, Record<string, number>>, key: string, row: SumRow) => {
    const acc = into.get(key) ?? {};
    for (const [k, v] of Object.entries(row)) if (k !== 'month' && k !== 'agency_code') acc[k] = (acc[k] ?? 0) + Number(v);
    into.set(key, acc);
  };
  const total = new Map<string, Record<string, number>>();
  const byMonth = new Map<string, Record<string, number>>();
  const byAgency = new Map<string, Record<string, number>>();
  for (const c of cells.rows) {
    add(total, '', c);
    add(byMonth, c.month, c);
    add(byAgency, c.agency_code, c);
  }
  const names = byAgency.size ? await db.selectFrom('agency').select(['code', 'name']).where('code', 'in', [...byAgency.keys()]).execute() : [];
  // Every month of the period, also those with nothing in them, so the trend has no gaps.
  const allMonths: ({ month: string } & Figures)[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m)) allMonths.push({ month: m, ...figures(byMonth.get(m) ?? {}) });
  return {
    totals: figures(total.get('') ?? {}),
    months: allMonths,
    services: services.rows.map((r) => ({ code: r.code, name: r.name, ...figures(r) })),
    agencies: names
      .map((a) => ({ code: a.code, name: a.name, ...figures(byAgency.get(a.code) ?? {}) }))
      .sort((a, b) => b.onlineReceived - a.onlineReceived || a.code.localeCompare(b.code))
      .slice(0, 50),
  };
}

export function nextMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Records how many applications an agency received at its counter for a service in a month. */
export async function recordCounterReceipts(db: DB, r: { service: string; agency: string; month: string; count: number; by: string }): Promise<void> {
  await db
    .insertInto('service_stat_month')
    .values({ service_code: r.service, agency_code: r.agency, month: r.month, offline_received: r.count, offline_recorded_by: r.by, offline_recorded_at: new Date() })
    .onConflict((oc) => oc.columns(['service_code', 'agency_code', 'month']).doUpdateSet({ offline_received: r.count, offline_recorded_by: r.by, offline_recorded_at: new Date() }))
    .execute();
}

export async function counterReceipts(db: DB, agencies: string[], year: number) {
  if (!agencies.length) return [];
  return db
    .selectFrom('service_stat_month')
    .innerJoin('service', 'service.code', 'service_stat_month.service_code')
    .select(['service_stat_month.service_code as service', 'service.name as serviceName', 'service_stat_month.agency_code as agency', 'month', 'offline_received as count', 'offline_recorded_by as by', 'offline_recorded_at as at'])
    .where('service_stat_month.agency_code', 'in', agencies)
    .where('offline_recorded_at', 'is not', null)
    .where('month', '>=', `${year}-01-01`)
    .where('month', '<', `${year + 1}-01-01`)
    .orderBy('month', 'desc')
    .orderBy('service.name')
    .limit(500)
    .execute();
}

/** Recomputes the figures from scratch: after a bulk load that bypassed the triggers. Received counts by channel (online, counter and post). */
export async function rebuildStatistics(db: DB): Promise<void> {
  await sql.raw(rebuildSql()).execute(db);
  await sql.raw(RECEIVED_BY_CHANNEL_SQL).execute(db);
}

/**
 * The first month (YYYY-MM-01) an agency recorded a counter or post dossier one by one: from then
 * on, its counter figures come from the dossiers, and no monthly count may be typed (A3, Q3).
 */
export async function counterGoLive(db: DB, agencyCode: string): Promise<string | undefined> {
  // From the monthly rollup (a row per month), never the applications.
  const { rows } = await sql<{ month: string | null }>`
    SELECT to_char(min(month), 'YYYY-MM-DD') AS month FROM agency_stat_month WHERE agency_code = ${agencyCode} AND counter_received > 0
  `.execute(db);
  return rows[0]?.month ?? undefined;
}

// ── Public figures and open data (Q3, Art. 11.3) ────────────────────────────────────────────

const yearScope = (year: number) => sql`month >= ${`${year}-01-01`}::date AND month < ${`${year + 1}-01-01`}::date`;

/** The whole portal's figures for a year: the home page's and the public page's totals. */
export async function yearFigures(db: DB, year: number): Promise<Figures> {
  const { rows } = await sql<SumRow>`SELECT ${SUMS} FROM agency_stat_month WHERE ${yearScope(year)}`.execute(db);
  return figures(rows[0] ?? {});
}

/** The services with the most online applications in a year, most first (none without any). */
export async function mostUsedServices(db: DB, year: number, limit = 8): Promise<{ code: string; name: string; count: number }[]> {
  const { rows } = await sql<{ code: string; name: string; count: string }>`
    SELECT s.code, s.name, x.count FROM (
      SELECT service_code, sum(online_received)::bigint AS count FROM service_stat_month
      WHERE ${yearScope(year)} GROUP BY service_code HAVING sum(online_received) > 0
      ORDER BY sum(online_received) DESC, service_code LIMIT ${limit}
    ) x JOIN service s ON s.code = x.service_code
    ORDER BY x.count DESC, s.code
  `.execute(db);
  return rows.map((r) => ({ code: r.code, name: r.name, count: Number(r.count) }));
}

export interface PublicStatistics {
  year: number;
  totals: Figures;
  agencies: ({ code: string; name: string } & Figures)[];
  services: ({ code: string; name: string; agencyCode: string; agencyName: string } & Figures)[];
}

/**
 * Art. 11.3 per agency and per service for a year, for everyone: counts and shares only — who
 * recorded a counter count (a staff username) is left out.
 */
export async function publicStatistics(db: DB, year: number): Promise<PublicStatistics> {
  const [totals, agencies, services] = await Promise.all([
    yearFigures(db, year),
    sql<SumRow & { code: string; name: string }>`
      SELECT a.code, a.name, x.* FROM (SELECT agency_code, ${SUMS} FROM agency_stat_month WHERE ${yearScope(year)} GROUP BY agency_code) x
      JOIN agency a ON a.code = x.agency_code
    `.execute(db),
    sql<SumRow & { code: string; name: string; agency_code: string; agency_name: string }>`
      SELECT s.code, s.name, s.agency_code, a.name AS agency_name, x.* FROM (SELECT service_code, ${SUMS} FROM service_stat_month WHERE ${yearScope(year)} GROUP BY service_code) x
      JOIN service s ON s.code = x.service_code JOIN agency a ON a.code = s.agency_code
    `.execute(db),
  ]);
  const busiest = <T extends { code: string } & Figures>(a: T, b: T) => b.totalReceived - a.totalReceived || b.onlineResolved - a.onlineResolved || a.code.localeCompare(b.code);
  return {
    year,
    totals,
    agencies: agencies.rows
      .map((r) => ({ code: r.code, name: r.name, ...figures(r) }))
      .filter((a) => a.totalReceived > 0 || a.onlineResolved > 0 || a.satisfaction.overall.total > 0)
      .sort(busiest),
    services: services.rows
      .map((r) => ({ code: r.code, name: r.name, agencyCode: r.agency_code, agencyName: r.agency_name, ...figures(r) }))
      .filter((s) => s.totalReceived > 0 || s.onlineResolved > 0 || s.satisfaction.overall.total > 0)
      .sort(busiest),
  };
}

/** The years that have figures, newest first, always with this year. */
export async function statisticsYears(db: DB, thisYear: number): Promise<number[]> {
  const { rows } = await sql<{ year: number }>`SELECT DISTINCT extract(year FROM month)::int AS year FROM agency_stat_month WHERE month < ${`${thisYear + 1}-01-01`}::date`.execute(db);
  return [...new Set([thisYear, ...rows.map((r) => Number(r.year))])].sort((a, b) => b - a);
}
