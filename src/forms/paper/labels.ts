// What a printed label says about the answer it asks for: its field type, the stored data it may
// offer (prefill), and an id made from its words without accents (F1, from the paper form).
import type { FieldType, PrefillKey } from '../model.ts';

/** "Nơi cư trú" → "noi cu tru": lower case, no accents, đ → d. */
export function plain(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

const words = (s: string) => plain(s).replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);

/** A camelCase or kebab-case id from a label, unique among `taken` (which it joins). */
export function idFrom(label: string, taken: Set<string>, style: 'camel' | 'kebab', fallback: string): string {
  let parts = words(label).slice(0, 6);
  if (!parts.length || !/^[a-z]/.test(parts[0]!)) parts = [fallback, ...parts];
  let base = style === 'camel' ? parts.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('') : parts.join('-');
  base = base.slice(0, 40).replace(/-+$/, '');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${style === 'kebab' ? '-' : ''}${n}`;
  taken.add(id);
  return id;
}

/** "MAU-01_GPXD" from a file name: the characters a form code may have. */
export function codeFrom(fileName: string): string {
  const base = plain(fileName.replace(/\.[^.]*$/, '')).replace(/[^a-z0-9_-]+/gi, '-').replace(/^-+|-+$/g, '');
  return (base || 'mau').slice(0, 40).toUpperCase();
}

/** "TỜ KHAI ĐĂNG KÝ KHAI SINH" → "Tờ khai đăng ký khai sinh". */
export function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

export interface Typed {
  type: FieldType;
  prefill?: PrefillKey;
  /** The label names a person ("Họ, chữ đệm, tên …"): a second one starts another person's data. */
  names?: boolean;
}

/** Units written after the dotted line: "……m²" is a decimal, "……bản" a whole number. */
export const DECIMAL_UNITS = /^(m2|m²|m|km|ha|m3|m³|%)$/i;
export const INTEGER_UNITS = /^(bản|tháng|năm|người|tầng|ngày|lần|căn|phòng)$/i;

const RULES: [RegExp, Typed][] = [
  [/bang chu/, { type: 'text' }],
  [/^(so )?(the )?(can cuoc|cccd|cmnd|chung minh|dinh danh|so dinh danh)|^so (the )?(can cuoc|cccd|cmnd|chung minh nhan dan|dinh danh|ho chieu)/, { type: 'idNumber', prefill: 'idNumber' }],
  [/dien thoai|^dt\b/, { type: 'phone', prefill: 'phone' }],
  [/e-?mail|thu dien tu/, { type: 'email', prefill: 'email' }],
  [/ma so thue/, { type: 'taxCode', prefill: 'taxCode' }],
  [/^(ngay,? thang,? nam sinh|ngay sinh|sinh ngay)/, { type: 'date', prefill: 'dateOfBirth' }],
  [/^ngay cap/, { type: 'date', prefill: 'idIssueDate' }],
  [/^noi cap/, { type: 'text', prefill: 'idIssuePlace' }],
  [/^(tu|den) ngay|^ngay\b|^thoi diem|cap ngay$/, { type: 'date' }],
  [/^nam sinh|^nam tot nghiep|^so luong|^so ban\b|lan thu may/, { type: 'integer' }],
  [/dien tich|chieu cao|chieu dai|chieu rong|chieu sau|do sau|cot xay dung|\(m2?\)|m²/, { type: 'decimal' }],
  [/noi thuong tru|dia chi thuong tru|^noi cu tru$|^noi cu tru cua|^noi dang ky thuong tru/, { type: 'address', prefill: 'permanentAddress' }],
  [/dia chi lien he|cho o hien nay|noi o hien nay|noi tam tru|dia chi tam tru/, { type: 'address', prefill: 'currentAddress' }],
  [/^dia chi|noi cu tru|tru so/, { type: 'address' }],
  [/^gioi tinh/, { type: 'choice', prefill: 'sex' }],
  [/^ho,? (chu dem,? )?(va )?ten|^ho ten|^ho va ten|ten chu ho|^ten chu dau tu/, { type: 'text', prefill: 'fullName', names: true }],
  [/^(ly do|noi dung|tom tat|mo ta|danh sach)|\bcua cac\b/, { type: 'textarea' }],
];

/** The type a label asks for, with the unit written after its dotted line when there is one. */
export function typeOfLabel(label: string, unit?: string): Typed {
  const p = plain(label).replace(/\s+/g, ' ').trim();
  if (unit && DECIMAL_UNITS.test(unit)) return { type: 'decimal' };
  if (unit && INTEGER_UNITS.test(unit)) return { type: 'integer' };
  for (const [re, typed] of RULES) if (re.test(p)) return typed;
  return { type: 'text' };
}

/** A list of boxes under a label is "choose several", unless the label says there is one answer. */
export function singleAnswer(label: string): boolean {
  return /hinh thuc|^loai|gioi tinh|^cap cong trinh|chon mot|mot trong|tinh trang/.test(plain(label));
}

/**
 * A label as a field shows it: an all-capitals label in sentence case, and a long remark in
 * brackets at its end ("(đối với Phiếu lý lịch tư pháp số 1)") moved to the field's help.
 */
export function labelAndHelp(printed: string): { label: string; help?: string } {
  const m = /^(.{3,}?)\s*\(([^()]{25,})\)$/u.exec(printed);
  const label = m ? m[1]! : printed;
  return { label: /\p{Ll}/u.test(label) ? label : sentenceCase(label), ...(m && { help: sentenceCase(m[2]!.trim()).slice(0, 1000) }) };
}
