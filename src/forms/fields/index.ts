// The field types of a form definition (F1), one module each (or per family), by type: what
// validate.ts, print/layout.ts and definition-schema.ts read instead of switching on the type.
// Safe for the browser bundle; the e-form controls are registered in ./controls.ts.
import type { Field } from '../model.ts';
import { address } from './address/kind.ts';
import { attachment } from './attachment/kind.ts';
import { checkbox } from './checkbox/kind.ts';
import { choice, multichoice } from './choice/kind.ts';
import { consent } from './consent/kind.ts';
import { date } from './date/kind.ts';
import { group } from './group/kind.ts';
import { email, idNumber, phone, taxCode } from './identity-numbers/kind.ts';
import type { FieldKind, FieldKinds } from './kind.ts';
import { decimal, integer } from './number/kind.ts';
import { text, textarea } from './text/kind.ts';

export const FIELD_KINDS: FieldKinds = { text, textarea, integer, decimal, date, choice, multichoice, checkbox, idNumber, phone, email, taxCode, address, group, consent, attachment };

/** The module of a field's type. */
export function kindOf(field: Field): FieldKind {
  return FIELD_KINDS[field.type] as FieldKind;
}

export type { BodyReader, Checked, CheckInput, FieldKind, PrintInput } from './kind.ts';
export { ADDRESS_PARTS } from './address/kind.ts';
export { bodyFields, inSentence, text as answerText } from './answer.ts';
