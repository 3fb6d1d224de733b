// What the one-stop papers are generated from, read in PostgreSQL: the papers received, the
// requests to supplement, the apology, the workflow's hops with their units, the applicant; and a
// unit's tracking book (A3, A5).
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import { applicationsJoined } from '../../db/joins.ts';
import type { ApplicationRecord } from '../store.ts';
import { supplementRequestsOf, type SupplementRequest } from '../attachments.ts';
import { apologyOf, type Apology } from '../transitions.ts';
import { papersOf, type PaperEntry, type PaperFacts } from './model.ts';

/** A paper or file that came with the application (not the catalog's list). */
export interface ReceivedPaper {
  label: string;
  originalName: string;
  source: 'upload' | 'vault';
  paperForm: 'ban-chinh' | 'ban-sao' | 'ban-sao-chung-thuc' | null;
  copies: number | null;
  /** Supplied later, answering a request to supplement. */
  supplement: boolean;
}

export interface Hop {
  kind: string;
  at: Date;
  fromUnit: string | null;
  toUnit: string | null;
  toName: string | null;
  dueDate: string | null;
  doneAt: Date | null;
  actorName: string | null;
  note: string | null;
}

/** Everything the papers of one application are drawn from. */
export interface PaperData {
  a: ApplicationRecord;
  applicantName: string;
  received: ReceivedPaper[];
  requests: SupplementRequest[];
  apology?: Apology;
  hops: Hop[];
  /** The due instant when the time limit is in working hours. */
  dueAt: Date | null;
  papers: PaperEntry[];
}

const factsOf = (a: ApplicationRecord, requests: { requestedAt: Date }[], apology: Apology | undefined, hops: number): PaperFacts => ({
  channel: a.channel,
  submittedAt: a.submittedAt,
  history: a.history,
  requests,
  apologySentAt: apology?.sentAt,
  hops,
});

/** The papers an application has: the officer's panel and the applicant's list. */
export async function papersOfApplication(db: DB, a: ApplicationRecord): Promise<PaperEntry[]> {
  const [requests, apology, hops] = await Promise.all([
    db.selectFrom('application_supplement_request').select('requested_at as requestedAt').where('application_id', '=', a.id).orderBy('requested_at').execute(),
    apologyOf(db, a.id),
    db.selectFrom('application_hop').select((eb) => eb.fn.countAll<string>().as('n')).where('application_id', '=', a.id).executeTakeFirstOrThrow(),
  ]);
  return papersOf(factsOf(a, requests, apology, Number(hops.n)));
}

export async function loadPaperData(db: DB, a: ApplicationRecord): Promise<PaperData> {
  const [requests, apology, hops, files, extra] = await Promise.all([
    supplementRequestsOf(db, a.id),
    apologyOf(db, a.id),
    db
      .selectFrom('application_hop as h')
      .leftJoin('agency as f', 'f.code', 'h.from_unit')
      .leftJoin('agency as t', 't.code', 'h.to_unit')
      .select(['h.kind', 'h.at', 'f.name as fromUnit', 't.name as toUnit', 'h.to_account_name as toName', 'h.due_date as dueDate', 'h.done_at as doneAt', 'h.actor_name as actorName', 'h.note'])
      .where('h.application_id', '=', a.id)
      .orderBy('h.at')
      .orderBy('h.id')
      .execute(),
    db
      .selectFrom('application_attachment')
      .select(['label', 'original_name as originalName', 'source', 'paper_form as paperForm', 'paper_copies as copies', 'supplement_request_id'])
      .where('application_id', '=', a.id)
      .orderBy('uploaded_at')
      .orderBy('label')
      .execute(),
    db
      .selectFrom('application')
      .innerJoin('account', 'account.id', 'application.applicant_id')
      .select(['account.full_name as applicantName', 'application.due_at as dueAt'])
      .where('application.id', '=', a.id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    a,
    applicantName: extra.applicantName,
    dueAt: extra.dueAt,
    received: files.map(({ supplement_request_id, ...f }) => ({ ...f, supplement: supplement_request_id !== null })),
    requests,
    apology,
    hops,
    papers: papersOf(factsOf(a, requests, apology, hops.length)),
  };
}

export interface BookRow {
  code: string;
  applicantName: string;
  serviceName: string;
  channel: string;
  status: number;
  submittedAt: Date;
  receivedAt: Date | null;
  dueDate: string | null;
  /** The last unit or officer the dossier was handed to. */
  handedTo: string | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
}

/** At most this many rows in one book; a longer period is asked in parts. */
export const BOOK_LIMIT = 2000;

/**
 * Sổ theo dõi hồ sơ (Mẫu 06): the dossiers a unit received or holds, submitted from `from` to
 * `to` (Vietnam days, inclusive), in order of submission.
 */
export async function trackingBook(db: DB, unit: string, from: string, to: string): Promise<BookRow[]> {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const eventAt = (status: number) =>
    sql<Date | null>`(select min(e.at) from application_event e where e.application_id = a.id and e.status_to = ${status} and e.kind is distinct from 'apology')`;
  const rows = await applicationsJoined(db)
    .select([
      'a.code',
      'p.full_name as applicantName',
      's.name as serviceName',
      'a.channel',
      'a.status',
      'a.submitted_at as submittedAt',
      'a.due_date as dueDate',
      'a.finished_at as finishedAt',
      eventAt(2).as('receivedAt'),
      eventAt(10).as('returnedAt'),
      sql<string | null>`(select coalesce(h.to_account_name, u.name) from application_hop h left join agency u on u.code = h.to_unit where h.application_id = a.id order by h.at desc, h.id desc limit 1)`.as('handedTo'),
    ])
    .where((eb) => eb.or([eb('a.agency_code', '=', unit), eb('a.unit_code', '=', unit)]))
    .where('a.submitted_at', '>=', start)
    .where('a.submitted_at', '<', end)
    .orderBy('a.submitted_at')
    .orderBy('a.code')
    .limit(BOOK_LIMIT)
    .execute();
  return rows;
}
