// From the text of a paper form to a draft definition an administrator corrects (F1): numbered
// headings become sections, labels with dotted lines fields, boxes choices, a table with empty
// rows a repeating group. The national motto, "Kính gửi", the signature block and the footnotes
// are recognised and left out, and the summary says so.
import type { ChoiceField, Field, FieldType, FormDefinition, GroupField, Option, PrefillKey, Section } from '../model.ts';
import type { PaperBlock } from './docx.ts';
import { codeFrom, idFrom, labelAndHelp, plain, sentenceCase, singleAnswer, typeOfLabel } from './labels.ts';
import { cleanLabel, isBlankLine, parseLine, withoutMarks, type FieldPiece } from './lines.ts';

export const SKIP_KINDS = ['motto', 'header', 'title', 'formNumber', 'legal', 'addressee', 'signature', 'footnote', 'attachments', 'prose'] as const;
export type SkipKind = (typeof SKIP_KINDS)[number];

export interface DraftSummary {
  sections: number;
  fields: number;
  /** Fields by type, columns of repeating groups included. */
  byType: Partial<Record<FieldType, number>>;
  /** Lines recognised and not made into fields, in order. */
  skipped: { kind: SkipKind; text: string }[];
  /** What the administrator must still do. */
  todo: string[];
}

export interface Draft {
  definition: FormDefinition;
  summary: DraftSummary;
}

/** Services the draft is for: unknown from the paper, so a placeholder the administrator replaces. */
export const PLACEHOLDER_SERVICE = '0.000000';

