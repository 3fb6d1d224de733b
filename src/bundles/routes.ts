// Bundled services across agencies (A3, V3; Decree 63/2024): the API (POST /api/v1/bundles,
// GET /api/v1/bundles/{code}) and the pages — the bundle's page, its one form, the citizen's bundles.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { calendarSource, discardRefusedUploads, firstPart, readMultipart, type ReusableLookup, type StoredUpload } from '../applications/index.ts';
import { getService } from '../catalog/index.ts';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { answersFromFormBody, type FormLibrary } from '../forms/index.ts';
import { actorOf, csrfTokenMatches, GATES, guards } from '../identity/index.ts';
import type { FileStore } from '../storage/index.ts';
import { apiError } from '../web/api-error.ts';
import { jsonTooDeep } from '../web/json-body.ts';
import { explain, type Problem } from '../web/problem.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import { partAgency, type BundleDefinition } from './definition.ts';
import { combinedStatus, partStatusName } from './model.ts';
import { BUNDLE_PROBLEMS, type BundleProblem } from './problems.ts';
import { exchangeRoute, type BundleRoute } from './route.ts';
import { agencyNames, bundlesOf, getBundle } from './store.ts';
import { placesOf, submitBundle, type BundleDeps, type BundleResult } from './submit.ts';
import { BundleFormPage, BundlePage, MyBundlePage, MyBundlesPage } from './views.tsx';

export interface BundleRouteDeps {
  db: DB;
  portal: PortalIdentity;
  files: FileStore;
  forms: FormLibrary;
  reusable?: ReusableLookup;
  bundles: readonly BundleDefinition[];
  exchange?: BundleRoute;
}

const sendProblem = (reply: FastifyReply, problem: Problem<BundleProblem>, extra: object = {}) => {
  const p = explain(BUNDLE_PROBLEMS, problem);
  return reply.code(p.status).send({ ...apiError(p.code, p.message), ...extra });
};

