// The once-only rule at submission (V2): which stored documents satisfy a service's components,
// the person's choices checked again, uploads entering the store, and the reuse logged.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { FileRef } from '../storage/index.ts';
import type { Problem } from '../web/problem.ts';
import { bestFor, judge, usualValidUntil, type VaultProblem } from './model.ts';
import { documents, documentsOf, fileColumns, kindsByCode, loadTree, UUID, vietnamToday, withAcceptances } from './store.ts';

// ── The rule applied to a service's components (V2) ──────────────────────────────────────────────

export interface ComponentAsked {
  id: string;
  kind: string;
  name?: string;
}

export interface SatisfiedBy {
  documentId: string;
  title: string;
  number: string | null;
  kindName: string;
  acceptedBy: string;
  acceptedByName: string;
  acceptedAt: Date;
  /** The application with which it was accepted. */
  acceptedWith: string | null;
  validUntil: string | null;
  how: 'same-agency' | 'shared';
}

export interface ComponentRequirement {
  componentId: string;
  kind: string;
  name?: string;
  satisfiedBy: SatisfiedBy | null;
}

/** For each component of an application to `agencyCode` on `day`: the stored document that satisfies it, if any. */
export async function requirementsFor(db: DB, q: { ownerId: string; agencyCode: string; components: readonly ComponentAsked[]; day?: string }): Promise<ComponentRequirement[]> {
  const day = q.day ?? vietnamToday();
  const docs = await documentsOf(db, q.ownerId, { kinds: [...new Set(q.components.map((c) => c.kind))] });
  const tree = await loadTree(db, [q.agencyCode, ...docs.flatMap((d) => d.acceptances.map((a) => a.agencyCode))]);
  return q.components.map((c) => {
    const best = bestFor(docs, { kind: c.kind, agencyCode: q.agencyCode, day }, tree);
    return {
      componentId: c.id,
      kind: c.kind,
      ...(c.name !== undefined && { name: c.name }),
      satisfiedBy: best
        ? {
            documentId: best.document.id,
            title: best.document.title,
            number: best.document.number,
            kindName: best.document.kindName,
            acceptedBy: best.acceptance.agencyCode,
            acceptedByName: best.acceptance.agencyName ?? best.acceptance.agencyCode,
            acceptedAt: best.acceptance.at,
            acceptedWith: best.acceptance.applicationCode ?? null,
            validUntil: best.document.validUntil,
            how: best.how,
          }
        : null,
    };
  });
}

// ── Submission: uploads enter the store, reused documents are checked again and logged ──────────

export interface ProvidedFile {
  componentId?: string;
  kind: string;
  title?: string;
  /** The issue date (ngày cấp), when the sender gave it: the usual validity counts from it. */
  issuedOn?: string | null;
  file: FileRef;
}


/**
 * Files uploaded with an application enter the applicant's store as "provided" (V1); they count
 * once the agency receives the application (acceptDocumentsOf). Kinds not in the catalog are skipped.
 */
export async function addProvidedDocuments(trx: DB, p: { ownerId: string; applicationId: string; files: readonly ProvidedFile[]; now?: Date }): Promise<string[]> {
  const kinds = await kindsByCode(trx, [...new Set(p.files.map((f) => f.kind))]);
  const today = vietnamToday(p.now);
  const rows = p.files.flatMap((f) => {
    const kind = kinds.get(f.kind);
    if (!kind) return [];
    return [
      {
        owner_id: p.ownerId,
        kind_code: f.kind,
        title: (f.title ?? kind.name).slice(0, 200),
        number: null,
        issuer: null,
        issued_on: f.issuedOn ?? null,
        // An expiring kind gets its usual validity from the issue date, or from today until the person gives it.
        valid_until: kind.expires && kind.validity_months ? usualValidUntil(kind.validity_months, f.issuedOn ?? null, today) : null,
        source: 'upload' as const,
        ...fileColumns(f.file),
        application_id: p.applicationId,
        ...(p.now && { created_at: p.now, updated_at: p.now }),
      },
    ];
  });
  if (!rows.length) return [];
  // One statement for all of them; the ids come back in the order of the files.
  return (await trx.insertInto('vault_document').values(rows).returning('id').execute()).map((r) => r.id);
}

