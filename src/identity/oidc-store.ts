// The SQL of signing in through an identity provider: started sign-ins (state, nonce, PKCE
// verifier), first sign-ins waiting for the person's consent, and finding, linking or creating the
// account a provider's subject belongs to.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { usernameBase, usernameCandidate, type ProviderPerson } from './oidc-claims.ts';

export interface PendingLogin {
  stateHash: string;
  browserHash: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  expiresAt: Date;
}

/** Keeps a started sign-in, and forgets the ones that expired long enough ago. */
export async function savePendingLogin(db: DB, p: PendingLogin): Promise<void> {
  await db.deleteFrom('oidc_login').where('expires_at', '<', new Date(Date.now() - 3_600_000)).execute();
  await db
    .insertInto('oidc_login')
    .values({ state_hash: p.stateHash, browser_hash: p.browserHash, nonce: p.nonce, code_verifier: p.codeVerifier, next: p.next, expires_at: p.expiresAt })
    .execute();
}

/**
 * Takes a started sign-in back exactly once: only from the browser that started it and before it
 * expires. Anything else (unknown, used, expired, another browser) gives undefined and changes nothing.
 */
export async function takePendingLogin(db: DB, stateHash: string, browserHash: string, now = new Date()): Promise<Pick<PendingLogin, 'nonce' | 'codeVerifier' | 'next'> | undefined> {
  const row = await db
    .deleteFrom('oidc_login')
    .where('state_hash', '=', stateHash)
    .where('browser_hash', '=', browserHash)
    .where('expires_at', '>', now)
    .returning(['nonce', 'code_verifier', 'next'])
    .executeTakeFirst();
  return row && { nonce: row.nonce, codeVerifier: row.code_verifier, next: row.next };
}

export interface ProviderAccount {
  accountId: string;
  username: string;
  /** found: signed in before; linked: an existing account with the same verified email or personal identification number; created: new. */
  outcome: 'found' | 'linked' | 'created';
}

/**
 * What the provider's person meets before consent: an account to sign in to, an unlinked
 * password account with the same personal identification number (linked once the person agrees),
 * a staff account holding that number (refused), or nothing (a new account once the person agrees).
 */
export type ProviderMatch = ProviderAccount | { outcome: 'same-number'; accountId: string; username: string } | { outcome: 'staff-number' } | undefined;

async function bySubject(db: DB, p: ProviderPerson) {
  return db.selectFrom('account').select(['id', 'username']).where('oidc_issuer', '=', p.issuer).where('oidc_subject', '=', p.subject).executeTakeFirst();
}

const uniqueViolation = (err: unknown): string | undefined => {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' ? (e.constraint ?? '') : undefined;
};

/**
 * The account of a provider's subject, when there is one: the one already linked to it; else an
 * existing citizen account with the same email, when the provider verified that email and the
 * account is not linked to another subject (its owner agreed to the notice when registering).
 * Undefined: the person is new to the portal, and must agree before an account is made.
 */
export async function existingProviderAccount(db: DB, p: ProviderPerson): Promise<ProviderMatch> {
  const found = await bySubject(db, p);
  if (found) return { accountId: found.id, username: found.username, outcome: 'found' };
  // Accounts are keyed by the personal identification number the provider proves (decision in docs/integration.md, "Đăng nhập bằng VNeID").
  if (p.idNumber) {
    const holder = await db.selectFrom('account').select(['id', 'username', 'role', 'kind', 'oidc_subject']).where('id_number', '=', p.idNumber).executeTakeFirst();
    if (holder && holder.role !== 'citizen') return { outcome: 'staff-number' };
    if (holder && holder.kind === 'person' && holder.oidc_subject === null) return { outcome: 'same-number', accountId: holder.id, username: holder.username };
  }
  if (!p.email) return undefined;
  try {
    const linked = await db
      .updateTable('account')
      .set({ oidc_issuer: p.issuer, oidc_subject: p.subject, updated_at: new Date() })
      .where(sql`lower(email)`, '=', p.email.toLowerCase())
      .where('oidc_subject', 'is', null)
      // Only citizens' accounts: a provider's word about an email must never open a staff account.
      .where('role', '=', 'citizen')
      .returning(['id', 'username'])
      .executeTakeFirst();
    return linked && { accountId: linked.id, username: linked.username, outcome: 'linked' };
  } catch (err) {
    // The same subject signing in twice at once: the other request linked or created it.
    if (uniqueViolation(err) !== 'account_oidc') throw err;
    const again = await bySubject(db, p);
    if (again) return { accountId: again.id, username: again.username, outcome: 'found' };
    throw err;
  }
}

/**
 * Links the unlinked citizen account holding the provider's personal identification number to the
 * provider's subject, with `andThen` (the consent and link audit rows) in the same transaction.
 * Undefined when no such account is left (another request linked it, or the number moved).
 */
