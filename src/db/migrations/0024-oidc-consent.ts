import type { Kysely } from 'kysely';
import { expiring, required } from './kit.ts';

// S1, Decree 13/2023: a person new to the portal who signed in at the identity provider sees the
// privacy notice and agrees before an account is made. Until then the provider's verified claims
// wait here, for ten minutes at most, tied to the browser; refusing or letting it expire deletes them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oidc_consent')
    // SHA-256 of the random token in the consent form: the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .$call(required({ browser_hash: 'text', person: 'jsonb' }))
    .addColumn('next', 'text', (c) => c.notNull().defaultTo('/'))
    .$call(expiring)
    .execute();
  await db.schema.createIndex('oidc_consent_expires').on('oidc_consent').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_consent').ifExists().execute();
}
