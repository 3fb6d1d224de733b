import { sql, type Kysely } from 'kysely';

// A3, A4: the inbox that scales. A unit's queue of one status is one index range newest first
// (a status filter reads no other status), and its counts per status and per deadline warning are
// index-only scans: whom it is assigned to and its deadlines are carried in the index. Chosen from
// the query plans at 1,000,000 applications (docs/deadlines-and-inbox.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX application_unit_status_newest ON application (unit_code, status, submitted_at DESC, id DESC) INCLUDE (assignee_id, due_date, reception_due_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX application_unit_status_newest`.execute(db);
}
