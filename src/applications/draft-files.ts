// Files staged with an unfinished e-form (A1, F4): each valid file of the "Thành phần hồ sơ" step is
// kept with the person's draft until the application that uses it is stored, or the draft deleted.
import type { DB } from '../db/index.ts';
import type { Attachment, NewAttachment } from './attachments.ts';

/** A staged file: an attachment's own facts, for one component of the form. */
export type DraftFile = Pick<Attachment, 'label' | 'fileKey' | 'sha256' | 'size' | 'kind' | 'mime' | 'originalName' | 'uploadedAt'> & { componentId: string };

export async function draftFilesOf(db: DB, accountId: string, serviceCode: string): Promise<DraftFile[]> {
  const rows = await db
    .selectFrom('draft_attachment')
    .select(['component_id', 'label', 'file_key', 'sha256', 'size', 'kind', 'mime', 'original_name', 'uploaded_at'])
    .where('account_id', '=', accountId)
    .where('service_code', '=', serviceCode)
    .orderBy('uploaded_at')
    .execute();
  return rows.map((r) => ({ componentId: r.component_id, label: r.label, fileKey: r.file_key, sha256: r.sha256, size: Number(r.size), kind: r.kind, mime: r.mime, originalName: r.original_name, uploadedAt: r.uploaded_at }));
}

/** Keeps (or replaces) the file of each component; the draft must exist (its row owns these). */
export async function stageDraftFiles(db: DB, accountId: string, serviceCode: string, files: NewAttachment[], now = new Date()): Promise<void> {
  const rows = files.filter((f) => f.componentId && f.source === 'upload');
  if (!rows.length) return;
  await db
    .insertInto('draft_attachment')
    .values(rows.map((f) => ({ account_id: accountId, service_code: serviceCode, component_id: f.componentId!, label: f.label, file_key: f.fileKey, sha256: f.sha256, size: f.size, kind: f.kind, mime: f.mime, original_name: f.originalName, uploaded_at: now })))
    .onConflict((oc) =>
      oc.columns(['account_id', 'service_code', 'component_id']).doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        file_key: eb.ref('excluded.file_key'),
        sha256: eb.ref('excluded.sha256'),
        size: eb.ref('excluded.size'),
        kind: eb.ref('excluded.kind'),
        mime: eb.ref('excluded.mime'),
        original_name: eb.ref('excluded.original_name'),
        uploaded_at: eb.ref('excluded.uploaded_at'),
      })),
    )
    .execute();
}

export async function removeDraftFile(db: DB, accountId: string, serviceCode: string, componentId: string): Promise<boolean> {
  const r = await db.deleteFrom('draft_attachment').where('account_id', '=', accountId).where('service_code', '=', serviceCode).where('component_id', '=', componentId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export const draftFileRow = (f: DraftFile): NewAttachment => ({ componentId: f.componentId, label: f.label, fileKey: f.fileKey, sha256: f.sha256, size: f.size, kind: f.kind, mime: f.mime, originalName: f.originalName, source: 'upload' });
