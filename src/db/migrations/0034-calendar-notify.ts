import { sql, type Kysely } from 'kysely';

// A4: every instance keeps the working calendar in memory (applications/calendar-store.ts). A
// change to the year's decision (calendar_day) or to an agency's working hours is announced on
// `dvctt_calendar`, once per statement, so the other instances read it again at once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION calendar_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('dvctt_calendar', TG_TABLE_NAME);
      RETURN NULL;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER calendar_day_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_day FOR EACH STATEMENT EXECUTE FUNCTION calendar_changed()`.execute(db);
  await sql`CREATE TRIGGER agency_hours_changed AFTER INSERT OR UPDATE OF working_hours OR DELETE ON agency FOR EACH STATEMENT EXECUTE FUNCTION calendar_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER agency_hours_changed ON agency`.execute(db);
  await sql`DROP TRIGGER calendar_day_changed ON calendar_day`.execute(db);
  await sql`DROP FUNCTION calendar_changed()`.execute(db);
}
