// One printed line of a paper form, read as a person filling it in would: the labels followed by
// dotted lines ("Họ, chữ đệm, tên: ……"), a date to write ("ngày … tháng … năm …", "…/…/…"),
// boxes to tick ("Giới tính: Nam □ Nữ □"), or words with nowhere to write.
import { DECIMAL_UNITS, INTEGER_UNITS } from './labels.ts';

/** A dotted leader: two or more dots, ellipses, underscores or middle dots, or one ellipsis. */
const LEADER = String.raw`(?:(?:[.…_·]\s?){2,}|…)`;
const LEADER_RE = new RegExp(LEADER, 'g');
const DATE_MARK = '\u0001';
const DATE_RE = new RegExp(String.raw`(?:${LEADER}?\s*giờ\s*${LEADER}?\s*phút\s*,?\s*)?ngày\s*${LEADER}\s*tháng\s*${LEADER}\s*năm\s*(?:${LEADER})?|${LEADER}\s*/\s*${LEADER}\s*/\s*(?:${LEADER})?`, 'gi');
export const BOX = /[☐□❑❒▢◻☒☑■\u2610]/;
const BOXES = new RegExp(BOX.source, 'g');
const DIGIT_BOXES = new RegExp(`(?:${BOX.source}\\s?){3,}`);
const ADDRESS_PART = /^(số nhà|đường\/?\s?phố|đường|phố|phường\/?\s?xã|xã\/?\s?phường|phường|xã|quận\/?\s?huyện|huyện|tỉnh\/?\s?thành phố|tỉnh|thành phố|thôn\/?\s?xóm|thôn|xóm|ấp|tổ dân phố)$/i;
const UNIT = /^(m2|m²|m3|m³|m|km|ha|%|bản|tháng|năm|người|tầng|ngày|lần|căn|phòng|phiếu|Phiếu)(?=$|[\s.,;)])[.,;]?\s*/;

export interface FieldPiece {
  label: string;
  /** The line asks for a date here. */
  date?: boolean;
  /** "m²", "bản" written after the dotted line. */
  unit?: string;
  /** An address written in parts (số nhà, đường/phố, xã/phường, tỉnh/thành phố). */
  address?: boolean;
}

export type Line =
  | { kind: 'fields'; fields: FieldPiece[] }
  | { kind: 'choice'; label: string; options: string[] }
  | { kind: 'options'; options: string[] }
  /** "…, ngày … tháng … năm …" or "Làm tại: …": where and when the form is signed. */
  | { kind: 'signing' }
  | { kind: 'text'; text: string };

export interface ParsedLine {
  /** "1.", "II.", "a)" at the start of the line. */
  heading?: string;
  /** What the line holds, left to right: "Ngày sinh: …… Giới tính: Nam □ Nữ □" is fields, then a choice. */
  lines: Line[];
}

const HEADING = /^((?:\d{1,2}\.)+\d{0,2}\.?|\d{1,2}\)|[IVX]{1,5}\.|[a-zđ]\))\s+(?=\S)/;

