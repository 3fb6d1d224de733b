// The workflow's configuration in PostgreSQL (A3, A5): each implementation's assignment and
// approval, and the heads and leaders of each unit (agency_duty), with the audit in the same transaction.
import type { DB } from '../../db/index.ts';
import { audit, type Actor } from '../../identity/index.ts';
import { parseWorkflow, type WorkflowConfig } from './model.ts';
import { officersOf } from './records.ts';

export interface ConfiguredImplementation {
  service: string;
  serviceName: string;
  agency: string;
  agencyName: string;
  config: WorkflowConfig;
}

/** The implementations received by agencies of the tree: the procedure's own agency and each implementing one. */
export async function implementationsIn(db: DB, agencies: readonly string[], limit = 500): Promise<ConfiguredImplementation[]> {
  if (!agencies.length) return [];
  const rows = await db
    .selectFrom('service')
    .innerJoin('agency', 'agency.code', 'service.agency_code')
    .leftJoin('service_implementation as si', (j) => j.onRef('si.service_code', '=', 'service.code').onRef('si.agency_code', '=', 'service.agency_code'))
    .select(['service.code as service', 'service.name as serviceName', 'agency.code as agency', 'agency.name as agencyName', 'si.workflow'])
    .where('service.agency_code', 'in', agencies)
    .unionAll(
      db
        .selectFrom('service_implementation as si')
        .innerJoin('service', 'service.code', 'si.service_code')
        .innerJoin('agency', 'agency.code', 'si.agency_code')
        .select(['service.code as service', 'service.name as serviceName', 'agency.code as agency', 'agency.name as agencyName', 'si.workflow'])
        .where('si.agency_code', 'in', agencies)
        .whereRef('si.agency_code', '<>', 'service.agency_code'),
    )
    .orderBy('agencyName')
    .orderBy('service')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ service: r.service, serviceName: r.serviceName, agency: r.agency, agencyName: r.agencyName, config: parseWorkflow(r.workflow) }));
}

/** Stores an implementation's workflow (an implementation row is made for the procedure's own agency if it has none). */
export async function saveWorkflow(db: DB, service: string, agency: string, config: WorkflowConfig, actor: Actor, ip: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const workflow = JSON.stringify(config);
    await trx
      .insertInto('service_implementation')
      .values({ service_code: service, agency_code: agency, workflow })
      .onConflict((oc) => oc.columns(['service_code', 'agency_code']).doUpdateSet({ workflow, updated_at: new Date() }))
      .execute();
    await audit(trx, { actor, action: 'workflow-configure', targetType: 'service', targetId: service, agencyCode: agency, ip, details: { ...config } });
  });
}

export interface Duty {
  accountId: string;
  username: string;
  name: string;
  unit: string;
  unitName: string;
  duty: 'head' | 'leader';
}

export async function dutiesIn(db: DB, agencies: readonly string[]): Promise<Duty[]> {
  if (!agencies.length) return [];
  return db
    .selectFrom('agency_duty as d')
    .innerJoin('account', 'account.id', 'd.account_id')
    .innerJoin('agency', 'agency.code', 'd.agency_code')
    .select(['d.account_id as accountId', 'account.username', 'account.full_name as name', 'd.agency_code as unit', 'agency.name as unitName', 'd.duty'])
    .where('d.agency_code', 'in', agencies)
    .orderBy('agency.name')
    .orderBy('d.duty')
    .orderBy('account.full_name')
    .execute();
}

/** The officer named `username` if they work in `unit` (its staff or a member). */
export async function unitOfficerNamed(db: DB, username: string, unit: string): Promise<{ id: string } | undefined> {
  return (await officersOf(db, unit)).find((o) => o.username === username);
}

/** Adds or removes a duty, audited; answers whether anything changed. */
export async function setDuty(db: DB, change: { accountId: string; unit: string; duty: 'head' | 'leader'; add: boolean }, actor: Actor, ip: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const changed = change.add
      ? await trx.insertInto('agency_duty').values({ account_id: change.accountId, agency_code: change.unit, duty: change.duty, added_by: actor.username }).onConflict((oc) => oc.doNothing()).executeTakeFirst()
      : await trx.deleteFrom('agency_duty').where('account_id', '=', change.accountId).where('agency_code', '=', change.unit).where('duty', '=', change.duty).executeTakeFirst();
    const n = Number('numInsertedOrUpdatedRows' in changed ? changed.numInsertedOrUpdatedRows : changed.numDeletedRows);
    if (n) await audit(trx, { actor, action: change.add ? 'duty-add' : 'duty-remove', targetType: 'account', targetId: change.accountId, agencyCode: change.unit, ip, details: { duty: change.duty } });
    return n > 0;
  });
}
