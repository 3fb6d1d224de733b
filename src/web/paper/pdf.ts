// The paper form as PDF (F4, F5): A4 with the margins of administrative documents (Nghị định
// 30/2020/NĐ-CP), Tinos (Times New Roman's metrics, every Vietnamese letter; decision 0004).
import { a4Document, collect, face, pt, type FontName } from '../pdf.ts';
import { dateWords, MOTTO, MOTTO_2, numbered, type Block, type PhotoBox, type PrintSheet } from './sheet.ts';

const MARGIN_MM = { top: 20, bottom: 20, left: 30, right: 20 };
const SIZE = { body: 13, title: 14, motto2: 14, table: 11.5 };
const GAP = 3; // between lines of one item
const PITCH = 22; // a dotted line to write on by hand: about 7.8 mm
const MIN_PITCH = 18; // 6.3 mm: the closest written lines may come and still take handwriting
const CAPTION = 11;
const SIGNATURE_SHARE = 0.6;
// A fixed date keeps the bytes of a blank form the same from one download to the next.
const FIXED_DATE = new Date(Date.UTC(2025, 0, 1));

interface FontMetrics {
  unitsPerEm: number;
  ascent: number;
  glyphForCodePoint(c: number): { bbox: { minX: number; minY: number; maxX: number; maxY: number }; advanceWidth: number };
}

/**
 * Tinos has the empty box "□" but not "☒": the box is set as text (so it reads back as "□") and a
 * chosen one gets its cross drawn over it.
 */
const BOX = '□';

export async function renderSheetPdf(sheet: PrintSheet): Promise<Buffer> {
  const doc = newDocument(sheet);
  new Writer(doc, sheetPitch(sheet)).sheet(sheet);
  return collect(doc);
}

/**
 * The pitch of the written lines: 7.8 mm, or for a sheet that may fit itself to one page the
 * widest pitch down to 6.3 mm that does (measured by laying the sheet out on scratch documents).
 */
export function sheetPitch(sheet: PrintSheet): number {
  if (!sheet.fitOnePage || sheet.filled) return PITCH;
  for (let pitch = PITCH; pitch >= MIN_PITCH; pitch -= 0.5) {
    const w = new Writer(newDocument(sheet), pitch);
    w.sheet(sheet);
    if (w.pages === 1) return pitch;
  }
  return PITCH;
}

function newDocument(sheet: PrintSheet): PDFKit.PDFDocument {
  return a4Document({ marginsMm: MARGIN_MM, font: 'regular', title: sheet.meta.title, subject: sheet.meta.subject, ...(!sheet.filled && { created: FIXED_DATE }) });
}

