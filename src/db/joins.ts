// The joins several stores start from, written once. Each is only the FROM clause: the caller
// selects, filters and orders as before, so the SQL and the rows stay the same.
import type { DB } from './index.ts';

/** An application (`a`) with its service (`s`), its agency (`g`) and its applicant's account (`p`). */
export function applicationsJoined(db: DB) {
  return db
    .selectFrom('application as a')
    .innerJoin('service as s', 's.code', 'a.service_code')
    .innerJoin('agency as g', 'g.code', 'a.agency_code')
    .innerJoin('account as p', 'p.id', 'a.applicant_id');
}
