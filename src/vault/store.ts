// The user's data store in PostgreSQL: documents, their acceptances, data fields and the usage
// log. Other modules call these inside their own transactions (submission, reception, results);
// nothing here reads another module's code — what is needed comes as parameters.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { vietnamDay } from '../web/format.ts';
import { addMonths, bestFor, correctedValidUntil, judge, REFUSAL_TEXT, usualValidUntil, validityFromUpload, type Acceptance, type AgencyNode, type AgencyTree, type DocumentState, type Metadata, type StoredDocument } from './model.ts';

/** The calendar day in Vietnam (UTC+7, no daylight saving), from the portal's one date helper. */
export const vietnamToday = (now = new Date()): string => vietnamDay(now);

/** Applications in these statuses have ended: 3 not received, 8 stopped, 10 result returned. */
const FINISHED = [3, 8, 10];

export interface VaultDocument extends StoredDocument {
  ownerId: string;
  kindName: string;
  title: string;
  number: string | null;
  issuer: string | null;
  issuedOn: string | null;
  /** The kind's usual validity in months, when it has one. */
  validityMonths: number | null;
  /** The valid-until date is counted from the upload day because the issue date is not known (V1). */
  validityFromUpload: boolean;
  source: 'upload' | 'result';
  fileKey: string | null;
  fileName: string | null;
  mediaType: string | null;
  fileKind: string | null;
  size: number | null;
  sha256: string | null;
  applicationId: string | null;
  applicationCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The agencies named and all their ancestors, for the rule (V2). */
export async function loadTree(db: DB, codes: Iterable<string>): Promise<AgencyTree> {
  const list = [...new Set(codes)];
  if (!list.length) return new Map();
  const rows = await sql<{ code: string; name: string; kind: AgencyNode['kind']; parent_code: string | null; shares_data: boolean }>`
    WITH RECURSIVE up AS (
      SELECT code, name, kind, parent_code, shares_data FROM agency WHERE code = ANY(${list}::text[])
      UNION
      SELECT a.code, a.name, a.kind, a.parent_code, a.shares_data FROM agency a JOIN up ON a.code = up.parent_code
    )
    SELECT DISTINCT code, name, kind, parent_code, shares_data FROM up`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, { code: r.code, name: r.name, kind: r.kind, parent: r.parent_code, sharesData: r.shares_data }]));
}

