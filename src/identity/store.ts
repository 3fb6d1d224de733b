// Accounts, sessions, tokens and the audit log in PostgreSQL (so any instance serves any request).
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { Address } from '../web/provinces.ts';
import type { Problem } from '../web/problem.ts';
import { normalizeUsername, type Actor, type Role } from './model.ts';
import type { IdentityProblem } from './problems.ts';

/** Argon2id with OWASP's recommended memory and time cost (19 MiB, 2 passes). */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const SESSION_DAYS = 7;
export const TOKEN_HOURS = 12;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
export const newToken = () => randomBytes(32).toString('base64url');

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export interface NewAccount {
  username: string;
  password?: string;
  fullName: string;
  role?: Role;
  agencyCode?: string | null;
  email?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  dateOfBirth?: string | null;
  kind?: 'person' | 'business';
  taxCode?: string | null;
  representative?: string | null;
}

const HELD = { username: 'USERNAME_TAKEN', email: 'EMAIL_HELD', phone: 'PHONE_HELD', idNumber: 'ID_NUMBER_HELD' } as const;

/** Another account holds the username, email, phone or CCCD: the problem names the field to change. */
export class DuplicateAccountError extends Error {
  readonly problem: Problem<IdentityProblem>;
  constructor(readonly field: keyof typeof HELD) {
    super(HELD[field]);
    this.name = 'DuplicateAccountError';
    this.problem = { code: HELD[field], field };
  }
}

/** Maps a unique-index violation to the field the person must change. */
function duplicateField(err: unknown): DuplicateAccountError | undefined {
  const e = err as { code?: string; constraint?: string };
  if (e.code !== '23505') return undefined;
  const map: Record<string, 'username' | 'email' | 'phone' | 'idNumber'> = {
    account_username_key: 'username',
    account_email: 'email',
    account_phone: 'phone',
    account_id_number: 'idNumber',
  };
  const field = map[e.constraint ?? ''];
  return field ? new DuplicateAccountError(field) : undefined;
}

/** How a phone number is kept: without spaces, dots or dashes. */
const storedPhone = (phone: string | null | undefined) => phone?.replace(/[\s.-]/g, '') || null;

/**
 * The accounts that already hold the email address, phone number or CCCD of a new account — by
 * any of the ways sign-in finds an account (a phone equal to an older all-digit username too).
 */
export async function accountsHolding(
  db: DB,
  a: Pick<NewAccount, 'email' | 'phone' | 'idNumber'>,
): Promise<{ id: string; username: string; email: string | null; phone: string | null; id_number: string | null }[]> {
  const email = a.email?.trim().toLowerCase();
  const phone = storedPhone(a.phone);
  if (!email && !phone && !a.idNumber) return [];
  return db
    .selectFrom('account')
    .select(['id', 'username', 'email', 'phone', 'id_number'])
    .where((eb) =>
      eb.or([
        ...(email ? [eb(sql`lower(email)`, '=', email)] : []),
        ...(phone ? [eb('phone', '=', phone), eb('username', '=', phone)] : []),
        ...(a.idNumber ? [eb('id_number', '=', a.idNumber)] : []),
      ]),
    )
    .orderBy('id')
    .execute();
}

