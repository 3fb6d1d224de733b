import { sql, type Kysely } from 'kysely';

// P2, P6: every instance keeps the anonymous pages rendered (web/page-cache.ts, decision 0027). A
// change to anything those pages show — the catalog (its version moves with every catalog write),
// maintenance notices, guidance, the FAQ, ratings — is announced on `dvctt_pages`, once per
// statement, so every instance drops its pages at once. A FAQ entry read (its view count) is not a change.
const TABLES: [table: string, events: string][] = [
  ['catalog_version', 'UPDATE'],
  ['maintenance_notice', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
  ['guidance', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
  ['faq', 'INSERT OR UPDATE OF service_code, question, answer, published OR DELETE OR TRUNCATE'],
  ['rating', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION pages_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('dvctt_pages', TG_TABLE_NAME);
      RETURN NULL;
    END $$
  `.execute(db);
  for (const [table, events] of TABLES) {
    await sql.raw(`CREATE TRIGGER ${table}_pages_changed AFTER ${events} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION pages_changed()`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table] of TABLES) await sql.raw(`DROP TRIGGER ${table}_pages_changed ON ${table}`).execute(db);
  await sql`DROP FUNCTION pages_changed()`.execute(db);
}
