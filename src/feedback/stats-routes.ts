// The figures of Art. 11.3 (Q3): the statistics API, the managers' dashboard and its CSV files,
// the public statistics page and its open data, and the counts typed at the counter.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, agencyNames, can, type Actor } from '../identity/index.ts';
import { apiError } from '../web/api-error.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { checkCounterCount, CRITERIA, CRITERION_NAMES, LEVEL_NAMES, LEVELS, parsePeriod, toCsv } from './model.ts';
import { LICENCE, openDataCsv, openDataJson, parseYear } from './open-data.ts';
import { agencySubtree, counterGoLive, counterReceipts, dashboard, publicStatistics, recordCounterReceipts, serviceStatistics, statisticsYears, vietnamMonth, type Dashboard } from './stats.ts';
import { CounterPage } from './views/counter.tsx';
import { DashboardPage, type DashboardView } from './views/dashboard.tsx';
import { PublicStatsPage } from './views/public-stats.tsx';
import { implementationAt, serviceExists, servicesOfAgencies } from '../catalog/index.ts';
import { sendDownload } from '../web/download.ts';
import { pageKit, str } from './page-kit.ts';
import type { FeedbackDeps } from './routes.ts';
import { ID, pageBody } from '../web/page-body.ts';

const CSV_TABLES = ['tong-hop', 'theo-thang', 'thu-tuc-cham', 'hai-long', 'theo-co-quan'] as const;
type CsvTable = (typeof CSV_TABLES)[number];


