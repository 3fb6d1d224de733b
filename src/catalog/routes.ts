// The catalog's pages (list with facets, service page, sitemap.xml) and its JSON API.
import { promisify } from 'node:util';
import { LINE, pageBody } from '../web/page-body.ts';
import { createGunzip, gzip } from 'node:zlib';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { DB } from '../db/index.ts';
import type { PageContext } from '../web/page-context.ts';
import { loadPageContext, PUBLIC_PAGES, sendPage } from '../web/routes.ts';
import { servePage, type PageCache } from '../web/page-cache.ts';
import type { SitemapNode } from '../web/views/sitemap.tsx';
import { MessagePage } from '../web/views/message.tsx';
import { actorOf, audit, GATES, guards } from '../identity/index.ts';
import { FilterError, parseFilters, SERVICE_CODE, type Service, type ServiceFilters } from './model.ts';
import { exportCatalog } from './import.ts';
import { implementationsOf, type Implementation } from './implementations.ts';
import { allServiceCodes, catalogVersion, getService, onlineServices, searchServices } from './store.ts';
import { CatalogCache } from './cache.ts';
import { addSynonym, deleteSynonym, listSynonyms, type SynonymProblem } from './synonyms.ts';
import { SYNONYM_PROBLEMS } from './problems.ts';
import { explain, type Problem } from '../web/problem.ts';
import { ServiceListPage } from './views/service-list.tsx';
import { SynonymsPage } from './views/synonyms.tsx';
import { offlineEverywhere, ServicePage } from './views/service-page.tsx';
import { downloadFileName, renderBlankDocx, renderBlankPdf } from './downloads/index.ts';
import { apiError } from '../web/api-error.ts';
import { sendDownload } from '../web/download.ts';
import type { FileStore } from '../storage/index.ts';

/** Which e-form a level-3/4 service takes applications through: its own, or the default one made from its record. */
export interface EFormRef {
  origin: 'own' | 'default';
  version: string;
}

export interface CatalogDeps {
  db: DB;
  publicUrl: string;
  /** Parts other modules add to a service's page: guidance links (lead) and figures, FAQ (more); wired in app.ts. */
  /** Parts of a service's page other modules add (figures, guidance; where to apply, for this request and its page). */
  serviceSections?: (service: Service, req: FastifyRequest, ctx: PageContext) => Promise<{ lead?: VNode; more?: VNode }>;
  /** A service's e-form to fill online — its own or the default one — and its version (forms module, wired in app.ts). */
  eformOf?: (serviceCode: string) => Promise<EFormRef | undefined>;
  /** The level-2 blank rendered from the service's e-form definition, when it has one (F5; wired in app.ts). */
  blankForm?: (serviceCode: string, form: { code: string; slug: string }, ext: 'pdf' | 'docx', addressee: string, serviceName: string) => Promise<Buffer | undefined>;
  portal: Parameters<typeof loadPageContext>[1]['portal'];
  /** Where the forms' official files are kept (C6); wired in app.ts. */
  files?: Pick<FileStore, 'open'>;
  /** Anonymous pages kept rendered until their data changes (decision 0027). */
  pages?: PageCache;
}

const CODE = SERVICE_CODE;
/** How long a service page's statistics may be shown, as the home page's figures (ms). */
const STATISTICS_MS = 30_000;
const gzipAsync = promisify(gzip);


const serviceSummarySchema = {
  type: 'object',
  properties: {
    code: { type: 'string', description: 'Mã TTHC' },
    name: { type: 'string' },
    level: { type: 'integer', minimum: 1, maximum: 4 },
    sector: { type: 'string' },
    field: { type: 'string' },
    adminLevel: { type: 'string', enum: ['trung-uong', 'tinh', 'huyen', 'xa'] },
    agency: { type: 'string', description: 'Mã cơ quan chủ trì (các cơ quan thực hiện: GET /api/v1/services/{code}, implementations)' },
    agencyName: { type: 'string' },
  },
} as const;

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
} as const;

const repeatable = (description: string) => ({
  description: `${description} (có thể lặp lại)`,
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
});

/** An implementation as the API publishes it (no portal edit history). */
function publicImplementation(i: Implementation) {
  const { code, name, address, phone, kind } = i.agency;
  return {
    agency: { code, name, address, phone, kind },
    timeLimitDays: i.timeLimitDays,
    level: i.level,
    online: i.online,
    offlineReason: i.offlineReason,
    openingHours: i.openingHours,
    receivingAddress: i.receivingAddress,
  };
}