const MOTTO = /^(cộng hòa|cộng hoà) xã hội chủ nghĩa việt nam$|^độc lập\s*[-–—]\s*tự do\s*[-–—]\s*hạnh phúc$|^[-–—_=*.\s]{3,}$/i;
const FOOTNOTE_HEADING = /^(chú thích|ghi chú|hướng dẫn (cách )?(ghi|khai|điền)[^:]*|lưu ý)\s*:?\s*$/i;
const SIGNATURE = /^\(?\s*(ký|kí)(?=[\s,)]).{0,80}$|^\([^)]{0,60}[\s(](ký|kí),? (và )?ghi rõ[^)]{0,40}\)$|^(người|chủ) (khai|làm đơn|yêu cầu|đề nghị|viết tờ khai|đại diện|kê khai|đầu tư)(?=$|[\s,/(])[^:…]{0,40}$|^(xác nhận|ý kiến) của\s[^:…]{0,80}$/i;
const PLEDGE = /^(tôi|chúng tôi) (xin )?(cam đoan|cam kết|chịu (hoàn toàn )?trách nhiệm|xin chịu)/i;
const LEGAL = /^\(?\s*(ban hành )?kèm theo\b/i;
/** "Mẫu số 01", "Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA …". */
const FORM_NUMBER = /^(mẫu(?:\s+số)?\s+[\w./-]{1,20})(?:\s*[,(]?\s*((?:ban hành )?kèm theo\s.*?)\)?)?$/i;
const ATTACHMENTS = /^(gửi kèm theo|kèm theo đơn|giấy tờ (gửi |nộp )?kèm theo|tài liệu kèm theo|hồ sơ kèm theo)/i;
const NUMBERING_COLUMN = /^(stt|tt|số tt|số thứ tự)\.?$/i;

const letters = (s: string) => s.replace(/[^\p{L}]/gu, '');
const isUpper = (s: string) => letters(s).length >= 6 && letters(s) === letters(s).toLocaleUpperCase('vi');

/** Lines in reading order; tables that are not repeating groups read cell by cell, a "label | blank" row as a label with a dotted line. */
/** `header`: a line of the table that holds the national motto — the issuer's name and number beside it. */
type Item = { kind: 'line'; text: string; numbered?: boolean; header?: boolean } | { kind: 'group'; rows: string[][] };

const blankCell = (c: string) => isBlankLine(c);

function isGroupTable(rows: string[][]): boolean {
  const header = rows[0];
  if (!header || rows.length < 2 || header.length < 2 || header.some(blankCell)) return false;
  if (header.every((c) => NUMBERING_COLUMN.test(cleanLabel(c)))) return false;
  return rows.slice(1).some((r) => r.every(blankCell));
}

/** A header row of names, then rows of a label and blank cells: the same questions for each column. */
function isMatrixTable(rows: string[][]): boolean {
  const header = rows[0];
  if (!header || header.length < 3 || header.slice(1).some(blankCell) || rows.length < 3) return false;
  return rows.slice(1).every((r) => !blankCell(r[0] ?? '') && r.slice(1).every(blankCell));
}

function itemsOf(blocks: PaperBlock[]): Item[] {
  const items: Item[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      for (const text of b.text.split('\n')) items.push({ kind: 'line', text, ...(b.numbered && { numbered: true }) });
      continue;
    }
    if (isGroupTable(b.rows)) {
      items.push({ kind: 'group', rows: b.rows });
      continue;
    }
    if (isMatrixTable(b.rows)) {
      // "Thông tin | Bên nữ | Bên nam": each column after the first is a person, a section of its own.
      const [header, ...rows] = b.rows;
      for (let j = 1; j < header!.length; j++) {
        items.push({ kind: 'line', text: header![j]!, numbered: true });
        for (const row of rows) if (!blankCell(row[0] ?? '')) items.push({ kind: 'line', text: `${row[0]!.replace(/:\s*$/, '')}: ……` });
      }
      continue;
    }
    if (b.rows.length <= 3 && b.rows.flat().some((c) => c.split('\n').some((l) => MOTTO.test(l.trim())))) {
      // "BỘ TƯ PHÁP | CỘNG HÒA …", "Số: …… | Hà Nội, ngày …": the page's heading, not the form's questions.
      for (const text of b.rows.flat().flatMap((c) => c.split('\n'))) items.push({ kind: 'line', text, header: true });
      continue;
    }
    for (const row of b.rows) {
      row.forEach((cell, i) => {
        const next = row[i + 1];
        const lines = cell.split('\n');
        if (next !== undefined && blankCell(next) && !blankCell(cell) && lines.length === 1 && !/[.…_]{2}/.test(cell)) items.push({ kind: 'line', text: `${cell.replace(/:\s*$/, '')}: ……` });
        else for (const text of lines) items.push({ kind: 'line', text });
      });
    }
  }
  return items;
}

function optionsOf(labels: string[]): Option[] {
  const taken = new Set<string>();
  return labels.map((label) => ({ value: idFrom(label, taken, 'kebab', 'lua-chon').slice(0, 100), label: label.slice(0, 500) }));
}

class Builder {
  sections: { title: string; fields: Field[] }[] = [];
  skipped: DraftSummary['skipped'] = [];
  title?: string;
  subtitle?: string;
  number?: string;
  legalBasis?: string;
  addressee?: string;
  signer?: string;
  signHint?: string;
  /** "Gửi kèm theo Đơn này các tài liệu:": the numbered blank lines under it are papers, not fields. */
  attachmentsLabel?: string;
  /** A line ending with ":" and nothing to write: the label of the boxes or table under it, or a section's title. */
  pending?: string;
  openChoice?: ChoiceField;
  pledge?: Field;
  /** The form numbers its headings ("1. Thông tin về chủ đầu tư:"), so "5. Thời gian: ……" is a heading with its field too. */
  numberedHeadings = false;
  ids = new Set<string>();
  private used = new Set<PrefillKey>();
  private names = 0;

  skip(kind: SkipKind, text: string) {
    this.skipped.push({ kind, text: text.trim().slice(0, 200) });
  }

  section(title: string) {
    this.sections.push({ title: cleanLabel(title).slice(0, 300) || 'Thông tin', fields: [] });
  }

  /** Fields go into the last section; a pending "…:" line before them becomes a section of its own. */
  add(field: Field) {
    if (this.pending) {
      this.section(this.pending);
      this.pending = undefined;
    }
    if (!this.sections.length) this.section('Thông tin chung');
    this.sections[this.sections.length - 1]!.fields.push(field);
  }

  /** Stored data is offered for the first person the form asks about, once per key. */
  private prefill(key: PrefillKey | undefined, names: boolean | undefined): PrefillKey | undefined {
    if (names) this.names++;
    if (!key || this.names > 1 || this.used.has(key)) return undefined;
    this.used.add(key);
    return key;
  }

  field(piece: FieldPiece, ids = this.ids, inGroup = false): Field {
    const { label: printed, help } = labelAndHelp(piece.label);
    const label = printed.slice(0, 500);
    const typed = typeOfLabel(label, piece.unit);
    let type: FieldType = typed.type;
    if (piece.address) type = 'address';
    else if (piece.date && !/bang chu/.test(plain(label))) type = 'date';
    const id = idFrom(label, ids, 'camel', 'truong');
    const prefill = inGroup ? undefined : this.prefill(type === typed.type ? typed.prefill : undefined, typed.names);
    const common = { id, label, ...(help && { help }), ...(prefill && { prefill }) };
    if (type === 'choice') return { ...common, type, options: optionsOf(['Nam', 'Nữ']) };
    return { ...common, type } as Field;
  }

  choice(printed: string, options: string[], multiple: boolean): ChoiceField {
    const { label, help } = labelAndHelp(printed);
    const typed = typeOfLabel(label);
    const prefill = !multiple && typed.type === 'choice' ? this.prefill(typed.prefill, false) : undefined;
    const id = idFrom(label, this.ids, 'camel', 'luaChon');
    return { id, type: multiple ? 'multichoice' : 'choice', label: label.slice(0, 500), ...(help && { help }), options: optionsOf(options), ...(prefill && { prefill }) };
  }

  checkbox(printed: string): Field {
    const { label, help } = labelAndHelp(printed);
    return { id: idFrom(label, this.ids, 'camel', 'oDanhDau'), type: 'checkbox', label: label.slice(0, 500), ...(help && { help }) };
  }

  group(label: string, rows: string[][]): GroupField {
    const inner = new Set<string>();
    const columns = rows[0]!.map((c, i) => cleanLabel(c.replace(/\n/g, ' ')) || `Cột ${i + 1}`).filter((c) => !NUMBERING_COLUMN.test(c));
    const fields = columns.map((c) => this.field({ label: c.slice(0, 500) }, inner, true));
    return { id: idFrom(label, this.ids, 'camel', 'nhom'), type: 'group', label: label.slice(0, 500), fields };
  }
}

function readLine(b: Builder, raw: string, numbered: boolean, footnotes: { on: boolean }) {
  const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (isBlankLine(text)) return;
  if (footnotes.on) return b.skip('footnote', text);
  if (FOOTNOTE_HEADING.test(text)) {
    footnotes.on = true;
    return b.skip('footnote', text);
  }
  if (MOTTO.test(text)) return b.skip('motto', text);
  const formNumber = FORM_NUMBER.exec(text);
  if (formNumber) {
    b.number ??= formNumber[1]!;
    if (formNumber[2]) b.legalBasis ??= sentenceCase(formNumber[2]).slice(0, 500);
    return b.skip('formNumber', text);
  }
  if (LEGAL.test(text)) {
    b.legalBasis ??= text.replace(/^\(|\)$/g, '').slice(0, 500);
    return b.skip('legal', text);
  }
  if (/^kính gửi\b/i.test(text)) {
    const to = cleanLabel(text.replace(/^kính gửi\s*:?/i, '').replace(/[.…_]{2,}|…/g, ' '));
    if (to) b.addressee ??= to.slice(0, 300);
    return b.skip('addressee', text);
  }
  if (SIGNATURE.test(text)) {
    if (/^\(\s*k[ýí]/i.test(text)) b.signHint ??= text.slice(0, 200);
    else if (/^(người|chủ) /i.test(text)) b.signer ??= sentenceCase(withoutMarks(text)).slice(0, 100);
    return b.skip('signature', text);
  }
  const { heading, lines } = parseLine(text);
  const first = lines[0]!;
  if (lines.length === 1 && first.kind === 'signing') return b.skip('signature', text);
  if (lines.length === 1 && first.kind === 'text') return readText(b, text, first.text, !!heading, numbered);
  b.pledge = undefined;
  if (heading && b.numberedHeadings && lines.length === 1 && (first.kind === 'choice' || (first.kind === 'fields' && first.fields.length === 1))) {
    b.pending = undefined;
    b.section(first.kind === 'choice' ? first.label : first.fields[0]!.label);
  }
  for (const line of lines) {
    if (line.kind !== 'options') b.openChoice = undefined;
    if (line.kind === 'fields') for (const piece of line.fields) b.add(b.field(piece));
    else if (line.kind === 'choice') b.add(line.options.length ? b.choice(line.label, line.options, false) : b.checkbox(line.label));
    else if (line.kind === 'options') readOptions(b, line.options);
  }
}

/** A line with nowhere to write: the title, a heading, the pledge, the label of what follows, or prose. */
function readText(b: Builder, text: string, words: string, heading: boolean, numbered: boolean) {
  b.openChoice = undefined;
  if (!heading && /^\(\d{1,2}\)/.test(text)) return b.skip('footnote', text);
  if (!b.title && isUpper(text)) {
    b.title = sentenceCase(text).slice(0, 300);
    return b.skip('title', text);
  }
  if (b.title && !b.sections.length && !b.subtitle && /^\(.*\)$/.test(text)) {
    b.subtitle = text.slice(0, 300);
    return b.skip('title', text);
  }
  const pledge = words.replace(/^(cam kết|cam đoan|lời cam đoan)\s*:\s*/i, '');
  if (PLEDGE.test(pledge)) {
    if (b.pledge) b.pledge.label = `${b.pledge.label} ${pledge}`.slice(0, 500);
    else b.add((b.pledge = { id: idFrom('cam doan', b.ids, 'camel', 'camDoan'), type: 'consent', label: pledge.slice(0, 500) }));
    return;
  }
  b.pledge = undefined;
  if (heading || numbered || (b.title && isUpper(text))) {
    b.pending = undefined;
    if (heading) b.numberedHeadings = true;
    return b.section(isUpper(words) ? sentenceCase(words) : words);
  }
  if (ATTACHMENTS.test(text)) {
    b.attachmentsLabel ??= cleanLabel(text).slice(0, 200);
    return b.skip('attachments', text);
  }
  if (b.attachmentsLabel && !/\p{L}/u.test(words)) return b.skip('attachments', text);
  // "(Tính từ khi đủ 14 tuổi):" explains the heading above; it names nothing.
  if (text.endsWith(':') && !/^\(/.test(text)) {
    b.pending = text;
    return;
  }
  return b.skip('prose', text);
}

/** Boxes with no label on their line: more options of the choice above, or a new one under a "…:" label. */
function readOptions(b: Builder, options: string[]) {
  if (b.openChoice) {
    b.openChoice.options = optionsOf([...b.openChoice.options.map((o) => o.label), ...options]);
    return;
  }
  if (!options.length) return;
  // "☐ Tôi đã từng bị thu hồi …" alone: one box to tick.
  if (!b.pending && options.length === 1) return b.add(b.checkbox(options[0]!));
  const label = b.pending ? cleanLabel(b.pending) : 'Lựa chọn';
  const single = b.pending ? singleAnswer(label) : true;
  const field = b.choice(label, options, !single);
  b.pending = undefined;
  b.add(field);
  b.openChoice = field;
}

/** Proposes a definition from the blocks of a paper form; null when nothing in it can be filled in. */
export function proposeDefinition(blocks: PaperBlock[], fileName: string): Draft | null {
  const b = new Builder();
  const footnotes = { on: false };
  for (const item of itemsOf(blocks)) {
    if (item.kind === 'group') {
      const current = b.sections[b.sections.length - 1];
      const label = b.pending ? cleanLabel(b.pending) : current && !current.fields.length ? current.title : 'Bảng kê';
      b.pending = undefined;
      b.openChoice = undefined;
      b.add(b.group(label, item.rows));
      continue;
    }
    if (item.header && !isBlankLine(item.text)) b.skip(MOTTO.test(item.text.trim()) ? 'motto' : 'header', item.text);
    else readLine(b, item.text, !!item.numbered, footnotes);
  }
  const sections: Section[] = [];
  const sectionIds = new Set<string>();
  for (const s of b.sections) if (s.fields.length) sections.push({ id: idFrom(s.title, sectionIds, 'kebab', 'phan'), title: s.title, fields: s.fields });
  if (!sections.length) return null;

  const title = b.title ?? sentenceCase(fileName.replace(/\.[^.]*$/, '').replace(/[_-]+/g, ' ')).slice(0, 300);
  const slug = idFrom(title, new Set(), 'camel', 'mau');
  const definition: FormDefinition = {
    format: 'dvctt-form/1',
    id: idFrom(title, new Set(), 'kebab', 'mau'),
    version: 1,
    code: codeFrom(fileName),
    slug: slug[0]!.toUpperCase() + slug.slice(1),
    ...(b.number && { number: b.number.slice(0, 100) }),
    title: title || 'Biểu mẫu',
    ...(b.addressee && { addressee: b.addressee }),
    ...(b.legalBasis && { legalBasis: b.legalBasis }),
    services: [PLACEHOLDER_SERVICE],
    sections,
  };
  const print = {
    ...(b.subtitle && { subtitle: b.subtitle }),
    ...(b.signer && { signer: b.signer }),
    ...(b.signHint && { signHint: b.signHint }),
    ...(b.attachmentsLabel && { attachmentsLabel: b.attachmentsLabel }),
  };
  if (Object.keys(print).length) definition.print = print;

  const byType: DraftSummary['byType'] = {};
  let fields = 0;
  const count = (f: Field) => {
    byType[f.type] = (byType[f.type] ?? 0) + 1;
    fields++;
    if (f.type === 'group') f.fields.forEach(count);
  };
  sections.forEach((s) => s.fields.forEach(count));
  const todo = [`Thay mã thủ tục tạm "${PLACEHOLDER_SERVICE}" trong services bằng mã TTHC của thủ tục dùng tờ khai này.`, 'Đánh dấu các trường bắt buộc (required) và thêm hướng dẫn (help) cho từng trường.'];
  if (byType.attachment === undefined) todo.push(b.attachmentsLabel ? `Mẫu có mục "${b.attachmentsLabel}": thêm một trường tệp đính kèm (attachment) cho mỗi thành phần hồ sơ.` : 'Thêm các trường tệp đính kèm (attachment) cho thành phần hồ sơ, nếu có.');
  return { definition, summary: { sections: sections.length, fields, byType, skipped: b.skipped, todo } };
}
