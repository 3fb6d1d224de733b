// From the paper form to a draft e-form (F1): an official .docx or .doc form in, a definition
// that passes loadDefinition out, for an administrator to correct in the form designer.
import { sniff } from '../../storage/index.ts';
import type { Outcome } from '../../web/problem.ts';
import { FIELD_KINDS } from '../fields/index.ts';
import { loadDefinition } from '../definition-schema.ts';
import type { FieldType } from '../model.ts';
import { docToDocx, findOffice } from './doc.ts';
import { readDocx } from './docx.ts';
import { MAX_PAPER_BYTES, type PaperProblem } from './problems.ts';
import { proposeDefinition, type Draft, type DraftSummary, type SkipKind } from './propose.ts';

export { PAPER_PROBLEMS, MAX_PAPER_BYTES, type PaperProblem } from './problems.ts';
export { PLACEHOLDER_SERVICE, type Draft, type DraftSummary } from './propose.ts';

export interface PaperOptions {
  /** LibreOffice's program for .doc files; null: none on this machine. Found on the PATH by default. */
  office?: string | null;
}

/**
 * A draft definition proposed from an official form's .docx or .doc file, with what was found
 * and left out. The file is told by its content; its name only suggests the form's code.
 */
export async function draftFromPaper(bytes: Buffer, fileName: string, options: PaperOptions = {}): Promise<Outcome<Draft, PaperProblem>> {
  const refuse = (code: PaperProblem, params?: Record<string, string | number>) => ({ ok: false as const, problem: { code, ...(params && { params }) } });
  if (!bytes.length) return refuse('EMPTY');
  if (bytes.length > MAX_PAPER_BYTES) return refuse('TOO_LARGE', { max: MAX_PAPER_BYTES / 1024 / 1024 });
  const kind = sniff(bytes.subarray(0, 4096))?.kind;
  let docx = bytes;
  if (kind === 'doc') {
    const office = options.office === undefined ? findOffice() : options.office;
    if (!office) return refuse('DOC_NEEDS_OFFICE');
    const converted = await docToDocx(bytes, office);
    if (!converted) return refuse('DOC_NOT_CONVERTED');
    docx = converted;
  } else if (kind !== 'docx') return refuse('NOT_WORD');
  const read = await readDocx(docx);
  if (!read.ok) return refuse('BROKEN');
  const draft = proposeDefinition(read.blocks, fileName);
  if (!draft) return refuse('NO_FIELDS');
  // The proposal is built to pass; checking it here keeps a wrong proposal from reaching anyone.
  loadDefinition(draft.definition);
  return { ok: true, value: draft };
}

const SKIP_NAMES: Record<SkipKind, string> = {
  motto: 'quốc hiệu, tiêu ngữ',
  header: 'tên cơ quan, số và ngày bên cạnh quốc hiệu',
  title: 'tên mẫu',
  formNumber: 'số hiệu mẫu',
  legal: 'căn cứ ban hành',
  addressee: '"Kính gửi"',
  signature: 'khối chữ ký, nơi và ngày ký',
  footnote: 'chú thích',
  attachments: 'danh sách giấy tờ gửi kèm',
  prose: 'đoạn văn không có chỗ để điền',
};

/** The summary in Vietnamese, a few lines for the command and the designer. */
export function summaryLines(s: DraftSummary): string[] {
  const types = (Object.entries(s.byType) as [FieldType, number][]).map(([t, n]) => `${n} ${FIELD_KINDS[t].label.toLocaleLowerCase('vi')} (${t})`);
  const counts = new Map<SkipKind, number>();
  for (const k of s.skipped) counts.set(k.kind, (counts.get(k.kind) ?? 0) + 1);
  const skipped = [...counts].map(([k, n]) => `${SKIP_NAMES[k]} (${n} dòng)`);
  return [
    `Đề xuất ${s.sections} phần, ${s.fields} trường: ${types.join(', ')}.`,
    skipped.length ? `Đã nhận ra và không tạo trường: ${skipped.join('; ')}.` : 'Không có dòng nào bị bỏ qua.',
    ...s.skipped.filter((k) => k.kind === 'prose').map((k) => `  bỏ qua: ${k.text}`),
    'Cần làm tiếp:',
    ...s.todo.map((t) => `  - ${t}`),
  ];
}
