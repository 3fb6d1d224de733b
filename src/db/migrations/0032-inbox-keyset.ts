import { sql, type Kysely } from 'kysely';

// A3, A4: the inbox that scales. A unit's queue of one status, or of one service, is one index
// range newest first (a filter reads no other rows), and its counts per status and per deadline
// warning are index-only scans: whom it is assigned to, its deadlines, channel, service and
// receiving agency are carried in the index. Chosen from the query plans at 1,000,000
// applications (docs/deadlines-and-inbox.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX application_unit_status_newest ON application (unit_code, status, submitted_at DESC, id DESC)
            INCLUDE (assignee_id, due_date, reception_due_at, channel, service_code, agency_code)`.execute(db);
  await sql`CREATE INDEX application_unit_service_newest ON application (unit_code, service_code, submitted_at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX application_unit_service_newest`.execute(db);
  await sql`DROP INDEX application_unit_status_newest`.execute(db);
}
