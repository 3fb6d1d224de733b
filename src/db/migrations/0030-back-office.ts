import { sql, type Kysely } from 'kysely';
import { actedBy, applicationOwned, createdAt, optional, required } from './kit.ts';

// A3–A5, Q3, V3: the one-stop back office. An application now says how it came (online, at the
// counter, by post), which unit holds it and who works on it, at which step of the workflow, and
// by when an online one must be received (Decree 45/2020: 8 working hours). Each hop of the
// workflow (assignment, transfer and back, approval) is a row with its own deadline; heads of
// unit assign and leaders approve; a paper brought to the counter keeps who digitised it and
// whether it matches the original; the year's holiday decision is data; counter dossiers are
// counted beside online ones.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('application')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('truc-tuyen').check(sql`channel IN ('truc-tuyen', 'truc-tiep', 'buu-chinh')`))
    .addColumn('unit_code', 'text', (c) => c.references('agency.code'))
    .addColumn('assignee_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('step', 'text', (c) => c.notNull().defaultTo('reception').check(sql`step IN ('reception', 'assignment', 'processing', 'approval', 'returning', 'closed')`))
    .addColumn('reception_due_at', 'timestamptz')
    .addColumn('due_at', 'timestamptz')
    .execute();
  // The unit holding an application is its receiving agency until it is assigned or transferred.
  await sql`UPDATE application SET unit_code = agency_code,
              step = CASE WHEN status IN (3, 8, 10) THEN 'closed' WHEN status = 9 THEN 'returning' WHEN status = 1 THEN 'reception' ELSE 'processing' END`.execute(db);
  await sql`
    CREATE FUNCTION application_unit_default() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.unit_code := coalesce(NEW.unit_code, NEW.agency_code);
      RETURN NEW;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER application_unit_default BEFORE INSERT ON application FOR EACH ROW EXECUTE FUNCTION application_unit_default()`.execute(db);
  await sql`ALTER TABLE application ALTER COLUMN unit_code SET NOT NULL`.execute(db);
  // A unit's queue and an officer's own queue, newest first, paged by (submitted_at, id).
  await sql`CREATE INDEX application_unit_queue ON application (unit_code, submitted_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX application_assignee_queue ON application (assignee_id, submitted_at DESC, id DESC) WHERE assignee_id IS NOT NULL`.execute(db);
  // The 8-working-hour warning reads only applications still waiting for reception.
  await sql`CREATE INDEX application_reception_due ON application (reception_due_at) WHERE status = 1`.execute(db);

  // Each hop of the workflow: assignment to an officer or a unit, transfer to another unit or
  // agency and back, submission for approval and its answer. Its own deadline; done_at closes it.
  await db.schema
    .createTable('application_hop')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .$call(applicationOwned)
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('reception', 'assignment', 'transfer', 'return', 'approval-request', 'approval', 'send-back', 'result')`))
    .addColumn('from_unit', 'text', (c) => c.references('agency.code'))
    .addColumn('to_unit', 'text', (c) => c.references('agency.code'))
    .addColumn('to_account_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('to_account_name', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .$call(optional({ due_date: 'date', done_at: 'timestamptz' }))
    .$call(actedBy)
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('application_hop_application').on('application_hop').columns(['application_id', 'at']).execute();
  // A unit's tracking book (sổ theo dõi) lists the hops into it by day.
  await db.schema.createIndex('application_hop_unit').on('application_hop').columns(['to_unit', 'at']).execute();

  // Heads of unit assign; leaders approve. A duty is held in a unit (its own or a membership).
  await db.schema
    .createTable('agency_duty')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code').onDelete('cascade'))
    .addColumn('duty', 'text', (c) => c.notNull().check(sql`duty IN ('head', 'leader')`))
    .addColumn('added_by', 'text')
    .$call(createdAt)
    .addPrimaryKeyConstraint('agency_duty_pkey', ['account_id', 'agency_code', 'duty'])
    .execute();
  await db.schema.createIndex('agency_duty_agency').on('agency_duty').columns(['agency_code', 'duty']).execute();

  // A service's steps at one implementation: how it is assigned and who approves (model in applications/workflow).
  await db.schema.alterTable('service_implementation').addColumn('workflow', 'jsonb').execute();

  // Digitisation of a paper received at the counter (Circular 01/2023/TT-VPCP).
  await db.schema
    .alterTable('application_attachment')
    .addColumn('paper_form', 'text', (c) => c.check(sql`paper_form IN ('ban-chinh', 'ban-sao', 'ban-sao-chung-thuc')`))
    .addColumn('paper_copies', 'smallint', (c) => c.check(sql`paper_copies BETWEEN 1 AND 99`))
    .addColumn('digitised_by', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('digitised_by_name', 'text')
    .addColumn('digitised_at', 'timestamptz')
    .addColumn('matches_original', 'boolean')
    .execute();

  // The year's decision on days off and make-up working days, entered once (A4).
  await db.schema
    .createTable('calendar_decision')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('year', 'smallint', (c) => c.notNull().check(sql`year BETWEEN 2000 AND 2200`))
    .$call(required({ reference: 'text', title: 'text' }))
    .addColumn('created_by', 'text')
    .$call(createdAt)
    .execute();
  await db.schema
    .createTable('calendar_day')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('day-off', 'working-day')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('calendar_decision.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('calendar_day_decision').on('calendar_day').columns(['decision_id']).execute();

  // An agency's working hours: [["07:30","11:30"],["13:30","17:00"]] by default (model in applications/calendar).
  await db.schema.alterTable('agency').addColumn('working_hours', 'jsonb').execute();
  // A time limit in working hours instead of working days (null: the days apply; 0 days is "trong ngày").
  await db.schema.alterTable('service').addColumn('time_limit_hours', 'smallint', (c) => c.check(sql`time_limit_hours BETWEEN 1 AND 2000`)).execute();
  await db.schema.alterTable('service_implementation').addColumn('time_limit_hours', 'smallint', (c) => c.check(sql`time_limit_hours BETWEEN 1 AND 2000`)).execute();

  // The daily digest of deadlines, sent once a day per person whichever instance runs it.
  await db.schema
    .createTable('deadline_digest')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .$call(required({ day: 'date', counts: 'jsonb' }))
    .$call(createdAt)
    .addPrimaryKeyConstraint('deadline_digest_pkey', ['account_id', 'day'])
    .execute();

  // Art. 11.3: dossiers received at the counter or by post, counted per dossier beside online ones.
  for (const t of ['service_stat_month', 'agency_stat_month']) {
    await db.schema.alterTable(t).addColumn('counter_received', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['service_stat_month', 'agency_stat_month']) await db.schema.alterTable(t).dropColumn('counter_received').execute();
  await db.schema.dropTable('deadline_digest').execute();
  await db.schema.alterTable('service_implementation').dropColumn('time_limit_hours').dropColumn('workflow').execute();
  await db.schema.alterTable('service').dropColumn('time_limit_hours').execute();
  await db.schema.alterTable('agency').dropColumn('working_hours').execute();
  await db.schema.dropTable('calendar_day').execute();
  await db.schema.dropTable('calendar_decision').execute();
  await db.schema.alterTable('application_attachment').dropColumn('paper_form').dropColumn('paper_copies').dropColumn('digitised_by').dropColumn('digitised_by_name').dropColumn('digitised_at').dropColumn('matches_original').execute();
  await db.schema.dropTable('agency_duty').execute();
  await db.schema.dropTable('application_hop').execute();
  await sql`DROP TRIGGER application_unit_default ON application`.execute(db);
  await sql`DROP FUNCTION application_unit_default()`.execute(db);
  await db.schema.alterTable('application').dropColumn('channel').dropColumn('unit_code').dropColumn('assignee_id').dropColumn('step').dropColumn('reception_due_at').dropColumn('due_at').execute();
}
