// Guidance and FAQ pages (Q1), the rating form and API (Q2), the Art. 11.3 figures through the
// API, the managers' dashboard with CSV, and the officers' counter-received counts (Q3).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { actorOf, can, GATES, guards, type Actor } from '../identity/index.ts';
import { apiError } from '../web/api-error.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { pageContext } from '../web/page-context.ts';
import { MessagePage } from '../web/views/message.tsx';
import { renderMarkdown } from './markdown.ts';
import { checkAnswer, checkCounterCount, checkGuidance, checkQuestion, CRITERIA, CRITERION_NAMES, LEVEL_NAMES, LEVELS, parsePeriod, toCsv, type RatingInput } from './model.ts';
import { LICENCE, openDataCsv, openDataJson, parseYear } from './open-data.ts';
import { agencySubtree, counterReceipts, dashboard, publicStatistics, recordCounterReceipts, serviceStatistics, statisticsYears, vietnamMonth, type Dashboard } from './stats.ts';
import {
  answerQuestion,
  askQuestion,
  countView,
  existingServices,
  getFaq,
  getGuidance,
  guidanceForService,
  guidanceWithSlug,
  listGuidance,
  questionsFor,
  questionsOf,
  ratedApplication,
  ratingOf,
  saveGuidance,
  saveRating,
  searchFaq,
  type FaqEntry,
} from './store.ts';
import { AnswerPage, AskPage, FaqEntryPage, FaqListPage, MyQuestionsPage, OfficerQuestionsPage } from './views/faq.tsx';
import { GuidanceAdminPage, GuidanceEditPage, GuidanceListPage, GuidancePage } from './views/guidance.tsx';
import { RatingPage, type RatingValues } from './views/rating.tsx';
import { serviceSectionNodes } from './views/service-sections.tsx';
import { CounterPage } from './views/counter.tsx';
import { DashboardPage, type DashboardView, type OverduePetitionsView } from './views/dashboard.tsx';
import { PublicStatsPage } from './views/public-stats.tsx';
import { agencyNames, getService, SERVICE_CODE, serviceExists, servicesOfAgencies } from '../catalog/index.ts';
import { sendDownload } from '../web/download.ts';
import { explain } from '../web/problem.ts';
import { RATING_PROBLEMS } from './problems.ts';

export interface FeedbackDeps {
  db: DB;
  portal: PortalIdentity;
  /** The portal's address, named as the source in the open-data files. */
  publicUrl?: string;
  /**
   * Unanswered petitions (phản ánh, kiến nghị) past their due day in these agencies, for the
   * dashboard. Passed in by app.ts: petitions reaches feedback through applications, so importing
   * it here would close a cycle.
   */
  overduePetitions?: (agencies: string[]) => Promise<OverduePetitionsView>;
}

const CSV_TABLES = ['tong-hop', 'theo-thang', 'thu-tuc-cham', 'hai-long', 'theo-co-quan'] as const;
type CsvTable = (typeof CSV_TABLES)[number];

const str = (body: unknown, name: string, max = 60_000): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};