function documents(db: DB) {
  return db
    .selectFrom('vault_document as d')
    .innerJoin('document_kind as k', 'k.code', 'd.kind_code')
    .leftJoin('application as a', 'a.id', 'd.application_id')
    .select([
      'd.id',
      'd.owner_id as ownerId',
      'd.kind_code as kind',
      'k.name as kindName',
      'k.expires as kindExpires',
      'k.validity_months as validityMonths',
      'd.title',
      'd.number',
      'd.issuer',
      sql<string | null>`to_char(d.issued_on, 'YYYY-MM-DD')`.as('issuedOn'),
      sql<string | null>`to_char(d.valid_until, 'YYYY-MM-DD')`.as('validUntil'),
      'd.source',
      'd.file_key as fileKey',
      'd.file_name as fileName',
      'd.media_type as mediaType',
      'd.file_kind as fileKind',
      'd.size',
      'd.sha256',
      'd.application_id as applicationId',
      'a.code as applicationCode',
      'd.state',
      'd.deleted_at as deletedAt',
      'd.created_at as createdAt',
      'd.updated_at as updatedAt',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof documents>['execute']>>[number];

async function withAcceptances(db: DB, rows: Row[]): Promise<VaultDocument[]> {
  const ids = rows.map((r) => r.id);
  const acc = ids.length
    ? await db
        .selectFrom('vault_acceptance as v')
        .innerJoin('agency as g', 'g.code', 'v.agency_code')
        .leftJoin('application as a', 'a.id', 'v.application_id')
        .select(['v.document_id', 'v.agency_code as agencyCode', 'g.name as agencyName', 'v.accepted_at as at', 'a.code as applicationCode'])
        .where('v.document_id', 'in', ids)
        .orderBy('v.accepted_at')
        .execute()
    : [];
  return rows.map(({ deletedAt, ...r }) => ({
    ...r,
    state: r.state as DocumentState,
    deleted: deletedAt !== null,
    validityFromUpload: validityFromUpload({ source: r.source, issuedOn: r.issuedOn, validUntil: r.validUntil, months: r.kindExpires ? r.validityMonths : null, uploadedOn: vietnamToday(r.createdAt) }),
    acceptances: acc.filter((a) => a.document_id === r.id).map(({ document_id: _d, ...a }) => a as Acceptance),
  }));
}

/** A person's documents, newest first (deleted ones only when asked). */
export async function documentsOf(db: DB, ownerId: string, options: { kinds?: string[]; includeDeleted?: boolean; acceptedOnly?: boolean } = {}): Promise<VaultDocument[]> {
  const rows = await documents(db)
    .where('d.owner_id', '=', ownerId)
    .$if(!options.includeDeleted, (q) => q.where('d.deleted_at', 'is', null))
    // Only accepted documents can satisfy a component (V2): the others need not be read at all.
    .$if(!!options.acceptedOnly, (q) => q.where('d.state', '=', 'accepted'))
    .$if(!!options.kinds, (q) => (options.kinds!.length ? q.where('d.kind_code', 'in', options.kinds!) : q.where(sql<boolean>`false`)))
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .execute();
  return withAcceptances(db, rows);
}

/** One document of its owner; undefined for anyone else's, a deleted one, or an id that is not a UUID. */
export async function getDocument(db: DB, ownerId: string, id: string, options: { includeDeleted?: boolean } = {}): Promise<VaultDocument | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await documents(db)
    .where('d.id', '=', id)
    .where('d.owner_id', '=', ownerId)
    .$if(!options.includeDeleted, (q) => q.where('d.deleted_at', 'is', null))
    .executeTakeFirst();
  return row && (await withAcceptances(db, [row]))[0];
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  fileKey: string;
  fileName: string;
  mediaType: string;
  /** Recognised from the first bytes: pdf, jpeg … */
  fileKind?: string | null;
  size: number;
  sha256: string;
}

async function kindsByCode(db: DB, codes: string[]) {
  if (!codes.length) return new Map<string, { name: string; expires: boolean; validity_months: number | null }>();
  const rows = await db.selectFrom('document_kind').select(['code', 'name', 'expires', 'validity_months']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/**
 * Files uploaded with an application enter the applicant's store as "provided" (V1); they count
 * once the agency receives the application (acceptDocumentsOf). Kinds not in the catalog are skipped.
 */
export async function addProvidedDocuments(trx: DB, p: { ownerId: string; applicationId: string; files: readonly ProvidedFile[]; now?: Date }): Promise<string[]> {
  const kinds = await kindsByCode(trx, [...new Set(p.files.map((f) => f.kind))]);
  const today = vietnamToday(p.now);
  const ids: string[] = [];
  for (const f of p.files) {
    const kind = kinds.get(f.kind);
    if (!kind) continue;
    const row = await trx
      .insertInto('vault_document')
      .values({
        owner_id: p.ownerId,
        kind_code: f.kind,
        title: (f.title ?? kind.name).slice(0, 200),
        number: null,
        issuer: null,
        issued_on: f.issuedOn ?? null,
        // An expiring kind gets its usual validity from the issue date, or from today until the person gives it.
        valid_until: kind.expires && kind.validity_months ? usualValidUntil(kind.validity_months, f.issuedOn ?? null, today) : null,
        source: 'upload',
        file_key: f.fileKey,
        file_name: f.fileName.slice(0, 255),
        media_type: f.mediaType,
        file_kind: f.fileKind ?? null,
        size: f.size,
        sha256: f.sha256,
        application_id: p.applicationId,
        ...(p.now && { created_at: p.now, updated_at: p.now }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
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

export type ReuseResult = { ok: true; documents: ReusedDocument[] } | { ok: false; problems: { componentId: string; message: string }[] };

/**
 * At submission, the documents the browser says it reuses are judged again on the server (V2):
 * someone else's, a deleted one, one that no longer satisfies the component — refused, with why.
 * Nothing is written; call `logReuse` in the submission's transaction once the application exists.
 */
export async function checkReuse(db: DB, q: { ownerId: string; agencyCode: string; choices: readonly ReuseChoice[]; day?: string }): Promise<ReuseResult> {
  const day = q.day ?? vietnamToday();
  const problems: { componentId: string; message: string }[] = [];
  const found: ReusedDocument[] = [];
  const ids = q.choices.map((c) => c.documentId).filter((id) => UUID.test(id));
  const docs = ids.length ? await withAcceptances(db, await documents(db).where('d.id', 'in', ids).where('d.owner_id', '=', q.ownerId).execute()) : [];
  const tree = await loadTree(db, [q.agencyCode, ...docs.flatMap((d) => d.acceptances.map((a) => a.agencyCode))]);
  for (const c of q.choices) {
    const doc = docs.find((d) => d.id === c.documentId);
    // Not a UUID, not theirs, or not there: the same answer, so others' ids cannot be probed.
    if (!doc) {
      problems.push({ componentId: c.componentId, message: 'Giấy tờ được chọn không có trong kho dữ liệu của bạn.' });
      continue;
    }
    const j = judge(doc, { kind: c.kind, agencyCode: q.agencyCode, day }, tree);
    if (!j.ok) {
      problems.push({ componentId: c.componentId, message: `Không dùng lại được "${doc.title}": ${REFUSAL_TEXT[j.reason]}. Hãy tải tệp lên.` });
      continue;
    }
    if (!doc.fileKey || !doc.sha256 || !doc.size) {
      problems.push({ componentId: c.componentId, message: `Giấy tờ "${doc.title}" không có tệp kèm theo; hãy tải tệp lên.` });
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
export interface SubmittedAttachment {
  componentId: string | null;
  source: 'upload' | 'vault';
  fileKey: string;
  sha256: string;
  size: number;
  /** The file's kind by content (pdf, jpeg …). */
  kind: string;
  mime: string;
  originalName: string;
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
  p: { ownerId: string; applicationId: string; applicationCode: string; agencyCode: string; serviceCode: string; attachments: readonly SubmittedAttachment[]; now?: Date },
): Promise<void> {
  if (!p.attachments.length) return;
  const service = await trx.selectFrom('service').select(sql<{ id: string; kind: string }[] | null>`details->'components'`.as('components')).where('code', '=', p.serviceCode).executeTakeFirst();
  const kindOf = new Map((service?.components ?? []).map((c) => [c.id, c.kind]));
  const uploads: ProvidedFile[] = p.attachments.flatMap((a) => {
    const kind = a.source === 'upload' && a.componentId ? kindOf.get(a.componentId) : undefined;
    return kind ? [{ componentId: a.componentId!, kind, fileKey: a.fileKey, fileName: a.originalName, mediaType: a.mime, fileKind: a.kind, size: a.size, sha256: a.sha256 }] : [];
  });
  const reused = p.attachments.flatMap((a) => (a.source === 'vault' && a.vaultDocumentId ? [{ componentId: a.componentId ?? '', documentId: a.vaultDocumentId }] : []));
  await recordSubmission(trx, { ownerId: p.ownerId, applicationId: p.applicationId, applicationCode: p.applicationCode, agencyCode: p.agencyCode, uploads, reused, now: p.now });
}

/** What the attachments step needs of a document that satisfies a component. */
export interface ReusableDocument {
  documentId: string;
  title: string;
  fileKey: string;
  sha256: string;
  size: number;
  /** The file's kind by content (pdf, jpeg …). */
  kind: string;
  mime: string;
  originalName: string;
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

// ── Reception, refusal and results ───────────────────────────────────────────────────────────────

/**
 * The agency received the application (status 2): the documents that came with it, and those it
 * reused from the store, are accepted by that agency (V2). Data fields given are kept. Called in
 * the transaction of the status change.
 */
export async function acceptDocumentsOf(trx: DB, applicationId: string, agencyCode: string, options: { fields?: readonly { key: string; label: string; value: string }[]; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const came = await trx.selectFrom('vault_document').select('id').where('application_id', '=', applicationId).where('deleted_at', 'is', null).where('state', '!=', 'rejected').execute();
  const reused = await trx.selectFrom('vault_usage').select('document_id').where('application_id', '=', applicationId).where('action', '=', 'reuse').where('document_id', 'is not', null).execute();
  const ids = [...new Set([...came.map((r) => r.id), ...reused.map((r) => r.document_id!)])];
  if (ids.length) {
    await trx.updateTable('vault_document').set({ state: 'accepted', updated_at: now }).where('id', 'in', ids).where('state', '=', 'provided').execute();
    await trx
      .insertInto('vault_acceptance')
      .values(ids.map((id) => ({ document_id: id, agency_code: agencyCode, application_id: applicationId, accepted_at: now })))
      .onConflict((oc) => oc.columns(['document_id', 'agency_code']).doNothing())
      .execute();
  }
  if (options.fields?.length) {
    const app = await trx.selectFrom('application').select('applicant_id').where('id', '=', applicationId).executeTakeFirstOrThrow();
    for (const f of options.fields) {
      const values = { label: f.label.slice(0, 200), value: f.value.slice(0, 2000), application_id: applicationId, agency_code: agencyCode, updated_at: now };
      await trx
        .insertInto('vault_field')
        .values({ owner_id: app.applicant_id, key: f.key.slice(0, 80), ...values })
        .onConflict((oc) => oc.columns(['owner_id', 'key']).doUpdateSet(values))
        .execute();
    }
  }
  return ids.length;
}

/** The agency refused to receive the application (status 3): what came with it is not accepted. */
export async function rejectDocumentsOf(trx: DB, applicationId: string, now = new Date()): Promise<void> {
  await trx.updateTable('vault_document').set({ state: 'rejected', updated_at: now }).where('application_id', '=', applicationId).where('state', '=', 'provided').execute();
}

export interface ResultDocument {
  ownerId: string;
  applicationId: string;
  /** The agency that issued the result: it counts as accepted by it (Decree 45/2020). */
  agencyCode: string;
  kind: string;
  title: string;
  number?: string | null;
  issuer?: string | null;
  issuedOn?: string | null;
  validUntil?: string | null;
  fileKey: string;
  fileName: string;
  mediaType: string;
  fileKind?: string | null;
  size: number;
  sha256: string;
  now?: Date;
}

/** V3: an electronic result enters the applicant's store as an accepted document of its kind. */
export async function addResultDocument(trx: DB, r: ResultDocument): Promise<string> {
  const now = r.now ?? new Date();
  const kind = (await kindsByCode(trx, [r.kind])).get(r.kind);
  if (!kind) throw new Error(`Loại giấy tờ "${r.kind}" chưa có trong danh mục.`);
  const issuedOn = r.issuedOn ?? vietnamToday(now);
  const agency = await trx.selectFrom('agency').select('name').where('code', '=', r.agencyCode).executeTakeFirst();
  const row = await trx
    .insertInto('vault_document')
    .values({
      owner_id: r.ownerId,
      kind_code: r.kind,
      title: r.title.slice(0, 200),
      number: r.number ?? null,
      issuer: r.issuer ?? agency?.name ?? null,
      issued_on: issuedOn,
      valid_until: r.validUntil ?? (kind.expires && kind.validity_months ? addMonths(issuedOn, kind.validity_months) : null),
      source: 'result',
      file_key: r.fileKey,
      file_name: r.fileName.slice(0, 255),
      media_type: r.mediaType,
      file_kind: r.fileKind ?? null,
      size: r.size,
      sha256: r.sha256,
      application_id: r.applicationId,
      state: 'accepted',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('vault_acceptance').values({ document_id: row.id, agency_code: r.agencyCode, application_id: r.applicationId, accepted_at: now }).execute();
  return row.id;
}

// ── Staff reads and the usage log (V4) ───────────────────────────────────────────────────────────

/**
 * An officer opens a document an application reused or brought: the file's key, with a row in the
 * owner's usage log. Undefined when the document is not part of that application.
 */
export async function openForStaff(db: DB, p: { documentId: string; applicationId: string; applicationCode: string; agencyCode: string; actorName: string }): Promise<VaultDocument | undefined> {
  if (!UUID.test(p.documentId)) return undefined;
  const row = await documents(db).where('d.id', '=', p.documentId).executeTakeFirst();
  if (!row) return undefined;
  const used = await db.selectFrom('vault_usage').select('id').where('document_id', '=', p.documentId).where('application_id', '=', p.applicationId).where('action', '=', 'reuse').executeTakeFirst();
  if (row.applicationId !== p.applicationId && !used) return undefined;
  await db
    .insertInto('vault_usage')
    .values({ owner_id: row.ownerId, document_id: row.id, action: 'staff-read', application_id: p.applicationId, application_code: p.applicationCode, agency_code: p.agencyCode, actor_name: p.actorName.slice(0, 200) })
    .execute();
  return (await withAcceptances(db, [row]))[0];
}

/** Acceptance history of a document, for the officer who receives it from the store. */
export async function acceptanceHistory(db: DB, documentId: string): Promise<Acceptance[]> {
  if (!UUID.test(documentId)) return [];
  const rows = await db
    .selectFrom('vault_acceptance as v')
    .innerJoin('agency as g', 'g.code', 'v.agency_code')
    .leftJoin('application as a', 'a.id', 'v.application_id')
    .select(['v.agency_code as agencyCode', 'g.name as agencyName', 'v.accepted_at as at', 'a.code as applicationCode'])
    .where('v.document_id', '=', documentId)
    .orderBy('v.accepted_at')
    .execute();
  return rows;
}

export interface UsageEntry {
  at: Date;
  action: 'reuse' | 'staff-read';
  documentId: string | null;
  documentTitle: string | null;
  fieldKey: string | null;
  /** The data field's name while it is still in the store. */
  fieldLabel: string | null;
  applicationCode: string | null;
  agencyCode: string | null;
  agencyName: string | null;
  actorName: string | null;
}

export async function usageOf(db: DB, ownerId: string, options: { documentId?: string; limit?: number } = {}): Promise<UsageEntry[]> {
  return db
    .selectFrom('vault_usage as u')
    .leftJoin('vault_document as d', 'd.id', 'u.document_id')
    .leftJoin('agency as g', 'g.code', 'u.agency_code')
    .leftJoin('vault_field as f', (j) => j.onRef('f.owner_id', '=', 'u.owner_id').onRef('f.key', '=', 'u.field_key'))
    .select(['u.at', 'u.action', 'u.document_id as documentId', 'd.title as documentTitle', 'u.field_key as fieldKey', 'f.label as fieldLabel', 'u.application_code as applicationCode', 'u.agency_code as agencyCode', 'g.name as agencyName', 'u.actor_name as actorName'])
    .where('u.owner_id', '=', ownerId)
    .$if(!!options.documentId, (q) => q.where('u.document_id', '=', options.documentId!))
    .orderBy('u.at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(options.limit ?? 500)
    .execute();
}

export interface DataField {
  key: string;
  label: string;
  value: string;
  agencyName: string | null;
  applicationCode: string | null;
  /** When the agency received the application that gave it. */
  updatedAt: Date;
}

/**
 * V4: the data fields an application gives that equal what the store holds count as their reuse,
 * logged in the submission's transaction with the application and its agency. The server compares
 * the submitted answers; whether the person typed or chose the value, the agency got the stored datum.
 */
export async function logFieldReuse(trx: DB, p: { ownerId: string; applicationId: string; applicationCode: string; agencyCode: string; fields: readonly { key: string; value: string }[]; now?: Date }): Promise<string[]> {
  if (!p.fields.length) return [];
  const stored = await trx.selectFrom('vault_field').select(['key', 'value']).where('owner_id', '=', p.ownerId).where('key', 'in', p.fields.map((f) => f.key)).execute();
  const held = new Map(stored.map((r) => [r.key, r.value]));
  const reused = p.fields.filter((f) => held.get(f.key) === f.value).map((f) => f.key);
  if (!reused.length) return [];
  await trx
    .insertInto('vault_usage')
    .values(reused.map((key) => ({ owner_id: p.ownerId, field_key: key, action: 'reuse' as const, application_id: p.applicationId, application_code: p.applicationCode, agency_code: p.agencyCode, ...(p.now && { at: p.now }) })))
    .execute();
  return reused;
}

/** The owner deletes a data field: it is no longer offered; the log of its past uses stays. */
export async function deleteField(db: DB, ownerId: string, key: string): Promise<boolean> {
  const r = await db.deleteFrom('vault_field').where('owner_id', '=', ownerId).where('key', '=', key.slice(0, 80)).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function fieldsOf(db: DB, ownerId: string): Promise<DataField[]> {
  return db
    .selectFrom('vault_field as f')
    .leftJoin('agency as g', 'g.code', 'f.agency_code')
    .leftJoin('application as a', 'a.id', 'f.application_id')
    .select(['f.key', 'f.label', 'f.value', 'g.name as agencyName', 'a.code as applicationCode', 'f.updated_at as updatedAt'])
    .where('f.owner_id', '=', ownerId)
    .orderBy('f.label')
    .execute();
}

// ── The owner's corrections and deletions (V4) ───────────────────────────────────────────────────

export type ChangeResult = { ok: true; acceptanceWithdrawn?: boolean } | { ok: false; code: 'NOT_FOUND' | 'IN_USE'; message: string; applications?: string[] };

/**
 * The owner corrects the metadata. The number, issuer and dates are what the agency checked: when
 * they change, the acceptance no longer holds, and the document waits for the next agency that
 * receives it (the person is told before saving).
 */
export async function updateMetadata(db: DB, ownerId: string, id: string, m: Metadata, now = new Date()): Promise<ChangeResult> {
  return db.transaction().execute(async (trx) => {
    const doc = UUID.test(id)
      ? await trx
          .selectFrom('vault_document as d')
          .innerJoin('document_kind as k', 'k.code', 'd.kind_code')
          .select(['d.id', 'd.state', 'd.number', 'd.issuer', 'd.created_at as createdAt', 'k.expires', 'k.validity_months as months', sql<string | null>`to_char(d.issued_on, 'YYYY-MM-DD')`.as('issuedOn'), sql<string | null>`to_char(d.valid_until, 'YYYY-MM-DD')`.as('validUntil')])
          .where('d.id', '=', id)
          .where('d.owner_id', '=', ownerId)
          .where('d.deleted_at', 'is', null)
          .forUpdate('d')
          .executeTakeFirst()
      : undefined;
    if (!doc) return { ok: false, code: 'NOT_FOUND', message: 'Không có giấy tờ này trong kho dữ liệu của bạn.' };
    // V1: an issue date given now re-counts the usual validity the portal had estimated.
    m = { ...m, validUntil: correctedValidUntil(doc, m, doc.expires ? doc.months : null, vietnamToday(doc.createdAt)) };
    const vouched = doc.number !== m.number || doc.issuer !== m.issuer || doc.issuedOn !== m.issuedOn || doc.validUntil !== m.validUntil;
    const withdraw = vouched && doc.state === 'accepted';
    await trx
      .updateTable('vault_document')
      .set({ title: m.title, number: m.number, issuer: m.issuer, issued_on: m.issuedOn, valid_until: m.validUntil, updated_at: now, ...(withdraw && { state: 'provided' as const }) })
      .where('id', '=', id)
      .execute();
    if (withdraw) await trx.deleteFrom('vault_acceptance').where('document_id', '=', id).execute();
    return { ok: true, acceptanceWithdrawn: withdraw };
  });
}

/** Unfinished applications that name the document (it came with them, or they reuse it). */
export async function unfinishedUses(db: DB, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('application as a')
    .select('a.code')
    .where('a.status', 'not in', FINISHED)
    .where((eb) =>
      eb.or([
        eb('a.id', 'in', eb.selectFrom('vault_document').select('application_id').where('id', '=', id).where('application_id', 'is not', null).$castTo<string>()),
        eb('a.id', 'in', eb.selectFrom('vault_usage').select('application_id').where('document_id', '=', id).where('action', '=', 'reuse').where('application_id', 'is not', null).$castTo<string>()),
      ]),
    )
    .orderBy('a.code')
    .execute();
  return rows.map((r) => r.code);
}

/**
 * The owner deletes a document: it leaves the store and is never reused. Refused while an
 * unfinished application names it. Finished applications keep what the agency received.
 */
export async function deleteDocument(db: DB, ownerId: string, id: string, now = new Date()): Promise<ChangeResult> {
  return db.transaction().execute(async (trx) => {
    const doc = UUID.test(id) ? await trx.selectFrom('vault_document').select('id').where('id', '=', id).where('owner_id', '=', ownerId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst() : undefined;
    if (!doc) return { ok: false, code: 'NOT_FOUND', message: 'Không có giấy tờ này trong kho dữ liệu của bạn.' };
    const open = await unfinishedUses(trx, id);
    if (open.length) {
      return {
        ok: false,
        code: 'IN_USE',
        applications: open,
        message: `Không xóa được: giấy tờ đang thuộc hồ sơ chưa giải quyết xong (${open.join(', ')}). Cơ quan cần giấy tờ này để xử lý; bạn xóa được sau khi hồ sơ kết thúc hoặc sau khi rút hồ sơ.`,
      };
    }
    await trx.updateTable('vault_document').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
    return { ok: true };
  });
}

// ── Agencies' sharing switch (Art. 4.2a) ─────────────────────────────────────────────────────────

export interface SharingGroup {
  code: string;
  name: string;
  kind: AgencyNode['kind'];
  sharesData: boolean;
  units: number;
}

/** Ministries and provinces (and roots) with their switch and the number of units under them. */
export async function sharingGroups(db: DB, within?: ReadonlySet<string>): Promise<SharingGroup[]> {
  const rows = await sql<{ code: string; name: string; kind: AgencyNode['kind']; shares_data: boolean; units: string }>`
    WITH RECURSIVE tree AS (
      SELECT code AS root, code FROM agency WHERE kind IN ('ministry', 'province') OR parent_code IS NULL
      UNION ALL
      SELECT tree.root, a.code FROM agency a JOIN tree ON a.parent_code = tree.code WHERE a.kind NOT IN ('ministry', 'province')
    )
    SELECT g.code, g.name, g.kind, g.shares_data, count(*) - 1 AS units
    FROM agency g JOIN tree ON tree.root = g.code
    GROUP BY g.code, g.name, g.kind, g.shares_data
    ORDER BY g.name`.execute(db);
  return rows.rows
    .filter((r) => !within || within.has(r.code))
    .map((r) => ({ code: r.code, name: r.name, kind: r.kind, sharesData: r.shares_data, units: Number(r.units) }));
}

export async function setSharing(db: DB, code: string, sharesData: boolean): Promise<boolean> {
  const r = await db
    .updateTable('agency')
    .set({ shares_data: sharesData, updated_at: new Date() })
    .where('code', '=', code)
    .where((eb) => eb.or([eb('kind', 'in', ['ministry', 'province']), eb('parent_code', 'is', null)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The application a document is opened for by staff: who applied and which agency holds it. */
export async function applicationNamed(db: DB, code: string) {
  return db.selectFrom('application').select(['id', 'code', 'agency_code', 'applicant_id']).where('code', '=', code).executeTakeFirst();
}
