import type { Kysely } from 'kysely';
import { expiring, required } from './kit.ts';

// S1: sign-in through an OpenID Connect provider. Each started sign-in keeps its state, nonce and
// PKCE verifier here for 10 minutes, so any instance can finish it and a state is used only once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oidc_login')
    // SHA-256 of the state sent to the provider, and of the browser's cookie that must come back.
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .$call(required({ browser_hash: 'text', nonce: 'text', code_verifier: 'text', next: 'text' }))
    .$call(expiring)
    .execute();
  await db.schema.createIndex('oidc_login_expires').on('oidc_login').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_login').execute();
}