export async function feedbackRoutes(app: FastifyInstance, deps: FeedbackDeps): Promise<void> {
  const { db } = deps;
  const page = async (req: FastifyRequest, reply: FastifyReply, view: (ctx: Awaited<ReturnType<typeof loadPageContext>>) => VNode, status = 200) =>
    sendPage(reply, view(await loadPageContext(req, deps)), status);
  const message = (req: FastifyRequest, reply: FastifyReply, title: string, body: string, status: number) => page(req, reply, (ctx) => MessagePage({ ctx, title, body }), status);
  const gate = guards(deps);
  const only = { signedIn: gate.page(GATES.signedIn), admin: gate.page(GATES.admin), staff: gate.page(GATES.staff), manager: gate.page(GATES.manager), officer: gate.page(GATES.officer) };
  const forbidden = (req: FastifyRequest, reply: FastifyReply, body: string) => message(req, reply, 'Không có quyền truy cập', body, 403);

  // ── Ratings (Q2) ──────────────────────────────────────────────────────────────────────────

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
            overall: { type: 'string', enum: [...LEVELS] },
            convenience: { type: 'string', enum: [...LEVELS, ''] },
            timeliness: { type: 'string', enum: [...LEVELS, ''] },
            attitude: { type: 'string', enum: [...LEVELS, ''] },
            comment: { type: 'string', maxLength: 2000 },
          },
        },
      },
      // Unknown levels get checkRating's own Vietnamese message, naming the criterion.
      attachValidation: true,
    },
    async (req, reply) => {
      const actor = req.actor;
      if (!actor) return reply.code(401).send(apiError('UNAUTHENTICATED', 'Cần đăng nhập (cookie phiên hoặc Authorization: Bearer).'));
      const code = req.params.code.slice(0, 60);
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as RatingInput;
      const r = await saveRating(db, actor.id, code, body);
      if (!r.ok) {
        const p = explain(RATING_PROBLEMS, r.problem);
        return reply.code(p.status).send({ ...apiError(p.code, p.message), ...(p.field && { field: p.field }) });
      }
      return reply.code(r.value.created ? 201 : 200).send({ code, ...r.value.rating, message: r.value.created ? 'Cảm ơn quý khách đã đánh giá.' : 'Đã cập nhật đánh giá.' });
    },
  );

  /** The applicant's application, for the rating page; undefined (and answered) otherwise. */
  const ownApplication = async (req: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply) => {
    const code = req.params.code.slice(0, 60);
    const a = await ratedApplication(db, code);
    if (!a || a.applicant_id !== actorOf(req).id) return void (await message(req, reply, 'Không tìm thấy hồ sơ', `Không có hồ sơ mã "${code}" trong các hồ sơ của bạn.`, 404));
    return a;
  };

  app.get<{ Params: { code: string }; Querystring: { xong?: string } }>('/ho-so/:code/danh-gia', { preHandler: only.signedIn }, async (req, reply) => {
    const a = await ownApplication(req, reply);
    if (!a) return reply;
    const rating = await ratingOf(db, a.id);
    const notice = req.query.xong ? 'Cảm ơn quý khách đã đánh giá.' : undefined;
    return page(req, reply, (ctx) => RatingPage({ ctx, code: a.code, serviceName: a.serviceName, status: a.status, rating, notice }));
  });

  app.post<{ Params: { code: string } }>('/ho-so/:code/danh-gia', { preHandler: only.signedIn }, async (req, reply) => {
    const a = await ownApplication(req, reply);
    if (!a) return reply;
    const values: RatingValues = Object.fromEntries([...CRITERIA, 'comment'].map((k) => [k, str(req.body, k, 4000)]));
    const r = await saveRating(db, req.actor!.id, a.code, values);
    if (r.ok) return reply.redirect(`/ho-so/${a.code}/danh-gia?xong=1`, 303);
    const rating = await ratingOf(db, a.id);
    const p = explain(RATING_PROBLEMS, r.problem, pageContext(req, deps.portal).locale);
    const errors: FieldErrors = { [p.field ?? 'form']: p.message };
    return page(req, reply, (ctx) => RatingPage({ ctx, code: a.code, serviceName: a.serviceName, status: a.status, rating, values, errors }), p.status);
  });

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

  // ── Guidance (Q1) ─────────────────────────────────────────────────────────────────────────

  app.get('/huong-dan', async (req, reply) => {
    const items = await listGuidance(db);
    return page(req, reply, (ctx) => GuidanceListPage({ ctx, items }));
  });

  app.get<{ Params: { slug: string } }>('/huong-dan/:slug', async (req, reply) => {
    const g = /^[a-z0-9-]{1,80}$/.test(req.params.slug) ? await getGuidance(db, { slug: req.params.slug }) : undefined;
    if (!g || !g.published) return page(req, reply, (ctx) => MessagePage({ ctx, title: ctx.t('guidanceNotFoundTitle'), body: ctx.t('guidanceNotFoundBody') }), 404);
    const names = await existingServices(db, g.serviceCodes);
    const services = g.serviceCodes.filter((c) => names.has(c)).map((c) => ({ code: c, name: names.get(c)! }));
    return page(req, reply, (ctx) => GuidancePage({ ctx, g, services }));
  });


  app.get<{ Querystring: { luu?: string } }>('/quan-tri/huong-dan', { preHandler: only.admin }, async (req, reply) => {
    const items = await listGuidance(db, { all: true });
    return page(req, reply, (ctx) => GuidanceAdminPage({ ctx, items, notice: req.query.luu ? 'Đã lưu hướng dẫn.' : undefined }));
  });

  app.get('/quan-tri/huong-dan/moi', { preHandler: only.admin }, async (req, reply) => {
    return page(req, reply, (ctx) => GuidanceEditPage({ ctx, id: null, values: { published: 'true' } }));
  });

  app.get<{ Params: { id: string } }>('/quan-tri/huong-dan/:id', { preHandler: only.admin }, async (req, reply) => {
    const g = /^\d{1,9}$/.test(req.params.id) ? await getGuidance(db, { id: Number(req.params.id) }) : undefined;
    if (!g) return message(req, reply, 'Không tìm thấy hướng dẫn', 'Không có trang hướng dẫn này.', 404);
    const values = { title: g.title, slug: g.slug, summary: g.summary ?? '', services: g.serviceCodes.join(', '), body: g.bodyMd, published: g.published ? 'true' : '' };
    return page(req, reply, (ctx) => GuidanceEditPage({ ctx, id: g.id, values }));
  });

  const saveGuidanceForm = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const actor = actorOf(req);
    const values = Object.fromEntries(['title', 'slug', 'summary', 'services', 'body', 'published'].map((k) => [k, str(req.body, k)]));
    const checked = checkGuidance(values);
    const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (checked.ok) {
      const known = await existingServices(db, checked.value.serviceCodes);
      const unknown = checked.value.serviceCodes.filter((c) => !known.has(c));
      if (unknown.length) errors.services = `Không có thủ tục mã: ${unknown.slice(0, 5).join(', ')}.`;
      const clash = await guidanceWithSlug(db, checked.value.slug);
      if (clash !== undefined && clash !== id) errors.slug = `Đường dẫn "${checked.value.slug}" đã dùng cho một hướng dẫn khác.`;
    }
    if (str(req.body, 'action') === 'preview' || Object.keys(errors).length) {
      const preview = str(req.body, 'action') === 'preview' ? renderMarkdown(values.body ?? '') : undefined;
      return page(req, reply, (ctx) => GuidanceEditPage({ ctx, id, values, errors, preview }), Object.keys(errors).length ? 400 : 200);
    }
    if (!checked.ok) return reply;
    await saveGuidance(db, id, checked.value, actor.username);
    return reply.redirect('/quan-tri/huong-dan?luu=1', 303);
  };
  app.post('/quan-tri/huong-dan/moi', { preHandler: only.admin }, async (req, reply) => saveGuidanceForm(req, reply, null));
  app.post<{ Params: { id: string } }>('/quan-tri/huong-dan/:id', { preHandler: only.admin }, async (req, reply) => {
    const g = /^\d{1,9}$/.test(req.params.id) ? await getGuidance(db, { id: Number(req.params.id) }) : undefined;
    if (!g) return message(req, reply, 'Không tìm thấy hướng dẫn', 'Không có trang hướng dẫn này.', 404);
    return saveGuidanceForm(req, reply, g.id);
  });

  // ── FAQ (Q1) ──────────────────────────────────────────────────────────────────────────────

  const serviceNamed = async (code: unknown) => {
    if (typeof code !== 'string' || !SERVICE_CODE.test(code)) return undefined;
    const s = await getService(db, code);
    return s && { code: s.code, name: s.name, agency_code: s.agency };
  };

  app.get<{ Querystring: { q?: string; 'dich-vu'?: string; gui?: string } }>('/hoi-dap', async (req, reply) => {
    const q = String(req.query.q ?? '').slice(0, 200).trim();
    const service = await serviceNamed(req.query['dich-vu']);
    const items = await searchFaq(db, { q, service: service ? service.code : undefined });
    return page(req, reply, (ctx) => FaqListPage({ ctx, items, q, service }));
  });

  app.get('/hoi-dap/cua-toi', { preHandler: only.signedIn }, async (req, reply) => {
    const items = await questionsOf(db, actorOf(req).id);
    return page(req, reply, (ctx) => MyQuestionsPage({ ctx, items, notice: (req.query as { gui?: string }).gui ? 'Đã gửi câu hỏi. Cơ quan sẽ trả lời tại trang này.' : undefined }));
  });

  app.get<{ Querystring: { 'dich-vu'?: string } }>('/hoi-dap/dat-cau-hoi', { preHandler: only.signedIn }, async (req, reply) => {
    const service = await serviceNamed(req.query['dich-vu']);
    return page(req, reply, (ctx) => AskPage({ ctx, service }));
  });

  app.post('/hoi-dap/dat-cau-hoi', { preHandler: only.signedIn }, async (req, reply) => {
    const serviceCode = str(req.body, 'service', 20);
    const service = serviceCode ? await serviceNamed(serviceCode) : undefined;
    if (serviceCode && !service) return message(req, reply, 'Không tìm thấy thủ tục', `Không có thủ tục mã "${serviceCode}". Câu hỏi chưa được gửi.`, 400);
    const checked = checkQuestion(str(req.body, 'question', 4000));
    if (!checked.ok) return page(req, reply, (ctx) => AskPage({ ctx, service, value: str(req.body, 'question', 4000), errors: checked.errors }), 400);
    await askQuestion(db, { serviceCode: service?.code ?? null, question: checked.value, askerId: actorOf(req).id });
    return reply.redirect('/hoi-dap/cua-toi?gui=1', 303);
  });

  app.get<{ Params: { id: string } }>('/hoi-dap/:id', async (req, reply) => {
    const e = /^\d{1,9}$/.test(req.params.id) ? await getFaq(db, Number(req.params.id)) : undefined;
    if (!e || !e.published) return page(req, reply, (ctx) => MessagePage({ ctx, title: ctx.t('faqNotFoundTitle'), body: ctx.t('faqNotFoundBody') }), 404);
    await countView(db, e.id);
    return page(req, reply, (ctx) => FaqEntryPage({ ctx, e: { ...e, views: e.views + 1 } }));
  });

  /** Officers answer about their agencies' services; administrators also about the portal. */
  const mayAnswer = (actor: Actor, e: Pick<FaqEntry, 'serviceCode' | 'agencyCode'>) =>
    e.serviceCode === null ? actor.role === 'admin' : (actor.role === 'officer' || actor.role === 'admin') && actor.agencies.has(e.agencyCode ?? '');


  app.get<{ Querystring: { luu?: string } }>('/can-bo/hoi-dap', { preHandler: only.staff }, async (req, reply) => {
    const actor = actorOf(req);
    const items = await questionsFor(db, [...actor.agencies], actor.role === 'admin');
    return page(req, reply, (ctx) => OfficerQuestionsPage({ ctx, items, notice: req.query.luu ? 'Đã lưu câu trả lời.' : undefined }));
  });

  const questionForStaff = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const actor = actorOf(req);
    const e = /^\d{1,9}$/.test(req.params.id) ? await getFaq(db, Number(req.params.id)) : undefined;
    if (!e || !mayAnswer(actor, e)) return void (await message(req, reply, 'Không tìm thấy câu hỏi', 'Không có câu hỏi này trong các câu hỏi cơ quan của bạn trả lời.', 404));
    return { actor, e };
  };

  app.get<{ Params: { id: string } }>('/can-bo/hoi-dap/:id', { preHandler: only.staff }, async (req, reply) => {
    const found = await questionForStaff(req, reply);
    if (!found) return reply;
    return page(req, reply, (ctx) => AnswerPage({ ctx, e: found.e }));
  });

  app.post<{ Params: { id: string } }>('/can-bo/hoi-dap/:id', { preHandler: only.staff }, async (req, reply) => {
    const found = await questionForStaff(req, reply);
    if (!found) return reply;
    const published = str(req.body, 'published') === 'true';
    const checked = checkAnswer(str(req.body, 'answer', 20_000));
    if (!checked.ok) return page(req, reply, (ctx) => AnswerPage({ ctx, e: found.e, value: str(req.body, 'answer', 20_000), published, errors: checked.errors }), 400);
    await answerQuestion(db, found.e.id, { answer: checked.value, published, by: { id: found.actor.id, name: found.actor.fullName } });
    return reply.redirect('/can-bo/hoi-dap?luu=1', 303);
  });

  // ── Managers' dashboard and CSV (Q3) ──────────────────────────────────────────────────────


  type DashQuery = { 'co-quan'?: string; tu?: string; den?: string };
  /** The figures the query asks for, or why not: another agency is refused, a bad period explained. */
  const dashboardFor = async (actor: Actor, q: DashQuery): Promise<{ view: DashboardView } | { status: 400 | 403; errors: FieldErrors }> => {
    const agencyCode = q['co-quan'] ? String(q['co-quan']).slice(0, 40) : actor.agencyCode!;
    if (!can(actor, 'statistics.read', { agencyCode })) return { status: 403, errors: { agency: `Không có quyền xem số liệu của cơ quan "${agencyCode}".` } };
    const period = parsePeriod(q.tu, q.den, vietnamMonth());
    if (!period.ok) return { status: 400, errors: period.errors };
    const tree = (await agencySubtree(db, agencyCode)).filter((c) => actor.agencies.has(c));
    const [data, names, petitions] = await Promise.all([
      dashboard(db, tree, period.value.from, period.value.to),
      agencyNames(db, actor.agencies),
      deps.overduePetitions?.(tree),
    ]);
    const agency = names.find((a) => a.code === agencyCode) ?? { code: agencyCode, name: agencyCode };
    // The officers' list of petitions is for those who answer them; a manager reads the oldest here.
    const overdue = petitions && { ...petitions, href: actor.role === 'manager' ? undefined : petitions.href };
    return { view: { agency, agencies: names, from: period.value.from, to: period.value.to, data, petitions: overdue } };
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

  app.post('/can-bo/tiep-nhan-truc-tiep', { preHandler: only.officer }, async (req, reply) => {
    const actor = actorOf(req);
    const values = { service: str(req.body, 'service', 20), month: str(req.body, 'month', 20), count: str(req.body, 'count', 20) };
    const checked = checkCounterCount(values, vietnamMonth());
    const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (checked.ok) {
      const s = await serviceNamed(checked.value.service);
      if (!s || !actor.agencies.has(s.agency_code)) errors.service = 'Thủ tục này không do cơ quan của bạn tiếp nhận.';
    }
    if (!checked.ok || Object.keys(errors).length) return counterPage(req, reply, actor, { values, errors }, 400);
    await recordCounterReceipts(db, { ...checked.value, agency: actor.agencyCode!, by: actor.username });
    return reply.redirect('/can-bo/tiep-nhan-truc-tiep?luu=1', 303);
  });
}

