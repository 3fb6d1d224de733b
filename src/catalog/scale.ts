// Realistic catalog volume for benchmarks and scale tests: N services whose names combine real
// procedure vocabulary, spread over the demo's sectors, fields, agencies and levels. One
// INSERT … SELECT per batch, so 100,000 services load in seconds.
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
  return Number((await sql<{ n: string }>`SELECT count(*) AS n FROM service`.execute(db)).rows[0]?.n ?? 0);
}
