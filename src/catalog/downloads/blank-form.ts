// Level-2 downloads (SPEC C6 / F5): each form of a service as a blank .docx and .pdf that prints
// like the official paper form. The catalog knows only the form's name and the labels of its
// items; they become a sheet for the portal's one paper renderer (src/web/paper).
import { renderSheetDocx } from '../../web/paper/docx.ts';
import { renderSheetPdf } from '../../web/paper/pdf.ts';
import { SIGN_HINT, signerFor, type PhotoBox, type PrintSheet } from '../../web/paper/sheet.ts';

export interface BlankFormInput {
  code: string;
  slug: string;
  /** As in the catalog: "Mẫu số 02 — Đơn đề nghị cấp Chứng chỉ hành nghề dược". */
  name: string;
  fields: string[];
  /** The deciding agency, printed after "Kính gửi:". */
  addressee: string;
  /** Kept in the file's properties; the paper form itself does not print it. */
  serviceName: string;
}

// ── Names and titles ───────────────────────────────────────────────────────────────────────────

/** `Mau02_CapCCHNDuoc.docx`: ASCII letters, digits, `_` and `-` only, so every browser and OS keeps it. */
export function downloadFileName(form: { code: string; slug: string }, ext: 'docx' | 'pdf' | 'doc'): string {
  const clean = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9_-]+/g, '');
  const code = clean(form.code) || 'BieuMau';
  const slug = clean(form.slug);
  return `${slug ? `${code}_${slug}` : code}.${ext}`;
}

// The catalog separates the form number from its title with a spaced dash: "Mẫu số 02 — Đơn …".
// A bare hyphen inside a number ("Phụ lục I-1") is not a separator.
const SEPARATOR = /\s+[—–-]\s+/;

function splitName(name: string): { number: string; title: string } {
  const m = SEPARATOR.exec(name);
  if (!m) return { number: '', title: name.trim() };
  return { number: name.slice(0, m.index).trim(), title: name.slice(m.index + m[0].length).trim() };
}

// A trailing "(dùng cho …)" is printed as an italic line under the title, as official forms do.
const TRAILING_NOTE = /\s*(\([^()]*\))\s*$/;

/** The printed title: the text after the separator, without a trailing "(…)" note, in Vietnamese capitals. */
export function formTitle(name: string): string {
  return splitName(name).title.replace(TRAILING_NOTE, '').trim().toLocaleUpperCase('vi');
}

/** The trailing "(…)" note of the title, with its first letter capitalised, or '' when there is none. */
export function formSubtitle(name: string): string {
  const note = TRAILING_NOTE.exec(splitName(name).title)?.[1];
  if (!note) return '';
  return `(${note.charAt(1).toLocaleUpperCase('vi')}${note.slice(2)}`;
}

/** The form-number line printed at the top right ("Mẫu số 02"), or '' when the name has none. */
export function formNumberLine(name: string): string {
  return splitName(name).number;
}

// ── The sheet ──────────────────────────────────────────────────────────────────────────────────

const PLEDGE = 'Tôi xin cam đoan những nội dung khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật về nội dung đã khai.';

// Answers that usually run long (addresses, reasons, lists) get a second dotted line.
const LONG_ANSWER =
  /^(địa chỉ|địa điểm|nơi|lý do|nội dung|phạm vi|quá trình|thông tin|danh mục|danh sách|các giấy tờ|cơ cấu|lộ trình|ngành, nghề|hàng hóa|mục đích|căn cứ|tên cha|họ tên cha|tình trạng hưởng|tài sản|đề nghị cấp)/iu;

const PHOTO = /^ảnh\s/iu;

// "Ảnh chân dung 4 cm x 6 cm": a box of that size, captioned "Ảnh chân dung" over "4 cm x 6 cm".
function photoBox(label: string): PhotoBox {
  const m = /\(?\s*(\d+)\s*(?:cm)?\s*[x×]\s*(\d+)\s*cm\s*\)?/i.exec(label);
  if (!m) return { caption: [label], widthMm: 40, heightMm: 60 };
  const before = label.slice(0, m.index).trim();
  const size = m[0].trim();
  return { caption: before ? [before, size] : [size], widthMm: Number(m[1]) * 10, heightMm: Number(m[2]) * 10 };
}

/** The blank paper form of a catalog form: one numbered line (or two, for long answers) per item. */
export function blankFormSheet(raw: BlankFormInput): PrintSheet {
  // Composed text: decomposed vowels and marks would be shaped and extracted as separate characters.
  const nfc = (t: string) => t.normalize('NFC');
  const name = nfc(raw.name);
  const fields = raw.fields.map((f) => nfc(f).trim());
  const title = formTitle(name);
  const photoLabel = fields.find((f) => PHOTO.test(f));
  return {
    numberLine: formNumberLine(name),
    title,
    subtitle: formSubtitle(name),
    addressee: nfc(raw.addressee).trim(),
    blocks: fields.filter((f) => f !== photoLabel).map((label, i) => ({ kind: 'line', number: `${i + 1}.`, label, lines: LONG_ANSWER.test(label) ? 2 : 1 })),
    pledge: [PLEDGE],
    placeDate: { place: '' },
    signer: signerFor(title),
    signHint: SIGN_HINT,
    signName: '',
    photo: photoLabel ? photoBox(photoLabel) : undefined,
    fitOnePage: true,
    filled: false,
    meta: { title: splitName(name).title, subject: nfc(raw.serviceName) },
  };
}

export function renderBlankPdf(input: BlankFormInput): Promise<Buffer> {
  return renderSheetPdf(blankFormSheet(input));
}

export function renderBlankDocx(input: BlankFormInput): Promise<Buffer> {
  return renderSheetDocx(blankFormSheet(input));
}
