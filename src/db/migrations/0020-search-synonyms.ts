import { sql, type Kysely } from 'kysely';
import { createdAt } from './kit.ts';

// C3: the words citizens type (GPLX, CCCD, "bằng lái xe") and the names in the catalog, kept as
// synonyms administrators extend; a catalog version every instance checks before trusting its
// search cache; two indexes for the ranking and the forgiving last tier.
// See docs/decisions/0018-search-ranking-and-synonyms.md.
export const DEFAULT_SYNONYMS: [term: string, expansion: string][] = [
  ['GPLX', 'giấy phép lái xe'],
  ['bằng lái xe', 'giấy phép lái xe'],
  ['bằng lái', 'giấy phép lái xe'],
  ['CCCD', 'căn cước'],
  ['căn cước công dân', 'căn cước'],
  ['CMND', 'căn cước'],
  ['BHYT', 'bảo hiểm y tế'],
  ['BHXH', 'bảo hiểm xã hội'],
  ['làm giấy khai sinh', 'đăng ký khai sinh'],
  ['làm khai sinh', 'đăng ký khai sinh'],
  ['giấy khai sinh', 'đăng ký khai sinh'],
  ['làm giấy kết hôn', 'đăng ký kết hôn'],
  ['giấy đăng ký kết hôn', 'đăng ký kết hôn'],
  ['giấy xác nhận độc thân', 'xác nhận tình trạng hôn nhân'],
  ['xác nhận độc thân', 'xác nhận tình trạng hôn nhân'],
  ['báo tử', 'đăng ký khai tử'],
  ['LLTP', 'lý lịch tư pháp'],
  ['GPXD', 'giấy phép xây dựng'],
  ['xin phép xây dựng', 'giấy phép xây dựng'],
  ['sổ đỏ', 'giấy chứng nhận quyền sử dụng đất'],
  ['sổ hồng', 'giấy chứng nhận quyền sử dụng đất'],
  ['CCHN', 'chứng chỉ hành nghề'],
  ['HKD', 'hộ kinh doanh'],
  ['ATTP', 'an toàn thực phẩm'],
  ['bảo hiểm thất nghiệp', 'trợ cấp thất nghiệp'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_synonym')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('term', 'text', (c) => c.notNull().check(sql`char_length(btrim(term)) BETWEEN 1 AND 100`))
    .addColumn('expansion', 'text', (c) => c.notNull().check(sql`char_length(btrim(expansion)) BETWEEN 1 AND 200`))
    // Words only, folded as the search folds the query: one entry per term however it is typed.
    .addColumn('term_folded', 'text', (c) => c.generatedAlwaysAs(sql`btrim(regexp_replace(vn_fold(term), '[^a-z0-9]+', ' ', 'g'))`).stored())
    .addColumn('created_by', 'text')
    .$call(createdAt)
    .execute();
  await sql`CREATE UNIQUE INDEX search_synonym_term ON search_synonym (term_folded)`.execute(db);
  for (const [term, expansion] of DEFAULT_SYNONYMS) {
    await sql`INSERT INTO search_synonym (term, expansion) VALUES (${term}, ${expansion})`.execute(db);
  }

  // Bumped in the writing transaction, so an instance that reads the new number also sees the rows.
  await sql`CREATE TABLE catalog_version (id boolean PRIMARY KEY DEFAULT true CHECK (id), version bigint NOT NULL)`.execute(db);
  await sql`INSERT INTO catalog_version (version) VALUES (1)`.execute(db);
  await sql`
    CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE catalog_version SET version = version + 1;
      RETURN NULL;
    END $$
  `.execute(db);
  for (const table of ['service', 'agency', 'search_synonym']) {
    await sql.raw(`CREATE TRIGGER ${table}_catalog_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version()`).execute(db);
  }

  // Within a tier, shorter names first: a page of a common word is read straight off this index.
  await sql`CREATE INDEX service_rank_order ON service (char_length(name), level DESC, (name COLLATE "C"), code)`.execute(db);
  // The last tier compares without spaces, so "kaisinh" still finds "khai sinh".
  await sql`CREATE INDEX service_search_compact ON service USING gin (replace(search_text, ' ', '') gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX service_search_compact`.execute(db);
  await sql`DROP INDEX service_rank_order`.execute(db);
  for (const table of ['service', 'agency', 'search_synonym']) await sql.raw(`DROP TRIGGER ${table}_catalog_version ON ${table}`).execute(db);
  await sql`DROP FUNCTION bump_catalog_version()`.execute(db);
  await sql`DROP TABLE catalog_version`.execute(db);
  await db.schema.dropTable('search_synonym').execute();
}
