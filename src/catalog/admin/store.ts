// What the catalog administration reads and writes (C1, C4, A5). Every change is written with
// its audit entry (who, when, what) in one transaction, and recorded in local_edits so that a
// re-import reports a conflict instead of overwriting it.
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { LocalEdit } from '../../db/schema.ts';
import { audit, type Actor } from '../../identity/index.ts';
import type { Outcome } from '../../web/problem.ts';
import { implementationAt, implementationsOf, IMPLEMENTATION_FIELDS, removeImplementation, saveImplementation, type ImplementationChange } from '../implementations.ts';
import type { AgencyKind, ServiceDetails } from '../model.ts';
import { getService } from '../store.ts';
import type { AgencyFields, CatalogAdminProblem, OfflinePeriod, ServiceFields } from './model.ts';

/** Who acts, and from where, for the audit log and local_edits. */
export interface Acting {
  actor: Actor;
  ip: string;
}

export interface AdminServiceRow {
  code: string;
  name: string;
  legalName: string;
  agencyName: string;
  places: number;
  edited: boolean;
}

/** Procedures whose code or name holds `q` (accents ignored), by code; the first `limit`. */
export async function findServices(db: DB, q: string, limit = 50): Promise<AdminServiceRow[]> {
  const rows = await db
    .selectFrom('service as s')
    .innerJoin('agency as a', 'a.code', 's.agency_code')
    .select([
      's.code',
      's.name',
      's.legal_name as legalName',
      'a.name as agencyName',
      sql<string>`(SELECT count(*) FROM service_implementation i WHERE i.service_code = s.code)`.as('places'),
      sql<boolean>`s.local_edits <> '{}'::jsonb OR EXISTS (SELECT 1 FROM service_implementation i WHERE i.service_code = s.code AND i.local_edits <> '{}'::jsonb)`.as('edited'),
    ])
    .$if(!!q, (qb) => qb.where(sql<boolean>`s.search_text LIKE '%' || vn_fold(${q}) || '%'`))
    .orderBy('s.code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, places: Number(r.places) }));
}

export interface ServiceForEdit {
  code: string;
  legalName: string;
  leadAgency: string;
  leadAgencyName: string;
  fields: ServiceFields;
  localEdits: Record<string, LocalEdit>;
}

export async function serviceForEdit(db: DB, code: string): Promise<ServiceForEdit | undefined> {
  const s = await getService(db, code);
  if (!s) return undefined;
  const row = await db.selectFrom('service').select('local_edits').where('code', '=', code).executeTakeFirstOrThrow();
  return {
    code: s.code,
    legalName: s.legalName,
    leadAgency: s.agency,
    leadAgencyName: s.agencyName,
    fields: { name: s.name, timeLimitDays: s.timeLimitDays, timeLimitText: s.timeLimitText, level: s.level, steps: s.steps, fees: s.fees, components: s.components },
    localEdits: row.local_edits ?? {},
  };
}

const edits = (change: Record<string, unknown>, by: string, at: Date): Record<string, LocalEdit> =>
  Object.fromEntries(Object.entries(change).map(([f, value]) => [f, { value, by, at: at.toISOString() }]));

const DETAIL_FIELDS = ['timeLimitText', 'steps', 'fees', 'components'] as const satisfies readonly (keyof ServiceDetails & keyof ServiceFields)[];

/** Writes a procedure's changed published fields, records them as local edits, and audits them. */
export async function saveServiceFields(db: DB, code: string, change: Partial<ServiceFields>, { actor, ip }: Acting, at: Date = new Date()): Promise<void> {
  if (!Object.keys(change).length) return;
  const details = Object.fromEntries(DETAIL_FIELDS.filter((f) => change[f] !== undefined).map((f) => [f, change[f]]));
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('service')
      .set({
        ...(change.name !== undefined && { name: change.name }),
        ...(change.timeLimitDays !== undefined && { time_limit_days: change.timeLimitDays }),
        ...(change.level !== undefined && { level: change.level }),
        details: sql`details || ${JSON.stringify(details)}::jsonb`,
        local_edits: sql`local_edits || ${JSON.stringify(edits(change, actor.username, at))}::jsonb`,
        updated_at: at,
      })
      .where('code', '=', code)
      .execute();
    const lead = await trx.selectFrom('service').select('agency_code').where('code', '=', code).executeTakeFirstOrThrow();
    await audit(trx, { actor, action: 'catalog-service-edit', targetType: 'service', targetId: code, agencyCode: lead.agency_code, ip, details: { fields: Object.keys(change) } });
  });
}

/** Adds an agency as a place implementing the procedure (with the procedure's own values). */
export async function addPlace(db: DB, code: string, agencyCode: string, { actor, ip }: Acting): Promise<Outcome<null, CatalogAdminProblem>> {
  return db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('agency').select('code').where('code', '=', agencyCode).executeTakeFirst())) return { ok: false, problem: { code: 'AGENCY_UNKNOWN', field: 'agency' } };
    if (await implementationAt(trx, code, agencyCode)) return { ok: false, problem: { code: 'AGENCY_IMPLEMENTS', field: 'agency' } };
    await saveImplementation(trx, code, agencyCode, { online: true }, actor.username);
    await audit(trx, { actor, action: 'catalog-place-add', targetType: 'service', targetId: code, agencyCode, ip });
    return { ok: true, value: null };
  });
}

