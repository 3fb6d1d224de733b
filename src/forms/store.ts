// Drafts of e-forms (F4): one per person and service, saved explicitly and on every step, so an
// unfinished form can be resumed from any device. Answers are kept as typed, not yet valid.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';

export interface Draft {
  serviceCode: string;
  /** "mau02-cchn-duoc@2": the definition the answers were typed into. */
  formVersion: string;
  answers: Record<string, unknown>;
  /** The page (0-based step) the person was on. */
  step: number;
  /** C1: where the person chose to apply; null until chosen. */
  agencyCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DraftListItem extends Draft {
  serviceName: string;
}

// A draft larger than this is not something a person typed; refused rather than stored.
export const MAX_DRAFT_BYTES = 256 * 1024;

export class DraftTooLargeError extends Error {
  constructor() {
    super('Bản nháp quá lớn để lưu.');
  }
}

type Row = { service_code: string; form_version: string; answers: unknown; step: number; agency_code: string | null; created_at: Date; updated_at: Date };
const toDraft = (r: Row): Draft => ({ serviceCode: r.service_code, formVersion: r.form_version, answers: (r.answers ?? {}) as Record<string, unknown>, step: r.step, agencyCode: r.agency_code, createdAt: r.created_at, updatedAt: r.updated_at });

/** Saves the answers; `agencyCode` given sets where to apply, absent keeps the draft's choice. */
export async function saveDraft(db: DB, accountId: string, d: { serviceCode: string; formVersion: string; answers: Record<string, unknown>; step: number; agencyCode?: string }): Promise<Draft> {
  const answers = JSON.stringify(d.answers);
  if (Buffer.byteLength(answers) > MAX_DRAFT_BYTES) throw new DraftTooLargeError();
  const row = await db
    .insertInto('form_draft')
    .values({ account_id: accountId, service_code: d.serviceCode, form_version: d.formVersion, answers, step: Math.max(0, Math.min(d.step, 100)), agency_code: d.agencyCode ?? null })
    .onConflict((oc) =>
      oc.columns(['account_id', 'service_code']).doUpdateSet({
        form_version: (eb) => eb.ref('excluded.form_version'),
        answers: (eb) => eb.ref('excluded.answers'),
        step: (eb) => eb.ref('excluded.step'),
        agency_code: sql`coalesce(excluded.agency_code, form_draft.agency_code)`,
        updated_at: sql`now()`,
      }),
    )
    .returning(['service_code', 'form_version', 'answers', 'step', 'agency_code', 'created_at', 'updated_at'])
    .executeTakeFirstOrThrow();
  return toDraft(row);
}

/** C1: keeps where the person chose to apply with their draft (a new, empty draft when there is none). */
export async function chooseDraftAgency(db: DB, accountId: string, d: { serviceCode: string; formVersion: string; agencyCode: string }): Promise<void> {
  await db
    .insertInto('form_draft')
    .values({ account_id: accountId, service_code: d.serviceCode, form_version: d.formVersion, answers: '{}', step: 0, agency_code: d.agencyCode })
    .onConflict((oc) => oc.columns(['account_id', 'service_code']).doUpdateSet({ agency_code: d.agencyCode, updated_at: sql`now()` }))
    .execute();
}

export async function getDraft(db: DB, accountId: string, serviceCode: string): Promise<Draft | undefined> {
  const row = await db
    .selectFrom('form_draft')
    .select(['service_code', 'form_version', 'answers', 'step', 'agency_code', 'created_at', 'updated_at'])
    .where('account_id', '=', accountId)
    .where('service_code', '=', serviceCode)
    .executeTakeFirst();
  return row && toDraft(row);
}

/** The person's drafts, the most recently saved first. */
export async function listDrafts(db: DB, accountId: string): Promise<DraftListItem[]> {
  const rows = await db
    .selectFrom('form_draft as d')
    .innerJoin('service as s', 's.code', 'd.service_code')
    .select(['d.service_code', 'd.form_version', 'd.answers', 'd.step', 'd.agency_code', 'd.created_at', 'd.updated_at', 's.name as service_name'])
    .where('d.account_id', '=', accountId)
    .orderBy('d.updated_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ ...toDraft(r), serviceName: r.service_name }));
}

/** Deletes the person's draft for a service; true when there was one. */
export async function deleteDraft(db: DB, accountId: string, serviceCode: string): Promise<boolean> {
  const r = await db.deleteFrom('form_draft').where('account_id', '=', accountId).where('service_code', '=', serviceCode).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// A visitor's answers while they sign in or register (F4): kept for a day under the SHA-256 of a
// random cookie token, then taken into the account's draft by the first page of the form they open.
const VISITOR_DRAFT_HOURS = 24;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function saveVisitorDraft(db: DB, token: string, d: { serviceCode: string; formVersion: string; answers: Record<string, unknown>; step: number }): Promise<void> {
  const answers = JSON.stringify(d.answers);
  if (Buffer.byteLength(answers) > MAX_DRAFT_BYTES) throw new DraftTooLargeError();
  await db.deleteFrom('visitor_draft').where('created_at', '<', sql<Date>`now() - make_interval(hours => ${VISITOR_DRAFT_HOURS})`).execute();
  await db
    .insertInto('visitor_draft')
    .values({ token_hash: tokenHash(token), service_code: d.serviceCode, form_version: d.formVersion, answers, step: Math.max(0, Math.min(d.step, 100)) })
    .onConflict((oc) => oc.columns(['token_hash', 'service_code']).doUpdateSet({ form_version: (eb) => eb.ref('excluded.form_version'), answers: (eb) => eb.ref('excluded.answers'), step: (eb) => eb.ref('excluded.step') }))
    .execute();
}

/** Moves a visitor's answers for this service into the account's draft (replacing an older one); true when there were some. */
export async function adoptVisitorDraft(db: DB, token: string, accountId: string, serviceCode: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('visitor_draft')
      .where('token_hash', '=', tokenHash(token))
      .where('service_code', '=', serviceCode)
      .where('created_at', '>=', sql<Date>`now() - make_interval(hours => ${VISITOR_DRAFT_HOURS})`)
      .returning(['form_version', 'answers', 'step'])
      .executeTakeFirst();
    if (!row) return false;
    await saveDraft(trx, accountId, { serviceCode, formVersion: row.form_version, answers: (row.answers ?? {}) as Record<string, unknown>, step: row.step });
    return true;
  });
}
