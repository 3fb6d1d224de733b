import { sql, type Kysely } from 'kysely';

// Indexes chosen from the query plans at 1,000,000 applications (docs/decisions/0016-…):
// the officer's inbox lists an agency's newest applications, all or of one status, without
// sorting the agency's whole history; a name search finds the applicants first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX application_agency_newest ON application (agency_code, submitted_at DESC)`.execute(db);
  await sql`CREATE INDEX application_agency_status_newest ON application (agency_code, status, submitted_at DESC)`.execute(db);
  await sql`CREATE INDEX account_name_folded ON account USING gin (vn_fold(full_name) gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX account_name_folded`.execute(db);
  await sql`DROP INDEX application_agency_status_newest`.execute(db);
  await sql`DROP INDEX application_agency_newest`.execute(db);
}
