import { sql, type Kysely } from 'kysely';
import { createdAt, optional, required, updatedAt } from './kit.ts';

// V1–V4: the user's data store (kho dữ liệu): documents with their acceptances by agencies, data
// fields, and the log of every use. The agency's "shares data between its units" switch
// (Art. 4.2a) is agency.shares_data, created with the catalog.
export async function up(db: Kysely<unknown>): Promise<void> {
  // How long a document of an expiring kind is usually valid, to propose a valid-until date.
  await db.schema.alterTable('document_kind').addColumn('validity_months', 'smallint', (c) => c.check(sql`validity_months BETWEEN 1 AND 600`)).execute();

  await db.schema
    .createTable('vault_document')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('kind_code', 'text', (c) => c.notNull().references('document_kind.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .$call(optional({ number: 'text', issuer: 'text', issued_on: 'date', valid_until: 'date' }))
    // 'upload': came with an application; 'result': an electronic result of one (V3).
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('upload', 'result')`))
    .$call(optional({ file_key: 'text', file_name: 'text', media_type: 'text' }))
    // The file's kind as recognised from its first bytes (pdf, jpeg …).
    .$call(optional({ file_kind: 'text', size: 'integer', sha256: 'text' }))
    .addColumn('application_id', 'uuid', (c) => c.references('application.id').onDelete('set null'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('provided').check(sql`state IN ('provided', 'accepted', 'rejected')`))
    .$call(createdAt)
    .$call(updatedAt)
    // Deleted by its owner: gone from the store and never reused; the row stays while an
    // application's dossier names it, since the agency keeps what it received.
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX vault_document_owner ON vault_document (owner_id, kind_code) WHERE deleted_at IS NULL`.execute(db);
  await db.schema.createIndex('vault_document_application').on('vault_document').column('application_id').execute();

  // Every agency that accepted the document, and with which application (V2).
  await db.schema
    .createTable('vault_acceptance')
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('vault_document.id').onDelete('cascade'))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    .addColumn('application_id', 'uuid', (c) => c.references('application.id').onDelete('set null'))
    .addColumn('accepted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('vault_acceptance_pk', ['document_id', 'agency_code'])
    .execute();

  // Data fields (name, CCCD, addresses …) as an accepted application gave them.
  await db.schema
    .createTable('vault_field')
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .$call(required({ key: 'text', label: 'text', value: 'text' }))
    .addColumn('application_id', 'uuid', (c) => c.references('application.id').onDelete('set null'))
    .addColumn('agency_code', 'text', (c) => c.references('agency.code'))
    .$call(updatedAt)
    .addPrimaryKeyConstraint('vault_field_pk', ['owner_id', 'key'])
    .execute();

  // V4: every reuse of a document or field, and every read by staff: which application, which agency, when.
  await db.schema
    .createTable('vault_usage')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('document_id', 'uuid', (c) => c.references('vault_document.id').onDelete('cascade'))
    .addColumn('field_key', 'text')
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action IN ('reuse', 'staff-read')`))
    .addColumn('application_id', 'uuid', (c) => c.references('application.id').onDelete('set null'))
    .$call(optional({ application_code: 'text', component_id: 'text' }))
    .addColumn('agency_code', 'text', (c) => c.references('agency.code'))
    .addColumn('actor_name', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('vault_usage_owner').on('vault_usage').columns(['owner_id', 'at']).execute();
  await db.schema.createIndex('vault_usage_application').on('vault_usage').column('application_id').execute();

  // The attachments of an application may name a stored document instead of a new upload
  // (application_attachment comes with migration 0009).
  await sql`DO $$ BEGIN
    IF to_regclass('application_attachment') IS NOT NULL THEN
      ALTER TABLE application_attachment ADD CONSTRAINT application_attachment_vault_document_fk
        FOREIGN KEY (vault_document_id) REFERENCES vault_document (id);
    END IF;
  END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE IF EXISTS application_attachment DROP CONSTRAINT IF EXISTS application_attachment_vault_document_fk`.execute(db);
  for (const t of ['vault_usage', 'vault_field', 'vault_acceptance', 'vault_document']) await db.schema.dropTable(t).execute();
  await db.schema.alterTable('document_kind').dropColumn('validity_months').execute();
}
