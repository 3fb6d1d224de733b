// Guidance and FAQ pages (Q1), the rating form and API (Q2), the Art. 11.3 figures through the
// API, the managers' dashboard with CSV, and the officers' counter-received counts (Q3).
import type { WarningCounts } from '../applications/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { actorOf, type Actor } from '../identity/index.ts';
import { apiError } from '../web/api-error.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { pageContext } from '../web/page-context.ts';
import { MessagePage } from '../web/views/message.tsx';
import { renderMarkdown } from './markdown.ts';
import { checkAnswer, checkGuidance, checkQuestion, CRITERIA, LEVELS, type RatingInput } from './model.ts';
import { serviceStatistics, vietnamMonth } from './stats.ts';
import { answerQuestion, askQuestion, countView, existingServices, getFaq, getGuidance, guidanceForService, guidanceWithSlug, listGuidance, questionsFor, questionsOf, ratedApplication, ratingOf, saveGuidance, saveRating, searchFaq, type FaqEntry } from './store.ts';
import { AnswerPage, AskPage, FaqEntryPage, FaqListPage, MyQuestionsPage, OfficerQuestionsPage } from './views/faq.tsx';
import { GuidanceAdminPage, GuidanceEditPage, GuidanceListPage, GuidancePage } from './views/guidance.tsx';
import { RatingPage, type RatingValues } from './views/rating.tsx';
import { serviceSectionNodes } from './views/service-sections.tsx';
import { type OverduePetitionsView } from './views/dashboard.tsx';
import { explain } from '../web/problem.ts';
import { RATING_PROBLEMS } from './problems.ts';
import { pageKit, str } from './page-kit.ts';
import { statisticsRoutes } from './stats-routes.ts';
import { ID, LINE, PARAGRAPH, pageBody, text } from '../web/page-body.ts';

/** A guide and an answer may be long; the page kit reads at most 60,000 characters of a field. */
const LONG_TEXT = text(60_000);
const GUIDANCE_BODY = pageBody({ title: LINE, slug: LINE, summary: PARAGRAPH, services: PARAGRAPH, body: LONG_TEXT, published: ID, action: ID });

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
  /** Today's deadline warnings over these units (A4), for the dashboard; passed in by app.ts like the petitions. */
  deadlineCounts?: (units: string[]) => Promise<WarningCounts>;
}



export async function feedbackRoutes(app: FastifyInstance, deps: FeedbackDeps): Promise<void> {
  const { db } = deps;
  const { page, message, only, serviceNamed } = pageKit(deps);

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

  app.post<{ Params: { code: string } }>('/ho-so/:code/danh-gia', { preHandler: only.signedIn, schema: { body: pageBody({ ...Object.fromEntries(CRITERIA.map((c) => [c, ID])), comment: PARAGRAPH }) } }, async (req, reply) => {
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
  app.post('/quan-tri/huong-dan/moi', { preHandler: only.admin, schema: { body: GUIDANCE_BODY } }, async (req, reply) => saveGuidanceForm(req, reply, null));
  app.post<{ Params: { id: string } }>('/quan-tri/huong-dan/:id', { preHandler: only.admin, schema: { body: GUIDANCE_BODY } }, async (req, reply) => {
    const g = /^\d{1,9}$/.test(req.params.id) ? await getGuidance(db, { id: Number(req.params.id) }) : undefined;
    if (!g) return message(req, reply, 'Không tìm thấy hướng dẫn', 'Không có trang hướng dẫn này.', 404);
    return saveGuidanceForm(req, reply, g.id);
  });

  // ── FAQ (Q1) ──────────────────────────────────────────────────────────────────────────────


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

  app.post('/hoi-dap/dat-cau-hoi', { preHandler: only.signedIn, schema: { body: pageBody({ service: ID, question: PARAGRAPH }) } }, async (req, reply) => {
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

  app.post<{ Params: { id: string } }>('/can-bo/hoi-dap/:id', { preHandler: only.staff, schema: { body: pageBody({ published: ID, answer: LONG_TEXT }) } }, async (req, reply) => {
    const found = await questionForStaff(req, reply);
    if (!found) return reply;
    const published = str(req.body, 'published') === 'true';
    const checked = checkAnswer(str(req.body, 'answer', 20_000));
    if (!checked.ok) return page(req, reply, (ctx) => AnswerPage({ ctx, e: found.e, value: str(req.body, 'answer', 20_000), published, errors: checked.errors }), 400);
    await answerQuestion(db, found.e.id, { answer: checked.value, published, by: { id: found.actor.id, name: found.actor.fullName } });
    return reply.redirect('/can-bo/hoi-dap?luu=1', 303);
  });

  await statisticsRoutes(app, deps);
}

/** Every table of the dashboard as CSV, with the same columns as on the page. */

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

