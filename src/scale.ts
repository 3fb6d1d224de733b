// `dvctt seed --scale N` (P2, P5): realistic volume for benchmarks and capacity planning —
// N services, 10·N citizens, 100·N applications with their histories, notices and ratings.
// Every row comes from INSERT … SELECT over generate_series in batches, so a million
// applications load in minutes; nothing is sent through the application one by one.
import { sql } from 'kysely';
import { generateServices } from './catalog/index.ts';
import { rebuildStatistics } from './feedback/index.ts';
import { createAccount, DEMO_PASSWORD } from './identity/index.ts';
import type { DB } from './db/index.ts';

export interface ScaleReport {
  services: number;
  citizens: number;
  applications: number;
  events: number;
  ratings: number;
  notices: number;
  seconds: number;
}

/** Applications per agency per day; with the catalog's agencies this spreads 1M over about two years. */
const PER_AGENCY_DAY = 40;
const MARK = 'scale-data';

const count = async (db: DB, table: string) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);

/**
 * Adds generated data on top of the demo data. Runs again to add more (codes continue).
 * `progress` hears one line per batch.
 */
export async function seedScale(db: DB, n: number, progress: (line: string) => void = () => undefined, batch = 50_000): Promise<ScaleReport> {
  const started = Date.now();
  if (!Number.isInteger(n) || n < 1) throw new Error('Số lượng --scale phải là số nguyên dương.');

  progress(`thủ tục: ${n.toLocaleString('vi-VN')}`);
  await generateServices(db, n);

  // Citizens share one real Argon2id hash (of the demo password), so each can sign in.
  const template = `scale-template-${Date.now()}`;
  await createAccount(db, { username: template, password: DEMO_PASSWORD, fullName: 'Mẫu' });
  const hash = (await db.selectFrom('account').select('password_hash').where('username', '=', template).executeTakeFirstOrThrow()).password_hash;
  await db.deleteFrom('account').where('username', '=', template).execute();
  const firstCitizen = (await count(db, 'account')) + 1;
  const citizens = 10 * n;
  for (let from = 0; from < citizens; from += batch) {
    const to = Math.min(from + batch, citizens) - 1;
    progress(`công dân: ${(to + 1).toLocaleString('vi-VN')}/${citizens.toLocaleString('vi-VN')}`);
    await sql`
      INSERT INTO account (username, password_hash, full_name, phone, id_number, email, date_of_birth)
      SELECT 'cd' || (${firstCitizen} + i), ${hash},
             (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng'])[1 + i % 10] || ' ' ||
             (ARRAY['Văn','Thị','Hữu','Minh','Ngọc','Thanh','Quang','Thu'])[1 + (i / 10) % 8] || ' ' ||
             (ARRAY['An','Bình','Cường','Dung','Em','Giang','Hà','Khánh','Lan','Mai','Nam','Oanh'])[1 + (i / 80) % 12],
             '09' || lpad(((${firstCitizen} + i) % 100000000)::text, 8, '0'),
             '056' || lpad(((${firstCitizen} + i) % 1000000000)::text, 9, '0'),
             'cd' || (${firstCitizen} + i) || '@example.vn',
             (DATE '1950-01-01' + (i % 20000))
      FROM generate_series(${from}::int, ${to}::int) AS i
      ON CONFLICT (username) DO NOTHING`.execute(db);
  }

  // Online services with their agencies; each generated application belongs to one of them.
  await sql`DROP TABLE IF EXISTS pg_temp.scale_agency`.execute(db);
  await sql`CREATE TEMP TABLE scale_agency AS
    SELECT (row_number() OVER (ORDER BY agency_code) - 1)::int AS idx, agency_code, array_agg(code ORDER BY code) AS services
    FROM service WHERE level >= 3 GROUP BY agency_code`.execute(db);
  const agencies = await count(db, 'pg_temp.scale_agency');
  if (!agencies) throw new Error('Danh mục chưa có thủ tục mức độ 3, 4.');
  await sql`DROP TABLE IF EXISTS pg_temp.scale_citizen`.execute(db);
  await sql`CREATE TEMP TABLE scale_citizen AS
    SELECT (row_number() OVER (ORDER BY username) - 1)::int AS idx, id FROM account WHERE role = 'citizen'`.execute(db);
  await sql`CREATE UNIQUE INDEX ON scale_citizen (idx)`.execute(db);
  const citizenCount = await count(db, 'pg_temp.scale_citizen');

  const superuser = (await sql<{ s: boolean }>`SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user`.execute(db)).rows[0]?.s ?? false;
  const total = 100 * n;
  // Generated applications are numbered on from the previous run, kept in meta.
  const mark = await db.selectFrom('meta').select('value').where('key', '=', MARK).executeTakeFirst();
  const offset = mark ? Number((mark.value as { applications?: number }).applications ?? 0) : 0;
  for (let from = offset; from < offset + total; from += batch) {
    const to = Math.min(from + batch, offset + total) - 1;
    progress(`hồ sơ: ${(to - offset + 1).toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')}`);
    await db.transaction().execute(async (trx) => {
      // Bulk rows skip the per-row triggers (statistics kept up to date row by row) when the role
      // may do so; the statistics are rebuilt in one pass at the end instead.
      if (superuser) await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      // (agency, day, sequence) comes from i one-to-one, so codes are unique and in the official pattern.
      await sql`
        CREATE TEMP TABLE scale_batch ON COMMIT DROP AS
        SELECT i, a.agency_code, a.services[1 + (i / ${agencies}) % array_length(a.services, 1)] AS service_code,
               c.id AS applicant_id,
               (current_date - 1 - ((i / ${agencies}) / ${PER_AGENCY_DAY}))::date AS day,
               1 + (i / ${agencies}) % ${PER_AGENCY_DAY} AS seq,
               CASE WHEN i % 100 < 50 THEN 10 WHEN i % 100 < 62 THEN 9 WHEN i % 100 < 72 THEN 4 WHEN i % 100 < 80 THEN 2
                    WHEN i % 100 < 85 THEN 1 WHEN i % 100 < 88 THEN 3 WHEN i % 100 < 92 THEN 5 WHEN i % 100 < 94 THEN 6
                    ELSE 8 END AS status
        FROM generate_series(${from}::int, ${to}::int) AS i
        JOIN scale_agency a ON a.idx = i % ${agencies}
        JOIN scale_citizen c ON c.idx = (i::bigint * 7919) % ${citizenCount}`.execute(trx);
      await sql`
        INSERT INTO application (code, service_code, agency_code, unit_code, step, reception_due_at, applicant_id, status, data, form_version, submitted_at, due_date, finished_at, updated_at)
        SELECT agency_code || '-' || to_char(day, 'YYMMDD') || '-' || lpad(seq::text, 4, '0'), service_code, agency_code, agency_code,
               CASE status WHEN 1 THEN 'reception' WHEN 2 THEN 'assignment' WHEN 9 THEN 'returning' WHEN 3 THEN 'closed' WHEN 8 THEN 'closed' WHEN 10 THEN 'closed' ELSE 'processing' END,
               -- 8 working hours after a morning submission: about the same time the next day.
               CASE WHEN status = 1 THEN day + time '08:30' + (seq * interval '7 minutes') + interval '1 day' END,
               applicant_id, status,
               jsonb_build_object('ghiChu', 'Hồ sơ sinh tự động số ' || i), NULL,
               day + time '08:00' + (seq * interval '7 minutes'),
               (day + 7 + (i % 15))::date,
               CASE WHEN status IN (3, 8, 9, 10) THEN day + 3 + (i % 20) + time '10:00' END,
               day + time '08:00'
        FROM scale_batch`.execute(trx);
      // A plausible path through the statuses for each one: who moved it, when, and why.
      await sql`
        INSERT INTO application_event (application_id, at, status_from, status_to, actor_id, actor_name, note)
        SELECT app.id, app.submitted_at + (step.n - 1) * interval '1 day 2 hours',
               CASE WHEN step.n = 1 THEN NULL ELSE path[step.n - 1] END, step.s,
               CASE WHEN step.n = 1 THEN app.applicant_id END, CASE WHEN step.n = 1 THEN 'Công dân' ELSE 'Cán bộ một cửa' END,
               CASE step.s WHEN 3 THEN 'Hồ sơ không thuộc thẩm quyền' WHEN 5 THEN 'Bổ sung bản sao văn bằng' ELSE NULL END
        FROM scale_batch b
        JOIN application app ON app.code = b.agency_code || '-' || to_char(b.day, 'YYMMDD') || '-' || lpad(b.seq::text, 4, '0'),
        LATERAL (SELECT CASE b.status WHEN 1 THEN ARRAY[1] WHEN 2 THEN ARRAY[1,2] WHEN 3 THEN ARRAY[1,3] WHEN 4 THEN ARRAY[1,2,4]
                   WHEN 5 THEN ARRAY[1,2,4,5] WHEN 6 THEN ARRAY[1,2,4,6] WHEN 8 THEN ARRAY[1,7,8] WHEN 9 THEN ARRAY[1,2,4,9]
                   ELSE ARRAY[1,2,4,9,10] END AS path) p,
        LATERAL unnest(p.path) WITH ORDINALITY AS step(s, n)`.execute(trx);
      await sql`
        INSERT INTO notice (account_id, application_code, title, body, created_at, read_at)
        SELECT applicant_id, agency_code || '-' || to_char(day, 'YYMMDD') || '-' || lpad(seq::text, 4, '0'),
               'Hồ sơ đã được tiếp nhận', 'Thông tin của quý khách đã được tiếp nhận.', day + time '08:05',
               CASE WHEN i % 3 > 0 THEN day + time '20:00' END
        FROM scale_batch`.execute(trx);
      // Three in five returned applications are rated.
      await sql`
        INSERT INTO rating (application_id, overall, convenience, timeliness, attitude, comment, created_at, updated_at)
        SELECT app.id, (ARRAY['rat-hai-long','hai-long','hai-long','chua-hai-long'])[1 + b.i % 4],
               (ARRAY['rat-hai-long','hai-long','chua-hai-long'])[1 + b.i % 3], (ARRAY['hai-long','rat-hai-long','chua-hai-long'])[1 + b.i % 3],
               (ARRAY['rat-hai-long','hai-long'])[1 + b.i % 2], NULL, app.finished_at, app.finished_at
        FROM scale_batch b
        JOIN application app ON app.code = b.agency_code || '-' || to_char(b.day, 'YYMMDD') || '-' || lpad(b.seq::text, 4, '0')
        WHERE b.status = 10 AND b.i % 5 < 3`.execute(trx);
      // New submissions continue after the generated sequences.
      await sql`
        INSERT INTO application_sequence (agency_code, day, last)
        SELECT agency_code, day, max(seq) FROM scale_batch GROUP BY agency_code, day
        ON CONFLICT (agency_code, day) DO UPDATE SET last = greatest(application_sequence.last, excluded.last)`.execute(trx);
    });
  }
  progress('thống kê: tính lại');
  await rebuildStatistics(db);
  await db
    .insertInto('meta')
    .values({ key: MARK, value: JSON.stringify({ applications: offset + total }) })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: new Date() })))
    .execute();
  // VACUUM sets the visibility map, so counts per status are index-only scans from the first request.
  for (const t of ['account', 'application', 'application_event', 'notice', 'rating']) await sql`VACUUM ANALYZE ${sql.table(t)}`.execute(db);
  return {
    services: await count(db, 'service'),
    citizens: await count(db, 'account'),
    applications: await count(db, 'application'),
    events: await count(db, 'application_event'),
    ratings: await count(db, 'rating'),
    notices: await count(db, 'notice'),
    seconds: Math.round((Date.now() - started) / 1000),
  };
}
