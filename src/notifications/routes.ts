// Notices on the portal (the notices page, the unread count, the API), the person's channel
// choices, and for staff: the delivery queue, templates, webhooks; the SMS operator's reports.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { DB } from '../db/index.ts';
import { actorOf, can, GATES, guards, type Actor } from '../identity/index.ts';
import { apiError } from '../web/api-error.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { timeVi } from '../web/format.ts';
import { loadPageContext, sendPage, type WebDeps } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import { pageContext } from '../web/page-context.ts';
import { explain, type Problem } from '../web/problem.ts';
import { NOTIFICATION_PROBLEMS, type NotificationProblem } from './problems.ts';
import { ID, LINE, PARAGRAPH, pageBody, text, texts } from '../web/page-body.ts';
import { isPrivateHost } from './address.ts';
import { DELIVERY_REPORT_PATH } from './channels/index.ts';
import { gsmLength, isEvent, messageId, render, smsText, templateProblems, type EventName, type Locale, type TemplateChannel } from './model.ts';
import {
  addWebhook,
  customTemplates,
  deliveryAgency,
  markRead,
  noticesOf,
  preferencesOf,
  queueCounts,
  queueOf,
  recordSmsReport,
  resetTemplate,
  retryDelivery,
  savePreferences,
  saveTemplate,
  setWebhookActive,
  templateFor,
  unreadCount,
  webhooks,
} from './store.ts';
import { NoticesPage } from './views/notices.tsx';
import { PreferencesPage } from './views/preferences.tsx';
import { QueuePage } from './views/queue.tsx';
import { TemplateEditPage, TemplatesPage, type TemplatePreview } from './views/templates.tsx';
import { WebhooksPage } from './views/webhooks.tsx';

export type NotificationDeps = WebDeps & { db: DB; config?: Pick<Config, 'publicUrl' | 'delivery'> };

const str = (body: unknown, key: string, max = 200): string => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
};
const list = (body: unknown, key: string): string[] => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
};

/** Sample values for a template's preview. */
function sampleVars(event: EventName, publicUrl: string, locale: Locale): Record<string, string> {
  if (event === 'password-reset') return { ho_ten: 'Nguyễn Văn An', duong_dan: `${publicUrl}/dat-lai-mat-khau/vi-du`, het_han: timeVi(new Date(Date.now() + 3600_000)) };
  return {
    ho_ten: 'Nguyễn Văn An',
    ma_ho_so: '000.00.12.H34-260115-0001',
    thu_tuc: locale === 'en' ? 'Pharmacy practice certificate' : 'Cấp Chứng chỉ hành nghề dược',
    co_quan: 'Sở Y tế tỉnh Khánh Hòa',
    trang_thai: 'Được tiếp nhận',
    thoi_gian: timeVi(new Date()),
    han_xu_ly: '30/01/2026',
    ghi_chu: 'Bản sao văn bằng có chứng thực',
    duong_dan: `${publicUrl}/ho-so/000.00.12.H34-260115-0001`,
    tieu_de: 'Hồ sơ 000.00.12.H34-260115-0001: Được tiếp nhận',
    noi_dung: 'Sở Y tế tỉnh Khánh Hòa ghi nhận hồ sơ chuyển sang "Được tiếp nhận".',
  };
}

