import { sql, type Kysely } from 'kysely';
import { accountOwned, createdAt, required } from './kit.ts';

// N1–N3 (in-app channel): notices to an account, written in the transaction of the event itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notice')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .$call(accountOwned)
    .addColumn('application_code', 'text')
    .$call(required({ title: 'text', body: 'text' }))
    .$call(createdAt)
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notice_account').on('notice').columns(['account_id', 'created_at']).execute();
  await sql`CREATE INDEX notice_unread ON notice (account_id) WHERE read_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notice').execute();
}
