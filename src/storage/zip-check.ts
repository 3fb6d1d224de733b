// Word, Excel and OpenDocument files are ZIP archives. Before one is accepted, every entry is
// inflated as a stream and the bytes it really expands to are counted, never the sizes its
// directory claims: past MAX_EXPANDED_BYTES in all (a "ZIP bomb"), the file is refused (ASVS 12.1.2).
import { createInflateRaw } from 'node:zlib';

/** The most a document's entries may expand to, together: 100 MB (ten times the largest upload). */
export const MAX_EXPANDED_BYTES = 100 * 1024 * 1024;
/** More entries than any real document has: each one costs work to open. */
export const MAX_ZIP_ENTRIES = 10_000;

/** The kinds that are ZIP containers (see sniff.ts). */
export const ZIP_KINDS: ReadonlySet<string> = new Set(['docx', 'xlsx', 'odt']);

export type ZipVerdict = { ok: true; expanded: number } | { ok: false; reason: 'too-large' | 'broken' };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

class Broken extends Error {}

function need(ok: boolean): asserts ok {
  if (!ok) throw new Broken();
}

const u16 = (b: Buffer, at: number) => (need(at + 2 <= b.length), b.readUInt16LE(at));
const u32 = (b: Buffer, at: number) => (need(at + 4 <= b.length), b.readUInt32LE(at));
const u64 = (b: Buffer, at: number) => {
  need(at + 8 <= b.length);
  const n = b.readBigUInt64LE(at);
  need(n <= BigInt(Number.MAX_SAFE_INTEGER));
  return Number(n);
};

interface Entry {
  method: number;
  flags: number;
  compressed: number;
  localOffset: number;
}

/** The central directory's entries (sizes from the ZIP64 extra field where the 32-bit ones overflow). */
function entriesOf(zip: Buffer, maxEntries: number): Entry[] | 'too-many' {
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  need(eocd >= 0);
  let count = u16(zip, eocd + 10);
  let offset = u32(zip, eocd + 16);
  if (count === 0xffff || offset === MAX32) {
    need(eocd >= 20 && u32(zip, eocd - 20) === ZIP64_LOCATOR);
    const record = u64(zip, eocd - 20 + 8);
    need(u32(zip, record) === ZIP64_EOCD);
    count = u64(zip, record + 32);
    offset = u64(zip, record + 48);
  }
  if (count > maxEntries) return 'too-many';
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    need(u32(zip, at) === CENTRAL);
    const flags = u16(zip, at + 8);
    const method = u16(zip, at + 10);
    let compressed = u32(zip, at + 20);
    const uncompressed = u32(zip, at + 24);
    const nameLength = u16(zip, at + 28);
    const extraLength = u16(zip, at + 30);
    const commentLength = u16(zip, at + 32);
    let localOffset = u32(zip, at + 42);
    // ZIP64: the overflowing fields follow in the extra field 0x0001, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(zip, extra);
      const size = u16(zip, extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (uncompressed === MAX32) field += 8;
        if (compressed === MAX32) {
          compressed = u64(zip, field);
          field += 8;
        }
        if (localOffset === MAX32) localOffset = u64(zip, field);
      }
      extra += 4 + size;
    }
    entries.push({ method, flags, compressed, localOffset });
    at = extraEnd + commentLength;
  }
  return entries;
}

/** Inflates `data` and counts what comes out; stops as soon as the count passes `budget`. */
function inflatedSize(data: Buffer, budget: number): Promise<number | 'too-large' | 'broken'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    let settled = false;
    const settle = (v: number | 'too-large' | 'broken') => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        settle('too-large');
        inflate.destroy();
      }
    });
    inflate.on('end', () => settle(size));
    inflate.on('error', () => settle('broken'));
    inflate.end(data);
  });
}

/**
 * Whether this ZIP is a sound archive whose entries together expand to no more than
 * `maxExpandedBytes`. An archive that cannot be read through (no directory, an entry outside the
 * file, a broken deflate stream, encryption, a method Office does not use) is "broken".
 */
export async function checkZipExpansion(zip: Buffer, limits: { maxExpandedBytes?: number; maxEntries?: number } = {}): Promise<ZipVerdict> {
  const maxExpanded = limits.maxExpandedBytes ?? MAX_EXPANDED_BYTES;
  try {
    const entries = entriesOf(zip, limits.maxEntries ?? MAX_ZIP_ENTRIES);
    if (entries === 'too-many') return { ok: false, reason: 'too-large' };
    need(entries.length > 0);
    let expanded = 0;
    for (const e of entries) {
      need((e.flags & 0x1) === 0); // encrypted
      need(u32(zip, e.localOffset) === LOCAL);
      const start = e.localOffset + 30 + u16(zip, e.localOffset + 26) + u16(zip, e.localOffset + 28);
      need(start + e.compressed <= zip.length);
      const data = zip.subarray(start, start + e.compressed);
      if (e.method === 0) expanded += data.length;
      else if (e.method === 8) {
        const size = await inflatedSize(data, maxExpanded - expanded);
        if (size === 'too-large') return { ok: false, reason: 'too-large' };
        if (size === 'broken') return { ok: false, reason: 'broken' };
        expanded += size;
      } else return { ok: false, reason: 'broken' };
      if (expanded > maxExpanded) return { ok: false, reason: 'too-large' };
    }
    return { ok: true, expanded };
  } catch (err) {
    if (err instanceof Broken || err instanceof RangeError) return { ok: false, reason: 'broken' };
    throw err;
  }
}