/** Footnote marks "(1)", "(*)" and superscript digits in a label are the form's, not the field's. */
export function withoutMarks(s: string): string {
  return s
    .replace(/\s*\((?:\d{1,2}|\*{1,3})\)/g, ' ')
    .replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=\s|:|$)/g, (m, at: number, all: string) => (/m$/i.test(all.slice(0, at)) ? m : ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A label as printed, without its colon, bullet, marks or stray punctuation at either end. */
export function cleanLabel(s: string): string {
  return withoutMarks(s)
    .replace(/^[\s\-+•*–—,;.:]+/, '')
    .replace(/[\s,;:]+$/, '')
    .replace(/\s*\($/, '')
    .trim();
}

const cleanOption = (s: string) => cleanLabel(s.replace(LEADER_RE, ' ')).replace(/^\)\s*/, '');

function boxes(t: string): Line[] {
  const first = t.search(BOX);
  const colon = t.lastIndexOf(':', first);
  // "Ngày sinh: ……/……/……   Giới tính: Nam □ Nữ □": the fields before the choice's label first.
  let start = -1;
  for (const m of t.slice(0, Math.max(colon, 0)).matchAll(LEADER_RE)) start = m.index + m[0].length;
  if (start > 0) return [...read(t.slice(0, start)), ...boxes(t.slice(start))];
  const label = colon >= 0 ? cleanLabel(t.slice(0, colon)) : '';
  const rest = colon >= 0 ? t.slice(colon + 1) : t;
  const parts = rest.split(BOXES);
  // "□ Cấp lần đầu □ Cấp lại": text after each box; "Nam □ Nữ □": text before each box.
  const before = rest.trim().search(BOX) !== 0;
  const options = (before ? parts.slice(0, -1).concat(cleanOption(parts[parts.length - 1] ?? '') ? [parts[parts.length - 1]!] : []) : parts.slice(1)).map(cleanOption).filter(Boolean);
  return [label ? { kind: 'choice', label, options } : { kind: 'options', options }];
}

/** Reads one line of the form (already without its numbering). */
function read(t: string): Line[] {
  // A row of empty boxes (one per digit of a personal number) is room to write, not options.
  if (DIGIT_BOXES.test(t)) return read(t.replace(new RegExp(DIGIT_BOXES.source, 'g'), ' …… '));
  if (BOX.test(t)) return boxes(t);
  const dates = [...t.matchAll(DATE_RE)].map((m) => m[0].replace(new RegExp(`^${LEADER}?\\s*`), ''));
  const marked = t.replace(DATE_RE, DATE_MARK);
  if (/^làm tại\b/i.test(t)) return [{ kind: 'signing' }];
  const at = marked.indexOf(DATE_MARK);
  if (at >= 0) {
    // "Hà Nội, ngày … tháng … năm …" or "……, ngày …": a place (or nothing), then the date, then nothing.
    const before = marked.slice(0, at).replace(LEADER_RE, '').trim();
    const after = marked.slice(at + 1).replace(LEADER_RE, '').trim();
    if (!after && (before === '' || (before.endsWith(',') && !before.includes(':') && before.length < 60))) return [{ kind: 'signing' }];
  }
  const pieces = marked.split(new RegExp(`(${LEADER}|${DATE_MARK})`, 'g'));
  if (pieces.length === 1) return [{ kind: 'text', text: t.trim() }];
  const fields: FieldPiece[] = [];
  let d = -1;
  for (let i = 0; i + 1 < pieces.length; i += 2) {
    let text = pieces[i]!;
    const leader = pieces[i + 1]!;
    if (leader === DATE_MARK) d++;
    const unit = UNIT.exec(text.trim());
    const previous = fields[fields.length - 1];
    // "…… m², Tại: ……": a unit, then the next label; "…… ngày thu hồi: ……" is a label.
    if (unit && previous && i > 0 && (DECIMAL_UNITS.test(unit[1]!) || text.trim().length === unit[0].trim().length)) {
      previous.unit ??= unit[1]!;
      text = text.trim().slice(unit[0].length);
    }
    let label = cleanLabel(text.replace(/^\s*(?:\d{1,2}\.)+\s+/, ''));
    // "Địa chỉ: số nhà …… đường/phố …… xã/phường ……": one address, written in parts.
    const parts = /^([^:]+):\s*(.+)$/.exec(label);
    if (parts && ADDRESS_PART.test(parts[2]!)) {
      fields.push({ label: cleanLabel(parts[1]!), address: true });
      continue;
    }
    if (previous?.address && ADDRESS_PART.test(label)) continue;
    if (!label || !/\p{L}/u.test(label)) {
      // "…… ngày …… tháng …… năm ……" after a dotted line: the date the line asks for.
      if (leader === DATE_MARK) fields.push({ label: 'Ngày', date: true });
      continue;
    }
    // "ghi bằng chữ: ……" after "Ngày, tháng, năm sinh: ……" continues the line's first label.
    if (fields.length && /^\p{Ll}/u.test(label)) label = `${fields[0]!.label} ${label}`;
    // "Cấp ngày …… tháng …… năm ……": the date's own "ngày" belongs to the label.
    if (leader === DATE_MARK && !/:\s*$/.test(text) && !/ngày/i.test(label) && /^ngày/i.test(dates[d] ?? '')) label = `${label} ngày`;
    fields.push({ label, ...(leader === DATE_MARK && { date: true }) });
  }
  const tail = pieces.length % 2 === 1 ? pieces[pieces.length - 1]!.trim() : '';
  const last = fields[fields.length - 1];
  const unit = UNIT.exec(tail);
  if (last && unit && (DECIMAL_UNITS.test(unit[1]!) || INTEGER_UNITS.test(unit[1]!))) last.unit ??= unit[1]!;
  if (!fields.length) return [{ kind: 'text', text: cleanLabel(marked.replace(LEADER_RE, ' ').replace(DATE_MARK, ' ')) }];
  return [{ kind: 'fields', fields }];
}

export function parseLine(raw: string): ParsedLine {
  let t = raw.normalize('NFC').replace(/\t+/g, ' ').replace(/\s+/g, ' ').trim();
  t = t.replace(/^[-+•*–—]\s+/, '');
  const h = HEADING.exec(t);
  if (h) return { heading: h[1]!, lines: read(t.slice(h[0].length)) };
  return { lines: read(t) };
}

/** A line with nothing on it but dots or underscores: room to go on writing. */
export function isBlankLine(raw: string): boolean {
  return raw.replace(LEADER_RE, '').replace(/[\s.…_·:,;-]/g, '') === '';
}
