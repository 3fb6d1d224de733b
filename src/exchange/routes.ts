// The exchange's HTTP side (A3, P3): the endpoint the national portal forwards dossiers to, and,
// with DVCTT_CITIZEN_PORTAL=false, the citizen front end switched off (dvctt as back office only).
import type { FastifyInstance } from 'fastify';
import type { SubmitDeps } from '../applications/index.ts';
import type { PortalIdentity } from '../config.ts';
import type { ExchangeSettings } from '../config-exchange.ts';
import type { DB } from '../db/index.ts';
import type { ForwardedStatusKeeper } from '../forwarding.ts';
import type { FileStore } from '../storage/index.ts';
import { apiError } from '../web/api-error.ts';
import { explain, type Problem } from '../web/problem.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import { receiveDossier } from './inbound.ts';
import { EXCHANGE_PROBLEMS, type ExchangeProblem } from './problems.ts';
import { readForwardedStatus } from './outbound.ts';
import { FORWARDED_STATUS_PATH, INBOUND_PATH, NATIONAL_PORTAL_URL, verify } from './protocol.ts';

export interface ExchangeRouteDeps {
  settings: ExchangeSettings | undefined;
  submit: SubmitDeps;
  files: FileStore;
  /** Where a status reported for a forwarded bundle part is kept (the bundles' forwardedPartStatus). */
  forwarded: ForwardedStatusKeeper;
}

/** Inbound dossiers, as raw text so the signature is checked over the very bytes sent. */
export async function exchangeRoutes(app: FastifyInstance, deps: ExchangeRouteDeps): Promise<void> {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.post(INBOUND_PATH, { schema: { tags: ['liên thông'], summary: 'Nhận hồ sơ do Cổng Dịch vụ công quốc gia chuyển đến (ký HMAC-SHA256)', hide: false } }, async (req, reply) => {
    const settings = deps.settings;
    if (!settings) return reply.code(404).send(apiError('NOT_CONFIGURED', explain(EXCHANGE_PROBLEMS, { code: 'NOT_CONFIGURED' }).message));
    const result = await receiveDossier({ ...deps, secret: settings.secret, log: req.log }, req.headers, typeof req.body === 'string' ? req.body : '');
    if (result.ok) return reply.code(result.answer.daNhanTruoc ? 200 : 201).send(result.answer);
    const e = explain(EXCHANGE_PROBLEMS, result.problem);
    return reply.code(e.status).send(apiError(e.code, e.message));
  });
  app.post(FORWARDED_STATUS_PATH, { schema: { tags: ['liên thông'], summary: 'Nhận trạng thái của hồ sơ do hệ thống chuyển đi (phần của hồ sơ liên thông; ký HMAC-SHA256)', hide: false } }, async (req, reply) => {
    const refuse = (problem: Problem<ExchangeProblem>) => {
      req.log.warn({ exchange: 'forwarded-status', refused: problem.code, params: problem.params }, 'forwarded dossier status refused');
      const e = explain(EXCHANGE_PROBLEMS, problem);
      return reply.code(e.status).send(apiError(e.code, e.message));
    };
    if (!deps.settings) return refuse({ code: 'NOT_CONFIGURED' });
    const raw = typeof req.body === 'string' ? req.body : '';
    const verdict = verify(deps.settings.secret, req.headers, raw);
    if (verdict !== 'ok') return refuse({ code: verdict });
    let read: ReturnType<typeof readForwardedStatus>;
    try {
      read = readForwardedStatus(JSON.parse(raw));
    } catch {
      read = { ok: false, field: 'body' };
    }
    if (!read.ok) return refuse({ code: 'BAD_DOSSIER', field: read.field, params: { field: read.field } });
    const bundle = await deps.forwarded(deps.submit.db, read.dossierCode, read.status);
    if (!bundle) return refuse({ code: 'UNKNOWN_FORWARDED', params: { code: read.dossierCode } });
    req.log.info({ exchange: 'forwarded-status', dossier: read.dossierCode, status: read.status, bundle }, 'forwarded dossier status received');
    return reply.send({ maHoSoQuocGia: read.dossierCode, trangThai: read.status, daNhan: true });
  });
}

/** Paths of the citizen front end: the catalog and e-forms, sign-up, the citizen's own pages. */
export const CITIZEN_PATHS = /^\/(?:$|\?|dich-vu-cong(?:[/?]|$)|dang-ky(?:[/?]|$)|ho-so(?:[/?]|$)|kho-du-lieu(?:[/?]|$)|tra-cuu(?:[/?]|$)|huong-dan(?:[/?]|$)|hoi-dap(?:[/?]|$))/;

/** DVCTT_CITIZEN_PORTAL=false: those pages answer 404 with the way to the national portal; staff pages and the API stay. */
export function citizenPortalOff(app: FastifyInstance, deps: { db: DB; portal: PortalIdentity }): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') return;
    if (!CITIZEN_PATHS.test(req.url)) return;
    const ctx = await loadPageContext(req, deps);
    const en = ctx.locale === 'en';
    const title = en ? 'Citizens file on the National Public Service Portal' : 'Công dân nộp hồ sơ trên Cổng Dịch vụ công quốc gia';
    const body = en
      ? `${deps.portal.portalName} handles the dossiers forwarded by the National Public Service Portal; citizens and businesses file, follow their dossiers and pay there.`
      : `${deps.portal.portalName} giải quyết hồ sơ do Cổng Dịch vụ công quốc gia chuyển đến; người dân, doanh nghiệp nộp hồ sơ, theo dõi và thanh toán trên Cổng Dịch vụ công quốc gia.`;
    return sendPage(reply, MessagePage({ ctx, title, body, back: { href: NATIONAL_PORTAL_URL, label: en ? 'Go to the National Public Service Portal' : 'Đến Cổng Dịch vụ công quốc gia' } }), 404);
  });
}
