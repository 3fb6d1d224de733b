// The second factor's SQL (S1, ASVS 2.8): each account's TOTP secret, its hashed recovery codes,
// and the sign-ins that have passed the password and wait for a code (5 minutes, used once).
import { verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { newToken, sha256 } from './store.ts';
import { matchTotp, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, normalizeTotp } from './totp.ts';

export const PENDING_SIGN_IN_MINUTES = 5;
/** Wrong codes allowed on one pending sign-in before the person must start again with the password. */
export const MAX_CODES_PER_SIGN_IN = 5;
/** Wrong codes in a row, over every sign-in and the API, before the second factor rests for CODE_LOCK_MINUTES. */
export const MAX_FAILED_CODES = 10;
export const CODE_LOCK_MINUTES = 15;

export interface TotpStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

export async function totpStatus(db: DB, accountId: string): Promise<TotpStatus> {
  const row = await db.selectFrom('account_totp').select('enabled_at').where('account_id', '=', accountId).executeTakeFirst();
  const left = await db.selectFrom('account_recovery_code').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return { enabled: !!row?.enabled_at, enabledAt: row?.enabled_at ?? null, recoveryCodesLeft: Number(left.n) };
}

export async function hasTotp(db: DB, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('account_totp').select('account_id').where('account_id', '=', accountId).where('enabled_at', 'is not', null).executeTakeFirst();
  return !!row;
}

/** The secret being set up: the same one until confirmed, so a reload does not invalidate the app's entry. Undefined once enabled. */
export async function enrolmentSecret(db: DB, accountId: string): Promise<string | undefined> {
  await db.insertInto('account_totp').values({ account_id: accountId, secret: newTotpSecret() }).onConflict((oc) => oc.column('account_id').doNothing()).execute();
  const row = await db.selectFrom('account_totp').select(['secret', 'enabled_at']).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return row.enabled_at ? undefined : row.secret;
}

/** Turns the second factor on if `code` is the app's current one; returns the ten recovery codes, shown once. */
export async function confirmEnrolment(db: DB, accountId: string, code: string, now = new Date()): Promise<string[] | undefined> {
  const row = await db.selectFrom('account_totp').select(['secret', 'enabled_at']).where('account_id', '=', accountId).executeTakeFirst();
  if (!row || row.enabled_at) return undefined;
  const step = matchTotp(row.secret, code, now, null);
  if (step === undefined) return undefined;
  const codes = newRecoveryCodes();
  const done = await db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('account_totp').set({ enabled_at: now, last_step: step, failed_codes: 0, locked_until: null }).where('account_id', '=', accountId).where('enabled_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom('account_recovery_code').where('account_id', '=', accountId).execute();
    await trx.insertInto('account_recovery_code').values(codes.map((c) => ({ account_id: accountId, code_hash: sha256(c) }))).execute();
    return true;
  });
  return done ? codes : undefined;
}

export async function disableTotp(db: DB, accountId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('account_recovery_code').where('account_id', '=', accountId).execute();
    await trx.deleteFrom('account_totp').where('account_id', '=', accountId).execute();
  });
}

export type SecondFactorResult = { ok: true; via: 'totp' | 'recovery-code' } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; until: Date };

/**
 * Checks a 6-digit code (a step not used before) or an unused recovery code, and marks it used in
 * the same statement, so two requests racing with one code cannot both pass.
 */
