// The owner's corrections and deletions of stored documents (V4).
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { Outcome } from '../web/problem.ts';
import { correctedValidUntil, type Metadata, type VaultProblem } from './model.ts';
import { FINISHED, UUID, vietnamToday } from './store.ts';

// ── The owner's corrections and deletions (V4) ───────────────────────────────────────────────────

/** Done (and whether the agency's acceptance was withdrawn), or NOT_FOUND, or IN_USE naming the applications. */
export type ChangeResult = Outcome<{ acceptanceWithdrawn?: boolean }, Extract<VaultProblem, 'NOT_FOUND' | 'IN_USE'>>;

/**
 * The owner corrects the metadata. The number, issuer and dates are what the agency checked: when
 * they change, the acceptance no longer holds, and the document waits for the next agency that
 * receives it (the person is told before saving).
 */
export async function updateMetadata(db: DB, ownerId: string, id: string, m: Metadata, now = new Date()): Promise<ChangeResult> {
  return db.transaction().execute(async (trx) => {
    const doc = UUID.test(id)
      ? await trx
          .selectFrom('vault_document as d')
          .innerJoin('document_kind as k', 'k.code', 'd.kind_code')
          .select(['d.id', 'd.state', 'd.number', 'd.issuer', 'd.created_at as createdAt', 'k.expires', 'k.validity_months as months', sql<string | null>`to_char(d.issued_on, 'YYYY-MM-DD')`.as('issuedOn'), sql<string | null>`to_char(d.valid_until, 'YYYY-MM-DD')`.as('validUntil')])
          .where('d.id', '=', id)
          .where('d.owner_id', '=', ownerId)
          .where('d.deleted_at', 'is', null)
          .forUpdate('d')
          .executeTakeFirst()
      : undefined;
    if (!doc) return { ok: false, problem: { code: 'NOT_FOUND' } };
    // V1: an issue date given now re-counts the usual validity the portal had estimated.
    m = { ...m, validUntil: correctedValidUntil(doc, m, doc.expires ? doc.months : null, vietnamToday(doc.createdAt)) };
    const vouched = doc.number !== m.number || doc.issuer !== m.issuer || doc.issuedOn !== m.issuedOn || doc.validUntil !== m.validUntil;
    const withdraw = vouched && doc.state === 'accepted';
    await trx
      .updateTable('vault_document')
      .set({ title: m.title, number: m.number, issuer: m.issuer, issued_on: m.issuedOn, valid_until: m.validUntil, updated_at: now, ...(withdraw && { state: 'provided' as const }) })
      .where('id', '=', id)
      .execute();
    if (withdraw) await trx.deleteFrom('vault_acceptance').where('document_id', '=', id).execute();
    return { ok: true, value: { acceptanceWithdrawn: withdraw } };
  });
}

/** Unfinished applications that name the document (it came with them, or they reuse it). */
export async function unfinishedUses(db: DB, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('application as a')
    .select('a.code')
    .where('a.status', 'not in', FINISHED)
    .where((eb) =>
      eb.or([
        eb('a.id', 'in', eb.selectFrom('vault_document').select('application_id').where('id', '=', id).where('application_id', 'is not', null).$castTo<string>()),
        eb('a.id', 'in', eb.selectFrom('vault_usage').select('application_id').where('document_id', '=', id).where('action', '=', 'reuse').where('application_id', 'is not', null).$castTo<string>()),
      ]),
    )
    .orderBy('a.code')
    .execute();
  return rows.map((r) => r.code);
}

/**
 * The owner deletes a document: it leaves the store and is never reused. Refused while an
 * unfinished application names it. Finished applications keep what the agency received.
 */
export async function deleteDocument(db: DB, ownerId: string, id: string, now = new Date()): Promise<ChangeResult> {
  return db.transaction().execute(async (trx) => {
    const doc = UUID.test(id) ? await trx.selectFrom('vault_document').select('id').where('id', '=', id).where('owner_id', '=', ownerId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst() : undefined;
    if (!doc) return { ok: false, problem: { code: 'NOT_FOUND' } };
    const open = await unfinishedUses(trx, id);
    if (open.length) return { ok: false, problem: { code: 'IN_USE', params: { applications: open.join(', ') } } };
    await trx.updateTable('vault_document').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
    return { ok: true, value: {} };
  });
}
