// A form definition (F1): every field of an official form, its conditions and rules, in one
// versioned JSON document. The same definition drives the e-form, validation and the paper form.

/** Data the account's profile holds, which a field may offer to fill itself with (Art. 8.2). */
export const PROFILE_KEYS = ['fullName', 'dateOfBirth', 'idNumber', 'phone', 'email', 'permanentAddress', 'currentAddress', 'taxCode'] as const;
export type ProfileKey = (typeof PROFILE_KEYS)[number];
/**
 * The data-field keys a field may declare (`prefill`): the profile's, and those only an accepted
 * application gives (V1). Stored values are offered, never filled silently (F3, Art. 8.2).
 */
export const PREFILL_KEYS = [...PROFILE_KEYS, 'sex', 'idIssueDate', 'idIssuePlace', 'degree', 'degreeNumber', 'degreeSchool', 'graduationYear'] as const;
export type PrefillKey = (typeof PREFILL_KEYS)[number];

export const FIELD_TYPES = [
  'text',
  'textarea',
  'integer',
  'decimal',
  'date',
  'choice',
  'multichoice',
  'checkbox',
  'idNumber',
  'phone',
  'email',
  'taxCode',
  'address',
  'group',
  'consent',
  'attachment',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * "When field X has a value" — any value, or one of `in` (for a multichoice: any of them chosen;
 * for a checkbox: "true"). Inside a repeating group, X is first looked up in the same row.
 */
export interface Condition {
  field: string;
  in?: string[];
}

export interface Option {
  value: string;
  label: string;
}

/** A rule between two fields (F1): "Đến ngày" not before "Từ ngày", an amount within another. */
export const COMPARISON_OPS = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export interface Comparison {
  op: ComparisonOp;
  /** The other field; inside a repeating group, a field of the same row first. */
  field: string;
  /** Vietnamese message when the rule fails; a sentence is made from both labels otherwise. */
  message?: string;
}

export interface Rules {
  minLength?: number;
  maxLength?: number;
  /** A regular expression the whole (trimmed) value must match, with its own message. */
  pattern?: string;
  patternMessage?: string;
  min?: number;
  max?: number;
  /** Dates: "today" or yyyy-mm-dd. */
  minDate?: string;
  maxDate?: string;
  /** Checked once both fields have valid values; dates and numbers by order, others by equality. */
  compare?: Comparison[];
}

interface BaseField {
  id: string;
  type: FieldType;
  label: string;
  /** Shown at the field (Art. 8.3): what to write and how. */
  help?: string;
  required?: boolean;
  /** The field is shown (and its value kept) only when this holds. */
  showIf?: Condition;
  /** The field becomes required when this holds. */
  requireIf?: Condition;
  rules?: Rules;
  prefill?: PrefillKey;
}

export interface TextField extends BaseField {
  type: 'text' | 'textarea' | 'integer' | 'decimal' | 'date' | 'idNumber' | 'phone' | 'email' | 'taxCode' | 'address' | 'checkbox';
}

export interface ChoiceField extends BaseField {
  type: 'choice' | 'multichoice';
  options: Option[];
}

export interface ConsentField extends BaseField {
  type: 'consent';
}

export interface AttachmentField extends BaseField {
  type: 'attachment';
  /** The id of the service's dossier component (thành phần hồ sơ) this slot holds. */
  component: string;
}

export interface GroupField extends BaseField {
  type: 'group';
  /** The label of one row, e.g. "Cơ sở thực hành". */
  itemLabel?: string;
  minRows?: number;
  maxRows?: number;
  fields: Field[];
}

export type Field = TextField | ChoiceField | ConsentField | AttachmentField | GroupField;

export interface Section {
  id: string;
  title: string;
  help?: string;
  fields: Field[];
}

/** One page of a long form: some of its sections, in order (F2 multi-step). */
export interface Step {
  id: string;
  title: string;
  sections: string[];
}

export interface FormDefinition {
  /** The format of this document, so it can change later without breaking stored ones. */
  format: 'dvctt-form/1';
  id: string;
  /** Raised whenever fields change; stored with each application. */
  version: number;
  /** Form number as in the catalog and the download name: "Mau02". */
  code: string;
  slug: string;
  /** "Mẫu số 02", printed at the top right of the paper form. */
  number?: string;
  title: string;
  /** Printed after "Kính gửi:". */
  addressee?: string;
  /** The law that sets the form. */
  legalBasis?: string;
  /** Services (mã TTHC) whose e-form this is. */
  services: string[];
  sections: Section[];
  /** Pages of a long form; without steps the whole form is one page. */
  steps?: Step[];
  /** How the paper form is printed (F4, F5); every part optional. */
  print?: PrintOptions;
  /** A complete, valid set of answers, for integrators and tests. */
  example?: Record<string, unknown>;
}

/** The paper form's own layout, where it differs from the defaults (docs/forms.md, "Save and print"). */
export interface PrintOptions {
  /** "fields" (default): 1., 2., … on every item; "sections": 1. on each section, "-" on its items; "none". */
  numbering?: 'fields' | 'sections' | 'none';
  /** The italic line under the title, e.g. "(Dùng cho nhà ở riêng lẻ)". */
  subtitle?: string;
  /** The signature block's title; by default from the title: "NGƯỜI LÀM ĐƠN", "NGƯỜI KHAI", "NGƯỜI ĐỀ NGHỊ". */
  signer?: string;
  /** Under the signer; by default "(Ký và ghi rõ họ tên)". */
  signHint?: string;
  /** The heading of the list of papers sent with the form; by default "Giấy tờ gửi kèm theo". */
  attachmentsLabel?: string;
}

export type Address = { province: string; commune: string; detail: string };
export type Value = string | number | boolean | string[] | Address | Record<string, Value>[];
export type Answers = Record<string, Value>;

/** Every field of the definition in order, top level first (groups' own fields not included). */
export function topFields(def: FormDefinition): Field[] {
  // Asked for every conditional field of a page: worked out once per definition.
  let fields = TOP_FIELDS.get(def);
  if (!fields) TOP_FIELDS.set(def, (fields = def.sections.flatMap((s) => s.fields)));
  return fields;
}
const TOP_FIELDS = new WeakMap<FormDefinition, Field[]>();

/** Fields that take a value from the person (attachments are uploaded, not typed). */
export function isInput(f: Field): boolean {
  return f.type !== 'attachment';
}

/** The form's pages: its declared steps, or one page holding every section. */
export function stepsOf(def: FormDefinition): { id: string; title: string; sections: Section[] }[] {
  if (!def.steps?.length) return [{ id: 'to-khai', title: def.title, sections: def.sections }];
  return def.steps.map((st) => ({ id: st.id, title: st.title, sections: st.sections.map((id) => def.sections.find((s) => s.id === id)!) }));
}

/** Whether the form asks for files (its attachment fields name the service's dossier components). */
export function hasAttachments(def: FormDefinition): boolean {
  return def.sections.some((s) => s.fields.some((f) => f.type === 'attachment'));
}

/**
 * The pages a person goes through to send an application: the form's steps, then "Thành phần hồ
 * sơ" when the form asks for files, then "Kiểm tra lại và gửi" — so "Bước k/N" is true.
 */
export function journeyOf(def: FormDefinition): { count: number; formSteps: number; filesStep: number | null; checkStep: number } {
  const formSteps = stepsOf(def).length;
  const filesStep = hasAttachments(def) ? formSteps : null;
  const checkStep = formSteps + (filesStep === null ? 0 : 1);
  return { count: checkStep + 1, formSteps, filesStep, checkStep };
}

/** "mau02-cchn-duoc@2": how an application and a draft name the definition they were filled with. */
export function versionOf(def: FormDefinition): string {
  return `${def.id}@${def.version}`;
}
