// A PAdES signature embedded in a PDF by an incremental update (ISO 32000-1 §7.5.6, §12.8): the
// original bytes stay as they are; appended are the signature dictionary (/ByteRange covering
// the whole file but the /Contents hole), an invisible signature field, the catalog with the
// /AcroForm naming it, a cross-reference section and a trailer pointing back with /Prev.
// Reading goes the other way: the last /ByteRange and its /Contents, checked in pades-cms.ts.
import { inflateSync } from 'node:zlib';
import { padesCms, readCms, sha256, type CmsReading, type DigestSigner } from './pades-cms.ts';

/** Bytes reserved for the CMS (hex doubles it): a chain of four 4096-bit certificates fits. */
const CONTENTS_BYTES = 16384;
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 0000000000 0000000000 0000000000]';

export class PadesUnsupported extends Error {
  override name = 'PadesUnsupported';
}

/** A PDF text string for any Unicode text: UTF-16BE with a byte-order mark, in hex. */
const textString = (s: string) => `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
const pdfDate = (d: Date) => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+00'00')`;

interface Trailer {
  startxref: number;
  root: { num: number; gen: number };
  size: number;
  info?: string;
  id?: string;
}

function trailerOf(text: string): Trailer {
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-1024));
  if (!sx) throw new PadesUnsupported('Không tìm thấy bảng tham chiếu chéo (startxref) cuối tệp PDF.');
  const startxref = Number(sx[1]);
  // The last trailer dictionary, or the dictionary of the last cross-reference stream.
  const tail = text.slice(startxref);
  const root = /\/Root\s+(\d+)\s+(\d+)\s+R/.exec(tail);
  const size = /\/Size\s+(\d+)/.exec(tail);
  if (!root || !size) throw new PadesUnsupported('Không đọc được phần trailer của tệp PDF.');
  return { startxref, root: { num: Number(root[1]), gen: Number(root[2]) }, size: Number(size[1]), info: /\/Info\s+\d+\s+\d+\s+R/.exec(tail)?.[0], id: /\/ID\s*\[[^\]]*\]/.exec(tail)?.[0] };
}

/** The dictionary starting at `start` (its "<<"), up to the matching ">>". */
function dictionaryAt(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    const two = text.slice(i, i + 2);
    if (two === '<<') {
      depth += 1;
      i += 1;
    } else if (two === '>>') {
      depth -= 1;
      i += 1;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  throw new PadesUnsupported('Một đối tượng của tệp PDF không đọc được.');
}

/** The object `num` inside a compressed object stream (PDF 1.5 /ObjStm, FlateDecode), if one holds it. */
function inObjectStream(text: string, num: number): string | undefined {
  let found: string | undefined;
  for (const m of text.matchAll(/<<((?:(?!>>\s*stream)[^])*?\/Type\s*\/ObjStm[^]*?)>>\s*stream\r?\n/g)) {
    const dict = m[1]!;
    const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1]);
    const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1]);
    const length = Number(/\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1]);
    if (!/\/FlateDecode/.test(dict) || /\/DecodeParms/.test(dict) || !n || !first || !length) continue;
    let body: string;
    try {
      body = inflateSync(Buffer.from(text.slice(m.index + m[0].length, m.index + m[0].length + length), 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    const pairs = body.slice(0, first).trim().split(/\s+/).map(Number);
    for (let i = 0; i + 1 < pairs.length && i < n * 2; i += 2) {
      if (pairs[i] !== num) continue;
      const at = body.indexOf('<<', first + pairs[i + 1]!);
      if (at >= 0) found = dictionaryAt(body, at);
    }
  }
  return found;
}

/**
 * The dictionary of object `num gen`: its last definition in the file, else the copy in a
 * compressed object stream.
 */
function objectDictionary(text: string, num: number, gen: number): string {
  const re = new RegExp(`(?:^|[\\r\\n\\s])${num}\\s+${gen}\\s+obj\\s*<<`, 'g');
  let start = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) start = m.index + m[0].length - 2;
  if (start >= 0) return dictionaryAt(text, start);
  const packed = gen === 0 ? inObjectStream(text, num) : undefined;
  if (!packed) throw new PadesUnsupported('Không tìm thấy danh mục gốc của tệp PDF; chưa ký nhúng được.');
  return packed;
}

