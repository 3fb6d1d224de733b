import { sql, type Kysely } from 'kysely';
import { applicationOwned, fileColumns, optional, required } from './kit.ts';

// A1, A4, F6: the files of an application (from an upload or the user's vault), requests for more
// documents with the time the clock stood still, and the one apology with a new date.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application_supplement_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .$call(applicationOwned)
    // [{ id, componentId | null, label }]: everything needed, listed once (A4).
    .$call(required({ items: 'jsonb', reason: 'text' }))
    .addColumn('requested_by', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('requested_by_name', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    // Working days the clock stood still, and the due date before and after, once complete.
    .$call(optional({ paused_days: 'integer', due_before: 'date', due_after: 'date' }))
    .execute();
  // At most one open request per application.
  await sql`CREATE UNIQUE INDEX application_supplement_open ON application_supplement_request (application_id) WHERE completed_at IS NULL`.execute(db);
  await db.schema.createIndex('application_supplement_application').on('application_supplement_request').columns(['application_id', 'requested_at']).execute();

  await db.schema
    .createTable('application_attachment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .$call(applicationOwned)
    // The service's dossier component; null for a free-text item of a supplement request.
    .addColumn('component_id', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .$call(fileColumns)
    .addColumn('uploaded_by', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('upload', 'vault')`))
    // The vault's document when the file came from there; its foreign key arrives with the vault.
    .addColumn('vault_document_id', 'uuid')
    .addColumn('supplement_request_id', 'uuid', (c) => c.references('application_supplement_request.id').onDelete('cascade'))
    .addColumn('supplement_item', 'text')
    .addCheckConstraint('application_attachment_vault', sql`(source = 'vault') = (vault_document_id IS NOT NULL)`)
    .execute();
  await db.schema.createIndex('application_attachment_application').on('application_attachment').columns(['application_id', 'uploaded_at']).execute();
  // Before a file is removed from the store, whether any row still names it.
  await db.schema.createIndex('application_attachment_file').on('application_attachment').column('file_key').execute();

  // The one apology (A4): the primary key makes a second impossible.
  await db.schema
    .createTable('application_apology')
    .addColumn('application_id', 'uuid', (c) => c.primaryKey().references('application.id').onDelete('cascade'))
    .addColumn('officer_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .$call(required({ officer_name: 'text', reason: 'text' }))
    .addColumn('previous_due_date', 'date')
    .$call(required({ new_due_date: 'date', sent_at: 'timestamptz' }))
    .execute();

  // Working days spent waiting for the applicant in total: the due date already includes them.
  await db.schema.alterTable('application').addColumn('paused_days', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Timeline entries that are not a change of status (an apology) say what they are.
  await db.schema.alterTable('application_event').addColumn('kind', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('application_event').dropColumn('kind').execute();
  await db.schema.alterTable('application').dropColumn('paused_days').execute();
  for (const t of ['application_apology', 'application_attachment', 'application_supplement_request']) await db.schema.dropTable(t).execute();
}
