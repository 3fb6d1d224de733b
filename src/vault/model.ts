// The user's data store (V1–V4): its types and the once-only reuse rule (V2), as plain functions.
// The rule is in one place, `judge`; every page and the API ask it, and the server asks it again
// at submission whatever the browser sent.
import type { Problem } from '../web/problem.ts';

/** What the vault refuses, as codes; `problems.ts` holds their statuses and sentences. */
export type VaultProblem =
  | 'NOT_FOUND'
  | 'IN_USE'
  | 'REUSE_NOT_IN_STORE'
  | 'REUSE_REFUSED'
  | 'REUSE_NO_FILE'
  | 'TITLE_MISSING'
  | 'TITLE_TOO_LONG'
  | 'NUMBER_TOO_LONG'
  | 'ISSUER_TOO_LONG'
  | 'ISSUED_ON_INVALID'
  | 'ISSUED_ON_FUTURE'
  | 'VALID_UNTIL_INVALID'
  | 'VALID_UNTIL_BEFORE_ISSUE'
  | 'FIELD_NOT_FOUND'
  | 'EXPORT_TOO_LARGE'
  | 'NOT_IN_SCOPE'
  | 'SERVICE_NOT_FOUND'
  | 'SHARING_GROUP_UNKNOWN';

export type DocumentState = 'provided' | 'accepted' | 'rejected';
export type AgencyKind = 'ministry' | 'province' | 'department' | 'district' | 'commune';

/** One agency of the tree, as the rule needs it. */
export interface AgencyNode {
  code: string;
  name: string;
  kind: AgencyKind;
  parent: string | null;
  /** Art. 4.2a: this ministry or province shares data between its units. */
  sharesData: boolean;
}

export type AgencyTree = ReadonlyMap<string, AgencyNode>;

export interface Acceptance {
  agencyCode: string;
  agencyName?: string;
  at: Date;
  applicationCode?: string | null;
}

/** A document of the store with what the rule looks at. */
export interface StoredDocument {
  id: string;
  kind: string;
  state: DocumentState;
  /** 'YYYY-MM-DD', or null for kinds that do not expire. */
  validUntil: string | null;
  /** Whether documents of its kind expire (a missing date then means "not known to be valid"). */
  kindExpires: boolean;
  deleted: boolean;
  acceptances: Acceptance[];
}

/** What is asked: a component of kind K for an application to agency B, on a day. */
export interface Requirement {
  kind: string;
  agencyCode: string;
  /** 'YYYY-MM-DD' in Vietnam. */
  day: string;
}

export type Refusal = 'wrong-kind' | 'case-specific' | 'deleted' | 'not-accepted' | 'rejected' | 'no-validity' | 'expired' | 'unconnected-agency';

export type Judgement =
  | { ok: true; acceptance: Acceptance; how: 'same-agency' | 'shared'; group?: AgencyNode }
  | { ok: false; reason: Refusal };

export const REFUSAL_TEXT: Record<Refusal, string> = {
  'wrong-kind': 'không đúng loại giấy tờ thành phần hồ sơ yêu cầu',
  'case-specific': 'loại giấy tờ này được lập riêng cho từng hồ sơ',
  deleted: 'giấy tờ đã bị xóa khỏi kho dữ liệu',
  'not-accepted': 'hồ sơ kèm giấy tờ này chưa được cơ quan tiếp nhận',
  rejected: 'giấy tờ không được cơ quan chấp nhận',
  'no-validity': 'giấy tờ có thời hạn nhưng chưa ghi ngày hết hạn',
  expired: 'giấy tờ đã hết hạn',
  'unconnected-agency': 'giấy tờ được chấp nhận bởi cơ quan không cùng bộ, tỉnh hoặc bộ, tỉnh đó không chia sẻ dữ liệu giữa các đơn vị',
};

/**
 * Kinds drawn up for one application (its declaration, request, pledge, authorization, "related
 * papers"): they belong to that case and are never reused for another.
 */