export async function verifySecondFactor(db: DB, accountId: string, input: string, now = new Date()): Promise<SecondFactorResult> {
  const row = await db.selectFrom('account_totp').select(['secret', 'last_step', 'failed_codes', 'locked_until']).where('account_id', '=', accountId).where('enabled_at', 'is not', null).executeTakeFirst();
  if (!row) return { ok: false, reason: 'wrong' };
  if (row.locked_until && row.locked_until > now) return { ok: false, reason: 'locked', until: row.locked_until };
  let via: 'totp' | 'recovery-code' | undefined;
  if (normalizeTotp(input)) {
    const step = matchTotp(row.secret, input, now, row.last_step === null ? null : Number(row.last_step));
    if (step !== undefined) {
      const res = await db
        .updateTable('account_totp')
        .set({ last_step: step, failed_codes: 0, locked_until: null })
        .where('account_id', '=', accountId)
        .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', String(step) as never)]))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) via = 'totp';
    }
  } else {
    const code = normalizeRecoveryCode(input);
    if (code) {
      const res = await db.updateTable('account_recovery_code').set({ used_at: now }).where('account_id', '=', accountId).where('code_hash', '=', sha256(code)).where('used_at', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) {
        via = 'recovery-code';
        await db.updateTable('account_totp').set({ failed_codes: 0, locked_until: null }).where('account_id', '=', accountId).execute();
      }
    }
  }
  if (via) return { ok: true, via };
  const failed = (row.locked_until && row.locked_until <= now ? 0 : row.failed_codes) + 1;
  const until = failed >= MAX_FAILED_CODES ? new Date(now.getTime() + CODE_LOCK_MINUTES * 60_000) : null;
  await db.updateTable('account_totp').set({ failed_codes: until ? 0 : failed, locked_until: until }).where('account_id', '=', accountId).execute();
  return until ? { ok: false, reason: 'locked', until } : { ok: false, reason: 'wrong' };
}

/** The account's password, checked without touching the sign-in counters (turning the factor off asks for it again). */
export async function currentPasswordMatches(db: DB, accountId: string, password: string): Promise<boolean> {
  const row = await db.selectFrom('account').select('password_hash').where('id', '=', accountId).executeTakeFirst();
  return !!row?.password_hash && (await verify(row.password_hash, password).catch(() => false));
}

// ── Sign-ins waiting for their second step ───────────────────────────────────────────────────

export interface PendingSignIn {
  tokenHash: string;
  accountId: string;
  purpose: 'code' | 'enrol';
  next: string;
  failedCodes: number;
}

export async function createPendingSignIn(db: DB, accountId: string, purpose: PendingSignIn['purpose'], next: string, now = new Date()): Promise<string> {
  const token = newToken();
  // One waiting sign-in per account: a new password entry replaces the earlier one.
  await db.deleteFrom('pending_sign_in').where((eb) => eb.or([eb('account_id', '=', accountId), eb('expires_at', '<', now)])).execute();
  await db
    .insertInto('pending_sign_in')
    .values({ token_hash: sha256(token), account_id: accountId, purpose, next: next.slice(0, 500), expires_at: new Date(now.getTime() + PENDING_SIGN_IN_MINUTES * 60_000) })
    .execute();
  return token;
}

export async function pendingSignIn(db: DB, token: string | undefined, now = new Date()): Promise<PendingSignIn | undefined> {
  if (!token) return undefined;
  const row = await db
    .selectFrom('pending_sign_in')
    .select(['token_hash as tokenHash', 'account_id as accountId', 'purpose', 'next', 'failed_codes as failedCodes'])
    .where('token_hash', '=', sha256(token))
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row;
}

/** Counts a wrong code; at MAX_CODES_PER_SIGN_IN the pending sign-in is gone. Returns the tries left. */
export async function failPendingSignIn(db: DB, tokenHash: string): Promise<number> {
  const row = await db.updateTable('pending_sign_in').set({ failed_codes: sql`failed_codes + 1` }).where('token_hash', '=', tokenHash).returning('failed_codes').executeTakeFirst();
  const left = MAX_CODES_PER_SIGN_IN - (row?.failed_codes ?? MAX_CODES_PER_SIGN_IN);
  if (left <= 0) await db.deleteFrom('pending_sign_in').where('token_hash', '=', tokenHash).execute();
  return Math.max(0, left);
}

/** Ends a pending sign-in; true only for the one request that ended it (single use). */
export async function takePendingSignIn(db: DB, tokenHash: string): Promise<boolean> {
  const res = await db.deleteFrom('pending_sign_in').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
