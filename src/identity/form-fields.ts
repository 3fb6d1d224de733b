// Reading the identity pages' form fields, and the checks a person's details go through at
// registration and on the profile page, as problem codes per field (problems.ts has the sentences).
import type { Problem } from '../web/problem.ts';
import { cccdCheck, emailCheck, normalizeUsername, parseDate, passwordCheck, phoneCheck, taxCodeCheck, usernameCheck } from './model.ts';
import type { IdentityProblem } from './problems.ts';

type Form = Record<string, string | undefined>;
export const field = (body: unknown, name: string, max = 200): string => {
  const v = (body as Form | undefined)?.[name];
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
};

/** The problems of each field, by field name. */
export type FieldProblems = Record<string, Problem<IdentityProblem>>;

/** The checks of registration and profile, as a problem per field. */
export function personProblems(v: Record<string, string>, withAccount: boolean): FieldProblems {
  const found: Partial<FieldProblems> = {};
  if (!v.fullName) found.fullName = { code: 'FULL_NAME_MISSING' };
  else if (v.fullName.length > 100) found.fullName = { code: 'FULL_NAME_TOO_LONG' };
  if (withAccount) {
    found.username = usernameCheck(normalizeUsername(v.username ?? ''));
    found.password = passwordCheck(v.password ?? '', v.username);
  }
  if (v.email) found.email = emailCheck(v.email);
  if (v.phone) found.phone = phoneCheck(v.phone);
  if (v.dateOfBirth) {
    const iso = parseDate(v.dateOfBirth);
    if (!iso || iso > new Date().toISOString().slice(0, 10) || iso < '1900-01-01') found.dateOfBirth = { code: 'DATE_OF_BIRTH_INVALID' };
    else v.dateOfBirth = iso;
  }
  if (v.kind === 'business') {
    found.taxCode = v.taxCode ? taxCodeCheck(v.taxCode) : { code: 'TAX_CODE_MISSING' };
    if (!v.representative) found.representative = { code: 'REPRESENTATIVE_MISSING' };
  }
  if (v.idNumber) found.idNumber = cccdCheck(v.idNumber, found.dateOfBirth ? undefined : v.dateOfBirth || undefined);
  return Object.fromEntries(Object.entries(found).filter(([, p]) => p)) as FieldProblems;
}
