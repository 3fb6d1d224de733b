import { sql, type Kysely } from 'kysely';
import { applicationOwned, createdAt, optional, required, updatedAt } from './kit.ts';

// A7: fees requested from an application (status 6), the attempts to pay them through a gateway
// or by transfer, and the signed electronic results with the agencies' public keys.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application_fee')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .$call(applicationOwned)
    // Whole đồng: VND has no smaller unit in use.
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('catalog_amount', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open').check(sql`state IN ('open', 'paid', 'cancelled')`))
    .addColumn('requested_by', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('settled_at', 'timestamptz')
    .execute();
  // At most one fee waiting to be paid per application.
  await sql`CREATE UNIQUE INDEX application_fee_open ON application_fee (application_id) WHERE state = 'open'`.execute(db);

  await db.schema
    .createTable('payment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .$call(applicationOwned)
    .addColumn('fee_id', 'uuid', (c) => c.notNull().references('application_fee.id').onDelete('cascade'))
    .$call(required({ amount: 'bigint', gateway: 'text' }))
    // The merchant's reference sent to the gateway (vnp_TxnRef): unique, how a callback finds its payment.
    .addColumn('txn_ref', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status IN ('pending', 'paid', 'failed')`))
    .$call(optional({ gateway_txn_no: 'text', response_code: 'text', paid_at: 'timestamptz', raw_callback: 'jsonb' }))
    .$call(createdAt)
    .$call(updatedAt)
    .execute();
  await db.schema.createIndex('payment_application').on('payment').columns(['application_id', 'created_at']).execute();

  await db.schema
    .createTable('signing_key')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .$call(required({ agency_code: 'text', algorithm: 'text', public_key: 'text' }))
    .$call(createdAt)
    .execute();

  await db.schema
    .createTable('application_result')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .$call(applicationOwned)
    .$call(required({ file_key: 'text', file_name: 'text', size: 'bigint', sha256: 'text', generated: 'boolean' }))
    .addColumn('decision', 'text')
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().references('signing_key.key_id'))
    .$call(required({ agency_code: 'text', signed_at: 'timestamptz' }))
    .addColumn('issued_by', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('delivery', 'text', (c) => c.notNull().defaultTo('online').check(sql`delivery IN ('online', 'post')`))
    .addColumn('postal_address', 'text')
    .execute();
  await db.schema.createIndex('application_result_application').on('application_result').column('application_id').unique().execute();
  await db.schema.createIndex('application_result_sha256').on('application_result').column('sha256').execute();

  // The national export reads changed applications in (updated_at, id) order.
  await db.schema.createIndex('application_updated').on('application').columns(['updated_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('application_updated').execute();
  for (const t of ['application_result', 'signing_key', 'payment', 'application_fee']) await db.schema.dropTable(t).execute();
}
