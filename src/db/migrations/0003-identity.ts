import { sql, type Kysely } from 'kysely';
import { accountToken, actedBy, createdAt, expiring, optional, updatedAt } from './kit.ts';

// S1/S5: accounts (citizens, businesses, staff), server-side sessions, API tokens, audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('citizen').check(sql`role IN ('citizen', 'officer', 'admin', 'manager')`))
    .addColumn('agency_code', 'text', (c) => c.references('agency.code'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('person').check(sql`kind IN ('person', 'business')`))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .$call(optional({ date_of_birth: 'date', id_number: 'text', email: 'text', phone: 'text', tax_code: 'text', representative: 'text', permanent_address: 'jsonb', current_address: 'jsonb', oidc_issuer: 'text', oidc_subject: 'text' }))
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .$call(createdAt)
    .$call(updatedAt)
    .addCheckConstraint('account_staff_agency', sql`role = 'citizen' OR agency_code IS NOT NULL`)
    .execute();
  await sql`CREATE UNIQUE INDEX account_email ON account (lower(email)) WHERE email IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX account_phone ON account (phone) WHERE phone IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX account_id_number ON account (id_number) WHERE id_number IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX account_oidc ON account (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL`.execute(db);
  await db.schema.createIndex('account_agency').on('account').column('agency_code').execute();

  await db.schema
    .createTable('session')
    // SHA-256 of the cookie's token: a leaked table does not give working sessions.
    .$call(accountToken)
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .$call(expiring)
    .$call(optional({ ip: 'text', user_agent: 'text' }))
    .execute();
  await db.schema.createIndex('session_account').on('session').column('account_id').execute();

  await db.schema
    .createTable('api_token')
    .$call(accountToken)
    .addColumn('name', 'text', (c) => c.notNull())
    .$call(expiring)
    .execute();
  await db.schema.createIndex('api_token_account').on('api_token').column('account_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .$call(actedBy)
    .addColumn('action', 'text', (c) => c.notNull())
    .$call(optional({ target_type: 'text', target_id: 'text', agency_code: 'text', ip: 'text', details: 'jsonb' }))
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
  await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_type', 'target_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_log', 'api_token', 'session', 'account']) await db.schema.dropTable(t).execute();
}
