// C1, C2, A1: who implements a procedure. A procedure (mã TTHC) is received by one or more
// agencies — every commune for civil status, the public-service centre and its branches for a
// department's procedures — each possibly with its own time limit, fees, address, hours, level,
// e-form, or taken offline for a while. The pure rules come first; the SQL after them.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { defaultCache, type CatalogCache } from './cache.ts';
import type { LocalEdit } from '../db/schema.ts';
import { fold, type AgencyKind, type Fee, type ImplementationRecord } from './model.ts';

export interface ImplementingAgency {
  code: string;
  name: string;
  address: string | null;
  phone: string | null;
  kind: AgencyKind;
  parentCode: string | null;
}

export interface Implementation {
  serviceCode: string;
  agency: ImplementingAgency;
  /** Effective values: the implementation's override, else the procedure's. */
  timeLimitDays: number;
  level: 1 | 2 | 3 | 4;
  fees: Fee[];
  /** An own e-form of this implementation; null: the service's. */
  formId: string | null;
  /** False while the implementation is taken offline (now), or switched off. */
  online: boolean;
  offlineReason: string | null;
  offlineFrom: Date | null;
  offlineUntil: Date | null;
  /** The implementation's, else the agency's. */
  openingHours: string | null;
  receivingAddress: string | null;
  /** Fields edited in the portal (field → { value, by, at }); a re-import keeps them. */
  localEdits: Record<string, LocalEdit>;
  /** The raw overrides, null where the procedure's value applies (for editing pages). */
  overrides: ImplementationOverrides;
}

export interface ImplementationOverrides {
  timeLimitDays: number | null;
  level: number | null;
  fees: Fee[] | null;
  receivingAddress: string | null;
  openingHours: string | null;
  formId: string | null;
  online: boolean;
  offlineFrom: Date | null;
  offlineUntil: Date | null;
  offlineReason: string | null;
}

// ── Pure rules ───────────────────────────────────────────────────────────────────────────────

/**
 * Whether an implementation is offline at `now`: switched off (`online` false), or inside its
 * offline period (an open end stands for "until further notice" / "since always").
 */
export function isOffline(o: Pick<ImplementationOverrides, 'online' | 'offlineFrom' | 'offlineUntil'>, now: Date = new Date()): boolean {
  if (!o.online) return true;
  if (!o.offlineFrom && !o.offlineUntil) return false;
  const t = now.getTime();
  return (!o.offlineFrom || o.offlineFrom.getTime() <= t) && (!o.offlineUntil || t < o.offlineUntil.getTime());
}

const PLACE_PREFIX = /^(?:uy ban nhan dan|ubnd)\s+/;
const PLACE_KIND = /\b(phuong|xa|dac khu|thi tran)\s+(.+)$/;

