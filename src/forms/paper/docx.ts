// The text of a Word document as a person reads it: paragraphs and tables in order (F1, from
// the paper form). Only word/document.xml is read, after the archive has been checked for what
// it really expands to; layout, fonts and pictures are of no use to a draft definition.
import { unzipSync } from 'fflate';
import { checkZipExpansion } from '../../storage/index.ts';

export type PaperBlock = { kind: 'paragraph'; text: string; numbered?: boolean } | { kind: 'table'; rows: string[][] };

/** A blank box in a symbol font (Wingdings F0A8/F06F/F071, Symbol F0FF …) reads as "☐". */
const BOX_SYMBOLS = new Set(['F0A8', 'F06F', 'F071', 'F072', 'F0FF', 'F0A1', 'F0FE', 'F06E', 'F0A3']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const char = (code: number) => (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '');
// Only XML's own entities and character references: a document type's entities are never expanded.
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]{1,8}|#\d{1,10}|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return char(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return char(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });

const attr = (attrs: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];

/**
 * The blocks of a WordprocessingML body. Text boxes inside a paragraph come out as paragraphs of
 * their own; a table inside a table cell adds its text to that cell; Word's fallback copies of
 * drawings (mc:Fallback), deleted text and field codes are left out.
 */
export function blocksOfDocumentXml(xml: string): PaperBlock[] {
  const blocks: PaperBlock[] = [];
  // A tab to a dotted tab stop, or underlined spaces, is a line to write on: read as "……".
  const paragraphs: { text: string; numbered: boolean; dottedTabs: boolean }[] = [];
  let underline = false;
  const tables: { rows: string[][]; cell: string[] | null }[] = [];
  let skip = 0;
  let inText = false;
  const tag = /<(\/?)([A-Za-z0-9_:]+)([^>]*?)(\/?)>|([^<]+)/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [, close, name, attrs = '', selfClose, text] = m;
    if (text !== undefined) {
      if (inText && !skip && paragraphs.length) {
        const t = decode(text);
        paragraphs[paragraphs.length - 1]!.text += underline && t.trim() === '' && t.length > 2 ? '……' : t;
      }
      continue;
    }
    if (name === 'mc:Fallback' || name === 'w:delText' || name === 'w:instrText') {
      if (!selfClose) skip += close ? -1 : 1;
      continue;
    }
    if (skip) continue;
    const p = paragraphs[paragraphs.length - 1];
    switch (name) {
      case 'w:t':
        inText = !close && !selfClose;
        break;
      case 'w:tab':
        // In w:tabs (with w:val) a tab stop, whose leader may be dots; in a run, a tab.
        if (p && !close && attrs.includes('w:val')) p.dottedTabs ||= /w:leader="(dot|underscore|middleDot|hyphen|heavy)"/.test(attrs);
        else if (p && !close) p.text += p.dottedTabs ? '……' : '\t';
        break;
      case 'w:r':
        if (!close) underline = false;
        break;
      case 'w:u':
        if (!close) underline = attr(attrs, 'w:val') !== 'none';
        break;
      case 'w:br':
      case 'w:cr':
        if (p && !close) p.text += '\n';
        break;
      case 'w:sym':
        if (p && !close) p.text += BOX_SYMBOLS.has((attr(attrs, 'w:char') ?? '').toUpperCase()) ? '☐' : '';
        break;
      case 'w14:checkbox':
      case 'w:checkBox':
        if (p && !close && !selfClose) p.text += '☐';
        break;
      case 'w:numPr':
        if (p && !close) p.numbered = true;
        break;
      case 'w:p':
        if (!close) {
          paragraphs.push({ text: '', numbered: false, dottedTabs: false });
          if (!selfClose) break;
        }
        {
          const done = paragraphs.pop();
          if (!done) break;
          const table = tables[tables.length - 1];
          // A paragraph inside a table cell belongs to the cell; a text box's paragraph stands alone.
          if (table?.cell && paragraphs.length === 0) table.cell.push(done.text);
          else blocks.push({ kind: 'paragraph', text: done.text, ...(done.numbered && { numbered: true }) });
        }
        break;
      case 'w:tbl':
        if (!close) tables.push({ rows: [], cell: null });
        else {
          const done = tables.pop();
          if (!done) break;
          const outer = tables[tables.length - 1];
          if (outer?.cell) outer.cell.push(...done.rows.map((r) => r.join('\t')));
          else blocks.push({ kind: 'table', rows: done.rows });
        }
        break;
      case 'w:tr':
        if (!close && tables.length) tables[tables.length - 1]!.rows.push([]);
        break;
      case 'w:tc': {
        const table = tables[tables.length - 1];
        if (!table) break;
        if (!close) table.cell = [];
        else if (table.cell) {
          table.rows[table.rows.length - 1]?.push(table.cell.join('\n'));
          table.cell = null;
        }
        break;
      }
    }
  }
  return blocks;
}

export type DocxRead = { ok: true; blocks: PaperBlock[] } | { ok: false; reason: 'broken' | 'too-large' };

/** The blocks of a .docx file, or why it cannot be read. */
export async function readDocx(bytes: Buffer): Promise<DocxRead> {
  const verdict = await checkZipExpansion(bytes);
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { filter: (f) => f.name === 'word/document.xml' });
  } catch {
    return { ok: false, reason: 'broken' };
  }
  const doc = files['word/document.xml'];
  if (!doc) return { ok: false, reason: 'broken' };
  return { ok: true, blocks: blocksOfDocumentXml(Buffer.from(doc).toString('utf8')) };
}
