import { sql, type Kysely } from 'kysely';
import { optional, required, updatedAt } from './kit.ts';

// C1–C5: agencies as a tree, document kinds, and services with all Art. 5.1 items.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agency')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('ministry', 'province', 'department', 'district', 'commune')`))
    .addColumn('parent_code', 'text', (c) => c.references('agency.code'))
    .addColumn('shares_data', 'boolean', (c) => c.notNull().defaultTo(false))
    .$call(optional({ address: 'text', phone: 'text', email: 'text' }))
    .$call(updatedAt)
    .execute();
  await db.schema.createIndex('agency_parent').on('agency').column('parent_code').execute();

  await db.schema
    .createTable('document_kind')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('expires', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable('service')
    .addColumn('code', 'text', (c) => c.primaryKey())
    // Published name; equals legal_name unless edited locally (C4 lists the differences).
    .$call(required({ name: 'text', legal_name: 'text', sector: 'text', field: 'text' }))
    .addColumn('admin_level', 'text', (c) => c.notNull().check(sql`admin_level IN ('trung-uong', 'tinh', 'huyen', 'xa')`))
    .addColumn('level', 'smallint', (c) => c.notNull().check(sql`level BETWEEN 1 AND 4`))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    .addColumn('time_limit_days', 'integer')
    // The remaining Art. 5.1 items: steps, methods, components, fees, forms, legal basis …
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.generatedAlwaysAs(sql`vn_fold(code || ' ' || name)`).stored())
    .addColumn('search_tsv', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, vn_fold(name))`).stored())
    .$call(updatedAt)
    .execute();
  await sql`CREATE INDEX service_search_trgm ON service USING gin (search_text gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX service_search_tsv ON service USING gin (search_tsv)`.execute(db);
  for (const col of ['sector', 'field', 'admin_level', 'level', 'agency_code']) {
    await db.schema.createIndex(`service_${col}`).on('service').column(col).execute();
  }
  // The list's order: a page of a common word's matches is read straight off this index.
  await sql`CREATE INDEX service_list_order ON service (level DESC, (name COLLATE "C"), code)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('service').execute();
  await db.schema.dropTable('document_kind').execute();
  await db.schema.dropTable('agency').execute();
}