export const CASE_SPECIFIC_KINDS: ReadonlySet<string> = new Set(['to-khai', 'don-de-nghi', 'van-ban-cam-ket', 'van-ban-uy-quyen', 'giay-to-lien-quan']);

/** The ministry or province an agency belongs to (itself when it is one); the root otherwise. */
export function groupOf(code: string, tree: AgencyTree): AgencyNode | undefined {
  let node = tree.get(code);
  const seen = new Set<string>();
  while (node && !seen.has(node.code)) {
    seen.add(node.code);
    if (node.kind === 'ministry' || node.kind === 'province' || !node.parent) return node;
    node = tree.get(node.parent);
  }
  return undefined;
}

/** Would agency B take an acceptance by agency A as its own? B itself, or A's and B's shared group. */
export function connected(acceptedBy: string, target: string, tree: AgencyTree): { how: 'same-agency' | 'shared'; group?: AgencyNode } | undefined {
  if (acceptedBy === target) return { how: 'same-agency' };
  const a = groupOf(acceptedBy, tree);
  const b = groupOf(target, tree);
  if (a && b && a.code === b.code && a.sharesData) return { how: 'shared', group: a };
  return undefined;
}

/**
 * V2, the once-only rule: a component of kind K for an application to agency B is satisfied by a
 * stored K-document that is accepted, still valid on the day, and accepted by B itself — or by any
 * agency under the same ministry/province when that ministry/province shares data between its units.
 */
export function judge(doc: StoredDocument, req: Requirement, tree: AgencyTree): Judgement {
  if (doc.kind !== req.kind) return { ok: false, reason: 'wrong-kind' };
  if (CASE_SPECIFIC_KINDS.has(doc.kind)) return { ok: false, reason: 'case-specific' };
  if (doc.deleted) return { ok: false, reason: 'deleted' };
  if (doc.state === 'rejected') return { ok: false, reason: 'rejected' };
  if (doc.state !== 'accepted' || !doc.acceptances.length) return { ok: false, reason: 'not-accepted' };
  if (doc.validUntil === null) {
    if (doc.kindExpires) return { ok: false, reason: 'no-validity' };
  } else if (doc.validUntil < req.day) {
    return { ok: false, reason: 'expired' };
  }
  // The agency's own acceptance first, then the earliest one of its group.
  const ordered = [...doc.acceptances].sort((x, y) => Number(y.agencyCode === req.agencyCode) - Number(x.agencyCode === req.agencyCode) || x.at.getTime() - y.at.getTime());
  for (const acceptance of ordered) {
    const link = connected(acceptance.agencyCode, req.agencyCode, tree);
    if (link) return { ok: true, acceptance, ...link };
  }
  return { ok: false, reason: 'unconnected-agency' };
}

export interface Satisfied<D extends StoredDocument = StoredDocument> {
  document: D;
  acceptance: Acceptance;
  how: 'same-agency' | 'shared';
}

/** The stored document that satisfies a requirement: of those that do, the one valid the longest. */
export function bestFor<D extends StoredDocument>(docs: readonly D[], req: Requirement, tree: AgencyTree): Satisfied<D> | undefined {
  let best: Satisfied<D> | undefined;
  for (const document of docs) {
    const j = judge(document, req, tree);
    if (!j.ok) continue;
    if (!best || (best.document.validUntil !== null && (document.validUntil === null || document.validUntil > best.document.validUntil))) {
      best = { document, acceptance: j.acceptance, how: j.how };
    }
  }
  return best;
}

/** 'YYYY-MM-DD' plus whole months, clamped to the month's last day (31/01 + 1 month → 28 or 29/02). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * V1: a document of a kind valid for some months ("có giá trị 6 tháng") counts them from its issue
 * date (ngày cấp). While that is unknown, the day it was uploaded stands in for it — an estimate
 * the page names as one (`validityFromUpload`).
 */
export function usualValidUntil(months: number, issuedOn: string | null, uploadedOn: string): string {
  return addMonths(issuedOn ?? uploadedOn, months);
}

