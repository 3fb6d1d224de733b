// What reception, refusal and results do to the store: documents accepted by an agency, refused,
// and the results that enter the person's store (V3).
import type { DB } from '../db/index.ts';
import type { FileRef } from '../storage/index.ts';
import { addMonths } from './model.ts';
import { fileColumns, kindsByCode, vietnamToday } from './store.ts';

// ── Reception, refusal and results ───────────────────────────────────────────────────────────────

/**
 * The agency received the application (status 2): the documents that came with it, and those it
 * reused from the store, are accepted by that agency (V2). Data fields given are kept. Called in
 * the transaction of the status change.
 */
export async function acceptDocumentsOf(trx: DB, applicationId: string, agencyCode: string, options: { fields?: readonly { key: string; label: string; value: string }[]; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const came = await trx.selectFrom('vault_document').select('id').where('application_id', '=', applicationId).where('deleted_at', 'is', null).where('state', '!=', 'rejected').execute();
  const reused = await trx.selectFrom('vault_usage').select('document_id').where('application_id', '=', applicationId).where('action', '=', 'reuse').where('document_id', 'is not', null).execute();
  const ids = [...new Set([...came.map((r) => r.id), ...reused.map((r) => r.document_id!)])];
  if (ids.length) {
    await trx.updateTable('vault_document').set({ state: 'accepted', updated_at: now }).where('id', 'in', ids).where('state', '=', 'provided').execute();
    await trx
      .insertInto('vault_acceptance')
      .values(ids.map((id) => ({ document_id: id, agency_code: agencyCode, application_id: applicationId, accepted_at: now })))
      .onConflict((oc) => oc.columns(['document_id', 'agency_code']).doNothing())
      .execute();
  }
  if (options.fields?.length) {
    const app = await trx.selectFrom('application').select('applicant_id').where('id', '=', applicationId).executeTakeFirstOrThrow();
    for (const f of options.fields) {
      const values = { label: f.label.slice(0, 200), value: f.value.slice(0, 2000), application_id: applicationId, agency_code: agencyCode, updated_at: now };
      await trx
        .insertInto('vault_field')
        .values({ owner_id: app.applicant_id, key: f.key.slice(0, 80), ...values })
        .onConflict((oc) => oc.columns(['owner_id', 'key']).doUpdateSet(values))
        .execute();
    }
  }
  return ids.length;
}

/** The agency refused to receive the application (status 3): what came with it is not accepted. */
export async function rejectDocumentsOf(trx: DB, applicationId: string, now = new Date()): Promise<void> {
  await trx.updateTable('vault_document').set({ state: 'rejected', updated_at: now }).where('application_id', '=', applicationId).where('state', '=', 'provided').execute();
}

export interface ResultDocument {
  ownerId: string;
  applicationId: string;
  /** The agency that issued the result: it counts as accepted by it (Decree 45/2020). */
  agencyCode: string;
  kind: string;
  title: string;
  number?: string | null;
  issuer?: string | null;
  issuedOn?: string | null;
  validUntil?: string | null;
  /** A result is not sniffed: its kind by content may be left out. */
  file: Omit<FileRef, 'kind'> & { kind?: string };
  now?: Date;
}

/** V3: an electronic result enters the applicant's store as an accepted document of its kind. */
export async function addResultDocument(trx: DB, r: ResultDocument): Promise<string> {
  const now = r.now ?? new Date();
  const kind = (await kindsByCode(trx, [r.kind])).get(r.kind);
  if (!kind) throw new Error(`Loại giấy tờ "${r.kind}" chưa có trong danh mục.`);
  const issuedOn = r.issuedOn ?? vietnamToday(now);
  const agency = await trx.selectFrom('agency').select('name').where('code', '=', r.agencyCode).executeTakeFirst();
  const row = await trx
    .insertInto('vault_document')
    .values({
      owner_id: r.ownerId,
      kind_code: r.kind,
      title: r.title.slice(0, 200),
      number: r.number ?? null,
      issuer: r.issuer ?? agency?.name ?? null,
      issued_on: issuedOn,
      valid_until: r.validUntil ?? (kind.expires && kind.validity_months ? addMonths(issuedOn, kind.validity_months) : null),
      source: 'result',
      ...fileColumns(r.file),
      application_id: r.applicationId,
      state: 'accepted',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('vault_acceptance').values({ document_id: row.id, agency_code: r.agencyCode, application_id: r.applicationId, accepted_at: now }).execute();
  return row.id;
}
