// Level-2 downloads (SPEC C6 / F5): each form of a service as a blank .docx and .pdf that prints
// like the official paper form — motto, form number, title, addressee, dotted lines, signature.
import PDFDocument from 'pdfkit';
import { collect, face, pt, registerFonts, type FontName } from '../../web/pdf.ts';
import { CONTENT_TWIPS, half, MARGIN_MM, paperDocx, twip } from '../../web/docx.ts';
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  LeaderType,
  LineRuleType,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

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
export function downloadFileName(form: { code: string; slug: string }, ext: 'docx' | 'pdf'): string {
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

// ── What the sheet holds, shared by both renderings ────────────────────────────────────────────

interface Sheet {
  numberLine: string;
  title: string;
  subtitle: string;
  addressee: string;
  fields: { text: string; extraLines: number }[];
  photo: { caption: string[]; widthMm: number; heightMm: number } | null;
  signer: string;
  metaTitle: string;
  metaSubject: string;
}

const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_2 = 'Độc lập - Tự do - Hạnh phúc';
const PLEDGE =
  'Tôi xin cam đoan những nội dung khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật về nội dung đã khai.';
const PLACE_DATE = '…………, ngày …… tháng …… năm ……';
const SIGN_HINT = '(Ký và ghi rõ họ tên)';

// Answers that usually run long (addresses, reasons, lists) get a second dotted line.
const LONG_ANSWER =
  /^(địa chỉ|địa điểm|nơi|lý do|nội dung|phạm vi|quá trình|thông tin|danh mục|danh sách|các giấy tờ|cơ cấu|lộ trình|ngành, nghề|hàng hóa|mục đích|căn cứ|tên cha|họ tên cha|tình trạng hưởng|tài sản|đề nghị cấp)/iu;

const PHOTO = /^ảnh\s/iu;

// "Ảnh chân dung 4 cm x 6 cm": a box of that size, captioned "Ảnh chân dung" over "4 cm x 6 cm".
function photoBox(label: string): NonNullable<Sheet['photo']> {
  const m = /\(?\s*(\d+)\s*(?:cm)?\s*[x×]\s*(\d+)\s*cm\s*\)?/i.exec(label);
  if (!m) return { caption: [label], widthMm: 40, heightMm: 60 };
  const before = label.slice(0, m.index).trim();
  const size = m[0].trim();
  return {
    caption: before ? [before, size] : [size],
    widthMm: Number(m[1]) * 10,
    heightMm: Number(m[2]) * 10,
  };
}

function signerFor(title: string): string {
  if (/^ĐƠN\b/.test(title)) return 'NGƯỜI LÀM ĐƠN';
  if (/^(TỜ KHAI|BẢN KHAI)\b/.test(title)) return 'NGƯỜI KHAI';
  return 'NGƯỜI ĐỀ NGHỊ';
}

function sheetOf(raw: BlankFormInput): Sheet {
  // Composed text: decomposed vowels and marks would be shaped and extracted as separate characters.
  const nfc = (t: string) => t.normalize('NFC');
  const input = {
    ...raw,
    name: nfc(raw.name),
    addressee: nfc(raw.addressee),
    serviceName: nfc(raw.serviceName),
    fields: raw.fields.map(nfc),
  };
  const title = formTitle(input.name);
  const photoLabel = input.fields.find((f) => PHOTO.test(f.trim()));
  const written = input.fields.filter((f) => f !== photoLabel);
  return {
    numberLine: formNumberLine(input.name),
    title,
    subtitle: formSubtitle(input.name),
    addressee: input.addressee.trim(),
    fields: written.map((label, i) => ({
      text: `${i + 1}. ${label.trim()}:`,
      extraLines: LONG_ANSWER.test(label.trim()) ? 1 : 0,
    })),
    photo: photoLabel ? photoBox(photoLabel.trim()) : null,
    signer: signerFor(title),
    metaTitle: splitName(input.name).title,
    metaSubject: input.serviceName,
  };
}

// ── Page geometry: A4, margins of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) ──

const SIZE = { body: 13, motto: 13, motto2: 14, title: 14, caption: 11 };
// The signature block takes the right 60 % (the place/date line is long); the photo box the left 40 %.
const SIGNATURE_SHARE = 0.6;

// ── PDF ────────────────────────────────────────────────────────────────────────────────────────

// A fixed date keeps the bytes of a blank form the same from one download to the next.
const FIXED_DATE = new Date(Date.UTC(2025, 0, 1));
const LINE = 22; // pitch of a written line, about 7.8 mm: room for handwriting

function newPdf(sheet: Sheet): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: {
      top: pt(MARGIN_MM.top),
      bottom: pt(MARGIN_MM.bottom),
      left: pt(MARGIN_MM.left),
      right: pt(MARGIN_MM.right),
    },
    font: face('regular') as string, // pdfkit's types know only paths here
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: sheet.metaTitle,
      Subject: sheet.metaSubject,
      Creator: 'dvctt',
      Producer: 'dvctt',
      CreationDate: FIXED_DATE,
    },
  });
  registerFonts(doc);
  return doc;
}


