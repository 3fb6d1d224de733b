// The paper form as .docx (F4, F5), for those who finish it in a word processor: the same blocks
// as the PDF, dotted lines as right-aligned dot tab leaders, groups as tables, boxes as ☐/☒.
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
import { CONTENT_TWIPS, half, paperDocx, twip } from '../docx.ts';
import { sheetPitch } from './pdf.ts';
import { CHECKED_BOX, dateWords, EMPTY_BOX, MOTTO, MOTTO_2, numbered, type Block, type PhotoBox, type PrintSheet } from './sheet.ts';

const CONTENT = CONTENT_TWIPS;
const SIZE = { body: 13, title: 14, motto2: 14, table: 11.5 };
const DOTTED = [{ type: TabStopType.RIGHT, position: CONTENT, leader: LeaderType.DOT }];
/** A line written by hand, with the PDF's pitch exactly (points in twips). */
type Written = { line: number; lineRule: typeof LineRuleType.EXACT; before: 0; after: 0 };
const written = (pitch: number): Written => ({ line: Math.round(pitch * 20), lineRule: LineRuleType.EXACT, before: 0, after: 0 });
const ITEM = { line: 300, before: 40, after: 40 };
// Times New Roman has no ballot boxes; Word and LibreOffice take them from a symbol font.
const SYMBOL_FONT = 'Segoe UI Symbol';
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

const box = (checked: boolean) => new TextRun({ text: checked ? CHECKED_BOX : EMPTY_BOX, font: SYMBOL_FONT });

function centered(text: string, opts: { bold?: boolean; italics?: boolean; size?: number; before?: number; after?: number; keepNext?: boolean } = {}) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: 276 },
    keepNext: opts.keepNext ?? true,
    children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, size: opts.size ? half(opts.size) : undefined })],
  });
}

function line(label: string, value: string | undefined, lines: number, writtenLine: Written): Paragraph[] {
  if (value !== undefined) return [new Paragraph({ spacing: ITEM, children: [new TextRun(`${label} ${value}`)] })];
  return [
    new Paragraph({ tabStops: DOTTED, spacing: writtenLine, children: [new TextRun({ children: [`${label} `, new Tab()] })] }),
    ...Array.from({ length: lines - 1 }, () => new Paragraph({ tabStops: DOTTED, spacing: writtenLine, children: [new TextRun({ children: [new Tab()] })] })),
  ];
}

function table(b: Extract<Block, { kind: 'table' }>, filled: boolean): Table {
  const stt = twip(11);
  const total = b.columns.reduce((n, c) => n + c.weight, 0);
  const widths = [stt, ...b.columns.map((c) => Math.floor(((CONTENT - stt) * c.weight) / total))];
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: header || i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: 252 },
          children: [new TextRun({ text, bold: header, size: half(SIZE.table) })],
        }),
      ],
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: ['STT', ...b.columns.map((c) => c.label)].map((t, i) => cell(t, i, true)) });
  const rows = b.rows.map(
    (r, k) =>
      new TableRow({
        cantSplit: true,
        height: filled ? undefined : { value: 440, rule: HeightRule.ATLEAST },
        children: [String(k + 1), ...r].map((t, i) => cell(t, i, false)),
      }),
  );
  return new Table({
    width: { size: CONTENT, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows: [header, ...rows],
  });
}

function block(b: Block, filled: boolean, writtenLine: Written): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ spacing: ITEM, keepNext: true, children: [new TextRun({ text: numbered(b.number, `${b.text}:`), bold: true })] })];
    case 'line':
      return line(`${numbered(b.number, b.label)}:`, b.value, b.lines, writtenLine);
    case 'check':
      return [new Paragraph({ spacing: ITEM, children: [...(b.number ? [new TextRun(`${b.number} `)] : []), box(b.checked), new TextRun(` ${b.label}`)] })];
    case 'choices': {
      const label = new TextRun(`${numbered(b.number, b.label)}:`);
      if (b.inline) {
        return [new Paragraph({ spacing: ITEM, children: [label, ...b.options.flatMap((o) => [new TextRun('    '), box(o.checked), new TextRun(` ${o.label}`)])] })];
      }
      return [
        new Paragraph({ spacing: ITEM, keepNext: true, children: [label] }),
        ...b.options.map((o) => new Paragraph({ spacing: ITEM, indent: { left: twip(9), hanging: twip(4) }, children: [box(o.checked), new TextRun(` ${o.label}`)] })),
      ];
    }
    case 'table':
      return [new Paragraph({ spacing: ITEM, keepNext: true, children: [new TextRun(`${numbered(b.number, b.label)}:`)] }), table(b, filled), new Paragraph({ spacing: { after: 80 }, children: [] })];
    case 'list':
      return [
        new Paragraph({ spacing: ITEM, keepNext: true, children: [new TextRun(`${numbered(b.number, b.label)}:`)] }),
        ...b.items.map((item) => new Paragraph({ spacing: ITEM, indent: { left: twip(5) }, children: [new TextRun(`- ${item}`)] })),
      ];
  }
}

