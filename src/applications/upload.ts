// Reading a multipart submission: each file is streamed into the file store (written and fsynced)
// as it arrives, never held whole in memory; its kind is read from its first bytes. Only once
// the whole body has arrived and every check passed may a transaction name the files (A1, F6).
import type {} from '@fastify/multipart';
import type { FastifyRequest, onResponseAsyncHookHandler } from 'fastify';
import type { DB } from '../db/index.ts';
import { checkZipExpansion, FileTooLargeError, sniff, ZIP_KINDS, type FileStore, type StoredFile } from '../storage/index.ts';
import { discardUnnamed } from './orphans.ts';
import type { Problem } from '../web/problem.ts';
import { MAX_FILE_BYTES, MAX_FILES, type ReceivedUpload } from './model.ts';

const CSRF_REFUSED: MultipartResult = { ok: false, problem: { code: 'CSRF' } };

export interface StoredUpload extends ReceivedUpload {
  stored?: StoredFile;
  mime?: string;
}

export type MultipartResult =
  | { ok: true; fields: Record<string, string[]>; uploads: StoredUpload[] }
  | { ok: false; problem: Problem<'CSRF' | 'TOO_MANY_FILES' | 'TOO_LARGE' | 'BAD_BODY'> };

/**
 * The most one multipart body may carry: every file at its largest, and room for the answers. A
 * body declared larger is refused before a byte of it is read; one sent without a declared length
 * is cut off once it passes this.
 */
export const maxBodyBytes = (maxFiles = MAX_FILES) => maxFiles * MAX_FILE_BYTES + 8 * 1024 * 1024;

class BodyTooLargeError extends Error {}

/** The files each request's body brought that were not in the store before it. */
const createdBy = new WeakMap<FastifyRequest, string[]>();

/**
 * An onResponse hook for every route that reads a multipart body: once the answer is sent, the
 * files the request stored new and no row names (a refused request, a refused file beside kept
 * ones) are removed, whatever path the route took (S6). A file that was already kept is never
 * touched here: other rows may be about to name it; the sweep sees to it after its grace period.
 */
export function discardRefusedUploads(db: DB, files: FileStore): onResponseAsyncHookHandler {
  return async (req) => {
    const keys = createdBy.get(req);
    if (!keys?.length) return;
    createdBy.delete(req);
    try {
      const gone = await discardUnnamed(db, files, keys);
      if (gone.length) req.log.info({ files: gone }, 'refused upload: stored files removed');
    } catch (err) {
      req.log.error({ err }, 'refused upload: could not remove stored files');
    }
  };
}

export interface ReadOptions {
  /** Pages: the `_csrf` part must come, and match, before any file is taken. */
  csrf?: (sent: string) => boolean;
  maxFiles?: number;
}

/**
 * Reads every part of a multipart request. A file whose browser sent no name and no bytes (an
 * input left empty) is skipped. An aborted or malformed body rejects: nothing was referenced.
 */
export async function readMultipart(req: FastifyRequest, files: FileStore, options: ReadOptions = {}): Promise<MultipartResult> {
  const fields: Record<string, string[]> = {};
  const uploads: StoredUpload[] = [];
  const maxFiles = options.maxFiles ?? MAX_FILES;
  let csrfChecked = !options.csrf;
  let fileParts = 0;
  const limit = maxBodyBytes(maxFiles);
  const tooLarge: MultipartResult = { ok: false, problem: { code: 'TOO_LARGE', params: { limit, fileMax: MAX_FILE_BYTES } } };
  if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge;
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    // The multipart reader listens for the request's errors: it ends the parts with this one.
    if (received > limit) req.raw.off('data', count).emit('error', new BodyTooLargeError());
  };
  try {
    // A file over the limit is cut short and reported as "lớn hơn …" by the size check below,
    // never as a broken body: the rest of the form (the other files, the answers) still counts.
    // (The plugin reads throwFileSizeLimit per request too; its types list it only for register.)
    const partOptions = { throwFileSizeLimit: false, limits: { fileSize: MAX_FILE_BYTES + 64 * 1024, files: maxFiles + 1, fields: 2000, fieldSize: 1024 * 1024, parts: 2000 + maxFiles + 1 } };
    const parts = req.parts(partOptions);
    req.raw.on('data', count);
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
        if (part.fieldname === '_csrf' && options.csrf && !csrfChecked) {
          if (!options.csrf(value)) return CSRF_REFUSED;
          csrfChecked = true;
        }
        (fields[part.fieldname] ??= []).push(value);
        continue;
      }
      if (!csrfChecked) {
        part.file.resume();
        return CSRF_REFUSED;
      }
      const filename = part.filename ?? '';
      if (!filename) {
        // A file input left empty: the browser still sends the part, nameless and without bytes.
        part.file.resume();
        continue;
      }
      fileParts += 1;
      if (fileParts > maxFiles) {
        part.file.resume();
        return { ok: false, problem: { code: 'TOO_MANY_FILES', params: { max: maxFiles } } };
      }
      try {
        const stored = await files.put(drainingPast(part.file, MAX_FILE_BYTES), { maxBytes: MAX_FILE_BYTES });
        if (stored.created) {
          const created = createdBy.get(req) ?? [];
          created.push(stored.key);
          createdBy.set(req, created);
        }
        const kind = sniff(stored.head);
        // A Word or OpenDocument file is a ZIP: what it expands to is counted before it is taken.
        const zip = kind && ZIP_KINDS.has(kind.kind) ? await checkZipExpansion(await files.read(stored.key)) : undefined;
        uploads.push({ field: part.fieldname, filename, size: stored.size, kind: kind?.kind ?? null, mime: kind?.mime, stored, ...(zip && !zip.ok && { archive: zip.reason }) });
      } catch (err) {
        if (!(err instanceof FileTooLargeError)) throw err;
        uploads.push({ field: part.fieldname, filename, size: MAX_FILE_BYTES + 1, kind: null, tooLarge: true });
      }
    }
  } catch (err) {
    if (err instanceof BodyTooLargeError) return tooLarge;
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') return { ok: false, problem: { code: 'TOO_MANY_FILES', params: { max: maxFiles } } };
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_REQ_FILE_TOO_LARGE' || /Unexpected end of (form|multipart data)|Malformed part header|Part terminated early|Boundary not found/i.test(String((err as Error).message))) {
      return { ok: false, problem: { code: 'BAD_BODY' } };
    }
    throw err;
  } finally {
    req.raw.off('data', count);
  }
  if (!csrfChecked) return CSRF_REFUSED;
  return { ok: true, fields, uploads };
}

/**
 * The file's bytes up to `max`; past it, the rest is read and dropped (the parser has cut it at a
 * little over `max`) and only then is the file refused, so the other files and the answers sent
 * with it still count. What is read so is bounded by maxBodyBytes().
 */
async function* drainingPast(file: AsyncIterable<Buffer>, max: number): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of file) {
    size += chunk.length;
    if (size <= max) yield chunk;
  }
  if (size > max) throw new FileTooLargeError(max);
}

export const first = (fields: Record<string, string[]>, name: string): string => fields[name]?.[0] ?? '';