export interface ReuseChoice {
  componentId: string;
  kind: string;
  documentId: string;
}

export interface ReusedDocument {
  componentId: string;
  documentId: string;
  title: string;
  kind: string;
  fileKey: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  acceptedByName: string;
}

/** A refused reuse: its field is the component's id. */
export type ReuseProblem = Problem<Extract<VaultProblem, 'REUSE_NOT_IN_STORE' | 'REUSE_REFUSED' | 'REUSE_NO_FILE'>> & { field: string };

export type ReuseResult = { ok: true; documents: ReusedDocument[] } | { ok: false; problems: ReuseProblem[] };

/**
 * At submission, the documents the browser says it reuses are judged again on the server (V2):
 * someone else's, a deleted one, one that no longer satisfies the component — refused, with why.
 * Nothing is written; call `logReuse` in the submission's transaction once the application exists.
 */
export async function checkReuse(db: DB, q: { ownerId: string; agencyCode: string; choices: readonly ReuseChoice[]; day?: string }): Promise<ReuseResult> {
  const day = q.day ?? vietnamToday();
  const problems: ReuseProblem[] = [];
  const found: ReusedDocument[] = [];
  const ids = q.choices.map((c) => c.documentId).filter((id) => UUID.test(id));
  const docs = ids.length ? await withAcceptances(db, await documents(db).where('d.id', 'in', ids).where('d.owner_id', '=', q.ownerId).execute()) : [];
  const tree = await loadTree(db, [q.agencyCode, ...docs.flatMap((d) => d.acceptances.map((a) => a.agencyCode))]);
  for (const c of q.choices) {
    const doc = docs.find((d) => d.id === c.documentId);
    // Not a UUID, not theirs, or not there: the same answer, so others' ids cannot be probed.
    if (!doc) {
      problems.push({ code: 'REUSE_NOT_IN_STORE', field: c.componentId });
      continue;
    }
    const j = judge(doc, { kind: c.kind, agencyCode: q.agencyCode, day }, tree);
    if (!j.ok) {
      problems.push({ code: 'REUSE_REFUSED', field: c.componentId, params: { title: doc.title, reason: j.reason } });
      continue;
    }
    if (!doc.fileKey || !doc.sha256 || !doc.size) {
      problems.push({ code: 'REUSE_NO_FILE', field: c.componentId, params: { title: doc.title } });
      continue;
    }
    found.push({
      componentId: c.componentId,
      documentId: doc.id,
      title: doc.title,
      kind: doc.kind,
      fileKey: doc.fileKey,
      fileName: doc.fileName ?? `${doc.kind}`,
      mediaType: doc.mediaType ?? 'application/octet-stream',
      size: doc.size,
      sha256: doc.sha256,
      acceptedByName: j.acceptance.agencyName ?? j.acceptance.agencyCode,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, documents: found };
}

/** V4: the reuse of documents by an application, in the submission's transaction. */
export async function logReuse(trx: DB, p: { ownerId: string; applicationId: string; applicationCode: string; agencyCode: string; documents: readonly { componentId: string; documentId: string }[]; now?: Date }): Promise<void> {
  if (!p.documents.length) return;
  await trx
    .insertInto('vault_usage')
    .values(
      p.documents.map((d) => ({
        owner_id: p.ownerId,
        document_id: d.documentId,
        action: 'reuse' as const,
        application_id: p.applicationId,
        application_code: p.applicationCode,
        component_id: d.componentId,
        agency_code: p.agencyCode,
        ...(p.now && { at: p.now }),
      })),
    )
    .execute();
}

/**
 * Everything the vault keeps of a submission, in its transaction: the uploaded files enter the
 * store as "provided", and each reuse of a stored document is written to the owner's log (V1, V4).
 */
export async function recordSubmission(
  trx: DB,
  p: { ownerId: string; applicationId: string; applicationCode: string; agencyCode: string; uploads: readonly ProvidedFile[]; reused: readonly { componentId: string; documentId: string }[]; now?: Date },
): Promise<void> {
  await addProvidedDocuments(trx, { ownerId: p.ownerId, applicationId: p.applicationId, files: p.uploads, now: p.now });
  await logReuse(trx, { ownerId: p.ownerId, applicationId: p.applicationId, applicationCode: p.applicationCode, agencyCode: p.agencyCode, documents: p.reused, now: p.now });
}

/** A file an application was submitted with, as the applications module stores it. */
export interface SubmittedAttachment extends FileRef {
  componentId: string | null;
  source: 'upload' | 'vault';
  label?: string;
  vaultDocumentId?: string | null;
}

/**
 * The submission's attachments as the vault keeps them, in the submission's transaction: each
 * upload for a dossier component enters the store as a document of the component's kind; each
 * document taken from the store is logged as a reuse by this application and agency (V1, V4).
 */
export async function recordAttachments(
  trx: DB,
  p: { ownerId: string; applicationId: string; applicationCode: string; agencyCode: string; serviceCode: string; components?: readonly { id: string; kind: string }[]; attachments: readonly SubmittedAttachment[]; now?: Date },
): Promise<void> {
  if (!p.attachments.length) return;
  // The submission has read its service already: its components are passed, else read here.
  const components = p.components ?? (await trx.selectFrom('service').select(sql<{ id: string; kind: string }[] | null>`details->'components'`.as('components')).where('code', '=', p.serviceCode).executeTakeFirst())?.components;
  const kindOf = new Map((components ?? []).map((c) => [c.id, c.kind]));
  const uploads: ProvidedFile[] = p.attachments.flatMap((a) => {
    const kind = a.source === 'upload' && a.componentId ? kindOf.get(a.componentId) : undefined;
    return kind ? [{ componentId: a.componentId!, kind, file: a }] : [];
  });
  const reused = p.attachments.flatMap((a) => (a.source === 'vault' && a.vaultDocumentId ? [{ componentId: a.componentId ?? '', documentId: a.vaultDocumentId }] : []));
  await recordSubmission(trx, { ownerId: p.ownerId, applicationId: p.applicationId, applicationCode: p.applicationCode, agencyCode: p.agencyCode, uploads, reused, now: p.now });
}

/** What the attachments step needs of a document that satisfies a component. */
export interface ReusableDocument extends FileRef {
  documentId: string;
  title: string;
  /** Name of the agency whose acceptance makes it count. */
  acceptedBy: string;
  acceptedAt: Date;
  validUntil: string | null;
}

/**
 * The hook of the attachments step (V2): is this component of an application to this agency
 * satisfied by the applicant's store today? With `documentId` (what the browser named), only that
 * document is judged: someone else's, a deleted or a no-longer-valid one gives null.
 */
export function reusableLookup(db: DB) {
  return async (ctx: { applicantId: string; agencyCode: string; component: { id: string; kind: string }; day: string; documentId?: string }): Promise<ReusableDocument | null> => {
    if (ctx.documentId !== undefined && !UUID.test(ctx.documentId)) return null;
    const docs = (await documentsOf(db, ctx.applicantId, { kinds: [ctx.component.kind], acceptedOnly: true })).filter((d) => d.fileKey && d.sha256 && d.size && (ctx.documentId === undefined || d.id === ctx.documentId));
    const tree = await loadTree(db, [ctx.agencyCode, ...docs.flatMap((d) => d.acceptances.map((a) => a.agencyCode))]);
    const best = bestFor(docs, { kind: ctx.component.kind, agencyCode: ctx.agencyCode, day: ctx.day }, tree);
    if (!best) return null;
    const d = best.document;
    return {
      documentId: d.id,
      title: d.title,
      fileKey: d.fileKey!,
      sha256: d.sha256!,
      size: d.size!,
      kind: d.fileKind ?? d.mediaType?.split('/')[1] ?? 'pdf',
      mime: d.mediaType ?? 'application/octet-stream',
      originalName: d.fileName ?? d.title,
      acceptedBy: best.acceptance.agencyName ?? best.acceptance.agencyCode,
      acceptedAt: best.acceptance.at,
      validUntil: d.validUntil,
    };
  };
}
