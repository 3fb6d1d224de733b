// What every field type of a form definition provides (F1), in one module per type or family of
// types (the registry is ./index.ts): its parameters in the definition, how an answer is checked,
// how it reads and prints, and how a form designer names it. Nothing here may need the server:
// validate.ts runs in the browser too (decision 0006); the e-form controls are in ./controls.ts.
import type { Block } from '../../web/paper/sheet.ts';
import type { Condition, Field, Value } from '../model.ts';

/** One visible answer to check: the raw submitted value and where its errors go. */
export interface CheckInput<F extends Field> {
  field: F;
  raw: unknown;
  required: boolean;
  /** The answer's path: "fullName", "practice.1.from"; errors are keyed by it (or by its parts). */
  path: string;
  /** yyyy-mm-dd in Vietnam, for "today" in date rules. */
  today: string;
}

/** The checked value (kept when defined) and the errors by path, in the order a person reads them. */
export interface Checked {
  value?: Value;
  errors?: Record<string, string>;
}

/** What the paper form needs to draw one item. */
export interface PrintInput {
  /** "1.", "-" or "" (docs/forms.md, numbering). */
  number: string;
  /** The field's label, composed (NFC). */
  label: string;
  value: Value | undefined;
  filled: boolean;
  /** Any field's answer as written on paper (for a group's columns). */
  paper: (field: Field, value: Value | undefined) => string;
  /** Any field's column width in a group's table. */
  column: (field: Field) => number;
}

/** A browser's flat form body read by name; `one` takes the first of repeated names. */
export interface BodyReader {
  get: (name: string) => unknown;
  one: (v: unknown) => unknown;
}

export interface FieldKind<F extends Field = Field> {
  /** The type's name in the form designer ("Ngày tháng"). */
  label: string;
  /** One line in the form designer: what the person writes and how it is checked. */
  help: string;
  /**
   * The definition parameters this type adds to the common ones (id, label, help, required,
   * showIf, requireIf, rules, prefill), as JSON Schema; `required` ones belong to this type alone.
   */
  parameters?: { properties: Record<string, object>; required?: readonly string[] };
  /** How a rule between two fields compares it; "none": it takes part in no such rule. */
  compareAs: 'date' | 'number' | 'text' | 'none';
  /** Another field's showIf / requireIf may look at it. */
  conditionTarget: boolean;
  /** It may offer a stored value (`prefill`). */
  prefill: boolean;
  /** It may be a column of a repeating group. */
  inGroup: boolean;
  /** Where the paper form puts it: an item (default), the pledge, or the list of papers sent with it. */
  onPaper?: 'pledge' | 'attachments';
  /** Column width in a group's table, by how much is usually written in it. */
  column: number;
  /** Checks one visible answer; absent for what is not typed (attachments) or checked row by row (groups). */
  check?(input: CheckInput<F>): Checked;
  /** The values a condition on this field looks at. */
  conditionValues?(field: F, raw: unknown): string[];
  /** "Chỉ khai khi …": a condition on this field in words, for the form without JavaScript. */
  conditionNote?(field: F, c: Condition): string;
  /** A checked answer as a person reads it, on paper and on the check page. */
  read(field: F, value: Value): string;
  /** Its blocks on the paper form (blank or filled). */
  print(field: F, input: PrintInput): Block[];
  /** A problem of the definition the schema cannot see: its JSON path under the field, and why. */
  definitionProblem?(field: F): { at: string; reason: string } | undefined;
  /** Its raw answer from a browser's flat form body (default: the one value named by its path). */
  fromBody?(body: BodyReader, path: string): unknown;
  /** Its answer back as flat form fields (default: the value, or one field per chosen value). */
  toBody?(value: unknown, path: string): [string, string][];
}

/** The registry: every field type's module. */
export type FieldKinds = { [T in Field['type']]: FieldKind<Extract<Field, { type: T }>> };
