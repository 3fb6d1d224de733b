// Where uploaded files and generated results are kept. One small interface; the local disk is
// one implementation, an object store can be another (P6).
import type { Readable } from 'node:stream';

export interface StoredFile {
  /** The name to keep in the database. Content-addressed: the same bytes give the same key. */
  key: string;
  sha256: string;
  size: number;
  /** The first bytes, for `sniff`. */
  head: Buffer;
  /** True when this put made the object; false when the same bytes were already kept. */
  created?: boolean;
}

/**
 * A file in the store as a row names it: an application's attachment, a staged draft file, a
 * document of the user's vault. The one shape every module passes a stored file around in.
 */
export interface FileRef {
  /** StoredFile.key. */
  fileKey: string;
  sha256: string;
  size: number;
  /** The file's kind by content (pdf, jpeg …). */
  kind: string;
  /** Media type (application/pdf …). */
  mime: string;
  /** The name the sender gave it. */
  originalName: string;
}

/** A kept object, as the sweep sees it. */
export interface ListedFile {
  key: string;
  /** When it was last written (file modification time, or LastModified in an object store). */
  modified: Date;
}

export interface PutOptions {
  /** Refuse (FileTooLargeError) as soon as the data passes this many bytes. */
  maxBytes?: number;
}

export interface FileStore {
  /** Write durably (fsync) before resolving; only then may a transaction reference the key. */
  put(data: Buffer | Readable | AsyncIterable<Buffer>, options?: PutOptions): Promise<StoredFile>;
  open(key: string): Readable;
  read(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Content-addressed files may be shared: remove only what no row references any more. */
  remove(key: string): Promise<void>;
  /** Every kept object, for the sweep of files no row names. */
  list(): AsyncIterable<ListedFile>;
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`Tệp vượt quá dung lượng tối đa ${formatBytes(maxBytes)}.`);
  }
}

/** 5242880 → "5 MB" — the way sizes are shown to users. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1)).toLocaleString('vi-VN')} MB`;
  if (n >= 1024) return `${Math.round(n / 1024).toLocaleString('vi-VN')} KB`;
  return `${n} byte`;
}
