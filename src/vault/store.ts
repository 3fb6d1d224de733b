// The user's data store in PostgreSQL: its documents and their acceptances, read here; the rest
// along its seams — reuse at submission (reuse.ts), reception and results (acceptance.ts), staff
// reads, the usage log and data fields (usage.ts), the owner's changes (changes.ts), agencies'
// sharing (sharing.ts). Other modules call these inside their own transactions; nothing here
// reads another module's code — what is needed comes as parameters.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { named } from '../db/query-kit.ts';
import type { FileRef } from '../storage/index.ts';
import { vietnamDay } from '../web/format.ts';
import { validityFromUpload, type Acceptance, type AgencyNode, type AgencyTree, type DocumentState, type StoredDocument } from './model.ts';

/** The calendar day in Vietnam (UTC+7, no daylight saving), from the portal's one date helper. */
export const vietnamToday = (now = new Date()): string => vietnamDay(now);

/** Applications in these statuses have ended: 3 not received, 8 stopped, 10 result returned. */
export const FINISHED = [3, 8, 10];

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

export function documents(db: DB) {
  return db
    .selectFrom('vault_document as d')
    .innerJoin('document_kind as k', 'k.code', 'd.kind_code')
    .leftJoin('application as a', 'a.id', 'd.application_id')
    .select([
      ...named('d', ['id', 'owner_id']),
      'd.kind_code as kind',
      'k.name as kindName',
      'k.expires as kindExpires',
      ...named('k', ['validity_months']),
      ...named('d', ['title', 'number', 'issuer']),
      sql<string | null>`to_char(d.issued_on, 'YYYY-MM-DD')`.as('issuedOn'),
      sql<string | null>`to_char(d.valid_until, 'YYYY-MM-DD')`.as('validUntil'),
      ...named('d', ['source', 'file_key', 'file_name', 'media_type', 'file_kind', 'size', 'sha256', 'application_id']),
      'a.code as applicationCode',
      ...named('d', ['state', 'deleted_at', 'created_at', 'updated_at']),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof documents>['execute']>>[number];

export async function withAcceptances(db: DB, rows: Row[]): Promise<VaultDocument[]> {
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

/** A stored file's columns of vault_document (the name cut to the column's 255 characters). */
export const fileColumns = (f: Omit<FileRef, 'kind'> & { kind?: string }) => ({ file_key: f.fileKey, file_name: f.originalName.slice(0, 255), media_type: f.mime, file_kind: f.kind ?? null, size: f.size, sha256: f.sha256 });

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function kindsByCode(db: DB, codes: string[]) {
  if (!codes.length) return new Map<string, { name: string; expires: boolean; validity_months: number | null }>();
  const rows = await db.selectFrom('document_kind').select(['code', 'name', 'expires', 'validity_months']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r]));
}