/** The first page (number, generation, dictionary), to list the signature's widget; undefined when unreadable. */
function firstPage(text: string, catalog: string): { num: number; gen: number; dict: string } | undefined {
  try {
    let ref = /\/Pages\s+(\d+)\s+(\d+)\s+R/.exec(catalog);
    for (let depth = 0; ref && depth < 32; depth++) {
      const [num, gen] = [Number(ref[1]), Number(ref[2])];
      const dict = objectDictionary(text, num, gen);
      if (!/\/Type\s*\/Pages\b/.test(dict)) return { num, gen, dict };
      ref = /\/Kids\s*\[\s*(\d+)\s+(\d+)\s+R/.exec(dict);
    }
  } catch {
    // A page tree in a compressed object stream: the widget stays unlisted, the signature holds.
  }
  return undefined;
}

/** The page dictionary with the widget added to its /Annots; undefined when /Annots is an indirect array. */
function withAnnot(page: string, ref: string): string | undefined {
  if (/\/Annots\s*\[/.test(page)) return page.replace(/\/Annots\s*\[/, `/Annots [${ref} `);
  if (/\/Annots\b/.test(page)) return undefined;
  return `${page.slice(0, -2)} /Annots [${ref}] >>`;
}

export interface SignOptions {
  signer: DigestSigner;
  signedAt: Date;
  /** Shown by PDF readers beside the signature: the agency's name. */
  name: string;
  reason: string;
}

/** The PDF with an embedded PAdES B-B signature of all its bytes. */
export async function signPdf(pdf: Buffer, o: SignOptions): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const t = trailerOf(text);
  const catalog = objectDictionary(text, t.root.num, t.root.gen);
  if (/\/AcroForm\b/.test(catalog)) throw new PadesUnsupported('Tệp PDF đã có biểu mẫu hoặc chữ ký; chưa ký nhúng thêm được.');
  const sigNum = t.size;
  const fieldNum = t.size + 1;
  const newCatalog = `${catalog.slice(0, -2)} /AcroForm << /Fields [${fieldNum} 0 R] /SigFlags 3 >> >>`;
  const page = firstPage(text, catalog);
  const newPage = page && withAnnot(page.dict, `${fieldNum} 0 R`);
  const sep = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const objects: [number, number, string][] = [
    [t.root.num, t.root.gen, newCatalog],
    ...(page && newPage ? [[page.num, page.gen, newPage] as [number, number, string]] : []),
    [sigNum, 0, `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${BYTE_RANGE_PLACEHOLDER} /Contents <${'0'.repeat(CONTENTS_BYTES * 2)}> /M ${pdfDate(o.signedAt)} /Name ${textString(o.name)} /Reason ${textString(o.reason)} >>`],
    [fieldNum, 0, `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${textString('KetQua')} /V ${sigNum} 0 R /F 132 /Rect [0 0 0 0]${page && newPage ? ` /P ${page.num} ${page.gen} R` : ''} >>`],
  ];
  let body = sep;
  let xref = 'xref\n';
  const entry = (off: number, gen: number) => `${String(off).padStart(10, '0')} ${String(gen).padStart(5, '0')} n \n`;
  for (const [num, gen, dict] of objects) {
    xref += `${num} 1\n${entry(pdf.length + Buffer.byteLength(body, 'latin1'), gen)}`;
    body += `${num} ${gen} obj\n${dict}\nendobj\n`;
  }
  const xrefAt = pdf.length + Buffer.byteLength(body, 'latin1');
  body += xref;
  body += `trailer\n<< /Size ${fieldNum + 1} /Root ${t.root.num} ${t.root.gen} R${t.info ? ` ${t.info}` : ''}${t.id ? ` ${t.id}` : ''} /Prev ${t.startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const out = Buffer.concat([pdf, Buffer.from(body, 'latin1')]);

  const contentsAt = out.indexOf(`/Contents <${'0'.repeat(64)}`, pdf.length, 'latin1') + '/Contents '.length;
  const holeEnd = contentsAt + CONTENTS_BYTES * 2 + 2;
  const range = [0, contentsAt, holeEnd, out.length - holeEnd];
  const rangeText = `/ByteRange [${range.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  out.write(rangeText, out.indexOf(BYTE_RANGE_PLACEHOLDER, pdf.length, 'latin1'), 'latin1');
  const cms = await padesCms(o.signer, sha256(out.subarray(0, contentsAt), out.subarray(holeEnd)));
  if (cms.length > CONTENTS_BYTES) throw new PadesUnsupported('Chữ ký số quá lớn so với chỗ dành sẵn trong tệp PDF.');
  out.write(cms.toString('hex').toUpperCase(), contentsAt + 1, 'latin1');
  return out;
}

export interface EmbeddedSignature extends CmsReading {
  /** The byte ranges cover the whole file but the signature itself. */
  coversWholeFile: boolean;
  /** The signing time the signature dictionary claims (/M). */
  signedAt?: Date;
  subFilter?: string;
}

/** The last embedded signature of a PDF, checked; undefined when it has none or it cannot be read. */
export function readEmbeddedSignature(pdf: Buffer): EmbeddedSignature | undefined {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = ranges[ranges.length - 1];
  if (!last) return undefined;
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length || text[b] !== '<' || text[c - 1] !== '>') return undefined;
  try {
    const cms = Buffer.from(text.slice(b + 1, c - 1), 'hex');
    const reading = readCms(cms, sha256(pdf.subarray(0, b), pdf.subarray(c, c + d)));
    const dict = text.slice(Math.max(0, text.lastIndexOf('<<', last.index)), c + 400);
    const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(dict);
    return {
      ...reading,
      coversWholeFile: c + d === pdf.length,
      signedAt: m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined,
      subFilter: /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(dict)?.[1],
    };
  } catch {
    return undefined;
  }
}
