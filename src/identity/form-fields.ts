// Reading the identity pages' form fields, and the checks a person's details go through at
// registration and on the profile page, with Vietnamese messages per field.
import type { FieldErrors } from '../web/components/form.tsx';
import { cccdProblem, emailProblem, normalizeUsername, parseDate, passwordProblem, phoneProblem, taxCodeProblem, usernameProblem } from './model.ts';

type Form = Record<string, string | undefined>;
export const field = (body: unknown, name: string, max = 200): string => {
  const v = (body as Form | undefined)?.[name];
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
};

/** The checks of registration and profile, with Vietnamese messages per field. */
export function personProblems(v: Record<string, string>, withAccount: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.fullName) errors.fullName = 'Hãy nhập họ và tên.';
  else if (v.fullName.length > 100) errors.fullName = 'Họ và tên dài tối đa 100 ký tự.';
  if (withAccount) {
    const u = usernameProblem(normalizeUsername(v.username ?? ''));
    if (u) errors.username = u;
    const p = passwordProblem(v.password ?? '', v.username);
    if (p) errors.password = p;
  }
  if (v.email && emailProblem(v.email)) errors.email = emailProblem(v.email)!;
  if (v.phone && phoneProblem(v.phone)) errors.phone = phoneProblem(v.phone)!;
  if (v.dateOfBirth) {
    const iso = parseDate(v.dateOfBirth);
    if (!iso || iso > new Date().toISOString().slice(0, 10) || iso < '1900-01-01') errors.dateOfBirth = 'Ngày sinh không hợp lệ; viết theo dạng ngày/tháng/năm, ví dụ 20/05/1990.';
    else v.dateOfBirth = iso;
  }
  if (v.kind === 'business') {
    if (!v.taxCode) errors.taxCode = 'Tổ chức, doanh nghiệp cần mã số thuế.';
    else if (taxCodeProblem(v.taxCode)) errors.taxCode = taxCodeProblem(v.taxCode)!;
    if (!v.representative) errors.representative = 'Hãy nhập tên người đại diện theo pháp luật.';
  }
  if (v.idNumber) {
    const c = cccdProblem(v.idNumber, errors.dateOfBirth ? undefined : v.dateOfBirth || undefined);
    if (c) errors.idNumber = c;
  }
  return errors;
}
