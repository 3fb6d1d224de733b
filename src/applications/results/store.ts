// Signed results in PostgreSQL (A7): stored with the status change to 9 in one transaction, the
// agency's public key registered beside them, and read back for download and verification.
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { named } from '../../db/query-kit.ts';
import { addResultDocument } from '../../vault/index.ts';
import { transition } from '../transitions.ts';
import { Refusal, refusing, type ApplicationProblem } from '../problems.ts';
import type { Outcome } from '../../web/problem.ts';
import { ALGORITHM, verifyFacts, type AgencyKey } from './signing.ts';

export interface StoredResult {
  id: string;
  applicationId: string;
  code: string;
  agencyCode: string;
  agencyName: string;
  fileKey: string;
  fileName: string;
  size: number;
  sha256: string;
  generated: boolean;
  signature: string;
  keyId: string;
  publicKey: string;
  signedAt: Date;
  delivery: 'online' | 'post';
  postalAddress: string | null;
}

function selectResults(db: DB) {
  return db
    .selectFrom('application_result as r')
    .innerJoin('application as a', 'a.id', 'r.application_id')
    .innerJoin('signing_key as k', 'k.key_id', 'r.key_id')
    .innerJoin('agency as g', 'g.code', 'r.agency_code')
    .select([
      ...named('r', ['id', 'application_id']),
      'a.code',
      ...named('r', ['agency_code']),
      'g.name as agencyName',
      ...named('r', ['file_key', 'file_name', 'size', 'sha256', 'generated', 'signature', 'key_id']),
      ...named('k', ['public_key']),
      ...named('r', ['signed_at', 'delivery', 'postal_address']),
    ]);
}
const shaped = <T extends { size: string }>(r: T) => ({ ...r, size: Number(r.size) });

export async function resultOf(db: DB, applicationId: string): Promise<StoredResult | undefined> {
  const r = await selectResults(db).where('r.application_id', '=', applicationId).executeTakeFirst();
  return r && shaped(r);
}

export async function resultByCode(db: DB, code: string): Promise<StoredResult | undefined> {
  const r = await selectResults(db).where('a.code', '=', code).executeTakeFirst();
  return r && shaped(r);
}

export async function resultsBySha(db: DB, sha256: string): Promise<StoredResult[]> {
  return (await selectResults(db).where('r.sha256', '=', sha256).execute()).map(shaped);
}

/** Whether the stored signature still matches the stored facts with the registered key. */
export function signatureHolds(r: StoredResult): boolean {
  return verifyFacts(r.publicKey, { code: r.code, agencyCode: r.agencyCode, sha256: r.sha256, signedAt: r.signedAt }, r.signature);
}

export interface NewResult {
  code: string;
  fileKey: string;
  fileName: string;
  size: number;
  sha256: string;
  generated: boolean;
  decision: string | null;
  signature: string;
  key: AgencyKey;
  signedAt: Date;
  officer: { id: string; name: string };
  note: string;
}

/**
 * The result and the move to "Đã xử lý xong" (9), together or not at all; the result also
 * enters the applicant's data store as an accepted document (V3).
 */
export async function issueResult(db: DB, r: NewResult): Promise<Outcome<void, ApplicationProblem>> {
  return refusing(() =>
    db.transaction().execute(async (trx) => {
      const app = await trx.selectFrom('application').select(['id', 'service_code', 'applicant_id', 'agency_code']).where('code', '=', r.code).forUpdate().executeTakeFirst();
      if (!app) throw new Refusal({ code: 'NOT_FOUND', params: { code: r.code } });
      if (await trx.selectFrom('application_result').select('id').where('application_id', '=', app.id).executeTakeFirst()) {
        throw new Refusal({ code: 'RESULT_SIGNED', field: 'method' });
      }
      await trx
        .insertInto('signing_key')
        .values({ key_id: r.key.keyId, agency_code: r.key.agencyCode, algorithm: ALGORITHM, public_key: r.key.publicKey })
        .onConflict((oc) => oc.column('key_id').doNothing())
        .execute();
      await trx
        .insertInto('application_result')
        .values({
          application_id: app.id,
          file_key: r.fileKey,
          file_name: r.fileName,
          size: r.size,
          sha256: r.sha256,
          generated: r.generated,
          decision: r.decision,
          signature: r.signature,
          key_id: r.key.keyId,
          agency_code: r.key.agencyCode,
          signed_at: r.signedAt,
          issued_by: r.officer.id,
        })
        .execute();
      const moved = await transition(trx, r.code, 9, 'officer', r.officer, r.note);
      if (!moved.ok) throw new Refusal(moved.problem);
      const kind = await resultKind(trx, app.service_code);
      if (kind) {
        const service = await trx.selectFrom('service').select('name').where('code', '=', app.service_code).executeTakeFirstOrThrow();
        await addResultDocument(trx, {
          ownerId: app.applicant_id,
          applicationId: app.id,
          agencyCode: app.agency_code,
          kind,
          title: `Kết quả giải quyết: ${service.name}`,
          number: r.code,
          file: { fileKey: r.fileKey, originalName: r.fileName, mime: 'application/pdf', size: r.size, sha256: r.sha256 },
          now: r.signedAt,
        });
      }
    }),
  );
}

/** The document kind the service's result is (by the catalog's result name), else an administrative decision. */
async function resultKind(trx: DB, serviceCode: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('document_kind')
    .innerJoin('service', (j) => j.on('service.code', '=', serviceCode))
    .select('document_kind.code')
    .where((eb) => eb.or([eb(sql`lower(document_kind.name)`, '=', sql`lower(service.details->>'result')`), eb('document_kind.code', '=', 'quyet-dinh-hanh-chinh')]))
    .orderBy(sql`document_kind.code = 'quyet-dinh-hanh-chinh'`)
    .executeTakeFirst();
  return row?.code;
}

export async function chooseDelivery(db: DB, applicationId: string, delivery: 'online' | 'post', postalAddress: string | null): Promise<void> {
  await db.updateTable('application_result').set({ delivery, postal_address: delivery === 'post' ? postalAddress : null }).where('application_id', '=', applicationId).execute();
}
