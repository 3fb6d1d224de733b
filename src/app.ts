// Builds the Fastify application from the modules. The one place that wires them together.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions, type RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import type pg from 'pg';
import { registerMetrics } from './metrics.ts';
import { LocalFileStore, S3FileStore, type FileStore } from './storage/index.ts';
import { applicationRoutes, exportRoutes, getApplication, isWorkingDay, paymentRoutes, resultRoutes, calendarSource, whereHook, withWhereSection } from './applications/index.ts';
import { catalogRoutes, catalogSitemap, LIFE_EVENTS, searchServices } from './catalog/index.ts';
import { catalogAdministration } from './catalog/admin/index.ts';
import { feedbackRoutes, mostUsedServices, serviceSections, yearFigures } from './feedback/index.ts';
import { overduePetitions, petitionRoutes } from './petitions/index.ts';
import { deadlineCounts } from './applications/deadlines-store.ts';
import { reusableLookup, vaultRoutes } from './vault/index.ts';
import { chooseSource, dataSourceRoutes, populationPrefill, sourceUsesOf, SourceUsesSection, withNationalSources } from './datasources/index.ts';
import { blankFormFromDefinition, createFormLibrary, defaultFormFallback, designerRoutes, formsRoutes, printRoutes, versionOf, type FormLibrary } from './forms/index.ts';
import { isDatabaseUnavailable, type DB } from './db/index.ts';
import { audit, can, identityRoutes, oidcRoutes, passwordResetRoutes } from './identity/index.ts';
import { addNotice, createChannels, deliveryFigures, msisdn, notificationRoutes, startDeliveryWorker, type DeliveryWorker } from './notifications/index.ts';
import { citizenPortalOff, exchangeChannel, exchangeRoutes } from './exchange/index.ts';
import { bundleRoutes, forwardedPartStatus, loadBundles } from './bundles/index.ts';
import { composeModules } from './modules.ts';
import { apiError } from './web/api-error.ts';
import { securityHeaders } from './web/security-headers.ts';
import { pageContext } from './web/page-context.ts';
import { loadPageContext, sendPage, webRoutes } from './web/routes.ts';
import { vietnamYear } from './web/format.ts';
import type { Locale } from './web/i18n.ts';
import type { HomeData } from './web/views/home.tsx';
import { maintenanceRoutes } from './web/maintenance-routes.ts';
import { FORBIDDEN_TEXT_MESSAGE, registerInputGuard } from './web/input-guard.ts';
import { RefusedBody, registerJsonBody } from './web/json-body.ts';
import { MessagePage } from './web/views/message.tsx';
import { registerCompression } from './web/compression.ts';
import { PageCache } from './web/page-cache.ts';
import { registerEarlyAnswerClose } from './web/early-answer.ts';
import { explainSchemaError } from './web/schema-errors.ts';
import { emptyPageBodies, refusedBodyDetail } from './web/page-body.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const VERSION = '0.1.0';

export interface AppDeps {
  config: Config;
  db: DB;
  logger?: Logger | false;
  /** Extra Fastify options (HTTPS) chosen by the server. */
  serverOptions?: Partial<FastifyServerOptions> & { https?: unknown };
  /** The connection pool, for its figures in /metrics. */
  pool?: pg.Pool;
  /** Where uploaded files and results are kept; DATA_DIR/files on the local disk by default. */
  files?: FileStore;
  /** The form definitions (F1); read from the database, listening on the pool's server, by default. */
  forms?: FormLibrary;
  /** Told of every route as it is registered (the structure test reads their schemas). */
  onRoute?: (route: RouteOptions) => void;
}

