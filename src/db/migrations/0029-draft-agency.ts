import type { Kysely } from 'kysely';

// C1, A1: where the applicant chose to apply, kept with the unfinished e-form, so the choice
// survives a reload, another device and the steps of the form. Null until the person chooses
// (or when the service has one implementing agency). Checked again when the application is sent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('form_draft')
    .addColumn('agency_code', 'text', (c) => c.references('agency.code').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('form_draft').dropColumn('agency_code').execute();
}
