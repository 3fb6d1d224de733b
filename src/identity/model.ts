// Accounts, roles and the one authorization rule (S1, S5): pure functions, unit-tested. The input
// rules answer with problem codes (problems.ts holds their sentences).
import type { Problem } from '../web/problem.ts';
import type { IdentityProblem } from './problems.ts';
import { readDayVi } from '../web/format.ts';

export type Role = 'citizen' | 'officer' | 'admin' | 'manager';
export const ROLES: readonly Role[] = ['citizen', 'officer', 'admin', 'manager'];
export const STAFF_ROLES: readonly Role[] = ['officer', 'admin', 'manager'];

export const ROLE_NAMES: Record<Role, string> = {
  citizen: 'Công dân, doanh nghiệp',
  officer: 'Cán bộ',
  admin: 'Quản trị',
  manager: 'Lãnh đạo',
};

/** Who is acting: a signed-in account with its role and the agencies it covers. */
export interface Actor {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  /** The officer's agency, or the root of an administrator's or manager's tree. */
  agencyCode: string | null;
  /** The agency and every agency under it (for an officer: only its own). */
  agencies: ReadonlySet<string>;
  /** Units this person heads: assigns their applications and sees their whole queue (A3). */
  heads?: ReadonlySet<string>;
  /** Units this person leads: approves their results and sees their whole queue (A3). */
  leads?: ReadonlySet<string>;
}

export type Action =
  | 'profile.read'
  | 'profile.update'
  | 'application.submit'
  | 'application.read'
  | 'application.process'
  | 'personal-data.read'
  | 'statistics.read'
  | 'staff.manage'
  | 'catalog.manage'
  | 'audit.read';

/** The record an action is about: whose it is and which agency holds it. */
export interface Resource {
  ownerId?: string | null;
  agencyCode?: string | null;
}

/**
 * May this person do this to that record? Every route asks here and nowhere else.
 * Citizens act on their own records; officers on their agency's; administrators and managers
 * on their tree's — administrators manage, managers only read figures.
 */
export function can(actor: Actor | undefined, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  const own = resource.ownerId !== undefined && resource.ownerId === actor.id;
  const inScope = resource.agencyCode != null && actor.agencies.has(resource.agencyCode);
  switch (action) {
    case 'profile.read':
    case 'profile.update':
      return own || (actor.role === 'admin' && resource.ownerId !== undefined && inScope);
    case 'application.submit':
      return actor.role === 'citizen';
    case 'application.read':
      return own || (actor.role !== 'citizen' && actor.role !== 'manager' && inScope);
    case 'application.process':
      return actor.role === 'officer' && inScope;
    case 'personal-data.read':
      return own || ((actor.role === 'officer' || actor.role === 'admin') && inScope);
    case 'statistics.read':
      return (actor.role === 'manager' || actor.role === 'admin' || actor.role === 'officer') && inScope;
    case 'staff.manage':
    case 'catalog.manage':
    case 'audit.read':
      return actor.role === 'admin' && inScope;
  }
}

// ── Input rules ───────────────────────────────────────────────────────────────────────────────

/** Province codes that begin a CCCD number (Circular 59/2021/TT-BCA, Annex I). */
const CCCD_PROVINCES = new Set(
  '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'.split(
    ' ',
  ),
);

/**
 * A 12-digit CCCD: province of birth registration, a century-and-sex digit, the last two digits
 * of the birth year, then six digits. With a date of birth, the year must agree.
 */
