// The bundles' rows: the bundle filed once and its parts, read with each part's application (status,
// due date, refusal reason, result), and the one notice when the whole bundle is done.
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { addNotice } from '../notifications/index.ts';
import type { Status } from '../applications/index.ts';
import { combinedStatus, DONE, type PartState } from './model.ts';

export interface NewBundle {
  definition: string;
  definitionVersion: number;
  applicantId: string;
  applicantName: string;
  placeCode: string;
  formVersion: string;
}

/** "LT-260105-483920": what the citizen and the URL name the bundle by. */
export function bundleCode(now = new Date()): string {
  const d = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(2, 10).replace(/-/g, '');
  return `LT-${d}-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/** The same person's bundle of the same kind filed within `seconds` (a second press, another tab), under a lock per person. */
export async function recentBundle(trx: DB, applicantId: string, definition: string, seconds: number): Promise<string | undefined> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('dvctt-bundle'), hashtext(${applicantId}))`.execute(trx);
  const row = await trx
    .selectFrom('bundle')
    .select('code')
    .where('applicant_id', '=', applicantId)
    .where('definition', '=', definition)
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.code;
}

export async function insertBundle(trx: DB, code: string, b: NewBundle): Promise<string> {
  const row = await trx
    .insertInto('bundle')
    .values({ code, definition: b.definition, definition_version: b.definitionVersion, applicant_id: b.applicantId, applicant_name: b.applicantName, place_code: b.placeCode, form_version: b.formVersion })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertPart(trx: DB, p: { bundleId: string; part: string; position: number; serviceCode: string; agencyCode: string; route: 'dvctt' | 'exchange'; applicationId: string | null; externalRef: string | null }): Promise<void> {
  await trx
    .insertInto('bundle_part')
    .values({ bundle_id: p.bundleId, part: p.part, position: p.position, service_code: p.serviceCode, agency_code: p.agencyCode, route: p.route, application_id: p.applicationId, external_ref: p.externalRef })
    .execute();
}

export interface PartRecord extends PartState {
  /** The signed result, when the part has one; and whether it is in the citizen's data store. */
  result: { fileName: string; signedAt: Date; inStore: boolean } | null;
}

export interface BundleRecord {
  id: string;
  code: string;
  definition: string;
  applicantId: string;
  applicantName: string;
  placeCode: string;
  placeName: string;
  createdAt: Date;
  doneAt: Date | null;
  parts: PartRecord[];
}

export async function getBundle(db: DB, code: string): Promise<BundleRecord | undefined> {
  const b = await db
    .selectFrom('bundle')
    .innerJoin('agency', 'agency.code', 'bundle.place_code')
    .select(['bundle.id', 'bundle.code', 'bundle.definition', 'bundle.applicant_id', 'bundle.applicant_name', 'bundle.place_code', 'agency.name as place_name', 'bundle.created_at', 'bundle.done_at'])
    .where('bundle.code', '=', code)
    .executeTakeFirst();
  if (!b) return undefined;
  const rows = await db
    .selectFrom('bundle_part as p')
    .innerJoin('service as s', 's.code', 'p.service_code')
    .innerJoin('agency as g', 'g.code', 'p.agency_code')
    .leftJoin('application as a', 'a.id', 'p.application_id')
    .leftJoin('application_result as r', 'r.application_id', 'p.application_id')
    .select((eb) => [
      'p.part',
      'p.route',
      'p.external_status',
      's.name as service_name',
      'g.name as agency_name',
      'a.code as application_code',
      'a.status',
      'a.due_date',
      'r.file_name',
      'r.signed_at',
      eb
        .selectFrom('application_event as e')
        .select('e.note')
        .whereRef('e.application_id', '=', 'p.application_id')
        .where('e.status_to', 'in', [3, 7, 8])
        .orderBy('e.at', 'desc')
        .limit(1)
        .as('reason'),
      eb
        .exists(eb.selectFrom('vault_document as v').select('v.id').whereRef('v.application_id', '=', 'p.application_id').where('v.source', '=', 'result'))
        .as('in_store'),
    ])
    .where('p.bundle_id', '=', b.id)
    .orderBy('p.position')
    .execute();
  return {
    id: b.id,
    code: b.code,
    definition: b.definition,
    applicantId: b.applicant_id,
    applicantName: b.applicant_name,
    placeCode: b.place_code,
    placeName: b.place_name,
    createdAt: b.created_at,
    doneAt: b.done_at,
    parts: rows.map((r) => ({
      key: r.part,
      route: r.route,
      serviceName: r.service_name,
      agencyName: r.agency_name,
      applicationCode: r.application_code,
      status: (r.status ?? r.external_status ?? null) as Status | null,
      dueDate: r.due_date,
      reason: r.status && [3, 7, 8].includes(r.status) ? (r.reason ?? null) : null,
      result: r.file_name && r.signed_at ? { fileName: r.file_name, signedAt: r.signed_at, inStore: !!r.in_store } : null,
    })),
  };
}

/** The applicant's personal identification number, for a part forwarded to another system. */
export async function idNumberOf(db: DB, accountId: string): Promise<string | null> {
  return (await db.selectFrom('account').select('id_number').where('id', '=', accountId).executeTakeFirst())?.id_number ?? null;
}

/** The names of agencies, in alphabetical order. */
export async function agencyNames(db: DB, codes: readonly string[]): Promise<string[]> {
  if (!codes.length) return [];
  return (await db.selectFrom('agency').select('name').where('code', 'in', codes).orderBy('name').execute()).map((r) => r.name);
}

/** The citizen's bundles, newest first, with each one's combined status. */
export async function bundlesOf(db: DB, applicantId: string): Promise<BundleRecord[]> {
  const codes = await db.selectFrom('bundle').select('code').where('applicant_id', '=', applicantId).orderBy('created_at', 'desc').limit(50).execute();
  const out: BundleRecord[] = [];
  for (const c of codes) out.push((await getBundle(db, c.code))!);
  return out;
}

/**
 * After every status change (in its transaction): when the application is a part of a bundle and
 * now every part is done, the bundle is marked done and the citizen gets one notice for it — once.
 */
export async function bundleAfterMove(trx: DB, move: { applicationId: string; applicantId: string; to: Status; at: Date }): Promise<void> {
  if (!DONE.has(move.to)) return;
  const part = await trx.selectFrom('bundle_part').innerJoin('bundle', 'bundle.id', 'bundle_part.bundle_id').select(['bundle.code', 'bundle.done_at']).where('bundle_part.application_id', '=', move.applicationId).executeTakeFirst();
  if (part && !part.done_at) await markIfDone(trx, part.code, move.at);
}

/**
 * The status the other system reports for a part forwarded through the exchange (its reference):
 * kept on the part, and the bundle marked done as after any move. The bundle's code, or undefined
 * when no forwarded part has that reference.
 */
export async function forwardedPartStatus(db: DB, ref: string, status: Status, at = new Date()): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('bundle_part')
      .set({ external_status: status })
      .where('external_ref', '=', ref)
      .where('route', '=', 'exchange')
      .returning('bundle_id')
      .executeTakeFirst();
    if (!row) return undefined;
    const b = await trx.selectFrom('bundle').select(['code', 'done_at']).where('id', '=', row.bundle_id).forUpdate().executeTakeFirstOrThrow();
    if (!b.done_at && DONE.has(status)) await markIfDone(trx, b.code, at);
    return b.code;
  });
}

async function markIfDone(trx: DB, code: string, at: Date): Promise<void> {
  const bundle = (await getBundle(trx, code))!;
  if (combinedStatus(bundle.parts).kind !== 'done') return;
  const marked = await trx.updateTable('bundle').set({ done_at: at }).where('id', '=', bundle.id).where('done_at', 'is', null).returning('id').executeTakeFirst();
  if (!marked) return;
  await addNotice(trx, {
    accountId: bundle.applicantId,
    title: `Hồ sơ liên thông ${bundle.code}: Đã hoàn thành tất cả ${bundle.parts.length} thủ tục`,
    body: `Các thủ tục ${bundle.parts.map((p) => `"${p.serviceName}"`).join(', ')} đều đã giải quyết xong. Kết quả của từng thủ tục có trên trang hồ sơ liên thông và trong kho dữ liệu của quý khách.`,
  });
}
