import { sql, type Kysely } from 'kysely';
import { accountOwned, accountToken, createdAt, expiring } from './kit.ts';

// S1, S6 (ASVS 2.8, 3.3.2): a time-based second factor for password accounts, its one-time
// recovery codes, the sign-in waiting for its code, and when each session was last used.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_totp')
    .addColumn('account_id', 'uuid', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
    // The shared secret in base32: the server must compute the codes, so it cannot keep only a hash.
    .addColumn('secret', 'text', (c) => c.notNull())
    // Null while the person has not yet confirmed a code from their app.
    .addColumn('enabled_at', 'timestamptz')
    // The last time step whose code was accepted: a code is good once.
    .addColumn('last_step', 'bigint')
    .addColumn('failed_codes', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .$call(createdAt)
    .execute();

  await db.schema
    .createTable('account_recovery_code')
    .$call(accountOwned)
    // SHA-256 of the code (50 random bits each): the codes are shown once and never kept.
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('account_recovery_code_pkey', ['account_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('pending_sign_in')
    // SHA-256 of the browser cookie's token.
    .$call(accountToken)
    // 'code': the password was right, the second factor is asked; 'enrol': staff must set it up first.
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose IN ('code', 'enrol')`))
    .addColumn('next', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('failed_codes', 'smallint', (c) => c.notNull().defaultTo(0))
    .$call(expiring)
    .execute();
  await db.schema.createIndex('pending_sign_in_account').on('pending_sign_in').column('account_id').execute();

  await db.schema.alterTable('session').addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('session').dropColumn('last_seen_at').execute();
  for (const t of ['pending_sign_in', 'account_recovery_code', 'account_totp']) await db.schema.dropTable(t).execute();
}