/** Sơ đồ cổng: the online (level 3/4) services by sector and field. */
export async function catalogSitemap(db: DB): Promise<SitemapNode[]> {
  const services = await onlineServices(db);
  const bySector = new Map<string, Map<string, SitemapNode[]>>();
  for (const s of services) {
    const fields = bySector.get(s.sector) ?? new Map<string, SitemapNode[]>();
    bySector.set(s.sector, fields);
    const list = fields.get(s.field) ?? [];
    fields.set(s.field, list);
    list.push({ href: `/dich-vu-cong/${s.code}`, label: s.name, published: true });
  }
  return [...bySector].map(([sector, fields]) => ({
    href: `/dich-vu-cong?sector=${encodeURIComponent(sector)}`,
    label: sector,
    published: true,
    children: [...fields].map(([field, children]) => ({
      href: `/dich-vu-cong?sector=${encodeURIComponent(sector)}&field=${encodeURIComponent(field)}`,
      label: field,
      published: true,
      children,
    })),
  }));
}

/** Rendered blank forms, keyed by their whole definition (so an edited form renders anew). */
const renderedForms = new Map<string, Buffer>();

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function catalogRoutes(app: FastifyInstance, deps: CatalogDeps): Promise<void> {
  const { db } = deps;
  // This instance's memory of the catalog, dropped whenever the catalog's version moves.
  const cache = new CatalogCache();
  app.addHook('onClose', async () => cache.dispose());

  app.get(
    '/api/v1/services',
    {
      schema: {
        tags: ['danh mục'],
        summary: 'Tìm và lọc dịch vụ công',
        description: 'Tìm không phân biệt dấu và hoa/thường; các bộ lọc có thể lặp lại; facets cho số lượng theo từng bộ lọc, tính với các bộ lọc khác đang chọn.',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', description: 'Từ khóa hoặc mã TTHC (tối đa 200 ký tự)' },
            sector: repeatable('Ngành'),
            field: repeatable('Lĩnh vực'),
            adminLevel: repeatable('Cấp thực hiện: trung-uong, tinh, xa, huyen'),
            level: repeatable('Mức độ 1–4'),
            agency: repeatable('Mã cơ quan thực hiện: thủ tục mà cơ quan đó tiếp nhận, kể cả thủ tục do nhiều xã, phường cùng thực hiện'),
            page: { type: 'string', description: 'Trang, từ 1' },
            pageSize: { type: 'string', description: 'Số mục mỗi trang, tối đa 100' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              total: { type: 'integer' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
              items: { type: 'array', items: serviceSummarySchema },
              facets: { type: 'object', additionalProperties: true },
            },
          },
          400: errorSchema,
        },
      },
    },
    async (req, reply) => {
      let filters: ServiceFilters;
      try {
        filters = parseFilters(req.query as Record<string, unknown>);
      } catch (err) {
        if (err instanceof FilterError) return reply.code(400).send(apiError('INVALID_FILTER', err.message));
        throw err;
      }
      const result = await searchServices(db, filters, 'vi', cache);
      return { total: result.total, page: filters.page, pageSize: filters.pageSize, items: result.items, facets: result.facets };
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/v1/services/:code',
    {
      schema: {
        tags: ['danh mục'],
        summary: 'Một dịch vụ công với đủ 11 nội dung của Điều 5.1 Thông tư 32/2017',
        description:
          'Thủ tục mức độ 3, 4 có thêm eform: { origin: "own" (tờ khai riêng của thủ tục) hoặc "default" (biểu mẫu mặc định lập từ thành phần hồ sơ), version }; thủ tục mức độ 1, 2 có eform: null. ' +
          'implementations: các cơ quan thực hiện (tiếp nhận) thủ tục, mỗi cơ quan { agency: { code, name, address, phone, kind }, timeLimitDays, level, online, offlineReason, openingHours, receivingAddress } với thời hạn, mức độ đã áp dụng cho cơ quan đó; online = false khi đang tạm dừng tiếp nhận trực tuyến.',
      },
    },
    async (req, reply) => {
      const service = CODE.test(req.params.code) ? await getService(db, req.params.code, cache) : undefined;
      if (!service) return reply.code(404).send(apiError('SERVICE_NOT_FOUND', `Không có dịch vụ công mã "${req.params.code.slice(0, 40)}".`));
      // Online services say which e-form they take: their own, or the default one (F1).
      const eform = service.level >= 3 ? ((await deps.eformOf?.(service.code)) ?? null) : null;
      return { ...service, eform, implementations: (await implementationsOf(db, service.code)).map(publicImplementation) };
    },
  );

  app.get('/dich-vu-cong', async (req, reply) =>
    servePage(deps.pages, req, reply, async () => {
      const ctx = await loadPageContext(req, deps);
      try {
        const filters = parseFilters(req.query as Record<string, unknown>);
        // A mã TTHC typed in the box goes straight to its procedure.
        if (CODE.test(filters.q) && (await getService(db, filters.q, cache))) {
          void reply.redirect(`/dich-vu-cong/${filters.q}`, 303);
          return undefined;
        }
        return { vnode: ServiceListPage({ ctx, filters, result: await searchServices(db, filters, ctx.locale, cache) }) };
      } catch (err) {
        if (!(err instanceof FilterError)) throw err;
        const filters = parseFilters({});
        const error = ctx.locale === 'vi' ? err.message : ctx.t('catalogFilterInvalid', { param: err.param });
        return { vnode: ServiceListPage({ ctx, filters, result: await searchServices(db, filters, ctx.locale, cache), error }), status: 400 };
      }
    }),
  );

  // The whole catalog as one file in the import format (docs/catalog-format.md), as
  // `dvctt export-catalog` writes it: built once per catalog version and kept compressed.
  let download: { version: string; body: Promise<Buffer> } | undefined;
  app.get('/dich-vu-cong/danh-muc.json', async (req, reply) => {
    const version = await catalogVersion(db, cache);
    const etag = `"catalog-${version}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=300').header('vary', 'accept-encoding');
    if (String(req.headers['if-none-match'] ?? '').split(/\s*,\s*/).includes(etag)) return reply.code(304).send();
    if (download?.version !== version) {
      const body = exportCatalog(db).then((data) => gzipAsync(JSON.stringify(data, null, 2) + '\n'));
      download = { version, body };
      body.catch(() => {
        if (download?.body === body) download = undefined;
      });
    }
    const gzipped = await download.body;
    sendDownload(reply, { name: 'danh-muc-dich-vu-cong.json', type: 'application/json; charset=utf-8' });
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(gzipped);
    return reply.send(Readable.from([gzipped]).pipe(createGunzip()));
  });

  app.get<{ Params: { code: string } }>('/dich-vu-cong/:code', async (req, reply) =>
    servePage(deps.pages, req, reply, async () => {
      const ctx: PageContext = await loadPageContext(req, deps);
      const service = CODE.test(req.params.code) ? await getService(db, req.params.code, cache) : undefined;
      if (!service) {
        return { vnode: MessagePage({ ctx, title: ctx.t('serviceNotFoundTitle'), body: ctx.t('serviceNotFoundBody', { code: req.params.code.slice(0, 40) }) }), status: 404 };
      }
      const sections = (await deps.serviceSections?.(service, req, ctx)) ?? {};
      const offline = offlineEverywhere(await implementationsOf(db, service.code));
      const eform = service.level >= 3 ? (await deps.eformOf?.(service.code))?.origin : undefined;
      // Online services show the year's figures, which every application moves: read again after STATISTICS_MS.
      return { vnode: ServicePage({ ctx, service, publicUrl: deps.publicUrl, eform, sections, offline }), maxAgeMs: service.level >= 3 ? STATISTICS_MS : undefined };
    }),
  );

  // Level 2 (C6): each form as .docx and .pdf, named like Mau02_CapCCHNDuoc.docx.
  app.get<{ Params: { code: string; file: string } }>('/dich-vu-cong/:code/mau/:file', async (req, reply) => {
    const service = CODE.test(req.params.code) ? await getService(db, req.params.code, cache) : undefined;
    const ext = /\.(docx|pdf|doc)$/.exec(req.params.file)?.[1] as 'docx' | 'pdf' | 'doc' | undefined;
    const form = ext && service?.forms.find((f) => downloadFileName(f, ext) === req.params.file);
    // The official file of the national database, byte for byte, when the catalog has it in this format.
    if (form && form.official?.ext === ext && deps.files) {
      return sendDownload(reply, { name: req.params.file, type: form.official.mime }).header('cache-control', 'public, max-age=3600').send(deps.files.open(form.official.key));
    }
    if (!service || !form || !ext || ext === 'doc') {
      const ctx = await loadPageContext(req, deps);
      return sendPage(reply, MessagePage({ ctx, title: ctx.t('formNotFoundTitle'), body: ctx.t('formNotFoundBody') }), 404);
    }
    const input = { code: form.code, slug: form.slug, name: form.name, fields: form.fields, addressee: service.decidingAgency, serviceName: service.name };
    // A blank form only changes with its definition: render once, serve from memory after.
    const key = JSON.stringify([ext, input]);
    let body = (await deps.blankForm?.(service.code, form, ext, service.decidingAgency, service.name)) ?? renderedForms.get(key);
    if (!body) {
      body = ext === 'pdf' ? await renderBlankPdf(input) : await renderBlankDocx(input);
      if (renderedForms.size >= 500) renderedForms.delete(renderedForms.keys().next().value!);
      renderedForms.set(key, body);
    }
    return sendDownload(reply, { name: req.params.file, type: ext === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })
      .header('cache-control', 'public, max-age=3600')
      .send(body);
  });

  // C3: administrators keep the list of synonyms the search understands.
  const onlyAdmin = guards(deps).page(GATES.admin);
  const synonymsPage = async (req: FastifyRequest, reply: FastifyReply, extra: Omit<Parameters<typeof SynonymsPage>[0], 'ctx' | 'entries' | 'errors'> & { problems?: Problem<SynonymProblem>[] } = {}, status = 200) => {
    const ctx = await loadPageContext(req, deps);
    const { problems, ...rest } = extra;
    const errors = problems && Object.fromEntries(problems.map((p) => [p.field ?? 'form', explain(SYNONYM_PROBLEMS, p, ctx.locale).message]));
    return sendPage(reply, SynonymsPage({ ctx, entries: await listSynonyms(db), ...rest, ...(errors && { errors }) }), status);
  };

  app.get<{ Querystring: { da?: string } }>('/quan-tri/tu-dong-nghia', { preHandler: onlyAdmin }, async (req, reply) => {
    const notice = req.query.da === 'them' ? 'Đã thêm từ đồng nghĩa; ô tìm kiếm dùng ngay.' : req.query.da === 'xoa' ? 'Đã xóa từ đồng nghĩa.' : undefined;
    return synonymsPage(req, reply, { notice });
  });

  app.post('/quan-tri/tu-dong-nghia', { preHandler: onlyAdmin, schema: { body: pageBody({ term: LINE, expansion: LINE }) } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { term: typeof body.term === 'string' ? body.term.slice(0, 500) : '', expansion: typeof body.expansion === 'string' ? body.expansion.slice(0, 500) : '' };
    const added = await addSynonym(db, values, actorOf(req).username);
    if (!added.ok) return synonymsPage(req, reply, { values, problems: added.problems }, explain(SYNONYM_PROBLEMS, added.problems[0]!).status);
    await audit(db, { actor: actorOf(req), action: 'search-synonym.add', targetType: 'search_synonym', targetId: String(added.id), ip: req.ip, details: values });
    return reply.redirect('/quan-tri/tu-dong-nghia?da=them', 303);
  });

  app.post<{ Params: { id: string } }>('/quan-tri/tu-dong-nghia/:id/xoa', { preHandler: onlyAdmin, schema: { body: pageBody({}) } }, async (req, reply) => {
    const removed = /^\d{1,9}$/.test(req.params.id) ? await deleteSynonym(db, Number(req.params.id)) : undefined;
    if (!removed) return synonymsPage(req, reply, { problems: [{ code: 'SYNONYM_NOT_FOUND' }] }, SYNONYM_PROBLEMS.status.SYNONYM_NOT_FOUND);
    await audit(db, { actor: actorOf(req), action: 'search-synonym.delete', targetType: 'search_synonym', targetId: String(removed.id), ip: req.ip, details: { term: removed.term, expansion: removed.expansion } });
    return reply.redirect('/quan-tri/tu-dong-nghia?da=xoa', 303);
  });

  // sitemap.xml (Art. 16.4b): the portal's pages and every service; one file holds up to 50,000 URLs.
  app.get('/sitemap.xml', async (_req, reply) => {
    const base = deps.publicUrl;
    const pages = PUBLIC_PAGES.map((p) => `<url><loc>${xmlEscape(base + p)}</loc></url>`);
    const services = (await allServiceCodes(db, 50_000 - pages.length)).map(
      (s) => `<url><loc>${xmlEscape(`${base}/dich-vu-cong/${s.code}`)}</loc><lastmod>${s.updatedAt.toISOString().slice(0, 10)}</lastmod></url>`,
    );
    return reply
      .type('application/xml; charset=utf-8')
      .send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[...pages, ...services].join('\n')}\n</urlset>\n`);
  });
}
