// ZIP archives built byte by byte, so a test can make one that lies: a "document" whose one
// deflated entry of zeros is a few hundred KB on disk and expands to a gigabyte, with sizes in its
// directory that say what the test wants them to say.
import { constants, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** The entry's bytes as stored: raw deflate (method 8) or as they are (method 0). */
  data: Buffer;
  method?: 0 | 8;
  /** The uncompressed size the headers claim. */
  claimedSize: number;
}

/** A ZIP of these entries, local headers first, then the central directory (CRCs left 0: nothing here checks them). */
export function zipOf(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method ?? 8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.claimedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method ?? 8, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.claimedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A raw deflate stream that inflates to `mb` megabytes of zeros: one megabyte compressed once,
 * flushed to a byte boundary, repeated, then an empty final block. About 1 KB per megabyte.
 */
export function deflatedZeros(mb: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mb }, () => block), Buffer.from([0x03, 0x00])]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** A ".docx" (by its first bytes: a ZIP naming word/ parts) whose document part expands to `mb` MB of zeros. */
export function docxBomb(mb: number, claimedSize = mb * 1024 * 1024): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES), method: 0, claimedSize: CONTENT_TYPES.length },
    { name: 'word/document.xml', data: deflatedZeros(mb), claimedSize },
  ]);
}