export async function renderSheetDocx(sheet: PrintSheet): Promise<Buffer> {
  const writtenLine = written(sheetPitch(sheet));
  const signIndent = Math.round(CONTENT * 0.4);
  const signature = (text: string, opts: { bold?: boolean; italics?: boolean; before?: number }) =>
    new Paragraph({ alignment: AlignmentType.CENTER, indent: { left: signIndent }, keepNext: true, keepLines: true, spacing: { before: opts.before ?? 0, line: 276 }, children: [new TextRun({ text, bold: opts.bold, italics: opts.italics })] });
  return paperDocx({
    title: sheet.meta.title,
    subject: sheet.meta.subject,
    bodyPt: SIZE.body,
    children: [
          ...(sheet.numberLine ? [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 80 }, children: [new TextRun({ text: sheet.numberLine, bold: true })] })] : []),
          centered(MOTTO, { bold: true }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 276, after: 360 },
            children: [new TextRun({ text: MOTTO_2, bold: true, size: half(SIZE.motto2), underline: {} })],
          }),
          centered(sheet.title, { bold: true, size: SIZE.title }),
          ...(sheet.subtitle ? [centered(sheet.subtitle, { italics: true })] : []),
          ...(sheet.addressee ? [centered(`Kính gửi: ${sheet.addressee}`, { before: 200, after: 200 })] : sheet.filled ? [] : line('Kính gửi:', undefined, 1, writtenLine)),
          ...sheet.blocks.flatMap((b) => block(b, sheet.filled, writtenLine)),
          ...sheet.pledge.map((p) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: twip(10) }, keepNext: true, spacing: { before: 120, after: 60, line: 300 }, children: [new TextRun(p)] })),
          ...(sheet.photo
            ? [new Paragraph({ spacing: { before: 120 }, keepNext: true, children: [] }), photoAndSignature(sheet, sheet.photo)]
            : [
                signature(dateWords(sheet.placeDate), { italics: true, before: 200 }),
                signature(sheet.signer, { bold: true }),
                signature(sheet.signHint, { italics: true }),
                ...(sheet.signName ? [signature(sheet.signName, { bold: true, before: 1200 })] : []),
              ]),
    ],
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const SIGNATURE_SHARE = 0.6;
const CAPTION = 11;

/** The photo box (left) and the signature block (right) side by side, in a borderless table. */
function photoAndSignature(sheet: PrintSheet, photo: PhotoBox): Table {
  const photoWidth = Math.round(CONTENT * (1 - SIGNATURE_SHARE));
  const w = twip(photo.widthMm);
  const box = new Table({
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
            children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 240 }, children: photo.caption.map((text, i) => new TextRun({ text, size: half(CAPTION), break: i > 0 ? 1 : undefined })) })],
          }),
        ],
      }),
    ],
  });
  const none = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };
  const signature = [
    centered(dateWords(sheet.placeDate), { italics: true }),
    centered(sheet.signer, { bold: true, before: 60 }),
    centered(sheet.signHint, { italics: true }),
    ...(sheet.signName ? [centered(sheet.signName, { bold: true, before: 1200 })] : []),
  ];
  return new Table({
    width: { size: CONTENT, type: WidthType.DXA },
    columnWidths: [photoWidth, CONTENT - photoWidth],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: photoWidth, type: WidthType.DXA }, borders: none, children: [box, new Paragraph({ children: [] })] }),
          new TableCell({ width: { size: CONTENT - photoWidth, type: WidthType.DXA }, borders: none, children: signature }),
        ],
      }),
    ],
  });
}
