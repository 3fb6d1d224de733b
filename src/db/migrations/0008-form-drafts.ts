import { sql, type Kysely } from 'kysely';
import { accountOwned, createdAt, required, updatedAt } from './kit.ts';

// F4: a signed-in person's unfinished e-form, one per service, resumed from any device. The
// answers are kept as typed (not yet valid); the form version says which definition they fit.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('form_draft')
    .$call(accountOwned)
    .addColumn('service_code', 'text', (c) => c.notNull().references('service.code').onDelete('cascade'))
    .$call(required({ form_version: 'text', answers: 'jsonb' }))
    .addColumn('step', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`step >= 0`))
    .$call(createdAt)
    .$call(updatedAt)
    .addPrimaryKeyConstraint('form_draft_pkey', ['account_id', 'service_code'])
    .execute();
  await db.schema.createIndex('form_draft_recent').on('form_draft').columns(['account_id', 'updated_at']).execute();
  // A draft has served its purpose once its application is in: deleted in the submission's own
  // transaction, whichever way it came (the e-form, the attachments step, the API). Decision 0007.
  await sql`
    CREATE FUNCTION form_draft_done() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM form_draft WHERE account_id = NEW.applicant_id AND service_code = NEW.service_code;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER application_ends_draft AFTER INSERT ON application FOR EACH ROW EXECUTE FUNCTION form_draft_done()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS application_ends_draft ON application`.execute(db);
  await sql`DROP FUNCTION IF EXISTS form_draft_done()`.execute(db);
  await db.schema.dropTable('form_draft').execute();
}
