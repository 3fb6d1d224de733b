import { sql, type Kysely } from 'kysely';

// The Art. 11.3 aggregates are a few hot rows (one per service, agency and month): an update
// takes their row lock until commit. Run as deferred constraint triggers, the updates happen at
// the end of the transaction, so concurrent submissions to one agency hold those locks only for
// the commit itself instead of their whole transaction (P2, Q3). The figures stay exact and in
// the same transaction as the change (docs/decisions/0013).
const TRIGGERS = [
  { name: 'stat_application', on: 'application', events: 'INSERT OR UPDATE OF service_code, agency_code, submitted_at', fn: 'stat_on_application' },
  { name: 'stat_event', on: 'application_event', events: 'INSERT', fn: 'stat_on_event' },
  { name: 'stat_rating', on: 'rating', events: 'INSERT OR UPDATE OR DELETE', fn: 'stat_on_rating' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of TRIGGERS) {
    await sql.raw(`DROP TRIGGER ${t.name} ON ${t.on}`).execute(db);
    await sql.raw(`CREATE CONSTRAINT TRIGGER ${t.name} AFTER ${t.events} ON ${t.on} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${t.fn}()`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of TRIGGERS) {
    await sql.raw(`DROP TRIGGER ${t.name} ON ${t.on}`).execute(db);
    await sql.raw(`CREATE TRIGGER ${t.name} AFTER ${t.events} ON ${t.on} FOR EACH ROW EXECUTE FUNCTION ${t.fn}()`).execute(db);
  }
}
