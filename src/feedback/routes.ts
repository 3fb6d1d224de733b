// Ratings (Q2) and the Art. 11.3 figures of a service (Q3) through the API.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { apiError } from '../web/api-error.ts';
import { CHANGE_DAYS, checkRating, CRITERIA, LEVELS, RATEABLE_STATUSES, type Criterion, type Level, type RatingInput } from './model.ts';

type Satisfaction = Record<Criterion, Record<Level, number> & { total: number; satisfiedRate: number | null }>;

/** Year-to-date figures of one service (Art. 11.3), from the applications and ratings. */
export async function serviceStatistics(db: DB, serviceCode: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const tz = sql.lit('Asia/Ho_Chi_Minh');
  const received = await db
    .selectFrom('application')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('service_code', '=', serviceCode)
    .where(sql`(submitted_at AT TIME ZONE ${tz})::date`, '>=', sql`${from}::date`)
    .where(sql`(submitted_at AT TIME ZONE ${tz})::date`, '<', sql`${to}::date`)
    .executeTakeFirstOrThrow();
  // Resolved: reached "Đã xử lý xong" (9) in the year; on time when that day is not after the due date.
  const resolved = await sql<{ resolved: string; on_time: string }>`
    SELECT count(*) AS resolved, count(*) FILTER (WHERE (e.at AT TIME ZONE ${tz})::date <= a.due_date) AS on_time
    FROM application a
    JOIN LATERAL (SELECT min(at) AS at FROM application_event WHERE application_id = a.id AND status_to = 9) e ON e.at IS NOT NULL
    WHERE a.service_code = ${serviceCode} AND (e.at AT TIME ZONE ${tz})::date >= ${from}::date AND (e.at AT TIME ZONE ${tz})::date < ${to}::date
  `.execute(db);
  const ratings = await db
    .selectFrom('rating')
    .innerJoin('application', 'application.id', 'rating.application_id')
    .select(['rating.overall', 'rating.convenience', 'rating.timeliness', 'rating.attitude'])
    .where('application.service_code', '=', serviceCode)
    .where(sql`(rating.created_at AT TIME ZONE ${tz})::date`, '>=', sql`${from}::date`)
    .where(sql`(rating.created_at AT TIME ZONE ${tz})::date`, '<', sql`${to}::date`)
    .execute();
  const satisfaction = Object.fromEntries(
    CRITERIA.map((c) => {
      const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
      for (const r of ratings) if (r[c]) counts[r[c]!] += 1;
      const total = LEVELS.reduce((s, l) => s + counts[l], 0);
      return [c, { ...counts, total, satisfiedRate: total ? (counts['rat-hai-long'] + counts['hai-long']) / total : null }];
    }),
  ) as Satisfaction;
  const r = resolved.rows[0]!;
  const onlineReceived = Number(received.n);
  const onlineResolved = Number(r.resolved);
  return {
    service: serviceCode,
    year,
    onlineReceived,
    onlineResolved,
    onTimeRate: onlineResolved ? Number(r.on_time) / onlineResolved : null,
    // Applications received at the counter are not recorded yet: the total is the online count.
    totalReceived: onlineReceived,
    satisfaction,
  };
}

export async function feedbackRoutes(app: FastifyInstance, deps: { db: DB }): Promise<void> {
  const { db } = deps;

  app.post<{ Params: { code: string } }>(
    '/api/v1/applications/:code/rating',
    {
      schema: {
        tags: ['đánh giá'],
        summary: 'Đánh giá mức độ hài lòng về một hồ sơ đã kết thúc (người nộp; sửa được trong 7 ngày)',
        body: {
          type: 'object',
          required: ['overall'],
          properties: {
            overall: { type: 'string' },
            convenience: { type: 'string' },
            timeliness: { type: 'string' },
            attitude: { type: 'string' },
            comment: { type: 'string', maxLength: 2000 },
          },
        },
      },
    },
    async (req, reply) => {
      const actor = req.actor;
      if (!actor) return reply.code(401).send(apiError('UNAUTHENTICATED', 'Cần đăng nhập (cookie phiên hoặc Authorization: Bearer).'));
      const code = req.params.code.slice(0, 60);
      const a = await db.selectFrom('application').select(['id', 'status', 'applicant_id']).where('code', '=', code).executeTakeFirst();
      if (!a || a.applicant_id !== actor.id) return reply.code(404).send(apiError('NOT_FOUND', `Không có hồ sơ mã "${code}".`));
      if (!RATEABLE_STATUSES.has(a.status)) return reply.code(409).send(apiError('NOT_ENDED', 'Hồ sơ chưa kết thúc nên chưa thể đánh giá.'));
      const checked = checkRating(req.body as RatingInput);
      if (!checked.ok) return reply.code(400).send(apiError('INVALID_RATING', checked.message));
      const existing = await db.selectFrom('rating').select('created_at').where('application_id', '=', a.id).executeTakeFirst();
      if (existing && Date.now() - existing.created_at.getTime() > CHANGE_DAYS * 86_400_000) {
        return reply.code(409).send(apiError('RATING_FINAL', `Đánh giá chỉ sửa được trong ${CHANGE_DAYS} ngày kể từ khi gửi.`));
      }
      // checkRating guarantees the overall level.
      const v = { ...checked.value, overall: checked.value.overall! };
      await db
        .insertInto('rating')
        .values({ application_id: a.id, ...v })
        .onConflict((oc) => oc.column('application_id').doUpdateSet({ ...v, updated_at: new Date() }))
        .execute();
      return reply.code(existing ? 200 : 201).send({ code, ...v, message: existing ? 'Đã cập nhật đánh giá.' : 'Cảm ơn quý khách đã đánh giá.' });
    },
  );

  app.get<{ Params: { code: string }; Querystring: { year?: string } }>(
    '/api/v1/services/:code/statistics',
    { schema: { tags: ['đánh giá'], summary: 'Số liệu theo Điều 11.3: hồ sơ trực tuyến tiếp nhận, đã giải quyết, tỷ lệ đúng hạn, mức độ hài lòng (từ đầu năm)' } },
    async (req, reply) => {
      const yearText = req.query.year ?? String(new Date().getUTCFullYear());
      if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2000 || Number(yearText) > 2100) {
        return reply.code(400).send(apiError('INVALID_YEAR', `Năm "${String(yearText).slice(0, 10)}" không hợp lệ; dùng dạng YYYY.`));
      }
      const code = req.params.code.slice(0, 20);
      const service = await db.selectFrom('service').select('code').where('code', '=', code).executeTakeFirst();
      if (!service) return reply.code(404).send(apiError('SERVICE_NOT_FOUND', `Không có dịch vụ công mã "${code}".`));
      return serviceStatistics(db, code, Number(yearText));
    },
  );
}
