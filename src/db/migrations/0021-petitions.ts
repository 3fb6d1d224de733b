import { sql, type Kysely } from 'kysely';
import { optional, updatedAt } from './kit.ts';

// Phản ánh, kiến nghị (Decree 20/2008, Art. 11 of Circular 32): citizens' feedback with its
// tracking code, the agency that answers it and its due date; the answer may be published.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Working days an agency has to answer; an agency without a row has the default (10).
  await db.schema
    .createTable('petition_deadline')
    .addColumn('agency_code', 'text', (c) => c.primaryKey().references('agency.code').onDelete('cascade'))
    .addColumn('handling_days', 'integer', (c) => c.notNull().check(sql`handling_days BETWEEN 1 AND 60`))
    .addColumn('updated_by', 'text')
    .$call(updatedAt)
    .execute();

  // The number of the day in PAKN-yyyymmdd-NNNN, one row per day (Vietnam time).
  await db.schema
    .createTable('petition_sequence')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('petition')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull().check(sql`length(subject) BETWEEN 1 AND 200`))
    .addColumn('content', 'text', (c) => c.notNull().check(sql`length(content) BETWEEN 1 AND 4000`))
    // A signed-in citizen; NULL for a visitor (or once the account is deleted).
    .addColumn('sender_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .$call(optional({ sender_email: 'text', sender_phone: 'text' }))
    .addColumn('service_code', 'text', (c) => c.references('service.code').onDelete('set null'))
    .addColumn('application_code', 'text', (c) => c.references('application.code').onDelete('set null'))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    // Decree 13/2023: when the sender agreed to the processing of their personal data.
    .addColumn('consent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answerer_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .$call(optional({ answerer_name: 'text', answered_at: 'timestamptz' }))
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('search_text', 'text', (c) => c.generatedAlwaysAs(sql`vn_fold(subject || ' ' || content || ' ' || coalesce(answer, ''))`).stored())
    .addCheckConstraint('petition_published_answered', sql`NOT published OR answer IS NOT NULL`)
    .addCheckConstraint('petition_contact', sql`sender_id IS NOT NULL OR sender_email IS NOT NULL OR sender_phone IS NOT NULL`)
    .execute();
  await sql`CREATE INDEX petition_public ON petition (answered_at DESC, id) WHERE published`.execute(db);
  await sql`CREATE INDEX petition_agency_open ON petition (agency_code, due_date) WHERE answer IS NULL`.execute(db);
  await sql`CREATE INDEX petition_agency_received ON petition (agency_code, received_at DESC)`.execute(db);
  await sql`CREATE INDEX petition_sender ON petition (sender_id) WHERE sender_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX petition_search_trgm ON petition USING gin (search_text gin_trgm_ops) WHERE published`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('petition').execute();
  await db.schema.dropTable('petition_sequence').execute();
  await db.schema.dropTable('petition_deadline').execute();
}
