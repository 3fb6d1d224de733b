// What a field type's e-form control is given (server-rendered Preact, F2): the field, the name
// its inputs post under ("practice.0.from"), the raw answer and the page's errors.
import type { VNode } from 'preact';
import type { Field, FormDefinition } from '../model.ts';
import type { FormErrors } from '../validate.ts';

export interface ControlProps<F extends Field = Field> {
  def: FormDefinition;
  field: F;
  name: string;
  raw: unknown;
  errors: FormErrors;
  /** The field's help and, for a conditional field, when to fill it. */
  hint: string | undefined;
  /** Marked "(bắt buộc)": required, and not only under a condition. */
  required: boolean;
  /** The fields of the row, for a field inside a repeating group. */
  scope?: Field[];
  /** Draws another field (a group's columns), wrapped as the e-form wraps every field. */
  child: (props: { field: Field; name: string; raw: unknown; scope?: Field[] }) => VNode;
}

export interface Control<F extends Field = Field> {
  render(props: ControlProps<F>): VNode | null;
  /** It draws its own container (a group's fieldset) or nothing, instead of the e-form's field wrapper. */
  own?: boolean;
}

export type Controls = { [T in Field['type']]: Control<Extract<Field, { type: T }>> };

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
