import type { Kysely } from 'kysely';
import { createdAt, fileColumns, required } from './kit.ts';

// A1, F4: the files of an unfinished submission. The "Thành phần hồ sơ" step keeps each valid
// file with the draft, so a reload, a step back or an error in another file loses nothing; the
// rows go with the draft, i.e. in the transaction that stores the application (decision 0007).
// And a visitor's answers, kept for a day under a random cookie while they sign in or register.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('draft_attachment')
    .$call(required({ account_id: 'uuid', service_code: 'text', component_id: 'text', label: 'text' }))
    .$call(fileColumns)
    .addPrimaryKeyConstraint('draft_attachment_pkey', ['account_id', 'service_code', 'component_id'])
    .addForeignKeyConstraint('draft_attachment_draft', ['account_id', 'service_code'], 'form_draft', ['account_id', 'service_code'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('draft_attachment_file').on('draft_attachment').column('file_key').execute();

  await db.schema
    .createTable('visitor_draft')
    // SHA-256 of the cookie's random token: the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull().references('service.code').onDelete('cascade'))
    .$call(required({ form_version: 'text', answers: 'jsonb' }))
    .addColumn('step', 'smallint', (c) => c.notNull().defaultTo(0))
    .$call(createdAt)
    .addPrimaryKeyConstraint('visitor_draft_pkey', ['token_hash', 'service_code'])
    .execute();
  await db.schema.createIndex('visitor_draft_age').on('visitor_draft').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('visitor_draft').execute();
  await db.schema.dropTable('draft_attachment').execute();
}
