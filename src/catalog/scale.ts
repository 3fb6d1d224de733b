// Realistic catalog volume for benchmarks and scale tests: N services whose names combine real
// procedure vocabulary, spread over the demo's sectors, fields, agencies and levels. One
// INSERT … SELECT per batch, so 100,000 services load in seconds; with them, implementations by
// generated communes (up to 100 per procedure).
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';

const ACTIONS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Điều chỉnh', 'Gia hạn', 'Thu hồi', 'Đăng ký', 'Đăng ký lại', 'Xác nhận', 'Công nhận', 'Thẩm định', 'Phê duyệt', 'Chấp thuận', 'Thông báo', 'Bổ sung'];
const OBJECTS = [
  'giấy phép xây dựng', 'chứng chỉ hành nghề dược', 'giấy chứng nhận đủ điều kiện kinh doanh', 'giấy phép lái xe', 'giấy phép hoạt động',
  'chứng chỉ hành nghề khám bệnh, chữa bệnh', 'giấy chứng nhận quyền sử dụng đất', 'giấy phép môi trường', 'giấy phép khai thác nước mặt',
  'giấy chứng nhận đăng ký hộ kinh doanh', 'giấy phép bán lẻ rượu', 'giấy phép kinh doanh vận tải', 'chứng chỉ hành nghề kiến trúc',
  'giấy phép tổ chức biểu diễn nghệ thuật', 'quyết định thành lập trường mầm non', 'giấy chứng nhận an toàn thực phẩm', 'hộ tịch',
  'thông tin cư trú', 'trợ cấp xã hội hằng tháng', 'giấy phép lao động', 'văn bằng, chứng chỉ', 'giấy khai sinh', 'kết hôn', 'giám hộ',
  'giấy phép quảng cáo', 'giấy phép sử dụng tần số', 'chứng nhận hợp chuẩn', 'giấy phép khai thác khoáng sản', 'dự án đầu tư',
];
const QUALIFIERS = [
  '', ' cho cá nhân', ' cho tổ chức', ' đối với doanh nghiệp nhỏ và vừa', ' có yếu tố nước ngoài', ' theo hình thức xét hồ sơ',
  ' theo hình thức thi', ' trong trường hợp bị mất', ' trong trường hợp bị hư hỏng', ' khi thay đổi thông tin', ' tại cấp xã',
  ' tại cấp tỉnh', ' đối với công trình cấp III', ' đối với nhà ở riêng lẻ',
];

const textArray = (values: string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}::text`))}]`;

/** Adds `count` generated services with codes 9.000001 …; returns how many exist afterwards. */
export async function generateServices(db: DB, count: number, batch = 20_000): Promise<number> {
  const template = await db.selectFrom('service').select(['details']).orderBy('code').limit(1).executeTakeFirst();
  if (!template) throw new Error('The catalog needs at least one real service to copy details from.');
  const pairs = await db.selectFrom('service').select(['sector', 'field']).distinct().orderBy('sector').orderBy('field').execute();
  const agencies = (await db.selectFrom('agency').select('code').orderBy('code').execute()).map((a) => a.code);
  const start = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM service WHERE code LIKE '9.%'`.execute(db)).rows[0]?.n ?? 0);
  for (let from = start + 1; from <= start + count; from += batch) {
    const to = Math.min(from + batch - 1, start + count);
    await sql`
      INSERT INTO service (code, name, legal_name, sector, field, admin_level, level, agency_code, time_limit_days, details)
      SELECT '9.' || lpad(i::text, 6, '0'), n, n, p.sector, p.field,
             (ARRAY['tinh','xa','xa','trung-uong'])[1 + i % 4], 1 + (i * 7) % 4,
             (${textArray(agencies)})[1 + (i * 13) % ${agencies.length}], 5 + i % 25, ${JSON.stringify(template.details)}::jsonb
      FROM generate_series(${from}::int, ${to}::int) AS i,
      LATERAL (SELECT (${textArray(ACTIONS)})[1 + i % ${ACTIONS.length}] || ' ' || (${textArray(OBJECTS)})[1 + (i / ${ACTIONS.length}) % ${OBJECTS.length}]
                      || (${textArray(QUALIFIERS)})[1 + (i / ${ACTIONS.length * OBJECTS.length}) % ${QUALIFIERS.length}] AS n) AS nm,
      LATERAL (SELECT (${textArray(pairs.map((p) => p.sector))})[1 + (i * 3) % ${pairs.length}] AS sector,
                      (${textArray(pairs.map((p) => p.field))})[1 + (i * 3) % ${pairs.length}] AS field) AS p
      ON CONFLICT (code) DO NOTHING
    `.execute(db);
  }
  await sql`ANALYZE service`.execute(db);
  await generateImplementations(db, start + 1, start + count);
  return Number((await sql<{ n: string }>`SELECT count(*) AS n FROM service`.execute(db)).rows[0]?.n ?? 0);
}

/** Generated communes that implement generated procedures (codes 000.98.NNN.H34). */
export const SCALE_COMMUNES = 100;

/**
 * The shape of a national catalog (C1): one generated procedure in ten is implemented by every
 * one of 100 generated communes (as civil status is), the others by their lead agency and up to
 * two communes more. For services `from`…`to`; returns how many implementations exist afterwards.
 */
export async function generateImplementations(db: DB, from: number, to: number, batch = 5_000): Promise<number> {
  const province = await db.selectFrom('agency').select('code').where('kind', '=', 'province').orderBy('code').executeTakeFirst();
  await sql`
    INSERT INTO agency (code, name, kind, parent_code)
    SELECT '000.98.' || lpad(k::text, 3, '0') || '.H34', 'Ủy ban nhân dân xã Thử Nghiệm ' || k, 'commune', ${province?.code ?? null}
    FROM generate_series(1, ${SCALE_COMMUNES}::int) AS k
    ON CONFLICT (code) DO NOTHING`.execute(db);
  for (let lo = from; lo <= to; lo += batch) {
    const hi = Math.min(lo + batch - 1, to);
    await sql`
      INSERT INTO service_implementation (service_code, agency_code)
      SELECT '9.' || lpad(i::text, 6, '0'), '000.98.' || lpad((1 + (i + k * 37) % ${SCALE_COMMUNES})::text, 3, '0') || '.H34'
      FROM generate_series(${lo}::int, ${hi}::int) AS i,
      LATERAL generate_series(1, CASE WHEN i % 10 = 0 THEN ${SCALE_COMMUNES}::int ELSE i % 3 END) AS k
      ON CONFLICT DO NOTHING`.execute(db);
  }
  await sql`ANALYZE service_implementation`.execute(db);
  return Number((await sql<{ n: string }>`SELECT count(*) AS n FROM service_implementation`.execute(db)).rows[0]?.n ?? 0);
}