/** Breaks `text` into lines of at most `width` points, word by word. */
function wrap(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && doc.widthOfString(next) > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines;
}

// One line of the form's body: text at the left, and dots to the right margin when `leader`.
interface Row {
  text: string;
  leader: boolean;
}

/** The field rows: a label too long for one line wraps; the dots go on a line of their own when
 *  too little room is left after it; a long answer gets a further line of dots. */
function rows(doc: PDFKit.PDFDocument, sheet: Sheet, width: number): Row[] {
  doc.font('regular').fontSize(SIZE.body);
  const out: Row[] = [];
  for (const field of sheet.fields) {
    const lines = wrap(doc, field.text, width);
    const last = lines.pop() ?? '';
    out.push(...lines.map((text) => ({ text, leader: false })));
    if (width - doc.widthOfString(last) < pt(35)) out.push({ text: last, leader: false }, { text: '', leader: true });
    else out.push({ text: last, leader: true });
    for (let i = 0; i < field.extraLines; i++) out.push({ text: '', leader: true });
  }
  return out;
}

const MIN_LINE = 18; // 6.3 mm: the closest written lines may come and still take handwriting
const SIGNING_ROOM = pt(22); // blank space under "(Ký và ghi rõ họ tên)" for the signature

/** The pitch of the written lines: LINE, tightened down to MIN_LINE when that keeps the form on one page. */
function linePitch(rowCount: number, room: number): number {
  if (rowCount === 0 || rowCount * LINE <= room) return LINE;
  if (rowCount * MIN_LINE > room) return LINE; // a second page is needed anyway
  return Math.floor((room / rowCount) * 10) / 10;
}

/**
 * Lays the sheet out on `doc`: with `draw` false it only measures, so the same code gives the
 * heights that choose the line pitch and the lines that are then drawn.
 */
