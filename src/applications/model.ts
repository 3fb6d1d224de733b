// Applications (hồ sơ): the national status codes and the only transitions allowed between them
// (A3, A8), and the application code pattern (A1). Pure rules, unit-tested.
import { formatBytes, type FileRef } from '../storage/index.ts';
import type { Problem } from '../web/problem.ts';
import type { DB } from '../db/index.ts';

export type Status = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** The national portal's codes and names. */
export const STATUS_NAMES: Record<Status, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** Statuses after which nothing more happens to an application. */
export const FINAL: ReadonlySet<Status> = new Set<Status>([3, 8, 10]);

export type Mover = 'officer' | 'applicant' | 'system';

interface Rule {
  to: Status;
  by: Mover;
  /** A note the person must give (a reason, the documents needed). */
  noteRequired?: boolean;
}

/**
 * Who may move an application from each status, and where to. Returning from 5 (documents
 * supplied) or 6 (fees paid) goes back to where the request was made; see `resumeAfter`.
 */
const RULES: Record<Status, Rule[]> = {
  1: [
    { to: 2, by: 'officer' },
    { to: 3, by: 'officer', noteRequired: true },
    { to: 5, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  2: [
    { to: 4, by: 'officer' },
    { to: 5, by: 'officer', noteRequired: true },
    { to: 6, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  3: [],
  4: [
    { to: 5, by: 'officer', noteRequired: true },
    { to: 6, by: 'officer', noteRequired: true },
    { to: 9, by: 'officer' },
    { to: 8, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  5: [
    { to: 1, by: 'system' },
    { to: 4, by: 'system' },
    { to: 8, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  6: [
    { to: 4, by: 'system' },
    { to: 8, by: 'officer', noteRequired: true },
    { to: 7, by: 'applicant' },
  ],
  7: [{ to: 8, by: 'officer' }],
  8: [],
  9: [{ to: 10, by: 'officer' }],
  10: [],
};

export function isStatus(value: unknown): value is Status {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10;
}

/** Why a status change is refused (sentences and statuses: APPLICATION_PROBLEMS in problems.ts). */
export type TransitionProblem = Problem<'NOT_ALLOWED' | 'NOT_YOURS' | 'NOTE_REQUIRED'>;

/** Whether `by` may move an application from `from` to `to`; the problem if not. */
export function checkTransition(from: Status, to: Status, by: Mover, note = ''): TransitionProblem | undefined {
  const rule = RULES[from].find((r) => r.to === to);
  if (!rule) return { code: 'NOT_ALLOWED', params: { rule: 'move', from, to } };
  if (rule.by !== by) return { code: 'NOT_YOURS', params: { who: rule.by, to } };
  if (rule.noteRequired && !note.trim()) return { code: 'NOTE_REQUIRED', params: { to } };
  return undefined;
}

/** Where an application returns once the documents are supplied or the fees paid. */
export function resumeAfter(requestedFrom: Status): Status {
  return requestedFrom === 1 ? 1 : 4;
}

/** The statuses an application may be moved to by `by` from `from`. */
export function nextStatuses(from: Status, by: Mover): Status[] {
  return RULES[from].filter((r) => r.by === by).map((r) => r.to);
}

/**
 * Application code (mã hồ sơ) in the national pattern: the receiving agency's code, the date as
 * YYMMDD, and the day's sequence at that agency, e.g. 000.00.12.H34-261126-0001.
 */
export function applicationCode(agencyCode: string, day: string, sequence: number): string {
  const [y, m, d] = day.split('-');
  if (!y || !m || !d || sequence < 1 || sequence > 99_999) throw new RangeError('bad application code parts');
  return `${agencyCode}-${y.slice(2)}${m}${d}-${String(sequence).padStart(4, '0')}`;
}

export const APPLICATION_CODE = /^[0-9A-Za-z.]{3,40}-\d{6}-\d{4,5}$/;

// ── Attachments (A1, F6) ─────────────────────────────────────────────────────────────────────────

/** What a dossier component accepts: file kinds recognised by content, and the largest size. */
export interface AttachmentRule {
  accept: readonly string[];
  maxBytes: number;
}

const MB = 1024 * 1024;
/** The largest file the portal takes at all; a component may ask for less. */
export const MAX_FILE_BYTES = 10 * MB;
/** The most files one submission or supplement may carry. */
export const MAX_FILES = 20;

const PHOTO_KINDS = new Set(['anh-chan-dung', 'anh-hien-trang-cong-trinh']);
const WRITTEN_KINDS = new Set(['don-de-nghi', 'to-khai', 'de-an-thanh-lap', 'tai-lieu-ky-thuat', 'danh-sach-nhan-su', 'noi-quy-lao-dong', 'bao-cao-danh-gia-tac-dong-moi-truong', 'bao-cao-nghien-cuu-kha-thi', 'the-le-chuong-trinh']);

/**
 * Photos as JPEG or PNG up to 5 MB; documents drawn up by the applicant also as Word or
 * OpenDocument; every other paper as a scan (PDF, JPEG, PNG) up to 10 MB.
 */
export function attachmentRule(documentKind: string | null): AttachmentRule {
  if (documentKind && PHOTO_KINDS.has(documentKind)) return { accept: ['jpeg', 'png'], maxBytes: 5 * MB };
  if (documentKind && WRITTEN_KINDS.has(documentKind)) return { accept: ['pdf', 'docx', 'odt', 'jpeg', 'png'], maxBytes: MAX_FILE_BYTES };
  return { accept: ['pdf', 'jpeg', 'png'], maxBytes: MAX_FILE_BYTES };
}

const KIND_LABELS: Record<string, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG', docx: 'Word (.docx)', odt: 'OpenDocument (.odt)', tiff: 'TIFF', xlsx: 'Excel (.xlsx)', doc: 'Word (.doc)', xls: 'Excel (.xls)' };
export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind.toUpperCase();

/** One file input of a page or one `component:<id>` part of the API. */
export interface UploadSlot {
  /** The multipart field name: `component:<id>` or, for a free-text supplement item, `item:<id>`. */
  name: string;
  componentId: string | null;
  /** The supplement item this slot answers, if any. */
  itemId?: string;
  label: string;
  rule: AttachmentRule;
  required: boolean;
  /** Satisfied already (by the vault): the upload is optional, a newer file may still be given. */
  satisfied?: boolean;
}

/** What arrived for one file part, as the store saw it. */
export interface ReceivedUpload {
  field: string;
  filename: string;
  size: number;
  /** The kind recognised from the first bytes, or null. */
  kind: string | null;
  /** The part passed MAX_FILE_BYTES and was not kept. */
  tooLarge?: boolean;
  /** A ZIP-based document (Word, OpenDocument) that expands past the limit, or cannot be read through. */
  archive?: 'too-large' | 'broken';
}

export type UploadErrors = Record<string, string>;

/**
 * The checks of every file at once (F6): each goes to a known slot, at most one per slot, not
 * empty, not larger than the slot allows, of a kind the slot accepts by its content; every
 * required slot is filled. Errors are keyed by slot name ("files" for the request as a whole).
 */
export function checkUploads(slots: readonly UploadSlot[], uploads: readonly ReceivedUpload[], maxFiles = MAX_FILES): { errors: UploadErrors; accepted: { slot: UploadSlot; upload: ReceivedUpload }[] } {
  const errors: UploadErrors = {};
  const accepted: { slot: UploadSlot; upload: ReceivedUpload }[] = [];
  if (uploads.length > maxFiles) {
    errors.files = `Gửi quá nhiều tệp: tối đa ${maxFiles} tệp một lần.`;
    return { errors, accepted };
  }
  const seen = new Set<string>();
  for (const u of uploads) {
    const slot = slots.find((s) => s.name === u.field);
    if (!slot) {
      errors.files = `Tệp "${u.filename}" không thuộc thành phần hồ sơ nào của thủ tục này.`;
      continue;
    }
    if (seen.has(slot.name)) {
      errors[slot.name] = `Mỗi thành phần chỉ nhận một tệp; "${slot.label}" có nhiều hơn một tệp.`;
      continue;
    }
    seen.add(slot.name);
    const accepts = slot.rule.accept.map(kindLabel).join(', ');
    if (u.tooLarge || u.size > slot.rule.maxBytes) errors[slot.name] = `Tệp "${u.filename}" lớn hơn dung lượng tối đa ${formatBytes(slot.rule.maxBytes)} của "${slot.label}".`;
    else if (u.size === 0) errors[slot.name] = `Tệp "${u.filename}" rỗng (0 byte); hãy chọn lại tệp.`;
    else if (u.archive === 'too-large') errors[slot.name] = `Tệp "${u.filename}" khi giải nén quá lớn (có thể là tệp nén độc hại); tệp không được nhận. Hãy lưu lại tệp bằng Word hoặc gửi bản PDF cho "${slot.label}".`;
    else if (u.archive === 'broken') errors[slot.name] = `Tệp "${u.filename}" bị hỏng: nội dung nén bên trong không đọc được; tệp không được nhận. Hãy lưu lại tệp bằng Word hoặc gửi bản PDF cho "${slot.label}".`;
    else if (!u.kind || !slot.rule.accept.includes(u.kind)) {
      errors[slot.name] = `Tệp "${u.filename}" không phải ${accepts} (kiểm tra theo nội dung tệp, không theo tên); "${slot.label}" chỉ nhận ${accepts}.`;
    } else accepted.push({ slot, upload: u });
  }
  for (const slot of slots) {
    if (slot.required && !slot.satisfied && !seen.has(slot.name) && !errors[slot.name]) errors[slot.name] = `Hãy chọn tệp cho "${slot.label}".`;
  }
  return { errors, accepted: Object.keys(errors).length ? [] : accepted };
}

/** A safe file name to keep and offer back: no path, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200);
  return clean || 'tep-dinh-kem';
}

/** On time (A4, national rule): finished no later than the due date, which already includes the waiting for supplements. */
export function finishedOnTime(finishedDay: string, dueDate: string | null): boolean {
  return !dueDate || finishedDay <= dueDate;
}

// ── Reuse from the user's vault (V2), plugged in by the vault ───────────────────────────────────

export interface ReuseContext {
  applicantId: string;
  /** The agency receiving the application. */
  agencyCode: string;
  serviceCode: string;
  component: { id: string; name: string; kind: string };
  /** Vietnam's calendar day of the submission (YYYY-MM-DD): the document must be valid then. */
  day: string;
}

/** A document of the user's vault that satisfies a component; its file is already in the file store. */
export interface ReusedDocument extends FileRef {
  documentId: string;
  /** The agency's name that accepted it, shown to the user ("the form says so and names the source"). */
  acceptedBy: string;
  validUntil: string | null;
}

/**
 * A component a national database stands in for (Art. 15.3): no file, the database named beside
 * it; `record` logs the use in the submission's transaction once the application exists.
 */
export interface SourcedComponent {
  sourceName: string;
  /**
   * What was found there, in the person's words ("Giấy khai sinh số 12/2026 …"); null: a paper
   * required unless this database provides it, and it did not (not there, or the source failed) —
   * the paper is asked for.
   */
  found: string | null;
  record: (trx: DB, application: { id: string; code: string; agencyCode: string; componentId: string }) => Promise<void>;
}

/** Whether a component is already satisfied by the vault or a national database; none when neither is plugged in. */
export type ReusableLookup = (ctx: ReuseContext) => Promise<ReusedDocument | SourcedComponent | null>;

// ── The e-form as a paper of the dossier (A1, A5) ────────────────────────────────────────────────

/** Kinds of paper the applicant writes on the authority's template: the e-form can stand in for one. */
const FORM_KINDS = new Set(['to-khai', 'don-de-nghi']);

const folded = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The dossier component the e-form itself replaces — the catalog's "Tờ khai … theo mẫu" or "Đơn
 * đề nghị … theo Mẫu số NN" — so no one counts it as a missing file. The rule: a component of kind
 * 'to-khai' or 'don-de-nghi' that no attachment field of the form asks a file for, whose name
 * begins with the form's title or names its number; failing that, the only such component.
 * Another written paper (a second declaration, a pledge) stays a paper to send.
 */
export function eFormComponent<C extends { id: string; name: string; kind: string }>(
  def: { title: string; number?: string; sections: readonly { fields: readonly { type: string; component?: string }[] }[] },
  components: readonly C[],
): C | undefined {
  const asked = new Set(def.sections.flatMap((s) => s.fields.flatMap((f) => (f.type === 'attachment' && f.component ? [f.component] : []))));
  const candidates = components.filter((c) => FORM_KINDS.has(c.kind) && !asked.has(c.id));
  const title = folded(def.title);
  const number = def.number ? folded(def.number) : undefined;
  const named = candidates.find((c) => folded(c.name).startsWith(title) || (number !== undefined && folded(c.name).includes(number)));
  return named ?? (candidates.length === 1 ? candidates[0] : undefined);
}
