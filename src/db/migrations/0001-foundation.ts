import { sql, type Kysely } from 'kysely';
import { createdAt, required, updatedAt } from './kit.ts';

// Extensions for Vietnamese search and the one folding function every search index uses.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  // unaccent() is only STABLE (it depends on search_path); naming the dictionary makes the
  // wrapper safe to declare IMMUTABLE, so indexes can use it. đ/Đ fold to d like other marks.
  await sql`
    CREATE OR REPLACE FUNCTION vn_fold(input text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$
  `.execute(db);

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .$call(updatedAt)
    .execute();

  await db.schema
    .createTable('maintenance_notice')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .$call(required({ starts_at: 'timestamptz', ends_at: 'timestamptz', shown_from: 'timestamptz', message_vi: 'text' }))
    .addColumn('message_en', 'text')
    .$call(createdAt)
    .addCheckConstraint('maintenance_notice_period', sql`ends_at > starts_at AND shown_from <= starts_at`)
    .execute();
  await db.schema.createIndex('maintenance_notice_window').on('maintenance_notice').columns(['shown_from', 'ends_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('maintenance_notice').execute();
  await db.schema.dropTable('meta').execute();
  await sql`DROP FUNCTION IF EXISTS vn_fold(text)`.execute(db);
}
