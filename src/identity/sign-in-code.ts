// One-time sign-in codes (S1, ASVS 2.2.1): a person whose account is being attacked, on a device
// the account never signed in from, asks for 6 digits by email (and SMS when the account has a
// phone and the portal an SMS gateway). With the password, the code passes the throttles. Codes
// live 10 minutes, are used once, stored hashed, and allow only a few wrong tries.
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { findSignInAccount, sha256 } from './store.ts';

export const CODE_MINUTES = 10;
/** Wrong tries (a wrong code, or the right code with a wrong password) before a code is spent. */
export const CODE_ATTEMPTS = 5;
/** Codes one account may be sent per quarter of an hour: nobody can flood a mailbox. */
export const CODES_PER_QUARTER = 3;

const codeHash = (accountId: string, code: string) => sha256(`${accountId}:${code}`);

/** A new code for the account with this login, when it exists, has an address to send to, and was not sent too many. */
export async function issueSignInCode(
  db: DB,
  login: string,
  now = new Date(),
): Promise<{ accountId: string; email: string | null; phone: string | null; fullName: string; code: string } | undefined> {
  const found = login.trim() ? await findSignInAccount(db, login) : undefined;
  if (!found) return undefined;
  const account = await db.selectFrom('account').select(['id', 'email', 'phone', 'full_name']).where('id', '=', found.id).executeTakeFirstOrThrow();
  if (!account.email && !account.phone) return undefined;
  const recent = await db
    .selectFrom('sign_in_code')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', account.id)
    .where('created_at', '>', new Date(now.getTime() - 15 * 60_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= CODES_PER_QUARTER) return undefined;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db
    .insertInto('sign_in_code')
    .values({ account_id: account.id, code_hash: codeHash(account.id, code), created_at: now, expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000) })
    .execute();
  return { accountId: account.id, email: account.email, phone: account.phone, fullName: account.full_name, code };
}

const live = (db: DB, accountId: string, now: Date) =>
  db.updateTable('sign_in_code').where('account_id', '=', accountId).where('used_at', 'is', null).where('expires_at', '>', now).where('attempts', '<', CODE_ATTEMPTS);

/** The live code of the account that matches, or undefined; a wrong code counts a try against every live one. */
export async function matchSignInCode(db: DB, accountId: string, code: string, now = new Date()): Promise<string | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const row = await db
    .selectFrom('sign_in_code')
    .select('id')
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash(accountId, code))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', CODE_ATTEMPTS)
    .executeTakeFirst();
  if (!row) await live(db, accountId, now).set({ attempts: sql`attempts + 1` }).execute();
  return row?.id;
}

export async function spendSignInCodeAttempt(db: DB, id: string): Promise<void> {
  await db.updateTable('sign_in_code').set({ attempts: sql`attempts + 1` }).where('id', '=', id).execute();
}

/** Uses the code, once: every other live code of the account ends with it. */
export async function useSignInCode(db: DB, accountId: string, id: string, now = new Date()): Promise<boolean> {
  const used = await db.updateTable('sign_in_code').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  if (!Number(used.numUpdatedRows)) return false;
  await live(db, accountId, now).set({ used_at: now }).execute();
  return true;
}
