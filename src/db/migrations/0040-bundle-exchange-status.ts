import type { Kysely } from 'kysely';

// A bundle part forwarded through the national exchange has no application here: the status the
// other side reports for it (signed message, POST /api/v1/exchange/forwarded-status) is kept on the
// part, so the bundle's combined status counts it like a part handled inside dvctt.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bundle_part').addColumn('external_status', 'smallint').execute();
  await db.schema.createIndex('bundle_part_external_ref').on('bundle_part').column('external_ref').where('external_ref', 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bundle_part_external_ref').execute();
  await db.schema.alterTable('bundle_part').dropColumn('external_status').execute();
}
