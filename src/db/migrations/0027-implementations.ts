import { sql, type Kysely } from 'kysely';
import { createdAt, optional, updatedAt } from './kit.ts';

// C1, C2, A1: one procedure, many implementing agencies (two-tier local government from
// 01/07/2025). service.agency_code stays as the procedure's lead agency; who receives
// applications is service_implementation. An agency merged or renamed in the reform points to
// its successor (replaced_by) and keeps its applications. Portal edits are kept in local_edits
// (field → { value, by, at }) so that a re-import reports a conflict instead of overwriting them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE agency DROP CONSTRAINT agency_kind_check`.execute(db);
  await sql`ALTER TABLE agency ADD CONSTRAINT agency_kind_check CHECK (kind IN ('ministry', 'province', 'department', 'district', 'commune', 'centre', 'branch'))`.execute(db);
  await db.schema
    .alterTable('agency')
    .addColumn('replaced_by', 'text', (c) => c.references('agency.code'))
    .addColumn('opening_hours', 'text')
    .execute();
  await db.schema.alterTable('service').addColumn('local_edits', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute();

  await db.schema
    .createTable('service_implementation')
    .addColumn('service_code', 'text', (c) => c.notNull().references('service.code').onDelete('cascade'))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    .addColumn('time_limit_days', 'integer', (c) => c.check(sql`time_limit_days BETWEEN 0 AND 3650`))
    .$call(optional({ fees: 'jsonb', receiving_address: 'text', opening_hours: 'text' }))
    .addColumn('level', 'smallint', (c) => c.check(sql`level BETWEEN 1 AND 4`))
    .addColumn('form_id', 'text')
    .addColumn('online', 'boolean', (c) => c.notNull().defaultTo(true))
    .$call(optional({ offline_from: 'timestamptz', offline_until: 'timestamptz', offline_reason: 'text' }))
    .addColumn('local_edits', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .$call(createdAt)
    .$call(updatedAt)
    .addPrimaryKeyConstraint('service_implementation_pkey', ['service_code', 'agency_code'])
    .execute();
  // The agency facet, ?agency= and an agency's own list read implementations by agency.
  await db.schema.createIndex('service_implementation_agency').on('service_implementation').columns(['agency_code', 'service_code']).execute();

  // The lead agency always implements its procedure: every existing service gets one
  // implementation, and a new service (or a new lead) gets it too, however it was written.
  await sql`INSERT INTO service_implementation (service_code, agency_code) SELECT code, agency_code FROM service`.execute(db);
  await sql`
    CREATE FUNCTION lead_implementation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO service_implementation (service_code, agency_code) VALUES (NEW.code, NEW.agency_code)
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER service_lead_implementation AFTER INSERT OR UPDATE OF agency_code ON service FOR EACH ROW EXECUTE FUNCTION lead_implementation()`.execute(db);
  // Cached search answers and service records change with implementations too.
  await sql`CREATE TRIGGER service_implementation_catalog_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_implementation FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER service_lead_implementation ON service`.execute(db);
  await sql`DROP FUNCTION lead_implementation()`.execute(db);
  await db.schema.dropTable('service_implementation').execute();
  await db.schema.alterTable('service').dropColumn('local_edits').execute();
  await db.schema.alterTable('agency').dropColumn('replaced_by').dropColumn('opening_hours').execute();
  await sql`ALTER TABLE agency DROP CONSTRAINT agency_kind_check`.execute(db);
  await sql`ALTER TABLE agency ADD CONSTRAINT agency_kind_check CHECK (kind IN ('ministry', 'province', 'department', 'district', 'commune'))`.execute(db);
}
