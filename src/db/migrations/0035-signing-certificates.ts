import { sql, type Kysely } from 'kysely';
import { createdAt, required } from './kit.ts';

// A7, S5: each agency's signing certificate from a licensed CA, imported with
// `dvctt signing-cert import`, for the PAdES signature embedded in its result PDFs. The private
// key and the chain stay in the signing-key directory (files mode 0600); this row says whose
// certificate it is, who issued it, its serial, validity and SHA-256 fingerprint, which names
// the files. The newest certificate of an agency valid at the signing time is the one used.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signing_certificate')
    .addColumn('fingerprint', 'text', (c) => c.primaryKey().check(sql`fingerprint ~ '^[0-9a-f]{64}$'`))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    .$call(required({ subject: 'text', issuer: 'text', serial: 'text', not_before: 'timestamptz', not_after: 'timestamptz' }))
    .addColumn('chain_length', 'integer', (c) => c.notNull().check(sql`chain_length >= 1`))
    .$call(createdAt)
    .addCheckConstraint('signing_certificate_validity', sql`not_before < not_after`)
    .execute();
  await sql`CREATE INDEX signing_certificate_agency ON signing_certificate (agency_code, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('signing_certificate').execute();
}