export async function createAccount(db: DB, a: NewAccount): Promise<string> {
  // Hashed first, so a refusal takes as long as a creation.
  const passwordHash = a.password ? await hashPassword(a.password) : null;
  // Sign-in finds an account by username or phone in one box: a phone must not be another's username.
  const phone = storedPhone(a.phone);
  if (phone && (await db.selectFrom('account').select('id').where('username', '=', phone).executeTakeFirst())) throw new DuplicateAccountError('phone');
  try {
    const row = await db
      .insertInto('account')
      .values({
        username: normalizeUsername(a.username),
        password_hash: passwordHash,
        full_name: a.fullName.trim(),
        role: a.role ?? 'citizen',
        agency_code: a.agencyCode ?? null,
        email: a.email?.trim() || null,
        phone,
        id_number: a.idNumber || null,
        date_of_birth: a.dateOfBirth || null,
        kind: a.kind ?? 'person',
        tax_code: a.kind === 'business' ? a.taxCode || null : null,
        representative: a.kind === 'business' ? a.representative || null : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (err) {
    throw duplicateField(err) ?? err;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined;

/** The account a username, email or phone number names, with its password hash. */
export async function findSignInAccount(db: DB, login: string): Promise<{ id: string; passwordHash: string | null } | undefined> {
  const key = login.trim();
  return db
    .selectFrom('account')
    .select(['id', 'password_hash as passwordHash'])
    .where((eb) => eb.or([eb('username', '=', normalizeUsername(key)), eb(sql`lower(email)`, '=', key.toLowerCase()), eb('phone', '=', key.replace(/[\s.-]/g, ''))]))
    .executeTakeFirst();
}

/**
 * Whether the password is the account's. Without an account (or without a password), Argon2 still
 * runs against a dummy hash, so the time taken does not tell whether the account exists.
 * Throttling is the caller's (sign-in-throttle.ts): no account is ever locked.
 */
export async function passwordMatches(account: { passwordHash: string | null } | undefined, password: string): Promise<boolean> {
  if (!account?.passwordHash) {
    dummyHash ??= hashPassword('dvctt-no-such-account');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(account.passwordHash, password).catch(() => false);
}

export interface Session {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: DB, accountId: string, meta: { ip?: string; userAgent?: string } = {}): Promise<Session> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db
    .insertInto('session')
    .values({ token_hash: sha256(token), account_id: accountId, csrf_token: csrfToken, expires_at: expiresAt, ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function endSession(db: DB, token: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', sha256(token)).execute();
}

/** Sign out everywhere: every session and token of the account. */
export async function endAllSessions(db: DB, accountId: string): Promise<number> {
  const res = await db.deleteFrom('session').where('account_id', '=', accountId).executeTakeFirst();
  await db.deleteFrom('api_token').where('account_id', '=', accountId).execute();
  return Number(res.numDeletedRows);
}

export async function createApiToken(db: DB, accountId: string, name: string, hours = TOKEN_HOURS): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db.insertInto('api_token').values({ token_hash: sha256(token), account_id: accountId, name, expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

/** The agency and all agencies under it. */
export async function agencySubtree(db: DB, code: string): Promise<string[]> {
  const rows = await sql<{ code: string }>`
    WITH RECURSIVE tree(code) AS (
      SELECT code FROM agency WHERE code = ${code}
      UNION SELECT a.code FROM agency a JOIN tree t ON a.parent_code = t.code
    ) SELECT code FROM tree`.execute(db);
  return rows.rows.map((r) => r.code);
}

async function actorFor(db: DB, accountId: string): Promise<Actor | undefined> {
  const a = await db.selectFrom('account').select(['id', 'username', 'full_name', 'role', 'agency_code']).where('id', '=', accountId).executeTakeFirst();
  if (!a) return undefined;
  // Its own unit and those it is a member of (A5): an officer covers them; others their trees.
  // With its duties there (A3): a head of unit assigns, a leader approves. One round trip for both lists.
  const rows =
    a.role === 'citizen'
      ? []
      : await db
          .selectFrom('agency_membership')
          .select(['agency_code', sql<string | null>`null`.as('duty')])
          .where('account_id', '=', a.id)
          .unionAll(db.selectFrom('agency_duty').select(['agency_code', 'duty']).where('account_id', '=', a.id))
          .execute();
  const members = rows.filter((r) => r.duty === null).map((m) => m.agency_code);
  const units = [...(a.agency_code ? [a.agency_code] : []), ...members];
  const agencies = a.role === 'officer' ? units : (await Promise.all(units.map((u) => agencySubtree(db, u)))).flat();
  const duty = (d: string) => new Set(rows.filter((r) => r.duty === d).map((r) => r.agency_code));
  return { id: a.id, username: a.username, fullName: a.full_name, role: a.role, agencyCode: a.agency_code, agencies: new Set(agencies), heads: duty('head'), leads: duty('leader') };
}

/**
 * Citizens' sessions end after a day without a request (and 7 days after sign-in whatever happens):
 * long enough to finish an application over an evening, short enough that a shared computer
 * left signed in does not stay open for a week. Staff's end after DVCTT_STAFF_IDLE_MINUTES (30).
 */
export const CITIZEN_IDLE_MINUTES = 24 * 60;
/** A session's last use is written at most once a minute, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export type SessionLookup = { actor: Actor; csrfToken: string } | { idleMinutes: number } | undefined;

/**
 * The actor behind a session cookie, with the session's CSRF token; `{ idleMinutes }` when the
 * session went unused longer than its role allows (ASVS 3.3.2). An idle session is not deleted
 * here, so every request carrying it learns why it ended until the browser drops the cookie.
 */
export async function sessionActor(db: DB, token: string, now = new Date(), staffIdleMinutes = 30): Promise<SessionLookup> {
  const hash = sha256(token);
  const s = await db.selectFrom('session').select(['account_id', 'csrf_token', 'expires_at', 'last_seen_at']).where('token_hash', '=', hash).executeTakeFirst();
  if (!s || s.expires_at <= now) return undefined;
  const actor = await actorFor(db, s.account_id);
  if (!actor) return undefined;
  const idleMinutes = actor.role === 'citizen' ? CITIZEN_IDLE_MINUTES : staffIdleMinutes;
  const unused = now.getTime() - s.last_seen_at.getTime();
  if (unused > idleMinutes * 60_000) return { idleMinutes };
  if (unused >= LAST_SEEN_RESOLUTION_MS) {
    await db.updateTable('session').set({ last_seen_at: now }).where('token_hash', '=', hash).where('last_seen_at', '<', now).execute();
  }
  return { actor, csrfToken: s.csrf_token };
}

export async function tokenActor(db: DB, token: string, now = new Date()): Promise<Actor | undefined> {
  const t = await db.selectFrom('api_token').select(['account_id', 'expires_at']).where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!t || t.expires_at <= now) return undefined;
  return actorFor(db, t.account_id);
}

export interface AuditEntry {
  actor?: Pick<Actor, 'id' | 'username'> | null;
  action: string;
  targetType?: string;
  targetId?: string;
  agencyCode?: string | null;
  ip?: string;
  details?: Record<string, unknown>;
}

export async function audit(db: DB, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: e.actor?.id ?? null,
      actor_name: e.actor?.username ?? null,
      action: e.action,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      agency_code: e.agencyCode ?? null,
      ip: e.ip ?? null,
      details: e.details ? JSON.stringify(e.details) : null,
    })
    .execute();
}

export interface Profile {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agencyCode: string | null;
  email: string | null;
  phone: string | null;
  idNumber: string | null;
  dateOfBirth: string | null;
  kind: 'person' | 'business';
  taxCode: string | null;
  representative: string | null;
  permanentAddress: Address | null;
  currentAddress: Address | null;
}

export async function getProfile(db: DB, id: string): Promise<Profile | undefined> {
  return db
    .selectFrom('account')
    .select(['id', 'username', 'full_name as fullName', 'role', 'agency_code as agencyCode', 'email', 'phone', 'id_number as idNumber', sql<string | null>`to_char(date_of_birth, 'YYYY-MM-DD')`.as('dateOfBirth'), 'kind', 'tax_code as taxCode', 'representative', 'permanent_address', 'current_address'])
    .where('id', '=', id)
    .executeTakeFirst()
    .then((r) => {
      if (!r) return undefined;
      const { permanent_address, current_address, ...rest } = r;
      return { ...rest, permanentAddress: (permanent_address as Address | null) ?? null, currentAddress: (current_address as Address | null) ?? null };
    });
}

export async function updateProfile(
  db: DB,
  id: string,
  p: Pick<Profile, 'fullName' | 'email' | 'phone' | 'idNumber' | 'dateOfBirth'> & Partial<Pick<Profile, 'taxCode' | 'representative' | 'permanentAddress' | 'currentAddress'>>,
): Promise<void> {
  const address = (a: Address | null | undefined) => (a && (a.province || a.commune || a.detail) ? JSON.stringify(a) : null);
  try {
    await db
      .updateTable('account')
      .set({ full_name: p.fullName, email: p.email || null, phone: p.phone?.replace(/[\s.-]/g, '') || null, id_number: p.idNumber || null, date_of_birth: p.dateOfBirth || null, updated_at: new Date(), ...(p.taxCode !== undefined && { tax_code: p.taxCode || null, representative: p.representative || null }), ...(p.permanentAddress !== undefined && { permanent_address: address(p.permanentAddress), current_address: address(p.currentAddress) }) })
      .where('id', '=', id)
      .execute();
  } catch (err) {
    throw duplicateField(err) ?? err;
  }
}

/** Changes a password after checking the current one; other sessions end, this one stays. */
export async function changePassword(db: DB, id: string, current: string, next: string, keepSessionToken?: string): Promise<boolean> {
  const row = await db.selectFrom('account').select('password_hash').where('id', '=', id).executeTakeFirst();
  if (!row?.password_hash || !(await verify(row.password_hash, current).catch(() => false))) return false;
  await db.updateTable('account').set({ password_hash: await hashPassword(next), updated_at: new Date() }).where('id', '=', id).execute();
  await db
    .deleteFrom('session')
    .where('account_id', '=', id)
    .$if(!!keepSessionToken, (qb) => qb.where('token_hash', '<>', sha256(keepSessionToken!)))
    .execute();
  return true;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Personal access tokens of an account (the id is the token's hash, never the token). */
export async function listApiTokens(db: DB, accountId: string): Promise<ApiTokenInfo[]> {
  return db
    .selectFrom('api_token')
    .select(['token_hash as id', 'name', 'created_at as createdAt', 'expires_at as expiresAt'])
    .where('account_id', '=', accountId)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiToken(db: DB, accountId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('api_token').where('account_id', '=', accountId).where('token_hash', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** An administrator sets a temporary password; every session and token of the account ends. */
export async function resetPassword(db: DB, accountId: string, password: string): Promise<void> {
  await db.updateTable('account').set({ password_hash: await hashPassword(password), failed_sign_ins: 0, locked_until: null, updated_at: new Date() }).where('id', '=', accountId).execute();
  await endAllSessions(db, accountId);
}

/** The role and username of an account (where to land after sign-in, what a second factor applies to). */
export async function accountRole(db: DB, id: string): Promise<{ username: string; role: Role } | undefined> {
  return db.selectFrom('account').select(['username', 'role']).where('id', '=', id).executeTakeFirst();
}

/** Whether some account already has this (normalised) username. */
export async function usernameTaken(db: DB, username: string): Promise<boolean> {
  return !!(await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst());
}

/** Communes known from the agency data, offered as suggestions ("Ủy ban nhân dân phường X" → "Phường X"). */
export async function knownCommunes(db: DB): Promise<string[]> {
  const rows = await db.selectFrom('agency').select('name').where('kind', '=', 'commune').orderBy('name').execute();
  return rows.map((r) => r.name.replace(/^Ủy ban nhân dân\s+/i, '')).map((n) => n.charAt(0).toUpperCase() + n.slice(1));
}