/** The home page: the most used services this year (level 4 without any), the catalog's sectors and fields, this year's figures. */
async function homeData(db: DB, locale: Locale): Promise<HomeData> {
  const year = vietnamYear();
  const all: Parameters<typeof searchServices>[1] = { q: '', sector: [], field: [], adminLevel: [], level: [], agency: [], page: 1, pageSize: 8 };
  const [used, catalog, figures] = await Promise.all([mostUsedServices(db, year, 8), searchServices(db, all, locale), yearFigures(db, year)]);
  const popular: HomeData['popular'] = used.length
    ? { by: 'use', items: used }
    : { by: 'level4', items: (await searchServices(db, { ...all, level: [4] }, locale)).items.map((s) => ({ code: s.code, name: s.name })) };
  const byCount = (a: { count: number; label: string }, b: { count: number; label: string }) => b.count - a.count || a.label.localeCompare(b.label, 'vi');
  // Each life event is the catalog search people would make then; only events with services show.
  const events = await Promise.all(LIFE_EVENTS.map(async (e) => ({ query: e.query, bundle: e.bundle, label: locale === 'en' ? e.en : e.vi, count: (await searchServices(db, { ...all, q: e.query, pageSize: 1 }, locale)).total })));
  return {
    year,
    popular,
    lifeEvents: events.filter((e) => e.count > 0),
    sectors: [...catalog.facets.sector].sort(byCount),
    fields: [...catalog.facets.field].sort(byCount).slice(0, 12),
    figures: { received: figures.totalReceived, resolved: figures.onlineResolved, onTimeRate: figures.onTimeRate },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** API operations that need a signed-in account (a bearer token, or the browser's session): the OpenAPI document says so. */
const NEEDS_TOKEN = new Set([
  'GET /api/v1/me',
  'GET /api/v1/me/notifications',
  'GET /api/v1/me/applications',
  'GET /api/v1/me/documents',
  'GET /api/v1/me/documents/usage',
  'POST /api/v1/applications',
  'GET /api/v1/applications/:code',
  'POST /api/v1/applications/:code/status',
  'POST /api/v1/applications/:code/result',
  'GET /api/v1/applications/:code/result.pdf',
  'POST /api/v1/applications/:code/rating',
  'GET /api/v1/export/applications',
]);

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url === '/healthz' || req.url === '/readyz';
}

async function readiness(db: DB): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000).unref());
  const probe = sql`SELECT 1`.execute(db).then(
    () => true,
    () => false,
  );
  return Promise.race([probe, timeout]);
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  composeModules();
  const files = deps.files ?? (config.objectStore ? new S3FileStore(config.objectStore) : new LocalFileStore(path.join(config.dataDir, 'files')));
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: deps.logger === undefined ? { level: config.logLevel } : false }),
    // Read by genReqId, which keeps a caller's id only when it is safe to echo and log.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Keep-alive connections that are idle are closed at shutdown; busy ones finish first.
    forceCloseConnections: 'idle',
    ...(deps.serverOptions as object),
  }) as unknown as FastifyInstance;
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);

  // F1: every instance serves the definitions from memory and hears another's publish on dvctt_forms.
  // A level-3/4 service without its own form gets the default form made from its catalog record (F1, A1).
  const forms = deps.forms ?? createFormLibrary(db, { listen: deps.pool?.options ?? false, fallback: defaultFormFallback(db) });
  if (!deps.forms) app.addHook('onClose', () => forms.close());
  // A4: the year's calendar decisions and the agencies' working hours, in memory and kept fresh.
  const calendar = await calendarSource(db).open({ listen: deps.pool?.options ?? false });
  app.addHook('onClose', () => calendar.close());
  // P2, P6: anonymous pages kept rendered until a change is heard from the database (decision 0027).
  const pages = new PageCache(db, { listen: deps.pool?.options ?? false, personal: (req) => !!req.actor || !!req.headers.authorization || /(^|;)\s*(__Host-)?dvctt_session=/.test(req.headers.cookie ?? '') });
  await pages.open();
  pages.settle(app);
  app.addHook('onClose', () => pages.close());

  // Behind a TLS-terminating proxy that also forwards plain HTTP: send the visitor to HTTPS (S2).
  if (config.trustProxy !== false && config.publicUrl.startsWith('https:')) {
    const origin = new URL(config.publicUrl).origin;
    app.addHook('onRequest', async (req, reply) => {
      if (req.headers['x-forwarded-proto'] && req.protocol === 'http') return reply.redirect(origin + req.url, 301);
    });
  }
  // A refusal sent before the whole body arrived closes the connection, so the client gets it at once.
  registerEarlyAnswerClose(app);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // A signed-in person's pages and answers hold personal data: no shared or back-button cache keeps them.
    if (req.actor && !reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-store');
  });
  registerMetrics(app, deps.pool, async () => {
    // N2, P5: the delivery queue's depth and failures per channel, for alerts.
    const figures = await deliveryFigures(db);
    return [
      '# HELP dvctt_deliveries Notice deliveries by channel and state (queued = waiting or retrying; failed = gave up).',
      '# TYPE dvctt_deliveries gauge',
      ...figures.map((f) => `dvctt_deliveries{channel="${f.channel}",state="${f.status}"} ${f.count}`),
    ];
  });

  // S6: the same security headers on every answer, worked out once (src/web/security-headers.ts).
  // No page of the portal uses the permissions named; nothing embedded may ask for them either.
  const SECURITY_HEADERS = { ...securityHeaders(), 'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()' };
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
  // Before the static files, so styles and scripts are compressed too (P1).
  await registerCompression(app);
  await app.register(cookie);
  await app.register(formbody);
  registerJsonBody(app);
  await app.register(fastifyStatic, {
    root: path.join(here, 'web', 'assets'),
    prefix: '/assets/',
    maxAge: 3600 * 1000,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'dvctt — API Cổng dịch vụ công trực tuyến',
        description: 'API JSON của cổng dịch vụ công (Thông tư 32/2017/TT-BTTTT). Lỗi có dạng { error: { code, message } } với thông điệp tiếng Việt.',
        version: VERSION,
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'Mã truy cập từ POST /api/v1/auth/token (hoặc cookie phiên của trình duyệt).' },
        },
      },
    },
    hideUntagged: true,
    // The operations that answer 401 without a signed-in account name the bearer token.
    transform: ({ schema, url, route }) => {
      const methods = [route.method].flat().map((m) => m.toUpperCase());
      if (!schema || !methods.some((m) => NEEDS_TOKEN.has(`${m} ${url}`))) return { schema, url };
      return { schema: { ...schema, security: [{ bearerAuth: [] }] } as typeof schema, url };
    },
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const statusSchema = {
    type: 'object',
    properties: { status: { type: 'string' } },
    required: ['status'],
  } as const;
  app.get(
    '/healthz',
    { schema: { tags: ['vận hành'], summary: 'Tiến trình đang chạy', response: { 200: statusSchema } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['vận hành'],
        summary: 'Cơ sở dữ liệu trả lời: sẵn sàng nhận yêu cầu',
        response: { 200: statusSchema, 503: { type: 'object', additionalProperties: true } },
      },
    },
    async (_req, reply) => {
      if (await readiness(db)) return { status: 'ready' };
      return reply.code(503).send({ status: 'unavailable', ...apiError('DATABASE_UNAVAILABLE', 'Cơ sở dữ liệu không phản hồi.') });
    },
  );

  app.setNotFoundHandler(async (req, reply) => {
    if (wantsJson(req)) return reply.code(404).send(apiError('NOT_FOUND', 'Không tìm thấy tài nguyên được yêu cầu.'));
    const ctx = await loadPageContext(req, { db, portal: config.portal });
    return sendPage(reply, MessagePage({ ctx, title: ctx.t('notFoundTitle'), body: ctx.t('notFoundBody') }), 404);
  });

  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const ctx = pageContext(req, config.portal);
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '30');
      if (wantsJson(req)) return reply.code(503).send(apiError('DATABASE_UNAVAILABLE', 'Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau.'));
      return sendPage(reply, MessagePage({ ctx, title: ctx.t('unavailableTitle'), body: ctx.t('unavailableBody') }), 503);
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ err }, 'request failed');
    const message =
      status === 500
        ? 'Lỗi hệ thống; yêu cầu chưa được xử lý.'
        : err.validation
          ? `Dữ liệu gửi lên không hợp lệ: ${err.validation[0] ? explainSchemaError(err.validation[0], { whole: 'nội dung' }).message : 'không rõ lỗi'}.`
          : status === 413
            ? 'Nội dung gửi lên quá lớn.'
            : err instanceof RefusedBody
              ? err.message
              : 'Yêu cầu không hợp lệ.';
    if (wantsJson(req)) return reply.code(status).send(apiError(status === 500 ? 'INTERNAL' : 'BAD_REQUEST', message));
    // A page form's body refused by its schema (S7): a page in the person's language; nothing changed.
    if (err.validation && err.validationContext === 'body') {
      const detail = err.validation[0] ? refusedBodyDetail(err.validation[0], ctx.locale) : ctx.locale === 'vi' ? 'không rõ lỗi' : 'unknown fault';
      return sendPage(reply, MessagePage({ ctx, title: ctx.t('badRequestTitle'), body: ctx.t('formRefusedBody', { detail }), showRequestId: true }), 400);
    }
    const title = status === 500 ? ctx.t('errorTitle') : ctx.t('badRequestTitle');
    const body = status === 500 ? ctx.t('errorBody') : message;
    return sendPage(reply, MessagePage({ ctx, title, body, showRequestId: true }), status);
  });

  // A page POST without a body is an empty form to its schema (S7).
  emptyPageBodies(app);
  // NUL and broken Unicode refused before any module sees them (S7).
  registerInputGuard(app, async (req, reply) => {
    if (wantsJson(req)) return reply.code(400).send(apiError('BAD_REQUEST', FORBIDDEN_TEXT_MESSAGE));
    const ctx = pageContext(req, config.portal);
    return sendPage(reply, MessagePage({ ctx, title: ctx.t('badRequestTitle'), body: FORBIDDEN_TEXT_MESSAGE }), 400);
  });

  // "Quên mật khẩu" links and one-time sign-in codes go straight out through the portal's SMTP
  // server (and SMS gateway), not the queue — they are wanted now, and an hour later worth nothing.
  const resetMail = config.smtpUrl ? createChannels({ ...config, smsGatewayUrl: undefined, delivery: { ...config.delivery, workers: 1 } }).email : undefined;
  if (resetMail) app.addHook('onClose', async () => resetMail.close?.());
  const codeSms = createChannels({ ...config, smtpUrl: undefined }).sms;
  const sendMail = resetMail && (async (m: { to: string; subject: string; text: string; html: string }) => void (await resetMail.send({ id: `DVR${Date.now().toString(36)}`, ...m })));
  const sendSms =
    codeSms &&
    (async (m: { to: string; text: string }) => {
      const to = msisdn(m.to);
      if (to) await codeSms.send({ id: `DVC${Date.now().toString(36)}`, to, text: m.text });
    });
  // Identity on the root instance (not encapsulated): its hooks say who is acting on every route.
  const secureCookies = !!config.tls || config.publicUrl.startsWith('https:');
  // A registration that meets another account's email, phone or CCCD tells that account's owner (S1).
  const notifyAccount = async (trx: typeof db, accountId: string, notice: { title: string; body: string }) => void (await addNotice(trx, { accountId, ...notice }));
  await identityRoutes(app, { db, portal: config.portal, sessions: config.sessions, secureCookies, notifyAccount, sendMail, sendSms, signInSprayLimit: config.signInSprayLimit, citizenSignup: config.citizenSignup });
  if (config.oidc) await oidcRoutes(app, { db, config, secureCookies });
  await app.register(async (scope) =>
    passwordResetRoutes(scope, {
      db,
      portal: config.portal,
      publicUrl: config.publicUrl,
      sendMail,
    }),
  );
  await notificationRoutes(app, { db, portal: config.portal, config });
  // Every instance given its pool delivers queued notices (N2); DVCTT_WORKERS=0 turns this off.
  if (deps.pool && config.delivery.workers > 0) {
    const pool = deps.pool;
    let worker: DeliveryWorker | undefined;
    app.addHook('onReady', async () => {
      // A3, P3: pushes to the national portal go through the same queue, on their own channel.
      const channels = config.exchange && { ...createChannels(config), 'lien-thong': exchangeChannel(config.exchange) };
      worker = await startDeliveryWorker({ config, db, pool, logger: deps.logger || undefined, ...(channels && { channels }) });
    });
    app.addHook('onClose', async () => worker?.stop());
  }

  // Routes after the handlers: a plugin keeps the error handler in force when it was registered.
  // A3, P3: back office only — the citizen front end answers with the way to the national portal.
  if (!config.citizenPortal) citizenPortalOff(app, { db, portal: config.portal });
  await app.register(async (scope) => webRoutes(scope, { db, portal: config.portal, sitemapSections: catalogSitemap, publicUrl: config.publicUrl, home: (locale) => homeData(db, locale), pages }));
  await app.register(async (scope) =>
    maintenanceRoutes(scope, {
      db,
      portal: config.portal,
      isAdministrator: (req) => (req.actor ? can(req.actor, 'staff.manage', { agencyCode: req.actor.agencyCode }) : undefined),
      // The applications' calendar of public holidays: the notice's one working day ahead (S6).
      isWorkingDay: (day) => isWorkingDay(day, calendarSource(db).current(new Date(`${day}T12:00:00+07:00`))),
      audit: (req, action, details) => audit(db, { actor: req.actor, action, ip: req.ip, details }),
    }),
  );
  // Which e-form a service takes: its own, or the default one (F1); the service page and record say so.
  const eformOf = async (code: string) => {
    const form = await forms.formOf(code);
    return form && { origin: form.origin, version: versionOf(form.def) };
  };
  await app.register(async (scope) => catalogRoutes(scope, { db, portal: config.portal, publicUrl: config.publicUrl, files, eformOf, pages, blankForm: async (code, ...rest) => blankFormFromDefinition(await forms.forService(code), ...rest), serviceSections: async (s, req, ctx) => withWhereSection(db, req, ctx, s, !!(await forms.forService(s.code)), await serviceSections(db, s)) }));
  // Art. 15.3: the national databases through the data integration platform, when configured.
  const sources = chooseSource(config.datasource, app.log);
  await app.register(async (scope) => applicationRoutes(scope, { db, portal: config.portal, publicUrl: config.publicUrl, files, forms, reusable: withNationalSources(db, sources, app.log, reusableLookup(db)) }));
  await app.register(async (scope) => paymentRoutes(scope, { db, portal: config.portal, publicUrl: config.publicUrl, payment: config.payment, paygov: config.paygov, transfer: config.transfer }));
  await app.register(async (scope) => resultRoutes(scope, { db, portal: config.portal, publicUrl: config.publicUrl, files, signingKeyDir: config.signingKeyDir }));
  await app.register(async (scope) => exportRoutes(scope, { db }));
  // Bundled services across agencies: the definitions are read at start; a bad one stops it with its reason.
  await app.register(async (scope) => bundleRoutes(scope, { db, portal: config.portal, files, forms, reusable: withNationalSources(db, sources, app.log, reusableLookup(db)), bundles: loadBundles() }));
  await app.register(async (scope) => exchangeRoutes(scope, { settings: config.exchange, files, forwarded: forwardedPartStatus, submit: { db, calendar: () => calendarSource(db).current(), workingHours: (agency) => calendarSource(db).hoursOf(agency), reusable: reusableLookup(db), forms } }));
  await app.register(async (scope) => dataSourceRoutes(scope, { db, portal: config.portal }));
  await app.register(async (scope) => vaultRoutes(scope, { db, portal: config.portal, files, moreUsage: async (ownerId) => SourceUsesSection({ uses: await sourceUsesOf(db, ownerId) }) }));
  await app.register(async (scope) => formsRoutes(scope, { db, portal: config.portal, forms, where: whereHook(db), ...(config.datasource && { national: populationPrefill(db, sources) }) }));
  await app.register(async (scope) => designerRoutes(scope, { db, portal: config.portal, forms }));
  await app.register(async (scope) => catalogAdministration(scope, { db, portal: config.portal }));
  await app.register(async (scope) => printRoutes(scope, { db, portal: config.portal, forms, application: (code) => getApplication(db, code) }));
  await app.register(async (scope) => feedbackRoutes(scope, { db, portal: config.portal, publicUrl: config.publicUrl, overduePetitions: (agencies) => overduePetitions(db, agencies), deadlineCounts: (units) => deadlineCounts(db, units) }));
  await app.register(async (scope) => petitionRoutes(scope, { db, portal: config.portal }));

  return app;
}