export async function linkByIdNumber(db: DB, p: ProviderPerson, andThen: (trx: DB, account: { id: string; username: string }) => Promise<void>): Promise<ProviderAccount | undefined> {
  if (!p.idNumber) return undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('account')
        .set({ oidc_issuer: p.issuer, oidc_subject: p.subject, updated_at: new Date() })
        .where('id_number', '=', p.idNumber)
        .where('oidc_subject', 'is', null)
        .where('role', '=', 'citizen')
        .where('kind', '=', 'person')
        .returning(['id', 'username'])
        .executeTakeFirst();
      if (!row) return undefined;
      await andThen(trx, row);
      return { accountId: row.id, username: row.username, outcome: 'linked' as const };
    });
  } catch (err) {
    if (uniqueViolation(err) !== 'account_oidc') throw err;
    const again = await bySubject(db, p);
    if (again) return { accountId: again.id, username: again.username, outcome: 'found' };
    throw err;
  }
}

/**
 * A new citizen account for the provider's person, with `andThen` (the consent and register audit
 * rows) in the same transaction: both or neither. Unique values another account already holds
 * (email, phone, CCCD) are left out rather than refusing the sign-in. Another request that made
 * the account first gives 'found'.
 */
export async function createProviderAccount(db: DB, p: ProviderPerson, andThen: (trx: DB, account: { id: string; username: string }) => Promise<void>): Promise<ProviderAccount> {
  const taken = async (column: 'email' | 'phone' | 'id_number', value: string | null) => {
    if (!value) return true;
    const q = db.selectFrom('account').select('id');
    const row = await (column === 'email' ? q.where(sql`lower(email)`, '=', value.toLowerCase()) : q.where(column, '=', value)).executeTakeFirst();
    return !!row;
  };
  const values = {
    email: (await taken('email', p.email)) ? null : p.email,
    phone: (await taken('phone', p.phone)) ? null : p.phone,
    id_number: (await taken('id_number', p.idNumber)) ? null : p.idNumber,
  };
  const base = usernameBase(p.fullName);
  let n = await freeUsernameIndex(db, base);
  for (let attempt = 0; attempt < 10; attempt++) {
    const username = usernameCandidate(base, n);
    try {
      // Each attempt in its own transaction: a refused insert ends it, and the next starts clean.
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('account')
          .values({ username, password_hash: null, full_name: p.fullName, role: 'citizen', date_of_birth: p.dateOfBirth, ...values, oidc_issuer: p.issuer, oidc_subject: p.subject })
          .returning('id')
          .executeTakeFirstOrThrow();
        await andThen(trx, { id: row.id, username });
        return row.id;
      });
      return { accountId: id, username, outcome: 'created' };
    } catch (err) {
      // Someone took a value between our check and our insert: leave it out and try again.
      const constraint = uniqueViolation(err);
      if (constraint === 'account_oidc') {
        const again = await bySubject(db, p);
        if (again) return { accountId: again.id, username: again.username, outcome: 'found' };
      }
      if (constraint === 'account_username_key') n++;
      else if (constraint === 'account_email') values.email = null;
      else if (constraint === 'account_phone') values.phone = null;
      else if (constraint === 'account_id_number') values.id_number = null;
      else throw err;
    }
  }
  throw new Error('could not create an account for the identity provider subject');
}

/** The smallest n whose candidate username is free (1 = the base itself). */
async function freeUsernameIndex(db: DB, base: string): Promise<number> {
  const rows = await db
    .selectFrom('account')
    .select('username')
    .where((eb) => eb.or([eb('username', '=', base), eb('username', '~', `^${base.replace(/\./g, '\\.')}[0-9]+$`)]))
    .execute();
  const used = new Set(rows.map((r) => r.username));
  let n = 1;
  while (used.has(usernameCandidate(base, n))) n++;
  return n;
}

// ── First sign-ins waiting for consent ──────────────────────────────────────────────────────────

export interface PendingConsent {
  tokenHash: string;
  browserHash: string;
  person: ProviderPerson;
  next: string;
  expiresAt: Date;
}

/** Keeps the provider's person until they agree or refuse, and forgets any that expired. */
export async function savePendingConsent(db: DB, c: PendingConsent): Promise<void> {
  await db.deleteFrom('oidc_consent').where('expires_at', '<=', new Date()).execute();
  await db
    .insertInto('oidc_consent')
    .values({ token_hash: c.tokenHash, browser_hash: c.browserHash, person: JSON.stringify(c.person), next: c.next, expires_at: c.expiresAt })
    .execute();
}

/** The waiting person of this token and browser, still in time; `take` also deletes it (exactly once). */
export async function pendingConsent(db: DB, tokenHash: string, browserHash: string, take: boolean, now = new Date()): Promise<Pick<PendingConsent, 'person' | 'next'> | undefined> {
  const row = take
    ? await db.deleteFrom('oidc_consent').where('token_hash', '=', tokenHash).where('browser_hash', '=', browserHash).where('expires_at', '>', now).returning(['person', 'next']).executeTakeFirst()
    : await db.selectFrom('oidc_consent').select(['person', 'next']).where('token_hash', '=', tokenHash).where('browser_hash', '=', browserHash).where('expires_at', '>', now).executeTakeFirst();
  return row && { person: row.person as ProviderPerson, next: row.next };
}