/** Saves what differs from a place's current overrides (only those become local edits). */
export async function savePlace(db: DB, code: string, agencyCode: string, change: ImplementationChange, { actor, ip }: Acting, at: Date = new Date()): Promise<Outcome<string[], CatalogAdminProblem>> {
  return db.transaction().execute(async (trx) => {
    const current = await implementationAt(trx, code, agencyCode);
    if (!current) return { ok: false, problem: { code: 'PLACE_NOT_FOUND' } };
    const changed: ImplementationChange = {};
    for (const f of IMPLEMENTATION_FIELDS) {
      const v = change[f];
      if (v !== undefined && JSON.stringify(v) !== JSON.stringify(current.overrides[f] ?? null)) (changed as Record<string, unknown>)[f] = v;
    }
    const fields = Object.keys(changed);
    if (fields.length) {
      await saveImplementation(trx, code, agencyCode, changed, actor.username, at);
      await audit(trx, { actor, action: 'catalog-place-edit', targetType: 'service', targetId: code, agencyCode, ip, details: { fields } });
    }
    return { ok: true, value: fields };
  });
}

export async function removePlace(db: DB, code: string, agencyCode: string, { actor, ip }: Acting): Promise<Outcome<null, CatalogAdminProblem>> {
  return db.transaction().execute(async (trx) => {
    if (!(await implementationAt(trx, code, agencyCode))) return { ok: false, problem: { code: 'PLACE_NOT_FOUND' } };
    if (!(await removeImplementation(trx, code, agencyCode))) return { ok: false, problem: { code: 'LEAD_AGENCY_STAYS' } };
    await audit(trx, { actor, action: 'catalog-place-remove', targetType: 'service', targetId: code, agencyCode, ip });
    return { ok: true, value: null };
  });
}

/**
 * Takes the procedure offline at these places for a period with a reason citizens read, or
 * (period null) takes applications there again. Returns the places changed.
 */
export async function setOffline(db: DB, code: string, agencies: readonly string[], period: OfflinePeriod | null, { actor, ip }: Acting, at: Date = new Date()): Promise<string[]> {
  const change: ImplementationChange = period
    ? { offlineFrom: period.offlineFrom.toISOString(), offlineUntil: period.offlineUntil?.toISOString() ?? null, offlineReason: period.offlineReason }
    : { offlineFrom: null, offlineUntil: null, offlineReason: null };
  return db.transaction().execute(async (trx) => {
    const places = (await implementationsOf(trx, code)).filter((i) => agencies.includes(i.agency.code)).map((i) => i.agency.code);
    for (const agencyCode of places) {
      await saveImplementation(trx, code, agencyCode, change, actor.username, at);
      await audit(trx, { actor, action: period ? 'catalog-offline' : 'catalog-online', targetType: 'service', targetId: code, agencyCode, ip, details: period ? { from: change.offlineFrom, until: change.offlineUntil, reason: period.offlineReason } : undefined });
    }
    return places;
  });
}

// ── Agencies ─────────────────────────────────────────────────────────────────────────────────

/** An agency as its page shows it: the details an administrator edits, and how many procedures it implements. */
export interface AdminAgency extends AgencyFields {
  code: string;
  name: string;
  kind: AgencyKind;
  parentCode: string | null;
  places: number;
}

/** These agencies with their details and how many procedures each implements, by code. */
export async function agenciesIn(db: DB, codes: Iterable<string>): Promise<AdminAgency[]> {
  const list = [...codes];
  if (!list.length) return [];
  const rows = await db
    .selectFrom('agency as a')
    .select([
      'a.code',
      'a.name',
      'a.kind',
      'a.parent_code as parentCode',
      'a.address',
      'a.phone',
      'a.email',
      'a.opening_hours as openingHours',
      'a.shares_data as sharesData',
      'a.replaced_by as replacedBy',
      sql<string>`(SELECT count(*) FROM service_implementation i WHERE i.agency_code = a.code)`.as('places'),
    ])
    .where('a.code', 'in', list)
    .orderBy('a.code')
    .execute();
  return rows.map((r) => ({ ...r, places: Number(r.places) }));
}

/** Every agency's code and name (successors may be outside the administrator's tree). */
export async function allAgencies(db: DB): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('agency').select(['code', 'name']).orderBy('code').execute();
}

export async function saveAgency(db: DB, code: string, f: AgencyFields, { actor, ip }: Acting): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('agency')
      .set({ address: f.address, phone: f.phone, email: f.email, opening_hours: f.openingHours, shares_data: f.sharesData, replaced_by: f.replacedBy, updated_at: new Date() })
      .where('code', '=', code)
      .execute();
    await audit(trx, { actor, action: 'agency-edit', targetType: 'agency', targetId: code, agencyCode: code, ip, details: { ...f } });
  });
}
