// The printed form of a definition, blank (level 2, C6) or filled (F4), as PDF or .docx.
import type { FormDefinition } from '../model.ts';
import { renderSheetDocx } from '../../web/paper/docx.ts';
import { renderSheetPdf } from '../../web/paper/pdf.ts';
import { buildSheet, type SheetInput } from './layout.ts';

export type PrintFormat = 'pdf' | 'docx';
export const PRINT_TYPES: Record<PrintFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export { buildSheet, type PrintSheet, type SheetInput } from './layout.ts';

export function renderForm(format: PrintFormat, input: SheetInput): Promise<Buffer> {
  const sheet = buildSheet(input);
  return format === 'pdf' ? renderSheetPdf(sheet) : renderSheetDocx(sheet);
}

/** Blank forms only change with their definition: rendered once, kept in memory. */
const blanks = new Map<string, Buffer>();

/**
 * The level-2 blank of a catalog form (code and slug as in the catalog) when the service's e-form
 * (`def`) is that form: then the download and the e-form come from the same definition (F5).
 */
export async function blankFormFromDefinition(def: FormDefinition | undefined, form: { code: string; slug: string }, format: PrintFormat, addressee: string, serviceName: string): Promise<Buffer | undefined> {
  if (!def || def.code !== form.code || def.slug !== form.slug) return undefined;
  const key = JSON.stringify([def.id, def.version, format, addressee, serviceName]);
  let body = blanks.get(key);
  if (!body) {
    body = await renderForm(format, { def, addressee, serviceName });
    if (blanks.size >= 200) blanks.delete(blanks.keys().next().value!);
    blanks.set(key, body);
  }
  return body;
}