/** Every table of the dashboard as CSV, with the same columns as on the page. */
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
          ['Hồ sơ trực tiếp tiếp nhận', t.offlineReceived],
          ['Tổng hồ sơ tiếp nhận', t.totalReceived],
          ['Tỷ lệ hài lòng chung', rate(t.satisfaction.overall.satisfiedRate)],
        ],
      );
    }
    case 'theo-thang':
      return toCsv(
        ['Tháng', 'Trực tuyến tiếp nhận', 'Trực tuyến đã giải quyết', 'Đúng hạn', 'Tỷ lệ đúng hạn', 'Trực tiếp tiếp nhận', 'Tổng tiếp nhận'],
        d.months.map((m) => [m.month, m.onlineReceived, m.onlineResolved, m.resolvedOnTime, rate(m.onTimeRate), m.offlineReceived, m.totalReceived]),
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
        ['Mã cơ quan', 'Cơ quan', 'Trực tuyến tiếp nhận', 'Đã giải quyết', 'Tỷ lệ đúng hạn', 'Trực tiếp tiếp nhận', 'Tỷ lệ hài lòng'],
        d.agencies.map((a) => [a.code, a.name, a.onlineReceived, a.onlineResolved, rate(a.onTimeRate), a.offlineReceived, rate(a.satisfaction.overall.satisfiedRate)]),
      );
  }
}

/**
 * What a service's page shows from this module (wired in app.ts): guidance links near the top;
 * for a level-3/4 service the Art. 11.3 figures; the most-viewed FAQ entries.
 */
export async function serviceSections(db: DB, service: { code: string; level: number }): Promise<{ lead?: VNode; more?: VNode }> {
  const [guidance, statistics, faq] = await Promise.all([
    guidanceForService(db, service.code),
    service.level >= 3 ? serviceStatistics(db, service.code, Number(vietnamMonth().slice(0, 4))) : Promise.resolve(null),
    searchFaq(db, { service: service.code, limit: 5 }),
  ]);
  return serviceSectionNodes(service.code, { guidance, statistics, faq });
}

