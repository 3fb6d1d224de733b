// An application's files and the supplements the applicant sends when an officer asks for papers.
import type { DB } from '../db/index.ts';
import type { FileRef } from '../storage/index.ts';
import { type WorkingCalendar } from './calendar.ts';
import { resumeAfter, type Status } from './model.ts';
import { lockApplication, moveLocked, type SupplementItem } from './transitions.ts';
import { explain, type Outcome } from '../web/problem.ts';
import { APPLICATION_PROBLEMS } from './problems.ts';

/** A file kept with an application. */
export interface NewAttachment extends FileRef {
  componentId: string | null;
  label: string;
  source: 'upload' | 'vault';
  vaultDocumentId?: string | null;
  supplementItem?: string | null;
  /** A paper received at the counter or by post and digitised there (V3): its form, copies and who scanned it. */
  paper?: Paper;
}

/** A paper brought to the counter: original, copy or certified copy, how many, and the scan's check against the original. */
export interface Paper {
  form: 'ban-chinh' | 'ban-sao' | 'ban-sao-chung-thuc';
  copies: number;
  matchesOriginal: boolean;
  digitisedBy: string;
  digitisedByName: string;
  digitisedAt: Date;
}

/** The rows of an application's files, as insertAttachments and the submission's one statement write them. */
export const attachmentRows = (applicationId: string, uploadedBy: string, list: readonly NewAttachment[], now: Date, supplementRequestId: string | null = null) =>
  list.map((f) => ({
    application_id: applicationId,
    component_id: f.componentId,
    label: f.label,
    file_key: f.fileKey,
    sha256: f.sha256,
    size: f.size,
    kind: f.kind,
    mime: f.mime,
    original_name: f.originalName,
    uploaded_at: now,
    uploaded_by: uploadedBy,
    source: f.source,
    vault_document_id: f.vaultDocumentId ?? null,
    supplement_request_id: supplementRequestId,
    supplement_item: f.supplementItem ?? null,
    ...(f.paper && { paper_form: f.paper.form, paper_copies: f.paper.copies, matches_original: f.paper.matchesOriginal, digitised_by: f.paper.digitisedBy, digitised_by_name: f.paper.digitisedByName, digitised_at: f.paper.digitisedAt }),
  }));

export async function insertAttachments(trx: DB, applicationId: string, uploadedBy: string, list: NewAttachment[], now: Date, supplementRequestId: string | null = null): Promise<void> {
  if (!list.length) return;
  await trx.insertInto('application_attachment').values(attachmentRows(applicationId, uploadedBy, list, now, supplementRequestId)).execute();
}

/** Whether every item now has a file, and the application's status after the supplement; or why not. */
export type SupplyResult = Outcome<{ complete: boolean; status: Status }, 'NOT_FOUND' | 'SUPPLY_CLOSED'>;

/**
 * The applicant's supplement (A4): the files join the application under the open request; once
 * every item has a file the application goes back where it was and the due date moves on by
 * the working days spent waiting. One transaction, the application row locked.
 */
export async function supplyDocuments(db: DB, code: string, applicant: { id: string; name: string }, files: NewAttachment[], calendar: WorkingCalendar, now = new Date()): Promise<SupplyResult> {
  return db.transaction().execute(async (trx): Promise<SupplyResult> => {
    const app = await lockApplication(trx, code);
    if (!app || app.applicant_id !== applicant.id) return { ok: false, problem: { code: 'NOT_FOUND', params: { code } } };
    const open = await trx.selectFrom('application_supplement_request').select(['id', 'items']).where('application_id', '=', app.id).where('completed_at', 'is', null).executeTakeFirst();
    if (app.status !== 5 || !open) return { ok: false, problem: { code: 'SUPPLY_CLOSED' } };
    await insertAttachments(trx, app.id, applicant.id, files, now, open.id);
    const given = await trx.selectFrom('application_attachment').select('supplement_item').distinct().where('supplement_request_id', '=', open.id).execute();
    const have = new Set(given.map((g) => g.supplement_item));
    const complete = open.items.every((i) => have.has(i.id));
    if (!complete) return { ok: true, value: { complete: false, status: 5 } };
    const moved = await moveLocked(trx, code, app, resumeAfter((app.resume_status ?? 4) as Status), 'system', applicant, '', { calendar, now });
    if (!moved.ok) throw new Error(explain(APPLICATION_PROBLEMS, moved.problem).message);
    return { ok: true, value: { complete: true, status: moved.value } };
  });
}

export interface SupplementRequest {
  id: string;
  items: SupplementItem[];
  reason: string;
  requestedBy: string | null;
  requestedAt: Date;
  completedAt: Date | null;
  pausedDays: number | null;
  /** Item ids that already have a file. */
  supplied: string[];
}

export async function supplementRequestsOf(db: DB, applicationId: string): Promise<SupplementRequest[]> {
  const rows = await db
    .selectFrom('application_supplement_request')
    .select(['id', 'items', 'reason', 'requested_by_name', 'requested_at', 'completed_at', 'paused_days'])
    .where('application_id', '=', applicationId)
    .orderBy('requested_at')
    .execute();
  const given = rows.length
    ? await db.selectFrom('application_attachment').select(['supplement_request_id', 'supplement_item']).where('application_id', '=', applicationId).where('supplement_request_id', 'is not', null).execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    items: r.items,
    reason: r.reason,
    requestedBy: r.requested_by_name,
    requestedAt: r.requested_at,
    completedAt: r.completed_at,
    pausedDays: r.paused_days,
    supplied: given.filter((g) => g.supplement_request_id === r.id).map((g) => g.supplement_item!),
  }));
}

/** A file kept with an application, as read back. */
export interface Attachment extends Omit<NewAttachment, 'vaultDocumentId' | 'supplementItem'> {
  id: string;
  uploadedAt: Date;
  vaultDocumentId: string | null;
  supplementRequestId: string | null;
}

export async function attachmentsOf(db: DB, applicationId: string): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('application_attachment')
    .select(['id', 'component_id', 'label', 'file_key', 'sha256', 'size', 'kind', 'mime', 'original_name', 'uploaded_at', 'source', 'vault_document_id', 'supplement_request_id'])
    .where('application_id', '=', applicationId)
    .orderBy('uploaded_at')
    .orderBy('label')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    componentId: r.component_id,
    label: r.label,
    fileKey: r.file_key,
    sha256: r.sha256,
    size: Number(r.size),
    kind: r.kind,
    mime: r.mime,
    originalName: r.original_name,
    uploadedAt: r.uploaded_at,
    source: r.source,
    vaultDocumentId: r.vault_document_id,
    supplementRequestId: r.supplement_request_id,
  }));
}
