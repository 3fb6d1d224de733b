// The official form files a catalog import names (C6, level 2): read beside the imported file,
// checked by their content, kept in the file store; the download then serves them byte for byte,
// and the blank generated from the catalog or the e-form is only used for a form without one.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { formatBytes, sniff, SNIFF_BYTES, type FileStore } from '../storage/index.ts';
import { OFFICIAL_FORM_EXTS, type OfficialFormExt, type OfficialFormFile, type ServiceRecord } from './model.ts';

/** An official form is a few pages; a larger file is a wrong file. */
export const MAX_FORM_FILE_BYTES = 10 * 1024 * 1024;

/** Where an import's form files are read from (the imported file's folder) and kept. */
export interface FormFileSource {
  dir: string;
  store: FileStore;
}

function extOf(ref: string): OfficialFormExt | undefined {
  const ext = path.extname(ref).slice(1).toLowerCase();
  return (OFFICIAL_FORM_EXTS as readonly string[]).includes(ext) ? (ext as OfficialFormExt) : undefined;
}

/** Why a reference cannot name a form file, if it cannot: it is a relative path inside the import's folder, to a .doc, .docx or .pdf. */
export function formFileRefProblem(ref: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || path.isAbsolute(ref) || ref.startsWith('\\')) {
    return 'phải là đường dẫn tương đối tính từ thư mục của tệp nhập, không phải địa chỉ URL hay đường dẫn tuyệt đối';
  }
  if (ref.split(/[\\/]/).includes('..')) return 'không được trỏ ra ngoài thư mục của tệp nhập ("..")';
  if (!extOf(ref)) return 'phải là tệp .doc, .docx hoặc .pdf';
  return undefined;
}

/**
 * Reads, checks and stores the official files of one record's forms, by the form's index. The
 * first problem is returned instead (the record is then not imported): it names the form.
 */
export async function storeFormFiles(record: ServiceRecord, source: FormFileSource | undefined): Promise<{ files: Map<number, OfficialFormFile>; problem?: string }> {
  const files = new Map<number, OfficialFormFile>();
  const forms = record.forms ?? [];
  for (const [i, form] of forms.entries()) {
    if (form.file === undefined) continue;
    const fail = (reason: string) => ({ files, problem: `tệp mẫu "${form.file}" của biểu mẫu "${form.code}" ${reason}` });
    const refProblem = formFileRefProblem(form.file);
    if (refProblem) return fail(refProblem);
    if (!source) return fail('chỉ nhập được từ thư mục chứa tệp (lệnh dvctt import-catalog <tệp.json>)');
    const full = path.resolve(source.dir, form.file);
    let bytes: Buffer;
    try {
      const size = (await stat(full)).size;
      if (size > MAX_FORM_FILE_BYTES) return fail(`lớn hơn ${formatBytes(MAX_FORM_FILE_BYTES)}`);
      bytes = await readFile(full);
    } catch {
      return fail('không có hoặc không đọc được');
    }
    const ext = extOf(form.file)!;
    const kind = sniff(bytes.subarray(0, SNIFF_BYTES));
    if (kind?.kind !== ext) return fail(`không phải tệp .${ext} (nội dung là ${kind ? `.${kind.ext}` : 'loại không nhận biết được'})`);
    const stored = await source.store.put(bytes);
    files.set(i, { key: stored.key, sha256: stored.sha256, size: stored.size, ext, mime: kind.mime });
  }
  return { files };
}

/** The keys among `keys` that a service's official form file is, so the file sweep keeps them. */
export async function officialFormKeys(db: DB, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const { rows } = await sql<{ k: string }>`
    select f->'official'->>'key' as k
    from service, jsonb_array_elements(coalesce(service.details->'forms', '[]'::jsonb)) as f
    where f->'official'->>'key' = any(${[...keys]}::text[])`.execute(db);
  return new Set(rows.map((r) => r.k));
}
