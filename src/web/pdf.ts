// PDF building blocks shared by every document the portal prints: the Vietnamese-complete font
// (Tinos, metric-compatible with Times New Roman; docs/decisions/0004), millimetres, collecting bytes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
export const FONT_FILES = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;

// Parsing a font takes most of a render's time, so each face is parsed once and shared: pdfkit
// takes a fontkit font where it takes a file, and makes each document its own subset of it.
let faces: Record<FontName, PDFKit.Mixins.PDFFontSource> | undefined;
export function face(name: FontName): PDFKit.Mixins.PDFFontSource {
  faces ??= {
    regular: parse(FONT_FILES.regular),
    bold: parse(FONT_FILES.bold),
    italic: parse(FONT_FILES.italic),
  };
  return faces[name];
}
function parse(file: string): PDFKit.Mixins.PDFFontSource {
  const font = fontkit.create(readFileSync(require.resolve(file)));
  if (!('layout' in font)) throw new Error(`${file} là một tập phông (font collection), không phải một phông TrueType`);
  nameGlyphs(font as unknown as Mappable);
  return font as unknown as PDFKit.Mixins.PDFFontSource;
}

interface Mappable {
  glyphForCodePoint(c: number): { codePoints: number[] };
}

/**
 * fontkit keeps each glyph with the characters it was first reached by; a glyph first reached as a
 * part of another (ư inside ự, drawn in "Tự do") would keep none, and PDF readers could then not
 * read it back as text. Reaching every Latin and Vietnamese letter first by its character avoids that.
 */
function nameGlyphs(font: Mappable): void {
  const ranges = [[0x20, 0x24f], [0x300, 0x36f], [0x1ea0, 0x1ef9], [0x2010, 0x2026], [0x25a0, 0x25a1]];
  for (const [from, to] of ranges) for (let c = from!; c <= to!; c++) font.glyphForCodePoint(c);
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, face(name));
}

export const PT_PER_MM = 72 / 25.4;
export const pt = (mm: number) => mm * PT_PER_MM;

/**
 * A new A4 page in Vietnamese with the portal's fonts, margins in millimetres: the start of every
 * paper the portal prints (receipt, result, forms). Info keeps the order given; dvctt made it.
 */
export function a4Document(o: { marginsMm: { top: number; bottom: number; left: number; right: number }; title: string; subject?: string; created?: Date; font?: FontName; landscape?: boolean }): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    ...(o.landscape && { layout: 'landscape' as const }),
    margins: { top: pt(o.marginsMm.top), bottom: pt(o.marginsMm.bottom), left: pt(o.marginsMm.left), right: pt(o.marginsMm.right) },
    ...(o.font && { font: face(o.font) as string }),
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: o.title, ...('subject' in o && { Subject: o.subject }), Creator: 'dvctt', Producer: 'dvctt', ...(o.created && { CreationDate: o.created }) },
  });
  registerFonts(doc);
  return doc;
}

export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
