import { sql, type Kysely } from 'kysely';
import { actedBy, applicationOwned, optional, required, updatedAt } from './kit.ts';

// A1–A8: applications, their history, and the daily sequence of each agency's application codes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('service_code', 'text', (c) => c.notNull().references('service.code'))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('status', 'smallint', (c) => c.notNull().check(sql`status BETWEEN 1 AND 10`))
    // Where a request for documents (5) or fees (6) was made from, to return there.
    .addColumn('resume_status', 'smallint')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('form_version', 'text')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .$call(optional({ due_date: 'date', finished_at: 'timestamptz' }))
    .$call(updatedAt)
    .execute();
  await db.schema.createIndex('application_inbox').on('application').columns(['agency_code', 'status', 'due_date']).execute();
  await db.schema.createIndex('application_applicant').on('application').columns(['applicant_id', 'submitted_at']).execute();

  await db.schema
    .createTable('application_event')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .$call(applicationOwned)
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status_from', 'smallint')
    .addColumn('status_to', 'smallint', (c) => c.notNull())
    .$call(actedBy)
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('application_event_application').on('application_event').columns(['application_id', 'at']).execute();

  await db.schema
    .createTable('application_sequence')
    .$call(required({ agency_code: 'text', day: 'date', last: 'integer' }))
    .addPrimaryKeyConstraint('application_sequence_pk', ['agency_code', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['application_sequence', 'application_event', 'application']) await db.schema.dropTable(t).execute();
}
