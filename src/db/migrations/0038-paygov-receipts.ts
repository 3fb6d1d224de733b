import { sql, type Kysely } from 'kysely';
import { createdAt, optional, required } from './kit.ts';

// A7, Decree 11/2020 and the e-receipt rules (Circular 78/2021): every paid fee gets an electronic
// receipt (biên lai điện tử) numbered in its agency's series for the year — no gaps, one number
// per payment, taken under the series row's lock in the payment's own transaction; refunds of
// paid fees (through the payment platform or recorded by an officer).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receipt_series')
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year BETWEEN 2000 AND 2999`))
    .addColumn('last_number', 'integer', (c) => c.notNull().check(sql`last_number >= 0`))
    .addPrimaryKeyConstraint('receipt_series_pk', ['agency_code', 'year'])
    .execute();

  await db.schema
    .createTable('payment_receipt')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('payment_id', 'uuid', (c) => c.notNull().unique().references('payment.id').onDelete('cascade'))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('application.id').onDelete('cascade'))
    .$call(required({ agency_code: 'text', year: 'integer' }))
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq > 0`))
    // "<series>-<seq>": what the citizen and the URL name it by.
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('lookup_code', 'text', (c) => c.notNull().unique())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .$call(required({ fee_name: 'text', gateway: 'text' }))
    .addColumn('gateway_txn_no', 'text')
    .addColumn('paid_at', 'timestamptz', (c) => c.notNull())
    .$call(optional({ refunded_at: 'timestamptz', refund_reason: 'text' }))
    .$call(createdAt)
    .addUniqueConstraint('payment_receipt_series_seq', ['agency_code', 'year', 'seq'])
    .execute();
  await db.schema.createIndex('payment_receipt_application').on('payment_receipt').column('application_id').execute();

  await db.schema
    .createTable('payment_refund')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // One refund of the whole payment: a second is refused by this key.
    .addColumn('payment_id', 'uuid', (c) => c.notNull().unique().references('payment.id').onDelete('cascade'))
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) BETWEEN 1 AND 2000`))
    .addColumn('officer_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('gateway_refund_id', 'text')
    .$call(createdAt)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['payment_refund', 'payment_receipt', 'receipt_series']) await db.schema.dropTable(t).execute();
}
