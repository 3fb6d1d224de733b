// What a file really is, from its first bytes — never from its name or the browser's word (F2, Art. 7.3c).
export interface FileKind {
  /** Short name used in definitions and messages: pdf, jpeg, png, docx, xlsx, doc, xls, odt, tiff. */
  kind: string;
  mime: string;
  ext: string;
}

const KINDS: Record<string, FileKind> = {
  pdf: { kind: 'pdf', mime: 'application/pdf', ext: 'pdf' },
  jpeg: { kind: 'jpeg', mime: 'image/jpeg', ext: 'jpg' },
  png: { kind: 'png', mime: 'image/png', ext: 'png' },
  tiff: { kind: 'tiff', mime: 'image/tiff', ext: 'tif' },
  docx: { kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  xlsx: { kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  odt: { kind: 'odt', mime: 'application/vnd.oasis.opendocument.text', ext: 'odt' },
  doc: { kind: 'doc', mime: 'application/msword', ext: 'doc' },
  xls: { kind: 'xls', mime: 'application/vnd.ms-excel', ext: 'xls' },
};

/** Every kind the portal can recognise, for building "accepted types" lists. */
export const FILE_KINDS: readonly FileKind[] = Object.values(KINDS);

/** How many leading bytes `sniff` wants to see (ZIP-based kinds name their parts near the start). */
export const SNIFF_BYTES = 4096;

function startsWith(buf: Buffer, bytes: number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false;
  return bytes.every((b, i) => buf[at + i] === b);
}

/**
 * The kind of a file from its first bytes (at least SNIFF_BYTES when the file is that long),
 * or null when it is none we accept. Office formats are ZIP or OLE containers; the part names
 * inside the first local headers tell Word from Excel from OpenDocument.
 */
export function sniff(head: Buffer): FileKind | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return KINDS.pdf!; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return KINDS.jpeg!;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return KINDS.png!;
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return KINDS.tiff!;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const text = head.toString('latin1');
    if (text.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return KINDS.odt!;
    if (text.includes('word/')) return KINDS.docx!;
    if (text.includes('xl/')) return KINDS.xlsx!;
    if (text.includes('[Content_Types].xml')) {
      // Some writers put the content-types part first and the document parts later; Word is the common case.
      return KINDS.docx!;
    }
    return null;
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const text = head.toString('utf16le') + head.toString('latin1');
    if (text.includes('Workbook') || text.includes('Book')) return KINDS.xls!;
    return KINDS.doc!;
  }
  return null;
}

/** A kind by its short name (from a form definition), or undefined. */
export function fileKind(name: string): FileKind | undefined {
  return KINDS[name];
}
