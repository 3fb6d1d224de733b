import { sql, type Kysely } from 'kysely';
import { createdAt, required } from './kit.ts';

// Bundled services across agencies (liên thông thủ tục hành chính, Decree 63/2024): one dossier
// for several procedures of several agencies. The bundle is what the citizen filed once; each part
// is one procedure of it: an ordinary application when its agency works in dvctt, or a dossier
// handed to another system (the national exchange) with that system's reference.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bundle')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    // The bundle definition's slug ("khai-sinh-lien-thong") and its version, as filed.
    .$call(required({ definition: 'text', definition_version: 'integer' }))
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    // The commune chosen once for the whole bundle.
    .addColumn('place_code', 'text', (c) => c.notNull().references('agency.code'))
    .addColumn('form_version', 'text', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .$call(createdAt)
    .execute();
  await db.schema.createIndex('bundle_applicant').on('bundle').columns(['applicant_id', 'created_at']).execute();

  await db.schema
    .createTable('bundle_part')
    .addColumn('bundle_id', 'uuid', (c) => c.notNull().references('bundle.id').onDelete('cascade'))
    .$call(required({ part: 'text', position: 'integer', service_code: 'text', agency_code: 'text' }))
    .addColumn('route', 'text', (c) => c.notNull().check(sql`route IN ('dvctt', 'exchange')`))
    // Inside dvctt: the part's application. Through the exchange: the other system's reference, once known.
    .addColumn('application_id', 'uuid', (c) => c.unique().references('application.id'))
    .addColumn('external_ref', 'text')
    .addPrimaryKeyConstraint('bundle_part_pk', ['bundle_id', 'part'])
    .addCheckConstraint('bundle_part_routed', sql`route <> 'dvctt' OR application_id IS NOT NULL`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['bundle_part', 'bundle']) await db.schema.dropTable(t).execute();
}
