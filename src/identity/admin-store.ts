// What the administrators' pages read: the staff of their tree, their agencies, the account a
// password is reset for, and the audit log (S1, S5).
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { named } from '../db/query-kit.ts';
import type { Role } from './model.ts';
import type { AuditRow } from './views/audit.tsx';
import type { StaffRow } from './views/staff.tsx';
import { MERGED } from './merge-store.ts';

/** Staff accounts of these agencies, with whether each has turned on the second factor. */
export async function staffOf(db: DB, agencies: readonly string[]): Promise<StaffRow[]> {
  if (!agencies.length) return [];
  return db
    .selectFrom('account')
    .leftJoin('agency', 'agency.code', 'account.agency_code')
    .leftJoin('account_totp as t', 't.account_id', 'account.id')
    .select([
      ...named('account', ['id', 'username', 'full_name', 'role', 'agency_code']),
      'agency.name as agencyName',
      sql<boolean>`t.enabled_at IS NOT NULL`.as('secondFactor'),
    ])
    .where('account.role', '<>', 'citizen')
    .where('account.agency_code', 'in', [...agencies])
    .orderBy('agency.name')
    .orderBy('account.full_name')
    .execute();
}

/** The names of the agencies among `codes`, in code order (an administrator's staff form, figures, petitions). */
export async function agencyNames(db: DB, codes: Iterable<string>): Promise<{ code: string; name: string }[]> {
  const agencies = [...codes];
  if (!agencies.length) return [];
  return db.selectFrom('agency').select(['code', 'name']).where('code', 'in', agencies).orderBy('code').execute();
}

/** The account named `username`, for a password reset: its role and agency decide who may. A merged (disabled) account is none. */
export async function accountNamed(db: DB, username: string): Promise<{ id: string; role: Role; agencyCode: string | null } | undefined> {
  return db.selectFrom('account').select(['id', 'role', 'agency_code as agencyCode']).where('username', '=', username).where(sql<boolean>`NOT ${MERGED}`).executeTakeFirst();
}

/** Whether `agencyCode` is a top agency (a ministry or province: no parent). */
export async function isTopAgency(db: DB, agencyCode: string): Promise<boolean> {
  const row = await db.selectFrom('agency').select('parent_code').where('code', '=', agencyCode).executeTakeFirst();
  return !!row && row.parent_code === null;
}

/** The newest 200 audit entries an administrator of `agencies` sees: its tree's and portal-wide ones. */
export async function auditEntries(db: DB, agencies: readonly string[], f: { action?: string; actor?: string }): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .select(['at', 'actor_name as actorName', 'action', 'target_type as targetType', 'target_id as targetId', 'ip'])
    .where((eb) => eb.or([eb('agency_code', 'is', null), ...(agencies.length ? [eb('agency_code', 'in', [...agencies])] : [])]))
    .$if(!!f.action, (qb) => qb.where('action', '=', f.action!))
    .$if(!!f.actor, (qb) => qb.where('actor_name', '=', f.actor!))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** Staff of other units who also work in `agencyCode` (A5), by name. */
export async function membersOf(db: DB, agencyCode: string): Promise<{ id: string; username: string; fullName: string; role: Role; agencyCode: string | null; agencyName: string | null }[]> {
  return db
    .selectFrom('agency_membership as m')
    .innerJoin('account', 'account.id', 'm.account_id')
    .leftJoin('agency', 'agency.code', 'account.agency_code')
    .select([...named('account', ['id', 'username', 'full_name', 'role', 'agency_code']), 'agency.name as agencyName'])
    .where('m.agency_code', '=', agencyCode)
    .orderBy('account.full_name')
    .execute();
}

/** Makes a staff account a member of a further unit; false when it already is. */
export async function addMembership(db: DB, accountId: string, agencyCode: string, by: string): Promise<boolean> {
  const row = await db.insertInto('agency_membership').values({ account_id: accountId, agency_code: agencyCode, added_by: by }).onConflict((oc) => oc.doNothing()).returning('agency_code').executeTakeFirst();
  return !!row;
}

export async function removeMembership(db: DB, accountId: string, agencyCode: string): Promise<boolean> {
  const res = await db.deleteFrom('agency_membership').where('account_id', '=', accountId).where('agency_code', '=', agencyCode).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
