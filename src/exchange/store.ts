// The exchange's rows: each forwarded dossier and its application (migration 0036). The pushes
// themselves are deliveries on the 'lien-thong' channel, written by the database's triggers.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';

export interface MappedDossier {
  dossierCode: string;
  applicationCode: string;
  bodySha256: string;
  status: number;
  dueDate: string | null;
}

const mapped = (db: DB) =>
  db
    .selectFrom('exchange_dossier as x')
    .innerJoin('application as a', 'a.id', 'x.application_id')
    .select(['x.dossier_code as dossierCode', 'a.code as applicationCode', 'x.body_sha256 as bodySha256', 'a.status', sql<string | null>`to_char(a.due_date, 'YYYY-MM-DD')`.as('dueDate')]);

export async function dossierByCode(db: DB, dossierCode: string): Promise<MappedDossier | undefined> {
  return mapped(db).where('x.dossier_code', '=', dossierCode).executeTakeFirst();
}

/** Every forwarded dossier with its status here, oldest first (the reconciliation). */
export async function allDossiers(db: DB): Promise<MappedDossier[]> {
  return mapped(db).orderBy('x.received_at').orderBy('x.dossier_code').execute();
}

/** The map row; its insert queues the first push (trigger). Run in the application's transaction. */
export async function recordDossier(trx: DB, row: { dossierCode: string; applicationId: string; serviceCode: string; agencyCode: string; bodySha256: string }): Promise<void> {
  await trx.insertInto('exchange_dossier').values({ dossier_code: row.dossierCode, application_id: row.applicationId, service_code: row.serviceCode, agency_code: row.agencyCode, body_sha256: row.bodySha256 }).execute();
}

/** The last status this side pushed for each dossier (what the national portal should have). */
export async function pushedStatuses(db: DB): Promise<Map<string, { status: number; state: string }>> {
  const rows = await db
    .selectFrom('delivery')
    .select(['application_code', 'status', sql<number>`(vars->>'trangThai')::int`.as('pushed')])
    .where('channel', '=', 'lien-thong')
    .orderBy('id')
    .execute();
  const out = new Map<string, { status: number; state: string }>();
  for (const r of rows) if (r.application_code) out.set(r.application_code, { status: r.pushed, state: r.status });
  return out;
}
