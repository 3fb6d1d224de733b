// Staff reads of a person's documents and the usage log the owner sees (V4), and the data fields
// kept from forms.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { type Acceptance } from './model.ts';
import { documents, UUID, withAcceptances, type VaultDocument } from './store.ts';

// ── Staff reads and the usage log (V4) ───────────────────────────────────────────────────────────

/**
 * An officer opens a document an application reused or brought: the file's key, with a row in the
 * owner's usage log. Undefined when the document is not part of that application.
 */
export async function openForStaff(db: DB, p: { documentId: string; applicationId: string; applicationCode: string; agencyCode: string; actorName: string }): Promise<VaultDocument | undefined> {
  if (!UUID.test(p.documentId)) return undefined;
  const row = await documents(db).where('d.id', '=', p.documentId).executeTakeFirst();
  if (!row) return undefined;
  const used = await db.selectFrom('vault_usage').select('id').where('document_id', '=', p.documentId).where('application_id', '=', p.applicationId).where('action', '=', 'reuse').executeTakeFirst();
  if (row.applicationId !== p.applicationId && !used) return undefined;
  await db
    .insertInto('vault_usage')
    .values({ owner_id: row.ownerId, document_id: row.id, action: 'staff-read', application_id: p.applicationId, application_code: p.applicationCode, agency_code: p.agencyCode, actor_name: p.actorName.slice(0, 200) })
    .execute();
  return (await withAcceptances(db, [row]))[0];
}

/** Acceptance history of a document, for the officer who receives it from the store. */
export async function acceptanceHistory(db: DB, documentId: string): Promise<Acceptance[]> {
  if (!UUID.test(documentId)) return [];
  const rows = await db
    .selectFrom('vault_acceptance as v')
    .innerJoin('agency as g', 'g.code', 'v.agency_code')
    .leftJoin('application as a', 'a.id', 'v.application_id')
    .select(['v.agency_code as agencyCode', 'g.name as agencyName', 'v.accepted_at as at', 'a.code as applicationCode'])
    .where('v.document_id', '=', documentId)
    .orderBy('v.accepted_at')
    .execute();
  return rows;
}

export interface UsageEntry {
  at: Date;
  action: 'reuse' | 'staff-read';
  documentId: string | null;
  documentTitle: string | null;
  fieldKey: string | null;
  /** The data field's name while it is still in the store. */
  fieldLabel: string | null;
  applicationCode: string | null;
  agencyCode: string | null;
  agencyName: string | null;
  actorName: string | null;
}

export async function usageOf(db: DB, ownerId: string, options: { documentId?: string; limit?: number } = {}): Promise<UsageEntry[]> {
  return db
    .selectFrom('vault_usage as u')
    .leftJoin('vault_document as d', 'd.id', 'u.document_id')
    .leftJoin('agency as g', 'g.code', 'u.agency_code')
    .leftJoin('vault_field as f', (j) => j.onRef('f.owner_id', '=', 'u.owner_id').onRef('f.key', '=', 'u.field_key'))
    .select(['u.at', 'u.action', 'u.document_id as documentId', 'd.title as documentTitle', 'u.field_key as fieldKey', 'f.label as fieldLabel', 'u.application_code as applicationCode', 'u.agency_code as agencyCode', 'g.name as agencyName', 'u.actor_name as actorName'])
    .where('u.owner_id', '=', ownerId)
    .$if(!!options.documentId, (q) => q.where('u.document_id', '=', options.documentId!))
    .orderBy('u.at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(options.limit ?? 500)
    .execute();
}

export interface DataField {
  key: string;
  label: string;
  value: string;
  agencyName: string | null;
  applicationCode: string | null;
  /** When the agency received the application that gave it. */
  updatedAt: Date;
}

/**
 * V4: the data fields an application gives that equal what the store holds count as their reuse,
 * logged in the submission's transaction with the application and its agency. The server compares
 * the submitted answers; whether the person typed or chose the value, the agency got the stored datum.
 */
export async function logFieldReuse(trx: DB, p: { ownerId: string; applicationId: string; applicationCode: string; agencyCode: string; fields: readonly { key: string; value: string }[]; now?: Date }): Promise<string[]> {
  if (!p.fields.length) return [];
  // Compared and logged in one statement, in the order the form gives the fields.
  const { rows } = await sql<{ field_key: string }>`
    INSERT INTO vault_usage (owner_id, field_key, action, application_id, application_code, agency_code, at)
    SELECT ${p.ownerId}::uuid, f.key, 'reuse', ${p.applicationId}::uuid, ${p.applicationCode}::text, ${p.agencyCode}::text, coalesce(${p.now ?? null}::timestamptz, now())
    FROM unnest(${p.fields.map((f) => f.key)}::text[], ${p.fields.map((f) => f.value)}::text[]) WITH ORDINALITY AS x(key, value, ord)
    JOIN vault_field f ON f.owner_id = ${p.ownerId}::uuid AND f.key = x.key AND f.value = x.value
    ORDER BY x.ord
    RETURNING field_key`.execute(trx);
  return rows.map((r) => r.field_key);
}

/** The owner deletes a data field: it is no longer offered; the log of its past uses stays. */
export async function deleteField(db: DB, ownerId: string, key: string): Promise<boolean> {
  const r = await db.deleteFrom('vault_field').where('owner_id', '=', ownerId).where('key', '=', key.slice(0, 80)).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function fieldsOf(db: DB, ownerId: string): Promise<DataField[]> {
  return db
    .selectFrom('vault_field as f')
    .leftJoin('agency as g', 'g.code', 'f.agency_code')
    .leftJoin('application as a', 'a.id', 'f.application_id')
    .select(['f.key', 'f.label', 'f.value', 'g.name as agencyName', 'a.code as applicationCode', 'f.updated_at as updatedAt'])
    .where('f.owner_id', '=', ownerId)
    .orderBy('f.label')
    .execute();
}

/** The application a document is opened for by staff: who applied and which agency holds it. */
export async function applicationNamed(db: DB, code: string) {
  return db.selectFrom('application').select(['id', 'code', 'agency_code', 'applicant_id']).where('code', '=', code).executeTakeFirst();
}
