import { sql, type Kysely } from 'kysely';

// Sign-in throttling shared by every instance (S1, ASVS 2.2.1): failures per source address, per
// account (or typed login) and across the portal; the browsers an account signed in from before;
// one-time sign-in codes sent to a person whose account is being attacked.
export async function up(db: Kysely<unknown>): Promise<void> {
  // UNLOGGED: counters are worth nothing after a crash and need no WAL.
  await sql`CREATE UNLOGGED TABLE sign_in_throttle (
    key text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    failures integer NOT NULL,
    blocked_until timestamptz
  )`.execute(db);
  await sql`CREATE TABLE known_device (
    account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    token_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, token_hash)
  )`.execute(db);
  await sql`CREATE TABLE sign_in_code (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    code_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    attempts integer NOT NULL DEFAULT 0
  )`.execute(db);
  await sql`CREATE INDEX sign_in_code_account ON sign_in_code (account_id, expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_code').execute();
  await db.schema.dropTable('known_device').execute();
  await db.schema.dropTable('sign_in_throttle').execute();
}
