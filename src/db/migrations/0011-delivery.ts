import { sql, type Kysely } from 'kysely';
import { accountToken, createdAt, expiring, optional, required, updatedAt } from './kit.ts';

// N1–N3, A2: delivery of notices by email, SMS and webhooks. The jobs themselves live in
// graphile-worker's schema (installed after our migrations); these tables say what was sent,
// to whom, and what the provider answered (docs/decisions/0011).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_preference')
    .addColumn('account_id', 'uuid', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
    .addColumn('email', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('sms', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('vi').check(sql`locale IN ('vi', 'en')`))
    .$call(updatedAt)
    .execute();

  await db.schema
    .createTable('notification_template')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('email', 'sms')`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale IN ('vi', 'en')`))
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .$call(updatedAt)
    .addColumn('updated_by', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addPrimaryKeyConstraint('notification_template_pk', ['event', 'channel', 'locale'])
    .execute();

  await db.schema
    .createTable('webhook_subscription')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .$call(required({ name: 'text', url: 'text', secret: 'text' }))
    // Empty: every event.
    .addColumn('events', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .$call(createdAt)
    .addColumn('created_by', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('delivery')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('notice_id', 'bigint', (c) => c.references('notice.id').onDelete('cascade'))
    .addColumn('application_code', 'text')
    .addColumn('account_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('webhook_id', 'integer', (c) => c.references('webhook_subscription.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('email', 'sms', 'webhook')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('vi'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('vars', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status IN ('queued', 'sent', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .$call(optional({ provider_id: 'text', provider_answer: 'text' }))
    .$call(createdAt)
    .$call(updatedAt)
    .$call(optional({ sent_at: 'timestamptz', delivered_at: 'timestamptz' }))
    .execute();
  await db.schema.createIndex('delivery_application').on('delivery').column('application_code').execute();
  await db.schema.createIndex('delivery_status').on('delivery').columns(['status', 'updated_at']).execute();
  await sql`CREATE INDEX delivery_provider ON delivery (provider_id) WHERE provider_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('delivery_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('delivery_id', 'bigint', (c) => c.notNull().references('delivery.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('delivery_log_delivery').on('delivery_log').columns(['delivery_id', 'at']).execute();

  // Each instance's worker pool says it is alive; jobs locked by a pool that went silent
  // (a crashed process) are unlocked by the others instead of waiting graphile-worker's 4 hours.
  await db.schema
    .createTable('delivery_worker')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('password_reset')
    // SHA-256 of the emailed token, like sessions: a leaked table gives no working link.
    .$call(accountToken)
    .$call(expiring)
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('password_reset_account').on('password_reset').column('account_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['password_reset', 'delivery_worker', 'delivery_log', 'delivery', 'webhook_subscription', 'notification_template', 'notification_preference']) {
    await db.schema.dropTable(t).execute();
  }
}
