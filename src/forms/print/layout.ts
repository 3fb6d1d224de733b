// The paper form of a definition (F4, F5), as a list of blocks that the PDF, .docx and HTML print
// renderings all draw: motto, form number, title, "Kính gửi", numbered items with the answers
// where the dotted lines were (or dotted lines when blank), tables for repeating groups, boxes
// for choices, the pledge, the place and date line and the signature block.
import type { Address } from '../../web/provinces.ts';
import { kindOf } from '../fields/index.ts';
import type { Field, FormDefinition, Value } from '../model.ts';
import { SIGN_HINT, signerFor, type Block, type PrintSheet } from '../../web/paper/sheet.ts';

export { dateWords, numbered, type Block, type PrintSheet } from '../../web/paper/sheet.ts';

export interface SheetInput {
  def: FormDefinition;
  /** Validated answers (validateAnswers().values); undefined for the blank form. */
  values?: Record<string, Value>;
  /** Printed after "Kính gửi:" when the definition names none (the deciding agency). */
  addressee?: string;
  /** The service's name, kept in the file's properties. */
  serviceName?: string;
  /** The date of the place and date line of a filled form (submission day or today). */
  date?: Date;
}

const nfc = (s: string) => s.normalize('NFC');

/** An answer as it is written on paper: dates dd/mm/yyyy, options by their label, decimals with a comma. */
export function paperValue(field: Field, v: Value | undefined): string {
  return v === undefined || v === null ? '' : kindOf(field).read(field, v);
}

function signerOf(def: FormDefinition): string {
  return def.print?.signer ?? signerFor(def.title);
}

/** "Phường Nha Trang" → "Nha Trang": the place written before the date, from the first address answered. */
function placeOf(def: FormDefinition, values: Record<string, Value>): string {
  for (const s of def.sections)
    for (const f of s.fields) {
      const v = values[f.id] as Address | undefined;
      if (f.type === 'address' && v && typeof v === 'object' && v.commune) return v.commune.replace(/^(Phường|Xã|Đặc khu|Thị trấn)\s+/u, '');
    }
  return '';
}

/** The day in Vietnam (UTC+7) of an instant. */
function vietnamDay(d: Date): { day: number; month: number; year: number } {
  const v = new Date(d.getTime() + 7 * 3600_000);
  return { day: v.getUTCDate(), month: v.getUTCMonth() + 1, year: v.getUTCFullYear() };
}

function fieldBlocks(f: Field, number: string, values: Record<string, Value> | undefined): Block[] {
  return kindOf(f).print(f, { number, label: nfc(f.label), value: values?.[f.id], filled: values !== undefined, paper: (sub, v) => nfc(paperValue(sub, v)), column: (sub) => kindOf(sub).column });
}

/** The paper form of `def`, filled with `values` or blank. */
export function buildSheet(input: SheetInput): PrintSheet {
  const { def, values } = input;
  const filled = values !== undefined;
  const numbering = def.print?.numbering ?? 'fields';
  const blocks: Block[] = [];
  const pledge: string[] = [];
  const attachments: string[] = [];
  // On a filled form, a conditional field with no answer was hidden: it is left out, as on the e-form.
  const shown = (f: Field) => !(filled && f.showIf && values[f.id] === undefined);
  let n = 0;
  for (const section of def.sections) {
    const items = section.fields.filter((f) => !kindOf(f).onPaper && shown(f));
    for (const f of section.fields) {
      const place = kindOf(f).onPaper;
      if (place === 'pledge') pledge.push(nfc(f.label));
      if (place === 'attachments') attachments.push(nfc(f.label));
    }
    if (!items.length) continue;
    if (numbering === 'sections') {
      n += 1;
      // A section of one item is that item, numbered ("5. Dự kiến thời gian hoàn thành công trình: 6 tháng").
      if (items.length === 1) blocks.push(...fieldBlocks(items[0]!, `${n}.`, values));
      else {
        blocks.push({ kind: 'heading', number: `${n}.`, text: nfc(section.title) });
        for (const f of items) blocks.push(...fieldBlocks(f, '-', values));
      }
    } else {
      for (const f of items) blocks.push(...fieldBlocks(f, numbering === 'fields' ? `${++n}.` : '', values));
    }
  }
  if (attachments.length) blocks.push({ kind: 'list', number: numbering === 'none' ? '' : `${n + 1}.`, label: nfc(def.print?.attachmentsLabel ?? 'Giấy tờ gửi kèm theo'), items: attachments });

  const nameField = def.sections.flatMap((s) => s.fields).find((f) => f.prefill === 'fullName');
  const day = filled ? vietnamDay(input.date ?? new Date()) : undefined;
  const title = nfc(def.title);
  return {
    numberLine: nfc(def.number ?? ''),
    title: title.toLocaleUpperCase('vi'),
    subtitle: nfc(def.print?.subtitle ?? ''),
    addressee: nfc(def.addressee ?? input.addressee ?? ''),
    blocks,
    pledge,
    placeDate: { place: filled ? placeOf(def, values) : '', ...day },
    signer: nfc(signerOf(def)),
    signHint: nfc(def.print?.signHint ?? SIGN_HINT),
    signName: filled && nameField && typeof values[nameField.id] === 'string' ? nfc(values[nameField.id] as string) : '',
    filled,
    meta: { title, subject: nfc(input.serviceName ?? '') },
  };
}

