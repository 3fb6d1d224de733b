// Reading applications: the public lookup by code and check digits and the applicant's list (the
// officer's inbox: inbox-store.ts).
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { named } from '../db/query-kit.ts';
import { applicationsJoined } from '../db/joins.ts';
import { preparedStatement } from '../db/prepared.ts';
import { STATUS_NAMES, type Status } from './model.ts';

/**
 * Public status lookup (A6): the code and a second factor — the last four digits of the
 * applicant's phone or CCCD. Answers the status only, never personal data.
 */
export async function lookupStatus(db: DB, code: string, check: string): Promise<{ code: string; status: Status; statusName: string } | undefined> {
  if (!/^\d{4}$/.test(check)) return undefined;
  const row = await db
    .selectFrom('application')
    .innerJoin('account', 'account.id', 'application.applicant_id')
    .select(['application.code', 'application.status'])
    .where('application.code', '=', code)
    .where((eb) => eb.or([eb(sql`right(account.phone, 4)`, '=', check), eb(sql`right(account.id_number, 4)`, '=', check)]))
    .executeTakeFirst();
  return row && { code: row.code, status: row.status as Status, statusName: STATUS_NAMES[row.status as Status] };
}

/**
 * The public lookup in one round trip, one named statement (P2): the status, how many failed
 * lookups the visitor has made in the current window of its limit, and how many failed lookups of
 * this code there were, from anywhere, in the window of `codeLimit` (`rate_limit`, shared by all
 * instances; S1). A hit writes nothing.
 */
const LOOKUP = preparedStatement<{ misses: number; code_misses: number; code: string | null; status: number | null }>(
  'dvctt_lookup',
  `SELECT coalesce((SELECT hits FROM rate_limit WHERE bucket = $1 AND key = $2 AND window_start = $3), 0) AS misses,
          coalesce((SELECT hits FROM rate_limit WHERE bucket = $4 AND key = $5 AND window_start = $6), 0) AS code_misses,
          a.code, a.status
   FROM (SELECT 1) AS one
   LEFT JOIN (application a JOIN account ac ON ac.id = a.applicant_id AND (right(ac.phone, 4) = $7 OR right(ac.id_number, 4) = $7))
     ON a.code = $5 AND $7 <> ''`,
);

export async function lookupStatusCounted(
  db: DB,
  code: string,
  check: string,
  limit: { bucket: string; key: string; windowStart: Date },
  codeLimit?: { bucket: string; windowStart: Date },
): Promise<{ misses: number; codeMisses: number; found?: { code: string; status: Status; statusName: string } }> {
  const digits = /^\d{4}$/.test(check) ? check : '';
  // Without a limit per code, a bucket no limit is named: its count is 0.
  const [r] = await LOOKUP.run(db, [limit.bucket, limit.key, limit.windowStart, codeLimit?.bucket ?? '', code, codeLimit?.windowStart ?? limit.windowStart, digits]);
  return { misses: r!.misses, codeMisses: r!.code_misses, ...(r!.code !== null && r!.status !== null && { found: { code: r!.code, status: r!.status as Status, statusName: STATUS_NAMES[r!.status as Status] } }) };
}

export interface ApplicationSummary {
  code: string;
  serviceName: string;
  agencyName: string;
  applicantName: string;
  status: Status;
  statusName: string;
  dueDate: string | null;
  submittedAt: Date;
}

function summaries(db: DB) {
  return applicationsJoined(db).select(['a.code', 's.name as serviceName', 'g.name as agencyName', 'p.full_name as applicantName', ...named('a', ['status', 'due_date', 'submitted_at'])]);
}

const withName = <T extends { status: number }>(r: T) => ({ ...r, status: r.status as Status, statusName: STATUS_NAMES[r.status as Status] });

export async function applicationsOf(db: DB, applicantId: string): Promise<ApplicationSummary[]> {
  const rows = await summaries(db).where('a.applicant_id', '=', applicantId).orderBy('a.submitted_at', 'desc').limit(200).execute();
  return rows.map(withName);
}