export async function statisticsRoutes(app: FastifyInstance, deps: FeedbackDeps): Promise<void> {
  const { db } = deps;
  const { page, message, forbidden, only, serviceNamed } = pageKit(deps);

  // ── Art. 11.3 through the API (Q3) ────────────────────────────────────────────────────────

  app.get<{ Params: { code: string }; Querystring: { year?: string } }>(
    '/api/v1/services/:code/statistics',
    { schema: { tags: ['đánh giá'], summary: 'Số liệu theo Điều 11.3: hồ sơ trực tuyến tiếp nhận, đã giải quyết, tỷ lệ đúng hạn, tổng tiếp nhận, mức độ hài lòng (từ đầu năm)' } },
    async (req, reply) => {
      const yearText = req.query.year ?? vietnamMonth().slice(0, 4);
      if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2000 || Number(yearText) > 2100) {
        return reply.code(400).send(apiError('INVALID_YEAR', `Năm "${String(yearText).slice(0, 10)}" không hợp lệ; dùng dạng YYYY.`));
      }
      const code = req.params.code.slice(0, 20);
      if (!(await serviceExists(db, code))) return reply.code(404).send(apiError('SERVICE_NOT_FOUND', `Không có dịch vụ công mã "${code}".`));
      return serviceStatistics(db, code, Number(yearText));
    },
  );

  // ── Managers' dashboard and CSV (Q3) ──────────────────────────────────────────────────────


  type DashQuery = { 'co-quan'?: string; tu?: string; den?: string };
  /** The figures the query asks for, or why not: another agency is refused, a bad period explained. */
  const dashboardFor = async (actor: Actor, q: DashQuery): Promise<{ view: DashboardView } | { status: 400 | 403; errors: FieldErrors }> => {
    const agencyCode = q['co-quan'] ? String(q['co-quan']).slice(0, 40) : actor.agencyCode!;
    if (!can(actor, 'statistics.read', { agencyCode })) return { status: 403, errors: { agency: `Không có quyền xem số liệu của cơ quan "${agencyCode}".` } };
    const period = parsePeriod(q.tu, q.den, vietnamMonth());
    if (!period.ok) return { status: 400, errors: period.errors };
    const tree = (await agencySubtree(db, agencyCode)).filter((c) => actor.agencies.has(c));
    const [data, names, petitions, deadlines] = await Promise.all([
      dashboard(db, tree, period.value.from, period.value.to),
      agencyNames(db, actor.agencies),
      deps.overduePetitions?.(tree),
      deps.deadlineCounts?.(tree),
    ]);
    const agency = names.find((a) => a.code === agencyCode) ?? { code: agencyCode, name: agencyCode };
    // The officers' list of petitions is for those who answer them; a manager reads the oldest here.
    const overdue = petitions && { ...petitions, href: actor.role === 'manager' ? undefined : petitions.href };
    return { view: { agency, agencies: names, from: period.value.from, to: period.value.to, data, petitions: overdue, deadlines } };
  };

  app.get<{ Querystring: DashQuery }>('/quan-ly/thong-ke', { preHandler: only.manager }, async (req, reply) => {
    const actor = actorOf(req);
    const r = await dashboardFor(actor, req.query);
    if ('view' in r) return page(req, reply, (ctx) => DashboardPage({ ctx, view: r.view, values: { tu: String(req.query.tu ?? r.view.from.slice(0, 7)), den: String(req.query.den ?? r.view.to.slice(0, 7)) } }));
    if (r.status === 403) return forbidden(req, reply, r.errors.agency!);
    // A bad period: the form again, with the default period's figures and the errors.
    const fallback = await dashboardFor(actor, { 'co-quan': req.query['co-quan'] });
    const values = { tu: String(req.query.tu ?? '').slice(0, 20), den: String(req.query.den ?? '').slice(0, 20) };
    return page(req, reply, (ctx) => DashboardPage({ ctx, view: 'view' in fallback ? fallback.view : undefined, errors: r.errors, values }), 400);
  });

  app.get<{ Params: { table: string }; Querystring: DashQuery }>('/quan-ly/thong-ke/:table', { preHandler: only.manager }, async (req, reply) => {
    const table = req.params.table.replace(/\.csv$/, '') as CsvTable;
    if (!req.params.table.endsWith('.csv') || !CSV_TABLES.includes(table)) return message(req, reply, 'Không có bảng này', 'Các bảng tải được: ' + CSV_TABLES.join(', ') + '.', 404);
    const actor = actorOf(req);
    const r = await dashboardFor(actor, req.query);
    if (!('view' in r)) {
      const text = Object.values(r.errors).join(' ');
      return r.status === 403 ? forbidden(req, reply, `${text} Không có tệp nào được tạo.`) : message(req, reply, 'Kỳ thống kê không hợp lệ', text, 400);
    }
    const { view } = r;
    const name = `thong-ke-${table}-${view.agency.code}-${view.from.slice(0, 7)}-${view.to.slice(0, 7)}.csv`;
    return sendDownload(reply, { name, type: 'text/csv; charset=utf-8' }).send(csvOf(table, view.data));
  });

  // ── Public figures and open data (Q3, Art. 11.3) ──────────────────────────────────────────

  app.get<{ Querystring: { nam?: string } }>('/thong-ke', async (req, reply) => {
    const thisYear = Number(vietnamMonth().slice(0, 4));
    const parsed = parseYear(req.query.nam, thisYear);
    const year = parsed.ok ? parsed.year : thisYear;
    const [data, years] = await Promise.all([publicStatistics(db, year), statisticsYears(db, thisYear)]);
    const error = parsed.ok ? undefined : parsed.message;
    return page(req, reply, (ctx) => PublicStatsPage({ ctx, data, years, thisYear, error }), error ? 400 : 200);
  });

  app.get<{ Params: { file: string }; Querystring: { nam?: string } }>('/thong-ke/:file', async (req, reply) => {
    const format = req.params.file === 'so-lieu.csv' ? 'csv' : req.params.file === 'so-lieu.json' ? 'json' : undefined;
    if (!format) return message(req, reply, 'Không có tệp này', 'Các tệp dữ liệu mở: /thong-ke/so-lieu.csv và /thong-ke/so-lieu.json.', 404);
    const thisYear = Number(vietnamMonth().slice(0, 4));
    const parsed = parseYear(req.query.nam, thisYear);
    if (!parsed.ok) {
      if (format === 'json') return reply.code(400).send(apiError('BAD_REQUEST', parsed.message));
      return message(req, reply, 'Năm thống kê không hợp lệ', `${parsed.message} Không có tệp nào được tạo.`, 400);
    }
    const data = await publicStatistics(db, parsed.year);
    const name = `so-lieu-thong-ke-${parsed.year}.${format}`;
    sendDownload(reply, { name, type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8' }).header('link', `<${LICENCE.url}>; rel="license"`).header('access-control-allow-origin', '*');
    if (format === 'csv') return reply.send(openDataCsv(data, deps.portal.portalName));
    const source = `${deps.publicUrl ?? ''}/thong-ke?nam=${parsed.year}`;
    return reply.send(openDataJson(data, { portalName: deps.portal.portalName, publisher: deps.portal.agencyName, source, generatedAt: new Date() }));
  });

  // ── Counter-received counts (Q3) ──────────────────────────────────────────────────────────

  const agencyServices = (actor: Actor) => servicesOfAgencies(db, actor.agencies);
  const counterPage = async (req: FastifyRequest, reply: FastifyReply, actor: Actor, extra: { values?: Record<string, string>; errors?: FieldErrors; notice?: string } = {}, status = 200) => {
    const year = Number(vietnamMonth().slice(0, 4));
    const [services, rows] = await Promise.all([agencyServices(actor), counterReceipts(db, [actor.agencyCode!], year)]);
    return page(req, reply, (ctx) => CounterPage({ ctx, services, rows, year, ...extra }), status);
  };

  app.get<{ Querystring: { luu?: string } }>('/can-bo/tiep-nhan-truc-tiep', { preHandler: only.officer }, async (req, reply) => {
    const actor = actorOf(req);
    return counterPage(req, reply, actor, { notice: req.query.luu ? 'Đã ghi số liệu.' : undefined });
  });

  app.post('/can-bo/tiep-nhan-truc-tiep', { preHandler: only.officer, schema: { body: pageBody({ service: ID, month: ID, count: ID }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const values = { service: str(req.body, 'service', 20), month: str(req.body, 'month', 20), count: str(req.body, 'count', 20) };
    const checked = checkCounterCount(values, vietnamMonth());
    const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (checked.ok) {
      const s = await serviceNamed(checked.value.service);
      // C1: the officer's own unit must be one of the procedure's places (the figures are recorded under it).
      if (!s || !(await implementationAt(db, s.code, actor.agencyCode!))) errors.service = 'Thủ tục này không do cơ quan của bạn tiếp nhận.';
      // A3: from the first month a counter dossier was recorded one by one, the dossiers are the figures.
      const goLive = await counterGoLive(db, actor.agencyCode!);
      if (goLive && checked.value.month >= goLive) errors.month = `Từ tháng ${goLive.slice(5, 7)}/${goLive.slice(0, 4)}, cơ quan đã tiếp nhận hồ sơ trực tiếp và bưu chính từng hồ sơ qua trang "Tiếp nhận hồ sơ trực tiếp", nên số liệu được đếm tự động; chỉ ghi số liệu cho các tháng trước đó.`;
    }
    if (!checked.ok || Object.keys(errors).length) return counterPage(req, reply, actor, { values, errors }, 400);
    await recordCounterReceipts(db, { ...checked.value, agency: actor.agencyCode!, by: actor.username });
    return reply.redirect('/can-bo/tiep-nhan-truc-tiep?luu=1', 303);
  });
}

function csvOf(table: CsvTable, d: Dashboard): string {
  const rate = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
  const daysOf = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  switch (table) {
    case 'tong-hop': {
      const t = d.totals;
      return toCsv(
        ['Chỉ tiêu', 'Giá trị'],
        [
          ['Hồ sơ trực tuyến tiếp nhận', t.onlineReceived],
          ['Hồ sơ trực tuyến đã giải quyết', t.onlineResolved],
          ['Hồ sơ giải quyết đúng hạn', t.resolvedOnTime],
          ['Tỷ lệ đúng hạn', rate(t.onTimeRate)],
          ['Thời gian giải quyết trung bình (ngày)', daysOf(t.averageDays)],
          ['Hồ sơ tiếp nhận trực tiếp/bưu chính', t.counterReceived],
          ['Hồ sơ trực tiếp ghi theo tháng (trước khi triển khai)', t.offlineReceived],
          ['Tổng hồ sơ tiếp nhận', t.totalReceived],
          ['Tỷ lệ hài lòng chung', rate(t.satisfaction.overall.satisfiedRate)],
        ],
      );
    }
    case 'theo-thang':
      return toCsv(
        ['Tháng', 'Trực tuyến tiếp nhận', 'Trực tuyến đã giải quyết', 'Đúng hạn', 'Tỷ lệ đúng hạn', 'Tiếp nhận trực tiếp/bưu chính', 'Trực tiếp ghi theo tháng', 'Tổng tiếp nhận'],
        d.months.map((m) => [m.month, m.onlineReceived, m.onlineResolved, m.resolvedOnTime, rate(m.onTimeRate), m.counterReceived, m.offlineReceived, m.totalReceived]),
      );
    case 'thu-tuc-cham':
      return toCsv(
        ['Mã thủ tục', 'Thủ tục', 'Đã giải quyết', 'Thời gian trung bình (ngày)', 'Tỷ lệ đúng hạn'],
        d.services.map((s) => [s.code, s.name, s.onlineResolved, daysOf(s.averageDays), rate(s.onTimeRate)]),
      );
    case 'hai-long':
      return toCsv(
        ['Tiêu chí', ...LEVELS.map((l) => LEVEL_NAMES[l]), 'Số lượt', 'Tỷ lệ hài lòng'],
        CRITERIA.map((c) => [CRITERION_NAMES[c], ...LEVELS.map((l) => d.totals.satisfaction[c][l]), d.totals.satisfaction[c].total, rate(d.totals.satisfaction[c].satisfiedRate)]),
      );
    case 'theo-co-quan':
      return toCsv(
        ['Mã cơ quan', 'Cơ quan', 'Trực tuyến tiếp nhận', 'Đã giải quyết', 'Tỷ lệ đúng hạn', 'Tiếp nhận trực tiếp/bưu chính', 'Trực tiếp ghi theo tháng', 'Tỷ lệ hài lòng'],
        d.agencies.map((a) => [a.code, a.name, a.onlineReceived, a.onlineResolved, rate(a.onTimeRate), a.counterReceived, a.offlineReceived, rate(a.satisfaction.overall.satisfiedRate)]),
      );
  }
}