class Writer {
  private readonly left: number;
  private readonly width: number;
  private readonly right: number;
  private readonly bottom: number;
  private y: number;
  pages = 1;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly pitch = PITCH,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - this.left - doc.page.margins.right;
    this.right = this.left + this.width;
    this.bottom = doc.page.height - doc.page.margins.bottom;
    this.y = doc.page.margins.top;
  }

  private font(name: FontName, size = SIZE.body) {
    return this.doc.font(name).fontSize(size);
  }

  /** A new page when `height` does not fit on this one. */
  private room(height: number) {
    if (this.y + height > this.bottom) {
      this.doc.addPage();
      this.pages += 1;
      this.y = this.doc.page.margins.top;
    }
  }

  private text(text: string, font: FontName, size: number, options: PDFKit.Mixins.TextOptions & { x?: number; width?: number } = {}) {
    const { x = this.left, width = this.width, ...rest } = options;
    this.font(font, size);
    this.room(this.doc.currentLineHeight(true));
    this.doc.text(text, x, this.y, { width, lineGap: GAP, ...rest });
    this.y = this.doc.y;
  }

  /** Breaks `text` into lines of at most `width` points, word by word, in the current font. */
  private wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && this.doc.widthOfString(next) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
    return lines;
  }

  /** Dots from `from` to the right margin, on the line at `y`. */
  private dots(from: number, y: number) {
    this.font('regular');
    const dot = this.doc.widthOfString('.');
    const count = Math.floor((this.right - from) / dot);
    if (count > 0) this.doc.text('.'.repeat(count), this.right - count * dot, y, { lineBreak: false });
  }

  /** The box at (x, y) of a line set in the body size; crossed when `checked`. Returns its width. */
  private box(x: number, y: number, checked: boolean): number {
    this.font('regular');
    this.doc.text(BOX, x, y, { lineBreak: false });
    const metrics = face('regular') as unknown as FontMetrics;
    const s = SIZE.body / metrics.unitsPerEm;
    const g = metrics.glyphForCodePoint(BOX.codePointAt(0)!);
    if (checked) {
      const baseline = y + metrics.ascent * s;
      const inset = 1.2;
      const [x0, x1] = [x + g.bbox.minX * s + inset, x + g.bbox.maxX * s - inset];
      const [y0, y1] = [baseline - g.bbox.maxY * s + inset, baseline - g.bbox.minY * s - inset];
      this.doc.save().lineWidth(1.1).moveTo(x0, y0).lineTo(x1, y1).moveTo(x0, y1).lineTo(x1, y0).stroke().restore();
    }
    return g.advanceWidth * s;
  }

  sheet(sheet: PrintSheet) {
    const { doc } = this;
    if (sheet.numberLine) {
      this.text(sheet.numberLine, 'bold', SIZE.body, { align: 'right' });
      this.y += 4;
    }
    this.text(MOTTO, 'bold', SIZE.body, { align: 'center' });
    this.text(MOTTO_2, 'bold', SIZE.motto2, { align: 'center', lineGap: 0 });
    const rule = this.font('bold', SIZE.motto2).widthOfString(MOTTO_2);
    const center = this.left + this.width / 2;
    this.y += 2;
    doc.moveTo(center - rule / 2, this.y).lineTo(center + rule / 2, this.y).lineWidth(0.8).stroke();
    this.y += 22;
    this.text(sheet.title, 'bold', SIZE.title, { align: 'center' });
    if (sheet.subtitle) this.text(sheet.subtitle, 'italic', SIZE.body, { align: 'center' });
    this.y += 10;
    if (sheet.addressee || !sheet.filled) {
      if (sheet.addressee) this.text(`Kính gửi: ${sheet.addressee}`, 'regular', SIZE.body, { align: 'center' });
      else this.line('Kính gửi:', undefined, 1);
      this.y += 10;
    }
    for (const block of sheet.blocks) this.block(block, sheet.filled);
    this.closing(sheet);
  }

  /** "Label: value", or the label and `lines` dotted lines to write on. */
  private line(label: string, value: string | undefined, lines: number) {
    if (value !== undefined) {
      this.text(`${label} ${value}`, 'regular', SIZE.body);
      this.y += 2;
      return;
    }
    this.font('regular');
    const space = this.doc.widthOfString(' ');
    const wrapped = this.wrap(label, this.width);
    const last = wrapped.pop() ?? '';
    for (const l of wrapped) {
      this.room(this.pitch);
      this.doc.text(l, this.left, this.y, { lineBreak: false });
      this.y += this.pitch;
    }
    this.room(this.pitch);
    this.doc.text(last, this.left, this.y, { lineBreak: false });
    const end = this.left + this.doc.widthOfString(last) + space;
    if (this.right - end < pt(30)) this.y += this.pitch;
    this.dots(this.right - end < pt(30) ? this.left : end, this.y);
    this.y += this.pitch;
    for (let i = 1; i < lines; i++) {
      this.room(this.pitch);
      this.dots(this.left, this.y);
      this.y += this.pitch;
    }
  }

  private block(b: Block, filled: boolean) {
    switch (b.kind) {
      case 'heading':
        this.text(numbered(b.number, `${b.text}:`), 'bold', SIZE.body);
        this.y += 2;
        return;
      case 'line':
        return this.line(`${numbered(b.number, b.label)}:`, b.value, b.lines);
      case 'check': {
        this.font('regular');
        this.room(this.doc.currentLineHeight(true) + GAP);
        const prefix = b.number ? `${b.number} ` : '';
        if (prefix) this.doc.text(prefix, this.left, this.y, { lineBreak: false });
        const x = this.left + this.doc.widthOfString(prefix);
        const w = this.box(x, this.y, b.checked) + this.doc.widthOfString(' ');
        this.text(b.label, 'regular', SIZE.body, { x: x + w, width: this.right - x - w });
        this.y += 2;
        return;
      }
      case 'choices':
        return this.choices(b);
      case 'table':
        return this.table(b, filled);
      case 'list':
        this.text(`${numbered(b.number, b.label)}:`, 'regular', SIZE.body);
        for (const item of b.items) this.text(`- ${item}`, 'regular', SIZE.body, { x: this.left + pt(5), width: this.width - pt(5) });
        this.y += 2;
    }
  }

  /** The label, then each option behind its box: on the same line when they are short. */
  private choices(b: Extract<Block, { kind: 'choices' }>) {
    const label = `${numbered(b.number, b.label)}:`;
    this.font('regular');
    const lineHeight = this.doc.currentLineHeight(true) + GAP;
    const space = this.doc.widthOfString(' ');
    if (b.inline) {
      this.room(lineHeight);
      this.doc.text(label, this.left, this.y, { lineBreak: false });
      let x = this.left + this.doc.widthOfString(label) + space * 3;
      for (const o of b.options) {
        const need = this.doc.widthOfString(`${BOX} ${o.label}`) + space * 4;
        if (x + need > this.right) {
          this.y += lineHeight;
          this.room(lineHeight);
          x = this.left + pt(5);
        }
        x += this.box(x, this.y, o.checked) + space;
        this.font('regular');
        this.doc.text(o.label, x, this.y, { lineBreak: false });
        x += this.doc.widthOfString(o.label) + space * 4;
      }
      this.y += lineHeight + 2;
      return;
    }
    this.text(label, 'regular', SIZE.body);
    const indent = this.left + pt(5);
    for (const o of b.options) {
      this.room(lineHeight);
      const w = this.box(indent, this.y, o.checked) + space;
      this.text(o.label, 'regular', SIZE.body, { x: indent + w, width: this.right - indent - w });
    }
    this.y += 2;
  }

  /** A repeating group: a numbered column, a column per field; blank rows tall enough to write in. */
  private table(b: Extract<Block, { kind: 'table' }>, filled: boolean) {
    const { doc } = this;
    this.text(`${numbered(b.number, b.label)}:`, 'regular', SIZE.body);
    this.y += 2;
    const sttWidth = pt(11);
    const total = b.columns.reduce((n, c) => n + c.weight, 0);
    const widths = [sttWidth, ...b.columns.map((c) => ((this.width - sttWidth) * c.weight) / total)];
    const pad = 3;
    const cells = (texts: string[], font: FontName) => {
      this.font(font, SIZE.table);
      return texts.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * pad }));
    };
    const row = (texts: string[], font: FontName, minHeight: number, align: 'left' | 'center') => {
      const height = Math.max(minHeight, ...cells(texts, font)) + 2 * pad;
      this.room(height);
      let x = this.left;
      texts.forEach((t, i) => {
        doc.rect(x, this.y, widths[i]!, height).lineWidth(0.6).stroke();
        if (t) {
          this.font(font, SIZE.table);
          doc.text(t, x + pad, this.y + pad, { width: widths[i]! - 2 * pad, align: i === 0 ? 'center' : align });
        }
        x += widths[i]!;
      });
      this.y += height;
    };
    const header = ['STT', ...b.columns.map((c) => c.label)];
    row(header, 'bold', 0, 'center');
    b.rows.forEach((r, i) => {
      // A page break inside the table repeats the header, so each page reads on its own.
      const height = Math.max(filled ? 0 : this.pitch, ...cells([String(i + 1), ...r], 'regular')) + 2 * pad;
      if (this.y + height > this.bottom) {
        this.room(this.bottom);
        row(header, 'bold', 0, 'center');
      }
      row([String(i + 1), ...r], 'regular', filled ? 0 : this.pitch, 'left');
    });
    this.y += 8;
  }

  /** The pledge, then the place and date line and the signature block, kept together on one page. */
  private closing(sheet: PrintSheet) {
    const { doc } = this;
    this.font('regular');
    const pledgeOptions = { width: this.width, align: 'justify' as const, lineGap: GAP, indent: pt(10) };
    const pledgeHeight = sheet.pledge.reduce((h, p) => h + doc.heightOfString(p, pledgeOptions) + 4, 0);
    const lineHeight = doc.currentLineHeight(true) + GAP;
    const signHeight = Math.max(lineHeight * (sheet.signName ? 4 : 3) + pt(24), sheet.photo ? pt(sheet.photo.heightMm) + 4 : 0);
    this.room(pledgeHeight + 12 + signHeight);
    this.y += 4;
    for (const p of sheet.pledge) {
      this.text(p, 'regular', SIZE.body, pledgeOptions);
      this.y += 4;
    }
    this.y += 8;
    const col = { x: this.right - this.width * SIGNATURE_SHARE, width: this.width * SIGNATURE_SHARE };
    if (sheet.photo) this.photo(sheet.photo, this.y);
    this.text(dateWords(sheet.placeDate), 'italic', SIZE.body, { ...col, align: 'center' });
    this.text(sheet.signer, 'bold', SIZE.body, { ...col, align: 'center' });
    this.text(sheet.signHint, 'italic', SIZE.body, { ...col, align: 'center' });
    this.y += pt(22);
    if (sheet.signName) this.text(sheet.signName, 'bold', SIZE.body, { ...col, align: 'center' });
  }

  /** The photo box in the middle of the space left of the signature block, its caption centred inside. */
  private photo(photo: PhotoBox, top: number) {
    const { doc } = this;
    const w = pt(photo.widthMm);
    const h = pt(photo.heightMm);
    const x = this.left + (this.width * (1 - SIGNATURE_SHARE) - w) / 2;
    doc.rect(x, top, w, h).lineWidth(0.8).stroke();
    this.font('regular', CAPTION);
    const lines = photo.caption.flatMap((l) => this.wrap(l, w - 8));
    const lineHeight = doc.currentLineHeight(true) + 2;
    let y = top + (h - lines.length * lineHeight) / 2;
    for (const l of lines) {
      doc.text(l, x + (w - doc.widthOfString(l)) / 2, y, { lineBreak: false });
      y += lineHeight;
    }
  }
}