/** Folds an address so that "P. Nha Trang", "p.Nha Trang" and "Phường Nha Trang" compare alike. */
function foldAddress(text: string): string {
  return ` ${fold(text)
    .replace(/\bp\.\s*/g, 'phuong ')
    .replace(/\bx\.\s*/g, 'xa ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

interface Place<A> {
  agency: A;
  full: string;
  bare: string;
}

/** Folded place names of a list of agencies, longest first; kept per list (a province has thousands). */
const preparedPlaces = new WeakMap<readonly object[], Place<unknown>[]>();

function placesOf<A extends { name: string; kind: string }>(agencies: readonly A[]): Place<A>[] {
  const kept = preparedPlaces.get(agencies) as Place<A>[] | undefined;
  if (kept) return kept;
  const places = agencies
    .filter((a) => a.kind === 'commune')
    .map((a) => {
      const name = foldAddress(a.name).trim().replace(PLACE_PREFIX, '');
      const m = PLACE_KIND.exec(name);
      return { agency: a, full: m ? `${m[1]} ${m[2]}` : name, bare: m ? m[2]! : name };
    })
    .sort((a, b) => b.bare.length - a.bare.length);
  preparedPlaces.set(agencies, places);
  return places;
}

/**
 * The commune or ward whose name occurs in an address (accent-insensitive): "phường Bắc Nha
 * Trang" with its kind first, then the bare name on word boundaries; the longest name wins, so
 * "Bắc Nha Trang" is never taken for "Nha Trang". Only communes, wards and special zones are
 * considered; a ward merged in the reform (replacedBy) gives its successor. Undefined when none occurs.
 */
export function communeOfAddress<A extends { code: string; name: string; kind: string; replacedBy?: string | null }>(agencies: readonly A[], addressText: string | null | undefined): A | undefined {
  if (!addressText) return undefined;
  const address = foldAddress(addressText);
  const places = placesOf(agencies);
  let found = (places.find((p) => address.includes(` ${p.full} `)) ?? places.find((p) => address.includes(` ${p.bare} `)))?.agency;
  // An address written before the reform names a ward that was merged: its successor stands for it.
  for (let hops = 0; found?.replacedBy && hops < 20; hops++) found = agencies.find((a) => a.code === found!.replacedBy) ?? found;
  return found;
}

const BY_NAME = new Intl.Collator('vi');

/**
 * Implementations in the order a picker shows them: the applicant's own commune first (when
 * given), then by agency name.
 */
export function orderForApplicant<I extends { agency: { code: string; name: string } }>(list: readonly I[], ownAgencyCode?: string): I[] {
  return [...list].sort((a, b) => Number(b.agency.code === ownAgencyCode) - Number(a.agency.code === ownAgencyCode) || BY_NAME.compare(a.agency.name, b.agency.name));
}

/** The fields of an implementation that an import sets, as they are named in local_edits. */
export const IMPLEMENTATION_FIELDS = ['timeLimitDays', 'level', 'fees', 'receivingAddress', 'openingHours', 'formId', 'online', 'offlineFrom', 'offlineUntil', 'offlineReason'] as const;
export type ImplementationField = (typeof IMPLEMENTATION_FIELDS)[number];

const COLUMN: Record<ImplementationField, string> = {
  timeLimitDays: 'time_limit_days',
  level: 'level',
  fees: 'fees',
  receivingAddress: 'receiving_address',
  openingHours: 'opening_hours',
  formId: 'form_id',
  online: 'online',
  offlineFrom: 'offline_from',
  offlineUntil: 'offline_until',
  offlineReason: 'offline_reason',
};

/** An implementation record's fields as columns (absent fields untouched; fees as JSON). */
export function implementationColumns(r: Partial<Pick<ImplementationRecord, ImplementationField>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of IMPLEMENTATION_FIELDS) {
    const v = r[f];
    if (v === undefined) continue;
    out[COLUMN[f]] = f === 'fees' ? (v === null ? null : JSON.stringify(v)) : v;
  }
  return out;
}

// ── Store ────────────────────────────────────────────────────────────────────────────────────

function baseQuery(db: DB) {
  return db
    .selectFrom('service_implementation as i')
    .innerJoin('agency as a', 'a.code', 'i.agency_code')
    .select([
      'i.service_code',
      'i.agency_code',
      'i.time_limit_days',
      'i.fees',
      'i.receiving_address',
      'i.opening_hours',
      'i.level',
      'i.form_id',
      'i.online',
      'i.offline_from',
      'i.offline_until',
      'i.offline_reason',
      'i.local_edits',
      'a.name as agency_name',
      'a.address as agency_address',
      'a.phone as agency_phone',
      'a.kind as agency_kind',
      'a.parent_code as agency_parent_code',
      'a.opening_hours as agency_opening_hours',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

/** The procedure's own values, which an implementation without an override takes (read once, not per row). */
interface Defaults {
  timeLimitDays: number;
  level: number;
  fees: Fee[];
}

async function defaultsOf(db: DB, serviceCode: string): Promise<Defaults | undefined> {
  const s = await db
    .selectFrom('service')
    .select(['time_limit_days', 'level', sql<Fee[] | null>`details -> 'fees'`.as('fees')])
    .where('code', '=', serviceCode)
    .executeTakeFirst();
  return s && { timeLimitDays: s.time_limit_days ?? 0, level: s.level, fees: s.fees ?? [] };
}

function toImplementation(r: Row, d: Defaults, now: Date): Implementation {
  const overrides: ImplementationOverrides = {
    timeLimitDays: r.time_limit_days,
    level: r.level,
    fees: (r.fees as Fee[] | null) ?? null,
    receivingAddress: r.receiving_address,
    openingHours: r.opening_hours,
    formId: r.form_id,
    online: r.online,
    offlineFrom: r.offline_from,
    offlineUntil: r.offline_until,
    offlineReason: r.offline_reason,
  };
  const offline = isOffline(overrides, now);
  return {
    serviceCode: r.service_code,
    agency: { code: r.agency_code, name: r.agency_name, address: r.agency_address, phone: r.agency_phone, kind: r.agency_kind, parentCode: r.agency_parent_code },
    timeLimitDays: r.time_limit_days ?? d.timeLimitDays,
    level: (r.level ?? d.level) as Implementation['level'],
    fees: overrides.fees ?? d.fees,
    formId: r.form_id,
    online: !offline,
    offlineReason: offline ? r.offline_reason : null,
    offlineFrom: r.offline_from,
    offlineUntil: r.offline_until,
    openingHours: r.opening_hours ?? r.agency_opening_hours,
    receivingAddress: r.receiving_address ?? r.agency_address,
    localEdits: r.local_edits ?? {},
    overrides,
  };
}

/** A procedure's implementations as stored, with its own values (what the catalog cache keeps). */
export interface StoredImplementations {
  defaults: Defaults | undefined;
  rows: Row[];
}

async function readImplementations(db: DB, serviceCode: string): Promise<StoredImplementations> {
  const [defaults, rows] = await Promise.all([defaultsOf(db, serviceCode), baseQuery(db).where('i.service_code', '=', serviceCode).execute()]);
  return { defaults, rows };
}

/**
 * Every agency implementing a service, by agency name. Kept per catalog version (a province's
 * civil status has thousands); inside a transaction, read as that transaction sees it.
 */
export async function implementationsOf(db: DB, serviceCode: string, now: Date = new Date(), cache: CatalogCache = defaultCache): Promise<Implementation[]> {
  let stored: StoredImplementations | undefined;
  if (db.isTransaction) stored = await readImplementations(db, serviceCode);
  else {
    const version = await cache.current(db);
    stored = cache.get(cache.implementations, serviceCode, version);
    if (!stored) {
      stored = await readImplementations(db, serviceCode);
      cache.set(cache.implementations, serviceCode, version, stored);
    }
  }
  const { defaults, rows } = stored;
  return defaults ? orderForApplicant(rows.map((r) => toImplementation(r, defaults, now))) : [];
}

/** The implementation of a service at one agency; undefined when that agency does not implement it. */
export async function implementationAt(db: DB, serviceCode: string, agencyCode: string, now: Date = new Date()): Promise<Implementation | undefined> {
  const [defaults, row] = await Promise.all([defaultsOf(db, serviceCode), baseQuery(db).where('i.service_code', '=', serviceCode).where('i.agency_code', '=', agencyCode).executeTakeFirst()]);
  return row && defaults && toImplementation(row, defaults, now);
}

/** How many agencies implement each of these services. */
export async function implementationCounts(db: DB, serviceCodes: readonly string[]): Promise<Map<string, number>> {
  if (!serviceCodes.length) return new Map();
  const rows = await db
    .selectFrom('service_implementation')
    .select(['service_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('service_code', 'in', [...serviceCodes])
    .groupBy('service_code')
    .execute();
  return new Map(rows.map((r) => [r.service_code, Number(r.n)]));
}

/** The longest chain of replacements followed (a cycle in bad data ends there). */
const MAX_REPLACEMENTS = 20;

/**
 * The agency that stands for `agencyCode` today: itself, or — for an agency merged or renamed
 * in the reform — the one its replaced_by chain ends at. Undefined for an unknown code.
 */
export async function effectiveAgency(db: DB, agencyCode: string): Promise<(ImplementingAgency & { replaced: string[] }) | undefined> {
  const replaced: string[] = [];
  let code = agencyCode;
  for (let i = 0; i <= MAX_REPLACEMENTS; i++) {
    const a = await db
      .selectFrom('agency')
      .select(['code', 'name', 'address', 'phone', 'kind', 'parent_code', 'replaced_by'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!a) return undefined;
    if (!a.replaced_by || replaced.includes(a.replaced_by) || a.replaced_by === agencyCode || i === MAX_REPLACEMENTS) {
      return { code: a.code, name: a.name, address: a.address, phone: a.phone, kind: a.kind, parentCode: a.parent_code, replaced };
    }
    replaced.push(a.code);
    code = a.replaced_by;
  }
  return undefined;
}

export interface CommuneName {
  code: string;
  name: string;
  kind: AgencyKind;
  replacedBy: string | null;
}

/**
 * Communes and wards, with the successor of each merged one, for matching an address
 * (communeOfAddress); the same list per catalog version, so its folded names are reused.
 */
export async function communes(db: DB, cache: CatalogCache = defaultCache): Promise<CommuneName[]> {
  const read = () => db.selectFrom('agency').select(['code', 'name', 'kind', 'replaced_by as replacedBy']).where('kind', '=', 'commune').orderBy('code').execute();
  if (db.isTransaction) return read();
  const version = await cache.current(db);
  const hit = cache.get(cache.communes, '', version);
  if (hit) return hit;
  const list = await read();
  cache.set(cache.communes, '', version, list);
  return list;
}

export type ImplementationChange = Partial<Pick<ImplementationRecord, ImplementationField>>;

/**
 * Sets an implementation from the portal (adding it when missing): each field changed is
 * recorded in local_edits with who and when, so that a re-import reports it instead of
 * overwriting it.
 */
export async function saveImplementation(db: DB, serviceCode: string, agencyCode: string, change: ImplementationChange, by: string, at: Date = new Date()): Promise<void> {
  const columns = implementationColumns(change);
  const edits: Record<string, LocalEdit> = {};
  for (const f of IMPLEMENTATION_FIELDS) if (change[f] !== undefined) edits[f] = { value: change[f], by, at: at.toISOString() };
  await db
    .insertInto('service_implementation')
    .values({ service_code: serviceCode, agency_code: agencyCode, ...columns, local_edits: JSON.stringify(edits) })
    .onConflict((oc) =>
      oc.columns(['service_code', 'agency_code']).doUpdateSet({
        ...columns,
        local_edits: sql`service_implementation.local_edits || ${JSON.stringify(edits)}::jsonb`,
        updated_at: at,
      }),
    )
    .execute();
}

/** Removes an implementation; the lead agency's stays (it always implements its procedure). */
export async function removeImplementation(db: DB, serviceCode: string, agencyCode: string): Promise<boolean> {
  const res = await db
    .deleteFrom('service_implementation')
    .where('service_code', '=', serviceCode)
    .where('agency_code', '=', agencyCode)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('service').select('code').where('code', '=', serviceCode).where('agency_code', '=', agencyCode))))
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