export function cccdCheck(value: string, dateOfBirth?: string): Problem<IdentityProblem> | undefined {
  if (!/^\d{12}$/.test(value)) return { code: 'CCCD_FORMAT' };
  if (!CCCD_PROVINCES.has(value.slice(0, 3))) return { code: 'CCCD_PROVINCE', params: { province: value.slice(0, 3) } };
  if (dateOfBirth) {
    const century = 1900 + Math.floor(Number(value[3]) / 2) * 100;
    const year = century + Number(value.slice(4, 6));
    if (String(year) !== dateOfBirth.slice(0, 4)) return { code: 'CCCD_YEAR', params: { year } };
  }
  return undefined;
}

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function normalizeUsername(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * Sign-in takes a username, an email or a phone number in one box, so a username must never look
 * like either: no "@" (the pattern) and at least one letter, so that no username is ever someone's
 * phone number (with or without its dots and dashes).
 */
export function usernameCheck(value: string): Problem<IdentityProblem> | undefined {
  if (!USERNAME.test(value)) return { code: 'USERNAME_FORMAT' };
  if (!/[a-z]/.test(value)) return { code: 'USERNAME_NO_LETTER' };
  return undefined;
}

/** The shortest new password (OWASP ASVS 2.1.1); passwords set before the rule still sign in. */
export const PASSWORD_MIN_LENGTH = 12;

/** At least 12 characters, not all of one kind, and not the username itself. */
export function passwordCheck(password: string, username = ''): Problem<IdentityProblem> | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return { code: 'PASSWORD_TOO_SHORT', params: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > 200) return { code: 'PASSWORD_TOO_LONG' };
  if (/^\d+$/.test(password) || /^[a-zA-Z]+$/.test(password)) return { code: 'PASSWORD_ONE_KIND' };
  if (username && password.toLowerCase().includes(username.toLowerCase())) return { code: 'PASSWORD_HAS_USERNAME' };
  return undefined;
}

export function phoneCheck(value: string): Problem<IdentityProblem> | undefined {
  return /^(0|\+84)(3|5|7|8|9)\d{8}$/.test(value.replace(/[\s.-]/g, '')) ? undefined : { code: 'PHONE_INVALID' };
}

export function emailCheck(value: string): Problem<IdentityProblem> | undefined {
  return /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/.test(value) ? undefined : { code: 'EMAIL_INVALID' };
}

// Sign-in throttling (S1, ASVS 2.2.1): nobody is locked out; after a few failures, further
// attempts must wait, and the wait grows. Counted per source address, per account and portal-wide.

/** Failures from one source address (an IPv4 address or an IPv6 /64) before attempts must wait. */
export const SOURCE_FREE_FAILURES = 10;
/** Failures against one account from browsers it never signed in from, before those must wait. */
export const ACCOUNT_FREE_FAILURES = 5;
/**
 * Failures across the whole portal, from browsers not known to the account tried, before those
 * attempts must wait (a password sprayed over many accounts from many addresses). The default of
 * DVCTT_SIGN_IN_SPRAY_LIMIT, which a large portal sets higher.
 */
export const GLOBAL_FREE_FAILURES = 100;
/** How long failures are counted: a window starts at the first failure. */
export const THROTTLE_WINDOW_SECONDS = 15 * 60;
export const MAX_SIGN_IN_WAIT_SECONDS = 5 * 60;

/** After `free` failures, each further one makes the next attempt wait 1 s, 2 s, 4 s … at most 5 minutes. */
export function signInWaitSeconds(failures: number, free: number): number {
  return failures <= free ? 0 : Math.min(2 ** (failures - free - 1), MAX_SIGN_IN_WAIT_SECONDS);
}

/** Who a sign-in attempt comes from: an IPv4 address, or an IPv6 address's /64 (one subscriber's network). */
export function signInSource(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (g.replace(/^0+/, '') || '0'))
    .join(':')}::/64`;
}

/** dd/mm/yyyy (how Vietnamese forms write dates) or yyyy-mm-dd → yyyy-mm-dd, if it is a real date. */
export const parseDate = readDayVi;

/** yyyy-mm-dd → dd/mm/yyyy for display. */
export function formatDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** Dates are shown as dd/mm/yyyy; what the person typed is kept when it does not parse. */
export function showDate(value: string | null | undefined): string {
  return value ? formatDate(parseDate(value)) || value : '';
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * Mã số thuế: 10 digits whose 10th is the check digit (10 − Σ dᵢ·wᵢ mod 11), or 13 as a branch:
 * the parent's 10 digits, "-", three digits.
 */
export function taxCodeCheck(value: string): Problem<IdentityProblem> | undefined {
  const m = /^(\d{10})(?:-(\d{3}))?$/.exec(value.trim());
  if (!m) return { code: 'TAX_CODE_FORMAT' };
  const digits = m[1]!.split('').map(Number);
  const sum = TAX_WEIGHTS.reduce((s, w, i) => s + w * digits[i]!, 0);
  const check = 10 - (sum % 11);
  if (check === 10 || check !== digits[9]) return { code: 'TAX_CODE_CHECK' };
  return undefined;
}
