// Data fields (V1, F3): the answers whose form field declares a data-field key (`prefill`) are what
// an agency keeps in the applicant's store once it receives the application; the next form offers
// them back. Stored as the text a person reads — a date as dd/mm/yyyy, a choice by its label, an
// address written out — and turned back into the form's own value when the person chooses it.
import { PROVINCES } from '../web/provinces.ts';
import { topFields, type Address, type Field, type FormDefinition, type PrefillKey } from './model.ts';

/** How a data field is named in the store, whatever the form calls it ("Tên chủ hộ" is a full name). */
export const DATA_FIELD_LABELS: Record<PrefillKey, string> = {
  fullName: 'Họ và tên',
  dateOfBirth: 'Ngày sinh',
  idNumber: 'Số CCCD, CMND',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  permanentAddress: 'Nơi thường trú',
  currentAddress: 'Nơi ở hiện tại',
  taxCode: 'Mã số thuế',
  sex: 'Giới tính',
  idIssueDate: 'Ngày cấp CCCD, CMND',
  idIssuePlace: 'Nơi cấp CCCD, CMND',
  degree: 'Văn bằng chuyên môn',
  degreeNumber: 'Số hiệu văn bằng',
  degreeSchool: 'Cơ sở đào tạo cấp văn bằng',
  graduationYear: 'Năm tốt nghiệp',
};

export interface DataFieldValue {
  key: PrefillKey;
  label: string;
  value: string;
}

const isAddress = (v: unknown): v is Address => !!v && typeof v === 'object' && !Array.isArray(v) && 'province' in v;

/** An address as one line: "12 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa". */
function addressLine(a: Address): string {
  return [a.detail, a.commune, a.province].map((x) => x.trim()).filter(Boolean).join(', ');
}

/** The stored text of one validated answer, or undefined when it is blank or not a data value. */
export function storedText(field: Field, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (field.type === 'address') return isAddress(value) && value.province ? addressLine(value) : undefined;
  if (field.type === 'date') return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : undefined;
  if (field.type === 'choice') return field.options.find((o) => o.value === value)?.label;
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'string') return value.trim() || undefined;
  return undefined;
}

/**
 * The data fields of an application: each answered top-level field that declares a key, once per
 * key (the first answered field wins), labelled by the key. `values` are validated answers.
 */
export function dataFieldsOf(def: FormDefinition, values: unknown): DataFieldValue[] {
  if (!values || typeof values !== 'object') return [];
  const answers = values as Record<string, unknown>;
  const out = new Map<PrefillKey, DataFieldValue>();
  for (const f of topFields(def)) {
    if (!f.prefill || out.has(f.prefill)) continue;
    const text = storedText(f, answers[f.id]);
    if (text !== undefined) out.set(f.prefill, { key: f.prefill, label: DATA_FIELD_LABELS[f.prefill], value: text.slice(0, 2000) });
  }
  return [...out.values()];
}

/**
 * The form's own value for a stored text, or undefined when this field cannot take it (a choice no
 * longer among the options, an address whose province is not in the list): then it is not offered.
 */
export function rawFromStored(field: Field, text: string): unknown {
  if (field.type === 'choice') return field.options.find((o) => o.label === text || o.value === text)?.value;
  if (field.type === 'address') {
    const parts = text.split(',').map((p) => p.trim());
    const province = parts.pop() ?? '';
    if (!PROVINCES.includes(province)) return undefined;
    const commune = parts.pop() ?? '';
    return { province, commune, detail: parts.join(', ') } satisfies Address;
  }
  if (field.type === 'date') return /^\d{2}\/\d{2}\/\d{4}$/.test(text) ? text : undefined;
  if (field.type === 'group' || field.type === 'attachment' || field.type === 'multichoice' || field.type === 'checkbox' || field.type === 'consent') return undefined;
  return text;
}
