// `dvctt draft-form <tệp.docx|tệp.doc> [--out tệp.json]`: the draft definition of a paper form,
// for an administrator to correct before it is used (F1).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { explain } from '../../web/problem.ts';
import { draftFromPaper, PAPER_PROBLEMS, summaryLines } from './index.ts';


/** Runs the command; the JSON goes to `out` (or the --out file), the summary and errors to `err`. */
export async function draftFormCommand(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    err('Cách dùng: dvctt draft-form <tệp.docx|tệp.doc> [--out tệp.json]\n');
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    err(`dvctt: không đọc được tệp "${file}".\n`);
    return 1;
  }
  const result = await draftFromPaper(bytes, path.basename(file));
  if (!result.ok) {
    err(`dvctt: ${path.basename(file)}: ${explain(PAPER_PROBLEMS, result.problem).message}\n`);
    return 1;
  }
  const json = `${JSON.stringify(result.value.definition, null, 2)}\n`;
  const summary = summaryLines(result.value.summary).join('\n') + '\n';
  if (values.out) {
    await writeFile(values.out, json);
    out(`Đã ghi bản nháp vào ${values.out}.\n${summary}`);
  } else {
    out(json);
    err(summary);
  }
  return 0;
}