/** Registered on the root instance (after identity), so the header of every page knows the count. */
export async function notificationRoutes(app: FastifyInstance, deps: NotificationDeps): Promise<void> {
  const { db } = deps;
  const publicUrl = deps.config?.publicUrl ?? 'http://localhost:3000';

  app.addHook('preHandler', async (req) => {
    if (req.viewer && req.actor && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
      req.viewer.unreadNotices = await unreadCount(db, req.actor.id);
    }
  });

  const gate = guards(deps);
  const only = { signedIn: gate.page(GATES.signedIn), staff: gate.page(GATES.staff), admin: gate.page(GATES.admin) };
  const isAdmin = (actor: Actor) => can(actor, 'staff.manage', { agencyCode: actor.agencyCode });

  app.get('/thong-bao', { preHandler: only.signedIn }, async (req, reply) => {
    // Showing the page changes nothing (S6): notices are marked read by the form below.
    const notices = await noticesOf(db, actorOf(req).id);
    return sendPage(reply, NoticesPage({ ctx: await loadPageContext(req, deps), notices }));
  });

  // Marks the notices named in the form read: one, or every unread one the page showed.
  app.post('/thong-bao/da-doc', { preHandler: only.signedIn, schema: { body: pageBody({ id: texts(40, 1000) }) } }, async (req, reply) => {
    const ids = list(req.body, 'id').filter((id) => /^[1-9]\d{0,17}$/.test(id)).slice(0, 200);
    if (ids.length === 0) {
      const ctx = await loadPageContext(req, deps);
      const none = explain(NOTIFICATION_PROBLEMS, { code: 'NONE_SELECTED' }, ctx.locale);
      return sendPage(reply, MessagePage({ ctx, title: 'Chưa chọn thông báo', body: none.message }), none.status);
    }
    await markRead(db, actorOf(req).id, ids);
    return reply.redirect('/thong-bao', 303);
  });

  app.get('/api/v1/me/notifications', { schema: { tags: ['thông báo'], summary: 'Thông báo của tài khoản đang đăng nhập, mới nhất trước' }, preHandler: gate.api(GATES.signedIn) }, async (req) => {
    const { id } = actorOf(req);
    return { items: await noticesOf(db, id), unread: await unreadCount(db, id) };
  });

  // ── The person's channels ───────────────────────────────────────────────────────────────────
  app.get<{ Querystring: { 'da-luu'?: string } }>('/tai-khoan/thong-bao', { preHandler: only.signedIn }, async (req, reply) => {
    return sendPage(reply, PreferencesPage({ ctx: await loadPageContext(req, deps), prefs: await preferencesOf(db, actorOf(req).id), saved: req.query['da-luu'] === '1' }));
  });

  app.post('/tai-khoan/thong-bao', { preHandler: only.signedIn, schema: { body: pageBody({ email: ID, sms: ID, locale: ID }) } }, async (req, reply) => {
    const locale = str(req.body, 'locale') === 'en' ? 'en' : 'vi';
    await savePreferences(db, actorOf(req).id, { email: str(req.body, 'email') === 'true', sms: str(req.body, 'sms') === 'true', locale });
    return reply.redirect('/tai-khoan/thong-bao?da-luu=1', 303);
  });

  // ── The queue (officers: their agencies' applications; administrators: everything) ──────────

  const renderQueue = async (req: FastifyRequest, reply: FastifyReply, actor: Actor, view: 'queued' | 'failed', notice?: string, status = 200) => {
    const scope = isAdmin(actor) ? null : [...actor.agencies];
    const [rows, queued, failed] = await Promise.all([queueOf(db, view, scope), scope ? queueOf(db, 'queued', scope, 1000) : null, scope ? queueOf(db, 'failed', scope, 1000) : null]);
    const all = scope ? null : await queueCounts(db);
    const counts = { queued: all?.queued ?? queued!.length, failed: all?.failed ?? failed!.length };
    return sendPage(reply, QueuePage({ ctx: await loadPageContext(req, deps), view, rows, counts, notice, isAdmin: isAdmin(actor) }), status);
  };

  app.get<{ Querystring: { 'trang-thai'?: string; 'gui-lai'?: string } }>('/quan-tri/hang-doi', { preHandler: only.staff }, async (req, reply) => {
    const actor = actorOf(req);
    const id = /^\d+$/.test(req.query['gui-lai'] ?? '') ? req.query['gui-lai'] : undefined;
    return renderQueue(req, reply, actor, req.query['trang-thai'] === 'loi' ? 'failed' : 'queued', id ? `Đã đưa DV${id} trở lại hàng đợi.` : undefined);
  });

  app.post('/quan-tri/hang-doi/gui-lai', { preHandler: only.staff, schema: { body: pageBody({ id: ID }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const id = str(req.body, 'id', 20);
    const found = /^\d+$/.test(id) ? await deliveryAgency(db, id) : undefined;
    const allowed = found && (isAdmin(actor) || (found.agencyCode !== null && can(actor, 'application.read', { agencyCode: found.agencyCode })));
    const refusal = !allowed ? ({ code: 'DELIVERY_OUT_OF_SCOPE' } as const) : !(await retryDelivery(db, id, actor.fullName)) ? ({ code: 'DELIVERY_NOT_FAILED', params: { id } } as const) : undefined;
    if (refusal) {
      const e = explain(NOTIFICATION_PROBLEMS, refusal, pageContext(req, deps.portal).locale);
      return renderQueue(req, reply, actor, 'failed', e.message, e.status);
    }
    return reply.redirect(`/quan-tri/hang-doi?trang-thai=loi&gui-lai=${id}`, 303);
  });

  // ── Templates (administrators) ──────────────────────────────────────────────────────────────

  app.get('/quan-tri/mau-thong-bao', { preHandler: only.admin }, async (req, reply) => {
    return sendPage(reply, TemplatesPage({ ctx: await loadPageContext(req, deps), custom: await customTemplates(db) }));
  });

  type TemplateQuery = { Querystring: { 'su-kien'?: string; kenh?: string; 'ngon-ngu'?: string; 'da-luu'?: string } };
  const templateKey = (q: TemplateQuery['Querystring']) => {
    const event = q['su-kien'] ?? '';
    const channel = q.kenh ?? '';
    const locale = q['ngon-ngu'] ?? 'vi';
    if (!isEvent(event) || (channel !== 'email' && channel !== 'sms') || (locale !== 'vi' && locale !== 'en')) return undefined;
    return { event, channel: channel as TemplateChannel, locale: locale as Locale };
  };
  const preview = (key: { event: EventName; channel: TemplateChannel; locale: Locale }, subject: string, body: string): TemplatePreview => {
    const vars = sampleVars(key.event, publicUrl, key.locale);
    const text = render(body, vars);
    if (key.channel === 'sms') {
      const sms = smsText(text, messageId(123));
      return { subject: null, text, sms: { text: sms, length: [...sms].length, unicode: gsmLength(sms) === undefined } };
    }
    return { subject: render(subject, vars), text };
  };

  app.get<TemplateQuery>('/quan-tri/mau-thong-bao/sua', { preHandler: only.admin }, async (req, reply) => {
    const key = templateKey(req.query);
    if (!key) return reply.callNotFound();
    const t = await templateFor(db, key.event, key.channel, key.locale);
    const values = { subject: t.subject ?? '', body: t.body };
    return sendPage(reply, TemplateEditPage({ ctx: await loadPageContext(req, deps), ...key, values, custom: t.custom, preview: preview(key, values.subject, values.body), notice: req.query['da-luu'] ? 'Đã lưu mẫu.' : undefined }));
  });

  app.post<TemplateQuery>('/quan-tri/mau-thong-bao/sua', { preHandler: only.admin, schema: { body: pageBody({ 'hanh-dong': ID, subject: LINE, body: PARAGRAPH }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const key = templateKey(req.query);
    if (!key) return reply.callNotFound();
    const action = str(req.body, 'hanh-dong', 20);
    const back = `/quan-tri/mau-thong-bao/sua?su-kien=${key.event}&kenh=${key.channel}&ngon-ngu=${key.locale}`;
    if (action === 'mac-dinh') {
      await resetTemplate(db, key.event, key.channel, key.locale);
      return reply.redirect(`${back}&da-luu=1`, 303);
    }
    const values = { subject: key.channel === 'email' ? str(req.body, 'subject', 300).trim() : '', body: str(req.body, 'body', 5000).replace(/\r\n/g, '\n').trim() };
    const ctx = await loadPageContext(req, deps);
    const say = (problems: Problem<NotificationProblem>[]) => problems.map((p) => explain(NOTIFICATION_PROBLEMS, p, ctx.locale).message).join(' ');
    const errors: FieldErrors = {};
    if (key.channel === 'email') {
      const subject = say(values.subject ? templateProblems(key.event, values.subject) : [{ code: 'TEMPLATE_SUBJECT_MISSING' }]);
      if (subject) errors.subject = subject;
    }
    const body = say(values.body ? templateProblems(key.event, values.body) : [{ code: 'TEMPLATE_BODY_MISSING' }]);
    if (body) errors.body = body;
    const custom = (await templateFor(db, key.event, key.channel, key.locale)).custom;
    if (Object.keys(errors).length) return sendPage(reply, TemplateEditPage({ ctx, ...key, values, errors, custom }), 400);
    if (action !== 'luu') return sendPage(reply, TemplateEditPage({ ctx, ...key, values, custom, preview: preview(key, values.subject, values.body) }));
    await saveTemplate(db, key.event, key.channel, key.locale, { subject: key.channel === 'email' ? values.subject : null, body: values.body }, actor.id);
    return reply.redirect(`${back}&da-luu=1`, 303);
  });

  // ── Webhook subscriptions (administrators) ──────────────────────────────────────────────────
  app.get('/quan-tri/webhook', { preHandler: only.admin }, async (req, reply) => {
    return sendPage(reply, WebhooksPage({ ctx: await loadPageContext(req, deps), hooks: await webhooks(db) }));
  });

  app.post('/quan-tri/webhook', { preHandler: only.admin, schema: { body: pageBody({ name: LINE, url: text(2000), events: texts(100) }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const values = { name: str(req.body, 'name', 100).trim(), url: str(req.body, 'url', 500).trim(), events: list(req.body, 'events') };
    const problems: Record<string, Problem<NotificationProblem> | undefined> = {};
    if (!values.name) problems.name = { code: 'WEBHOOK_NAME_MISSING' };
    const url = URL.canParse(values.url) ? new URL(values.url) : undefined;
    if (!url) problems.url = { code: 'WEBHOOK_URL_INVALID' };
    else if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.url = { code: 'WEBHOOK_URL_SCHEME' };
    else if (!deps.config?.delivery.webhookAllowPrivate && isPrivateHost(url.hostname)) problems.url = { code: 'WEBHOOK_URL_PRIVATE' };
    const unknown = values.events.filter((e) => !isEvent(e));
    if (unknown.length) problems.events = { code: 'WEBHOOK_EVENT_UNKNOWN', params: { events: unknown.join(', ') } };
    const ctx = await loadPageContext(req, deps);
    const errors: FieldErrors = Object.fromEntries(Object.entries(problems).flatMap(([f, p]) => (p ? [[f, explain(NOTIFICATION_PROBLEMS, p, ctx.locale).message]] : [])));
    if (Object.keys(errors).length) return sendPage(reply, WebhooksPage({ ctx, hooks: await webhooks(db), values, errors }), 400);
    const secret = randomBytes(24).toString('base64url');
    const id = await addWebhook(db, { name: values.name, url: values.url, secret, events: values.events }, actor.id);
    return sendPage(reply, WebhooksPage({ ctx, hooks: await webhooks(db), created: { id, secret } }));
  });

  app.post('/quan-tri/webhook/trang-thai', { preHandler: only.admin, schema: { body: pageBody({ id: ID, active: ID }) } }, async (req, reply) => {
    const id = Number(str(req.body, 'id', 10));
    if (!Number.isInteger(id) || !(await setWebhookActive(db, id, str(req.body, 'active') === 'true'))) return reply.callNotFound();
    return reply.redirect('/quan-tri/webhook', 303);
  });

  // ── The SMS operator's delivery reports ─────────────────────────────────────────────────────
  app.post(DELIVERY_REPORT_PATH, { schema: { tags: ['thông báo'], summary: 'Báo cáo chuyển phát SMS của nhà mạng (khóa API trong X-Api-Key)' } }, async (req, reply) => {
    const key = deps.config?.delivery.smsApiKey;
    const given = Buffer.from(String(req.headers['x-api-key'] ?? ''));
    if (!key || given.length !== Buffer.byteLength(key) || !timingSafeEqual(given, Buffer.from(key))) {
      return reply.code(401).send(apiError('UNAUTHENTICATED', explain(NOTIFICATION_PROBLEMS, { code: 'REPORT_KEY_WRONG' }).message));
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const providerId = typeof body.message_id === 'string' ? body.message_id.slice(0, 200) : '';
    const status = String(body.status ?? '');
    if (!providerId || !['delivered', 'failed', 'expired', 'rejected'].includes(status)) {
      return reply.code(400).send(apiError('BAD_REQUEST', explain(NOTIFICATION_PROBLEMS, { code: 'REPORT_FIELDS' }).message));
    }
    const detail = `Nhà mạng báo ${status}${body.error ? ` (${String(body.error).slice(0, 200)})` : ''}${typeof body.done_at === 'string' ? ` lúc ${body.done_at.slice(0, 40)}` : ''}`;
    const reference = typeof body.reference === 'string' ? body.reference : undefined;
    if (!(await recordSmsReport(db, { providerId, reference }, status === 'delivered', detail))) {
      // Not known (yet): the operator tries again later.
      return reply.code(404).send(apiError('NOT_FOUND', explain(NOTIFICATION_PROBLEMS, { code: 'REPORT_UNKNOWN', params: { id: providerId } }).message));
    }
    return { ok: true };
  });
}