function layOut(doc: PDFKit.PDFDocument, sheet: Sheet, pitch: number, draw: boolean) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const right = left + width;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const center = left + width / 2;
  let y = doc.page.margins.top;

  const put = (text: string, font: FontName, size: number, x: number, w: number, options: PDFKit.Mixins.TextOptions) => {
    doc.font(font).fontSize(size);
    if (draw) {
      doc.text(text, x, y, { width: w, ...options });
      y = doc.y;
    } else {
      y += doc.heightOfString(text, { width: w, ...options });
    }
  };
  const centered = (text: string, font: FontName, size: number, lineGap: number) =>
    put(text, font, size, left, width, { align: 'center', lineGap });
  const room = (height: number) => {
    if (y + height > bottom) {
      if (draw) doc.addPage();
      y = doc.page.margins.top;
    }
  };

  // Header: form number at the top right, the national motto with its rule, title, addressee.
  if (sheet.numberLine) {
    put(sheet.numberLine, 'bold', SIZE.body, left, width, { align: 'right' });
    y += 4;
  }
  centered(MOTTO, 'bold', SIZE.motto, 2);
  centered(MOTTO_2, 'bold', SIZE.motto2, 0);
  y += 2;
  if (draw) {
    const ruleWidth = doc.font('bold').fontSize(SIZE.motto2).widthOfString(MOTTO_2);
    doc
      .moveTo(center - ruleWidth / 2, y)
      .lineTo(center + ruleWidth / 2, y)
      .lineWidth(0.8)
      .stroke();
  }
  y += 26;
  centered(sheet.title, 'bold', SIZE.title, 4);
  if (sheet.subtitle) centered(sheet.subtitle, 'italic', SIZE.body, 2);
  y += 12;
  centered(`Kính gửi: ${sheet.addressee}`, 'regular', SIZE.body, 4);
  y += 14;
  const headerEnd = y;

  // Fields. Dots are set flush with the right margin, so every line ends at the same place.
  doc.font('regular').fontSize(SIZE.body);
  const dot = doc.widthOfString('.');
  const space = doc.widthOfString(' ');
  const fieldRows = rows(doc, sheet, width);
  for (const row of fieldRows) {
    room(pitch);
    if (draw) {
      doc.font('regular').fontSize(SIZE.body);
      if (row.text) doc.text(row.text, left, y, { lineBreak: false });
      if (row.leader) {
        const from = row.text ? left + doc.widthOfString(row.text) + space : left;
        const count = Math.floor((right - from) / dot);
        doc.text('.'.repeat(count), right - count * dot, y, { lineBreak: false });
      }
    }
    y += pitch;
  }

  // The pledge, place and date, and the signature block (right) with the photo box (left) stay
  // together: a page never starts with the signature alone.
  const pledge = { align: 'justify', lineGap: 4, indent: pt(10) } as const;
  doc.font('regular').fontSize(SIZE.body);
  const pledgeHeight = 6 + doc.heightOfString(PLEDGE, { width, ...pledge }) + 14;
  const signature = doc.font('italic').fontSize(SIZE.body).currentLineHeight(true) * 3 + 6 + SIGNING_ROOM;
  const photo = sheet.photo;
  const closingHeight = pledgeHeight + Math.max(signature, photo ? pt(photo.heightMm) + 4 : 0);
  room(closingHeight);
  y += 6;
  put(PLEDGE, 'regular', SIZE.body, left, width, pledge);
  y += 14;

  const col = { x: right - width * SIGNATURE_SHARE, width: width * SIGNATURE_SHARE };
  const top = y;
  put(PLACE_DATE, 'italic', SIZE.body, col.x, col.width, { align: 'center' });
  y += 4;
  put(sheet.signer, 'bold', SIZE.body, col.x, col.width, { align: 'center' });
  y += 2;
  put(SIGN_HINT, 'italic', SIZE.body, col.x, col.width, { align: 'center' });

  if (photo && draw) {
    const w = pt(photo.widthMm);
    const h = pt(photo.heightMm);
    const x = left + (width * (1 - SIGNATURE_SHARE) - w) / 2;
    doc.rect(x, top, w, h).lineWidth(0.8).stroke();
    doc.font('regular').fontSize(SIZE.caption);
    const lines = photo.caption.flatMap((l) => wrap(doc, l, w - 8));
    const lineHeight = doc.currentLineHeight(true) + 2;
    let cy = top + (h - lines.length * lineHeight) / 2;
    for (const l of lines) {
      doc.text(l, x + (w - doc.widthOfString(l)) / 2, cy, { lineBreak: false });
      cy += lineHeight;
    }
  }

  return { rowCount: fieldRows.length, fieldRoom: bottom - headerEnd - closingHeight };
}

/** The pitch of the written lines for this sheet, measured on `doc` without drawing. */
function planPitch(doc: PDFKit.PDFDocument, sheet: Sheet): number {
  const { rowCount, fieldRoom } = layOut(doc, sheet, LINE, false);
  return linePitch(rowCount, fieldRoom);
}

export async function renderBlankPdf(input: BlankFormInput): Promise<Buffer> {
  const sheet = sheetOf(input);
  const doc = newPdf(sheet);
  layOut(doc, sheet, planPitch(doc, sheet), true);
  return collect(doc);
}

// ── DOCX ───────────────────────────────────────────────────────────────────────────────────────


// Word draws the motto's rule as a paragraph border; indenting the paragraph makes the rule about as
// long as the text. Tinos has the widths of Times New Roman, so pdfkit can measure it for Word; the
// rule is a little longer so that a wider substitute font (Noto Serif: +14 %) does not wrap the line.
let mottoRuleIndent: number | undefined;
function mottoIndent(): number {
  if (mottoRuleIndent === undefined) {
    const doc = new PDFDocument({ autoFirstPage: false, font: face('bold') as string });
    const textTwips = doc.fontSize(SIZE.motto2).widthOfString(MOTTO_2) * 20;
    mottoRuleIndent = Math.max(0, Math.round((CONTENT_TWIPS - textTwips * 1.2) / 2));
  }
  return mottoRuleIndent;
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const THIN = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
const dotted = [{ type: TabStopType.RIGHT, position: CONTENT_TWIPS, leader: LeaderType.DOT }];


function centeredParagraph(
  text: string,
  opts: { bold?: boolean; italics?: boolean; size?: number; before?: number; after?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: 276 },
    keepNext: true,
    children: [
      new TextRun({ text, bold: opts.bold, italics: opts.italics, size: opts.size ? half(opts.size) : undefined }),
    ],
  });
}

