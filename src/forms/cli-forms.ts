// `dvctt import-forms` and `dvctt export-forms` (F1): definition files in and out of the database.
// Each file is stored in its own transaction, or refused with the path and the reason and nothing
// of it kept; importing the same files again changes nothing.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DB } from '../db/index.ts';
import { definitionSchema } from './definition-schema.ts';
import { importDefinition, publishedForms } from './definitions-store.ts';

export interface FileReport {
  file: string;
  outcome: 'new' | 'unchanged' | 'refused';
  /** "mau02-cchn-duoc@2" when the file was read as a definition. */
  version?: string;
  /** Where in the file the problem is, and why it was refused. */
  at?: string;
  reason?: string;
}

/** The .json files of a folder in name order, or the one file named. */
async function filesOf(target: string): Promise<string[]> {
  const found = await stat(target).catch(() => undefined);
  // A missing path is reported as a file that cannot be read.
  if (!found?.isDirectory()) return [target];
  const names = (await readdir(target)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  return names.map((n) => path.join(target, n));
}

export async function importFormFile(db: DB, file: string): Promise<FileReport> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { file, outcome: 'refused', at: '/', reason: e instanceof SyntaxError ? `tệp không phải JSON hợp lệ (${e.message}).` : `không đọc được tệp (${(e as Error).message}).` };
  }
  const result = await importDefinition(db, json);
  if (result.ok) return { file, outcome: result.value.status, version: `${result.value.formId}@${result.value.version}` };
  const p = result.problem;
  if (p.code === 'conflict') return { file, outcome: 'refused', at: '/version', reason: `phiên bản ${p.params?.version} của biểu mẫu "${p.params?.formId}" đã có với nội dung khác; hãy tăng số phiên bản.` };
  return { file, outcome: 'refused', at: String(p.params?.path || '/'), reason: String(p.params?.reason) };
}

/** Imports a definition file, or every .json file of a folder in name order, one transaction each. */
export async function importFormFiles(db: DB, target: string): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const file of await filesOf(target)) reports.push(await importFormFile(db, file));
  return reports;
}

const OUTCOME: Record<FileReport['outcome'], string> = { new: 'mới', unchanged: 'không đổi', refused: 'bị từ chối' };

export function reportLine(r: FileReport): string {
  if (r.outcome === 'refused') return `${OUTCOME.refused}: ${r.file} — tại ${r.at}: ${r.reason}`;
  return `${OUTCOME[r.outcome]}: ${r.file} (${r.version})`;
}

// Keys in the order the format describes them, so an exported file reads like a hand-written one.
const FIELD_KEYS = Object.keys(definitionSchema.$defs.field.properties);
const KEY_ORDER = new Map<string, number>();
for (const k of [...Object.keys(definitionSchema.properties), 'fields', ...FIELD_KEYS]) if (!KEY_ORDER.has(k)) KEY_ORDER.set(k, KEY_ORDER.size);

function ordered(value: unknown, inExample = false): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, inExample));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (!inExample) entries.sort(([a], [b]) => (KEY_ORDER.get(a) ?? 999) - (KEY_ORDER.get(b) ?? 999));
  return Object.fromEntries(entries.map(([k, v]) => [k, ordered(v, inExample || k === 'example')]));
}

/** Writes each published form (not the generated ones) as `<id>.json`; returns the files written. */
export async function exportForms(db: DB, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const form of await publishedForms(db)) {
    const file = path.join(dir, `${form.formId}.json`);
    await writeFile(file, JSON.stringify(ordered(form.document), null, 2) + '\n');
    written.push(file);
  }
  return written;
}

/** `dvctt import-forms <file|dir>`: a line per file; exit code 3 when any file was refused. */
export async function importFormsCommand(db: DB, target: string, out: (line: string) => void): Promise<number> {
  const reports = await importFormFiles(db, target);
  for (const r of reports) out(reportLine(r));
  const count = (o: FileReport['outcome']) => reports.filter((r) => r.outcome === o).length;
  out(`Tổng: ${count('new')} mới, ${count('unchanged')} không đổi, ${count('refused')} bị từ chối.`);
  return count('refused') ? 3 : 0;
}

/** `dvctt export-forms [dir]`. */
export async function exportFormsCommand(db: DB, dir: string, out: (line: string) => void): Promise<number> {
  const files = await exportForms(db, dir);
  for (const f of files) out(f);
  out(`Đã xuất ${files.length} biểu mẫu vào ${dir}.`);
  return 0;
}
