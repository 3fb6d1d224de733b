import { sql, type Kysely } from 'kysely';
import { createdAt, optional, required, updatedAt } from './kit.ts';

// F1–F6, C6: form definitions as versioned data. A version is a dvctt-form/1 document; a form has
// at most one published version (what new drafts get) and at most one draft (what the designer
// edits). Older versions stay readable: an application keeps the exact version it was made with.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('form_definition')
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'published', 'retired')`))
    .$call(required({ document: 'jsonb', services: sql`text[]` }))
    // 'own': written or imported by people; 'default': generated from the catalog's dossier.
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('own').check(sql`origin IN ('own', 'default')`))
    // Bumped on every save of a draft: a save names the revision it started from (optimistic concurrency).
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .$call(createdAt)
    .$call(updatedAt)
    .$call(optional({ published_at: 'timestamptz', retired_at: 'timestamptz' }))
    .addPrimaryKeyConstraint('form_definition_pkey', ['form_id', 'version'])
    .execute();
  await sql`CREATE UNIQUE INDEX form_definition_one_published ON form_definition (form_id) WHERE status = 'published'`.execute(db);
  await sql`CREATE UNIQUE INDEX form_definition_one_draft ON form_definition (form_id) WHERE status = 'draft'`.execute(db);
  // forService on a miss: the published form that names the service.
  await sql`CREATE INDEX form_definition_services ON form_definition USING gin (services) WHERE status = 'published'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('form_definition').execute();
}
