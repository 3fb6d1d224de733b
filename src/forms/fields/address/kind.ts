// An address in three parts: province (tỉnh, thành phố), commune (xã, phường) and the detail.
import { addressProblems, formatAddress, type Address } from '../../../web/provinces.ts';
import { bodyFields, inSentence, lineBlock, text, WRONG_TYPE, type Scalar } from '../answer.ts';
import type { TextField } from '../../model.ts';
import type { FieldKind } from '../kind.ts';

export const ADDRESS_PARTS = ['province', 'commune', 'detail'] as const;

export const address: FieldKind<TextField> = {
  label: 'Địa chỉ',
  help: 'Tỉnh, thành phố và xã, phường chọn trong danh mục hành chính, rồi số nhà, đường, thôn; trên giấy có hai dòng.',
  compareAs: 'none',
  conditionTarget: false,
  prefill: true,
  inGroup: true,
  column: 3,
  check({ field, raw, required, path }) {
    const invalid = { errors: { [`${path}.province`]: `${field.label}: giá trị không hợp lệ.` } };
    if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) return invalid;
    const r = (raw ?? {}) as Record<string, unknown>;
    const parts = ADDRESS_PARTS.map((p) => text(r[p]));
    if (parts.includes(WRONG_TYPE)) return invalid;
    const a: Address = { province: (parts[0] as Scalar) ?? '', commune: (parts[1] as Scalar) ?? '', detail: (parts[2] as Scalar) ?? '' };
    if (!a.province && !a.commune && !a.detail) return required ? { errors: { [`${path}.province`]: `Hãy chọn tỉnh, thành phố của ${inSentence(field.label)}.` } } : {};
    // In Vietnamese, as every field kind's messages (the e-form is Vietnamese).
    const problems = addressProblems(a);
    const errors: Record<string, string> = {};
    for (const p of ADDRESS_PARTS) if (problems[p]) errors[`${path}.${p}`] = `${field.label}: ${inSentence(problems[p]!)}`;
    return { errors, value: Object.keys(problems).length ? undefined : a };
  },
  read: (_f, v) => formatAddress(v as Address),
  print: (f, p) => lineBlock(f, p, 2),
  fromBody: (body, path) => Object.fromEntries(ADDRESS_PARTS.map((p) => [p, body.one(body.get(`${path}.${p}`))])),
  toBody(v, path) {
    if (typeof v !== 'object' || v === null) return bodyFields(v, path);
    return ADDRESS_PARTS.flatMap((p): [string, string][] => {
      const part = (v as Record<string, unknown>)[p];
      return typeof part === 'string' && part ? [[`${path}.${p}`, part]] : [];
    });
  },
};