export async function bundleRoutes(app: FastifyInstance, deps: BundleRouteDeps): Promise<void> {
  const { db } = deps;
  const gate = guards(deps);
  await app.register(multipart);
  app.addHook('onResponse', discardRefusedUploads(db, deps.files));
  const bundleDeps: BundleDeps = { submit: { db, calendar: () => calendarSource(db).current(), workingHours: (agency) => calendarSource(db).hoursOf(agency), reusable: deps.reusable, forms: deps.forms }, bundles: deps.bundles, exchange: deps.exchange ?? exchangeRoute(deps.files) };
  const nameOf = (slug: string) => deps.bundles.find((b) => b.slug === slug)?.name ?? slug;
  const refusalBody = (r: Extract<BundleResult, { ok: false }>) => ({ ...(r.fields && Object.keys(r.fields).length && { fields: r.fields }), ...(r.part && { part: r.part }), ...(r.existing && { code: r.existing, href: `/api/v1/bundles/${r.existing}` }) });

  app.post(
    '/api/v1/bundles',
    {
      preHandler: gate.api(GATES.signedIn),
      schema: {
        tags: ['hồ sơ'],
        summary: 'Nộp hồ sơ liên thông: một tờ khai, một bộ giấy tờ cho nhiều thủ tục của nhiều cơ quan',
        description:
          'JSON { bundle, data, agency } hoặc multipart/form-data với các phần bundle, data (tờ khai liên thông dạng JSON), agency (mã xã, phường nơi nộp) và mỗi tệp một phần tên component:<mã giấy tờ> của tờ khai liên thông. Mỗi thủ tục thành một hồ sơ của cơ quan giải quyết (mã, trạng thái, hạn riêng), tất cả trong một giao dịch: một thủ tục bị từ chối thì không có gì được lưu (PART_REFUSED, kèm part.code là mã lỗi của thủ tục đó). Lỗi: BUNDLE_NOT_FOUND, PLACE_REQUIRED, PLACE_NOT_OFFERED, INVALID_ANSWERS.',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      let body = (req.body ?? {}) as { bundle?: unknown; data?: unknown; agency?: unknown };
      let uploads: StoredUpload[] = [];
      if (req.isMultipart()) {
        const read = await readMultipart(req, deps.files);
        if (!read.ok) return reply.code(400).send(apiError(read.problem.code, 'Không đọc được các tệp gửi lên; không có gì được lưu.'));
        const text = firstPart(read.fields, 'data') || 'null';
        let data: unknown = null;
        if (!jsonTooDeep(text)) {
          try {
            data = JSON.parse(text);
          } catch {
            data = null;
          }
        }
        body = { bundle: firstPart(read.fields, 'bundle'), data, agency: firstPart(read.fields, 'agency') || undefined };
        uploads = read.uploads;
      }
      if (!body.data || typeof body.data !== 'object' || Array.isArray(body.data)) return sendProblem(reply, { code: 'BAD_REQUEST' });
      const r = await submitBundle(bundleDeps, { actor, bundle: body.bundle, answers: body.data, agency: body.agency, uploads });
      if (!r.ok) return sendProblem(reply, r.problem, refusalBody(r));
      return reply.code(201).send({ code: r.code, parts: r.parts, href: `/api/v1/bundles/${r.code}` });
    },
  );

  app.get<{ Params: { code: string } }>('/api/v1/bundles/:code', { preHandler: gate.api(GATES.signedIn), schema: { tags: ['hồ sơ'], summary: 'Một hồ sơ liên thông: trạng thái chung và trạng thái từng thủ tục' } }, async (req, reply) => {
    const code = req.params.code.slice(0, 40);
    const b = await getBundle(db, code);
    // Someone else's bundle is "not found": its existence is not revealed.
    if (!b || b.applicantId !== actorOf(req).id) return sendProblem(reply, { code: 'BUNDLE_NOT_FOUND', params: { code } });
    const c = combinedStatus(b.parts);
    return {
      code: b.code,
      bundle: b.definition,
      name: nameOf(b.definition),
      place: b.placeCode,
      createdAt: b.createdAt,
      doneAt: b.doneAt,
      status: { kind: c.kind, done: c.done, total: c.total, label: c.label },
      parts: b.parts.map((p) => ({ key: p.key, serviceName: p.serviceName, agencyName: p.agencyName, route: p.route, applicationCode: p.applicationCode, status: p.status, statusName: partStatusName(p), dueDate: p.dueDate, reason: p.reason, result: p.result && { fileName: p.result.fileName, signedAt: p.result.signedAt, inStore: p.result.inStore } })),
    };
  });

  // The bundle's service-like page and its one form.
  const defOf = (slug: string) => deps.bundles.find((b) => b.slug === slug.slice(0, 60));
  const notFound = async (req: FastifyRequest, reply: FastifyReply) => sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Không tìm thấy', body: 'Không có hồ sơ liên thông hoặc nhóm thủ tục liên thông này.', back: { href: '/', label: 'Về trang chủ' } }), 404);

  app.get<{ Params: { slug: string } }>('/lien-thong/:slug', async (req, reply) => {
    const def = defOf(req.params.slug);
    if (!def) return notFound(req, reply);
    const places = await placesOf(db, def);
    const offers = [];
    for (const part of def.parts) {
      const s = await getService(db, part.service);
      const agencies = [...new Set(places.map((p) => partAgency(part, p.code)!))];
      offers.push({ serviceCode: part.service, serviceName: s?.name ?? part.service, agencies: (await agencyNames(db, agencies)).join('; ') });
    }
    return sendPage(reply, BundlePage({ ctx: await loadPageContext(req, deps), def, offers, places: places.map((p) => p.name) }));
  });

  app.get<{ Params: { slug: string } }>('/lien-thong/:slug/nop', { preHandler: gate.page(GATES.signedIn) }, async (req, reply) => {
    const def = defOf(req.params.slug);
    if (!def) return notFound(req, reply);
    const places = await placesOf(db, def);
    return sendPage(reply, BundleFormPage({ ctx: await loadPageContext(req, deps), def, places, place: places.length === 1 ? places[0]!.code : undefined }));
  });

  app.post<{ Params: { slug: string } }>('/lien-thong/:slug/nop', { preHandler: gate.page(GATES.signedIn), config: { csrfInStream: true } }, async (req, reply) => {
    const def = defOf(req.params.slug);
    if (!def) return notFound(req, reply);
    const ctx = await loadPageContext(req, deps);
    const refused = (body: string, status: number) => sendPage(reply, MessagePage({ ctx, title: 'Chưa nộp được hồ sơ liên thông', body, back: { href: `/lien-thong/${def.slug}/nop`, label: 'Mở lại tờ khai liên thông' } }), status);
    if (!req.isMultipart()) return refused('Biểu mẫu gửi lên không đúng; hãy mở lại tờ khai.', 400);
    const read = await readMultipart(req, deps.files, { csrf: (sent) => csrfTokenMatches(req, sent) });
    if (!read.ok) return refused(read.problem.code === 'CSRF' ? 'Biểu mẫu đã hết hạn; hãy mở lại tờ khai và gửi lại.' : 'Không đọc được các tệp gửi lên; không có gì được lưu.', 400);
    const raw = answersFromFormBody(def.form, Object.fromEntries(Object.entries(read.fields).map(([k, v]) => [k, v.length > 1 ? v : v[0]])));
    const place = firstPart(read.fields, 'agency');
    const r = await submitBundle(bundleDeps, { actor: actorOf(req), bundle: def.slug, answers: raw, agency: place, uploads: read.uploads });
    if (r.ok) return reply.redirect(`/ho-so/lien-thong/${r.code}?moi=1`, 303);
    // The same page sent twice: the bundle the first press made.
    if (r.existing) return reply.redirect(`/ho-so/lien-thong/${r.existing}`, 303);
    const p = explain(BUNDLE_PROBLEMS, r.problem);
    // The files of a refused bundle are not kept: the summary says so.
    const errors = { ...(r.fields ?? {}), [p.field ?? 'form']: p.message, ...(read.uploads.length && { files: 'Không có gì được lưu; hãy chọn lại các tệp giấy tờ.' }) };
    return sendPage(reply, BundleFormPage({ ctx, def, places: await placesOf(db, def), place, raw, errors }), p.status);
  });

  app.get('/ho-so/lien-thong', { preHandler: gate.page(GATES.signedIn) }, async (req, reply) => {
    const items = await bundlesOf(db, actorOf(req).id);
    return sendPage(reply, MyBundlesPage({ ctx: await loadPageContext(req, deps), items, names: Object.fromEntries(deps.bundles.map((b) => [b.slug, b.name])) }));
  });

  app.get<{ Params: { code: string }; Querystring: { moi?: string } }>('/ho-so/lien-thong/:code', { preHandler: gate.page(GATES.signedIn) }, async (req, reply) => {
    const b = await getBundle(db, req.params.code.slice(0, 40));
    if (!b || b.applicantId !== actorOf(req).id) return notFound(req, reply);
    return sendPage(reply, MyBundlePage({ ctx: await loadPageContext(req, deps), b, name: nameOf(b.definition), fresh: !!req.query.moi }));
  });
}