/** The document's valid-until date is still the estimate counted from its upload day. */
export function validityFromUpload(d: { source: string; issuedOn: string | null; validUntil: string | null; months: number | null; uploadedOn: string }): boolean {
  return d.source === 'upload' && d.issuedOn === null && !!d.months && d.validUntil === usualValidUntil(d.months, null, d.uploadedOn);
}

/**
 * The valid-until date to store when the owner corrects a document of a kind valid `months` months:
 * what they typed, except that a date the portal counted (from the upload day or the old issue
 * date) and left as it was, or one left empty beside an issue date, is counted again from the issue
 * date now given.
 */
export function correctedValidUntil(
  before: { issuedOn: string | null; validUntil: string | null },
  after: { issuedOn: string | null; validUntil: string | null },
  months: number | null,
  uploadedOn: string,
): string | null {
  if (!months) return after.validUntil;
  const counted = before.validUntil !== null && before.validUntil === usualValidUntil(months, before.issuedOn, uploadedOn);
  if (counted && after.validUntil === before.validUntil) return usualValidUntil(months, after.issuedOn, uploadedOn);
  if (after.validUntil === null && after.issuedOn) return usualValidUntil(months, after.issuedOn, uploadedOn);
  return after.validUntil;
}

export const STATE_NAMES: Record<DocumentState, string> = {
  provided: 'Đã cung cấp, chờ cơ quan tiếp nhận',
  accepted: 'Đã được cơ quan chấp nhận',
  rejected: 'Không được chấp nhận',
};

/** Metadata a person may correct, as typed. */
export interface MetadataInput {
  title: string;
  number: string;
  issuer: string;
  issuedOn: string;
  validUntil: string;
}

export interface Metadata {
  title: string;
  number: string | null;
  issuer: string | null;
  issuedOn: string | null;
  validUntil: string | null;
}

/** dd/mm/yyyy or yyyy-mm-dd → yyyy-mm-dd when it is a real date. */
export function parseDay(value: string): string | undefined {
  const v = value.trim();
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = v.includes('/') ? [m[3]!, m[2]!, m[1]!] : [m[1]!, m[2]!, m[3]!];
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

const TITLE_MAX = 200;
const NUMBER_MAX = 60;
const ISSUER_MAX = 200;

/** The corrected metadata, or every problem at once (one per field). */
export function checkMetadata(input: MetadataInput, today: string): { ok: true; value: Metadata } | { ok: false; problems: Problem<VaultProblem>[] } {
  const problems: Problem<VaultProblem>[] = [];
  const title = input.title.trim();
  if (!title) problems.push({ code: 'TITLE_MISSING', field: 'title' });
  else if (title.length > TITLE_MAX) problems.push({ code: 'TITLE_TOO_LONG', field: 'title', params: { max: TITLE_MAX } });
  const number = input.number.trim();
  if (number.length > NUMBER_MAX) problems.push({ code: 'NUMBER_TOO_LONG', field: 'number', params: { max: NUMBER_MAX } });
  const issuer = input.issuer.trim();
  if (issuer.length > ISSUER_MAX) problems.push({ code: 'ISSUER_TOO_LONG', field: 'issuer', params: { max: ISSUER_MAX } });
  const issuedOn = input.issuedOn.trim() ? parseDay(input.issuedOn) : null;
  if (issuedOn === undefined) problems.push({ code: 'ISSUED_ON_INVALID', field: 'issuedOn' });
  else if (issuedOn && issuedOn > today) problems.push({ code: 'ISSUED_ON_FUTURE', field: 'issuedOn' });
  const validUntil = input.validUntil.trim() ? parseDay(input.validUntil) : null;
  if (validUntil === undefined) problems.push({ code: 'VALID_UNTIL_INVALID', field: 'validUntil' });
  else if (validUntil && issuedOn && validUntil < issuedOn) problems.push({ code: 'VALID_UNTIL_BEFORE_ISSUE', field: 'validUntil' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { title, number: number || null, issuer: issuer || null, issuedOn: issuedOn ?? null, validUntil: validUntil ?? null } };
}
