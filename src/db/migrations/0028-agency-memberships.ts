import { sql, type Kysely } from 'kysely';

// A5, S5: an officer may work in several units (a commune's officer also at the public-service
// centre's branch). The account keeps its own unit (account.agency_code); each further unit is a
// membership, and whoever is acting covers its own unit and those it is a member of.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agency_membership')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code').onDelete('cascade'))
    .addColumn('added_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('agency_membership_pkey', ['account_id', 'agency_code'])
    .execute();
  // A unit's page lists its members.
  await db.schema.createIndex('agency_membership_agency').on('agency_membership').columns(['agency_code']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agency_membership').execute();
}