function signatureTable(sheet: Sheet): Table {
  const photoWidth = Math.round(CONTENT_TWIPS * (1 - SIGNATURE_SHARE));
  const signature = [
    centeredParagraph(PLACE_DATE, { italics: true }),
    centeredParagraph(sheet.signer, { bold: true, before: 60 }),
    centeredParagraph(SIGN_HINT, { italics: true }),
  ];
  const photo = sheet.photo;
  const leftCell: (Paragraph | Table)[] = [new Paragraph({ children: [] })];
  if (photo) {
    const w = twip(photo.widthMm);
    leftCell.unshift(
      new Table({
        width: { size: w, type: WidthType.DXA },
        columnWidths: [w],
        alignment: AlignmentType.CENTER,
        layout: TableLayoutType.FIXED,
        borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
        rows: [
          new TableRow({
            height: { value: twip(photo.heightMm), rule: HeightRule.EXACT },
            cantSplit: true,
            children: [
              new TableCell({
                width: { size: w, type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.CENTER,
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    spacing: { line: 240 },
                    children: photo.caption.map(
                      (text, i) => new TextRun({ text, size: half(SIZE.caption), break: i > 0 ? 1 : undefined }),
                    ),
                  }),
                ],
              }),
            ],
          }),
        ],
      }),
    );
  }
  const none = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: [photoWidth, CONTENT_TWIPS - photoWidth],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: photoWidth, type: WidthType.DXA }, borders: none, children: leftCell }),
          new TableCell({
            width: { size: CONTENT_TWIPS - photoWidth, type: WidthType.DXA },
            borders: none,
            children: signature,
          }),
        ],
      }),
    ],
  });
}

export async function renderBlankDocx(input: BlankFormInput): Promise<Buffer> {
  const sheet = sheetOf(input);
  // The written lines have the PDF's pitch exactly: room to write by hand, on as few pages.
  const pitch = planPitch(newPdf(sheet), sheet);
  const writtenLine = { line: Math.round(pitch * 20), lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const fieldParagraphs = sheet.fields.flatMap((field) => [
    new Paragraph({
      tabStops: dotted,
      spacing: writtenLine,
      children: [new TextRun({ children: [`${field.text} `, new Tab()] })],
    }),
    ...Array.from(
      { length: field.extraLines },
      () =>
        new Paragraph({ tabStops: dotted, spacing: writtenLine, children: [new TextRun({ children: [new Tab()] })] }),
    ),
  ]);

  return paperDocx({
    title: sheet.metaTitle,
    subject: sheet.metaSubject,
    bodyPt: SIZE.body,
    children: [
          ...(sheet.numberLine
            ? [
                new Paragraph({
                  alignment: AlignmentType.RIGHT,
                  spacing: { line: 276, after: 80 },
                  children: [new TextRun({ text: sheet.numberLine, bold: true })],
                }),
              ]
            : []),
          centeredParagraph(MOTTO, { bold: true, size: SIZE.motto }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 276, after: 480 },
            indent: { left: mottoIndent(), right: mottoIndent() },
            border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 } },
            children: [new TextRun({ text: MOTTO_2, bold: true, size: half(SIZE.motto2) })],
          }),
          centeredParagraph(sheet.title, { bold: true, size: SIZE.title }),
          ...(sheet.subtitle ? [centeredParagraph(sheet.subtitle, { italics: true })] : []),
          centeredParagraph(`Kính gửi: ${sheet.addressee}`, { before: 240, after: 240 }),
          ...fieldParagraphs,
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: twip(10) },
            spacing: { before: 120, after: 240, line: 300 },
            keepNext: true,
            children: [new TextRun(PLEDGE)],
          }),
          signatureTable(sheet),
    ],
  });
}
