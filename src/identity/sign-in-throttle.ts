// Sign-in that resists guessing without locking anyone out (S1, ASVS 2.2.1). Failures are counted
// in PostgreSQL, so every instance shares them, under three keys: the source address (an IPv4
// address or an IPv6 /64), the account (or, when there is none, the login typed — the same answer
// either way) and the whole portal. Past a few failures a key makes further attempts wait 1 s, 2 s,
// 4 s … at most 5 minutes, answered at once. A browser that signed in to the account before is
// exempt from the account's and the portal's keys; a person on a new device can use a one-time code.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { ACCOUNT_FREE_FAILURES, GLOBAL_FREE_FAILURES, MAX_SIGN_IN_WAIT_SECONDS, signInSource, SOURCE_FREE_FAILURES, THROTTLE_WINDOW_SECONDS } from './model.ts';
import { matchSignInCode, spendSignInCodeAttempt, useSignInCode } from './sign-in-code.ts';
import { findSignInAccount, newToken, passwordMatches, sha256 } from './store.ts';

export const DEVICE_COOKIE = 'dvctt_device';
export const DEVICE_DAYS = 365;

export type SignInOutcome =
  | { ok: true; accountId: string; deviceToken: string }
  | { ok: false; reason: 'invalid' }
  /** The one-time code is wrong, expired or used. */
  | { ok: false; reason: 'code' }
  /** Too many failures from this address, or against this account (or portal-wide) from new devices. */
  | { ok: false; reason: 'source' | 'account'; waitSeconds: number };

export interface SignInAttempt {
  login: string;
  password: string;
  /** The client's address (req.ip, which honours DVCTT_TRUST_PROXY). */
  ip: string;
  /** The browser's known-device cookie, if any. */
  deviceToken?: string;
  /** A one-time sign-in code, when the person asked for one. */
  code?: string;
}

/**
 * Counts one attempt against `key` as a failure, unless the key must wait: then nothing is counted
 * and the answer is the seconds left. A success gives its count back (`giveBack`).
 */
export async function takeAttempt(db: DB, key: string, free: number, now = new Date()): Promise<number> {
  const expired = new Date(now.getTime() - THROTTLE_WINDOW_SECONDS * 1000);
  const failures = sql<number>`(CASE WHEN t.window_start <= ${expired} THEN 1 ELSE t.failures + 1 END)`;
  const counted = await sql<{ failures: number }>`
    INSERT INTO sign_in_throttle AS t (key, window_start, failures, blocked_until) VALUES (${key}, ${now}, 1, NULL)
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN t.window_start <= ${expired} THEN ${now} ELSE t.window_start END,
      failures = ${failures},
      blocked_until = CASE WHEN ${failures} > ${free}::int
        THEN ${now}::timestamptz + make_interval(secs => least(power(2, ${failures} - ${free}::int - 1), ${MAX_SIGN_IN_WAIT_SECONDS}::int))
        ELSE NULL END
    WHERE t.blocked_until IS NULL OR t.blocked_until <= ${now}
    RETURNING failures`.execute(db);
  // Old counters are swept now and then by whoever fails; no scheduler needed.
  if (Math.random() < 0.01) {
    await sql`DELETE FROM sign_in_throttle WHERE window_start < ${new Date(now.getTime() - 86_400_000)} AND (blocked_until IS NULL OR blocked_until < ${now})`.execute(db);
  }
  if (counted.rows.length) return 0;
  const row = await db.selectFrom('sign_in_throttle').select('blocked_until').where('key', '=', key).executeTakeFirst();
  return Math.max(1, Math.ceil(((row?.blocked_until?.getTime() ?? now.getTime()) - now.getTime()) / 1000));
}

/** A successful sign-in was counted as a failure in advance: give it back. */
async function giveBack(db: DB, keys: string[]): Promise<void> {
  if (keys.length) await sql`UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0) WHERE key IN (${sql.join(keys)})`.execute(db);
}

const validDeviceToken = (token: string | undefined): token is string => !!token && /^[A-Za-z0-9_-]{43}$/.test(token);

async function isKnownDevice(db: DB, accountId: string, token: string | undefined): Promise<boolean> {
  if (!validDeviceToken(token)) return false;
  const row = await db.selectFrom('known_device').select('account_id').where('account_id', '=', accountId).where('token_hash', '=', sha256(token)).executeTakeFirst();
  return !!row;
}

/** This browser now counts as one the account signed in from; its token is kept (hashed) per account. */
async function rememberDevice(db: DB, accountId: string, token: string | undefined, now: Date): Promise<string> {
  const device = validDeviceToken(token) ? token : newToken();
  await db
    .insertInto('known_device')
    .values({ account_id: accountId, token_hash: sha256(device), created_at: now, last_used_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'token_hash']).doUpdateSet({ last_used_at: now }))
    .execute();
  return device;
}

/** Checks a password (and a one-time code, when given) under the three throttles. */
export async function signIn(db: DB, a: SignInAttempt, levels: { globalFreeFailures?: number } = {}, now = new Date()): Promise<SignInOutcome> {
  const sourceKey = `source:${signInSource(a.ip)}`;
  if (a.code !== undefined) {
    // The code proves the mailbox (or phone): it passes every throttle, and its own attempts are few.
    const account = await findSignInAccount(db, a.login);
    const codeId = account ? await matchSignInCode(db, account.id, a.code, now) : undefined;
    if (!codeId) {
      await takeAttempt(db, sourceKey, SOURCE_FREE_FAILURES, now);
      return { ok: false, reason: 'code' };
    }
    if (!(await passwordMatches(account, a.password))) {
      await spendSignInCodeAttempt(db, codeId);
      await takeAttempt(db, sourceKey, SOURCE_FREE_FAILURES, now);
      return { ok: false, reason: 'invalid' };
    }
    if (!(await useSignInCode(db, account!.id, codeId, now))) return { ok: false, reason: 'code' };
    return { ok: true, accountId: account!.id, deviceToken: await rememberDevice(db, account!.id, a.deviceToken, now) };
  }

  const sourceWait = await takeAttempt(db, sourceKey, SOURCE_FREE_FAILURES, now);
  if (sourceWait) return { ok: false, reason: 'source', waitSeconds: sourceWait };
  const counted = [sourceKey];
  const account = await findSignInAccount(db, a.login);
  if (!(account && (await isKnownDevice(db, account.id, a.deviceToken)))) {
    // An unknown login is throttled exactly like an account, so the answers cannot tell them apart.
    const accountKey = account ? `account:${account.id}` : `login:${sha256(a.login.trim().toLowerCase())}`;
    const accountWait = await takeAttempt(db, accountKey, ACCOUNT_FREE_FAILURES, now);
    if (accountWait) return { ok: false, reason: 'account', waitSeconds: accountWait };
    counted.push(accountKey);
    const globalWait = await takeAttempt(db, 'global', levels.globalFreeFailures ?? GLOBAL_FREE_FAILURES, now);
    if (globalWait) return { ok: false, reason: 'account', waitSeconds: globalWait };
    counted.push('global');
  }
  if (!(await passwordMatches(account, a.password))) return { ok: false, reason: 'invalid' };
  await giveBack(db, counted);
  return { ok: true, accountId: account!.id, deviceToken: await rememberDevice(db, account!.id, a.deviceToken, now) };
}
