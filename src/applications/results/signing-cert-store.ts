// Agencies' signing certificates in PostgreSQL (A7): what `dvctt signing-cert import` recorded.
import type { Selectable } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { SigningCertificateTable } from '../../db/schema.ts';

export type CertificateRow = Omit<Selectable<SigningCertificateTable>, 'created_at'>;

const COLUMNS = ['fingerprint', 'agency_code', 'subject', 'issuer', 'serial', 'not_before', 'not_after', 'chain_length'] as const;

export async function agencyExists(db: DB, code: string): Promise<boolean> {
  return !!(await db.selectFrom('agency').select('code').where('code', '=', code).executeTakeFirst());
}

/** Records a certificate; importing the same certificate again changes nothing. */
export async function recordCertificate(db: DB, row: CertificateRow): Promise<void> {
  await db
    .insertInto('signing_certificate')
    .values(row)
    .onConflict((oc) => oc.column('fingerprint').doNothing())
    .execute();
}

/** The newest certificate of the agency valid at `at`. */
export async function currentCertificate(db: DB, agencyCode: string, at: Date): Promise<CertificateRow | undefined> {
  return db
    .selectFrom('signing_certificate')
    .select(COLUMNS)
    .where('agency_code', '=', agencyCode)
    .where('not_before', '<=', at)
    .where('not_after', '>', at)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Every certificate of the agency, newest first. */
export async function certificatesOf(db: DB, agencyCode: string): Promise<CertificateRow[]> {
  return db.selectFrom('signing_certificate').select(COLUMNS).where('agency_code', '=', agencyCode).orderBy('created_at', 'desc').execute();
}
