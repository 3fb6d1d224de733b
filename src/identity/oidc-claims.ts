// What a portal account takes from an identity provider's verified claims (S1): pure rules,
// unit-tested. A claim that is missing, malformed or (for email) unverified is simply not used.
import { cccdCheck, emailCheck, phoneCheck, USERNAME } from './model.ts';

export type Claims = Record<string, unknown>;

/** Where a CCCD number may come in: no standard claim exists, so the provider's name is configured here. */
export const CCCD_CLAIMS = ['id_number', 'cccd'] as const;

/** The person a provider vouches for, in the portal's terms. */
export interface ProviderPerson {
  issuer: string;
  subject: string;
  fullName: string;
  /** Only an address the provider says it verified (email_verified = true). */
  email: string | null;
  phone: string | null;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  idNumber: string | null;
}

const text = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

/** Some providers send booleans as strings; only an explicit true counts. */
const isTrue = (v: unknown): boolean => v === true || v === 'true';

export function personFromClaims(issuer: string, claims: Claims, today = new Date()): ProviderPerson {
  const subject = text(claims.sub, 255);
  if (!subject) throw new Error('the provider sent no subject (sub)');

  // Vietnamese names run family – middle – given.
  const parts = [claims.family_name, claims.middle_name, claims.given_name].map((p) => text(p, 100)).filter(Boolean);
  const fullName = (text(claims.name, 100) ?? (parts.join(' ').slice(0, 100) || undefined) ?? 'Người dùng định danh điện tử').replace(/\s+/g, ' ');

  const rawEmail = text(claims.email, 254);
  const email = rawEmail && isTrue(claims.email_verified) && !emailCheck(rawEmail) ? rawEmail : null;

  let phone = text(claims.phone_number, 20)?.replace(/[\s.()-]/g, '') ?? null;
  if (phone?.startsWith('+84')) phone = '0' + phone.slice(3);
  if (phone && phoneCheck(phone)) phone = null;

  const birth = text(claims.birthdate, 10);
  const dateOfBirth = birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) && !birth.startsWith('0000') && isRealDate(birth) && birth <= today.toISOString().slice(0, 10) ? birth : null;

  let idNumber: string | null = null;
  for (const name of CCCD_CLAIMS) {
    const value = text(claims[name], 20);
    if (value && !cccdCheck(value, dateOfBirth ?? undefined)) {
      idNumber = value;
      break;
    }
  }
  return { issuer, subject, fullName, email, phone, dateOfBirth, idNumber };
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/**
 * A readable username from the person's name ("Đỗ Thị Hạnh" → "do.thi.hanh"). Not from the
 * provider's login name or email: for VNeID that is the CCCD number, which must not be shown.
 */
export function usernameBase(fullName: string): string {
  const slug = fullName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 32)
    .replace(/\.+$/, '');
  return USERNAME.test(slug) ? slug : 'congdan';
}

/** The n-th choice of username for a base: base, base2, base3, … (always within 40 characters). */
export function usernameCandidate(base: string, n: number): string {
  return n <= 1 ? base : `${base}${n}`;
}
