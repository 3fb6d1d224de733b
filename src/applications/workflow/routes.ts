// The workflow's pages and API: assignment, transfer and return, approval (A3). The rules are in
// model.ts, the writes in store.ts; a refused form re-renders the officer's page with the reason.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formOfApplication } from '../../forms/index.ts';
import { actorOf, GATES, guards, type Actor } from '../../identity/index.ts';
import { loadPageContext, sendPage } from '../../web/routes.ts';
import { MessagePage } from '../../web/views/message.tsx';
import { explain, type Problem } from '../../web/problem.ts';
import { ID, LINE, PARAGRAPH, pageBody } from '../../web/page-body.ts';
import { nextStatuses, STATUS_NAMES } from '../model.ts';
import { getApplication, type ApplicationRecord } from '../store.ts';
import { officerExtras } from '../file-routes.ts';
import { OfficerApplicationPage } from '../views/officer-application.tsx';
import type { ApplicationRouteDeps } from '../route-deps.ts';
import { mayProcess, mayRead, transferDays } from './model.ts';
import { assign, decide, requestApproval, returnBack, transfer, type WorkflowResult } from './store.ts';
import { sendWorkflowProblem, WORKFLOW_PROBLEMS, type WorkflowProblem } from './problems.ts';
import { workflowAdminRoutes } from './admin-routes.ts';

/** The notice on the officer's page after a workflow action (query `luan-chuyen`). */
export const WORKFLOW_NOTICES: Record<string, string> = {
  'phan-cong': 'Đã phân công xử lý hồ sơ.',
  chuyen: 'Đã chuyển hồ sơ sang đơn vị khác.',
  'tra-ve': 'Đã trả hồ sơ về đơn vị chuyển.',
  'trinh-duyet': 'Đã trình lãnh đạo duyệt.',
  duyet: 'Đã gửi ý kiến của lãnh đạo.',
};

const text = (v: unknown, max = 2000) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

type PageAction = (a: ApplicationRecord, actor: Actor, body: Record<string, string>) => Promise<WorkflowResult>;

export async function workflowRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): Promise<void> {
  const { db } = deps;
  const gate = guards(deps);
  const staff = gate.page(GATES.staff);
  const api = gate.api(GATES.staff);

  const notFound = async (req: FastifyRequest, reply: FastifyReply, code: string) =>
    sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Không tìm thấy hồ sơ', body: `Không có hồ sơ mã "${code.slice(0, 60)}" trong phạm vi của bạn.` }), 404);

  /** The officer's page again, with the refused form's reason beside its field and what was typed. */
  const refused = async (req: FastifyRequest, reply: FastifyReply, code: string, problem: Problem<WorkflowProblem>, values: Record<string, string>, field: string) => {
    const actor = actorOf(req);
    const a = (await getApplication(db, code))!;
    const ctx = await loadPageContext(req, deps);
    const p = explain(WORKFLOW_PROBLEMS, problem, ctx.locale);
    const extras = await officerExtras(db, deps.forms, a, actor);
    const errors = { [p.field ?? field]: p.message };
    if (extras.workflow) extras.workflow = { ...extras.workflow, errors, values };
    const actions = mayProcess(actor, a) ? nextStatuses(a.status, 'officer') : [];
    return sendPage(reply, OfficerApplicationPage({ ctx, a, actions, form: await formOfApplication(deps.forms, a), errors, extras }), p.status);
  };

  const page = (path: string, fields: string[], field: string, run: PageAction) =>
    app.post<{ Params: { code: string } }>(
      `/can-bo/ho-so/:code/${path}`,
      { preHandler: staff, schema: { body: pageBody(Object.fromEntries([['seen', LINE], ...fields.map((f) => [f, f.endsWith('Note') || f.endsWith('Reason') ? PARAGRAPH : ID])])) } },
      async (req, reply) => {
        const actor = actorOf(req);
        const a = await getApplication(db, req.params.code.slice(0, 60));
        if (!a || !mayRead(actor, a)) return notFound(req, reply, req.params.code);
        const raw = (req.body ?? {}) as Record<string, unknown>;
        const body = Object.fromEntries(['seen', ...fields].map((f) => [f, text(raw[f])]));
        const result = await run(a, actor, body);
        if (result.ok && mayRead(actor, { agency: a.agency, unit: result.value.unit })) return reply.redirect(`/can-bo/ho-so/${a.code}?luan-chuyen=${path}`, 303);
        // Returned or sent to a unit this person does not belong to: it has left their queue.
        if (result.ok) return sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: WORKFLOW_NOTICES[path]!, body: `Hồ sơ ${a.code} không còn ở đơn vị của bạn.`, back: { href: '/can-bo/ho-so', label: 'Hồ sơ của cơ quan' } }));
        return refused(req, reply, a.code, result.problem, body, field);
      },
    );

  page('phan-cong', ['assignee', 'assignNote'], 'assignee', (a, actor, b) => assign(db, a.code, actor, { assignee: b.assignee || undefined, note: b.assignNote, seen: b.seen || '-' }));
  page('chuyen', ['unit', 'days', 'transferNote'], 'unit', async (a, actor, b) => {
    const days = transferDays(b.days);
    if (!days.ok) return days;
    return transfer(db, a.code, actor, { unit: b.unit!, days: days.days, note: b.transferNote, seen: b.seen || '-' });
  });
  page('tra-ve', ['returnNote'], 'returnNote', (a, actor, b) => returnBack(db, a.code, actor, { note: b.returnNote, seen: b.seen || '-' }));
  page('trinh-duyet', ['requestNote'], 'requestNote', (a, actor, b) => requestApproval(db, a.code, actor, { note: b.requestNote, seen: b.seen || '-' }));
  page('duyet', ['decision', 'decisionReason'], 'decision', async (a, actor, b) => {
    const r = await decide(db, a.code, actor, { decision: b.decision!, reason: b.decisionReason, seen: b.seen || '-' });
    return !r.ok && r.problem.code === 'REASON_REQUIRED' ? { ok: false, problem: { ...r.problem, field: 'decisionReason' } } : r;
  });

  // ── API ───────────────────────────────────────────────────────────────────────────────────────
  const answer = (code: string, result: WorkflowResult, reply: FastifyReply) =>
    result.ok ? { code, status: result.value.status, statusName: STATUS_NAMES[result.value.status as keyof typeof STATUS_NAMES], step: result.value.step, unit: result.value.unit, assigneeId: result.value.assigneeId } : sendWorkflowProblem(reply, result.problem);
  const found = async (req: FastifyRequest<{ Params: { code: string } }>) => {
    const a = await getApplication(db, req.params.code.slice(0, 60));
    return a && mayRead(actorOf(req), a) ? a : undefined;
  };
  const notFoundApi = (reply: FastifyReply, code: string) => sendWorkflowProblem(reply, { code: 'NOT_FOUND', params: { code: code.slice(0, 60) } });
  const STATE = 'Trả về { code, status, statusName, step, unit, assigneeId }. Hai người cùng thao tác: một người thành công, người kia nhận 409 và không có gì thay đổi.';

  app.post<{ Params: { code: string }; Body: { assignee?: string; unit?: string; note?: string; reassign?: boolean } }>(
    '/api/v1/applications/:code/assign',
    {
      preHandler: api,
      schema: {
        tags: ['hồ sơ'],
        summary: 'Phân công cán bộ xử lý hồ sơ (trưởng đơn vị, quản trị) hoặc tự nhận xử lý (cán bộ của đơn vị)',
        description: `assignee: tên đăng nhập của cán bộ thuộc đơn vị đang giữ hồ sơ; bỏ trống: người gọi tự nhận xử lý. unit: đơn vị người gọi cho là đang giữ hồ sơ (khác: 409 STALE). Hồ sơ đã có cán bộ khác xử lý: 409 ALREADY_ASSIGNED, trừ khi reassign: true (trưởng đơn vị). Hồ sơ đang ở trạng thái 2 chuyển sang 4 (bắt đầu xử lý). ${STATE}`,
        body: { type: 'object', properties: { assignee: { type: 'string', maxLength: 100 }, unit: { type: 'string', maxLength: 40 }, note: { type: 'string', maxLength: 2000 }, reassign: { type: 'boolean' } } },
      },
    },
    async (req, reply) => {
      const a = await found(req);
      if (!a) return notFoundApi(reply, req.params.code);
      const b = req.body ?? {};
      if (b.unit && b.unit !== a.unit) return sendWorkflowProblem(reply, { code: 'STALE' });
      return answer(a.code, await assign(db, a.code, actorOf(req), { assignee: b.assignee, note: b.note?.trim(), reassign: b.reassign }), reply);
    },
  );

  app.post<{ Params: { code: string }; Body: { unit?: string; days?: number; note?: string; back?: boolean } }>(
    '/api/v1/applications/:code/transfer',
    {
      preHandler: api,
      schema: {
        tags: ['hồ sơ'],
        summary: 'Chuyển hồ sơ sang đơn vị khác giải quyết thủ tục, hoặc trả về đơn vị đã chuyển (back: true)',
        description: `unit: mã cơ quan thực hiện thủ tục hoặc đơn vị thuộc cơ quan tiếp nhận (khác: 400 UNIT_NOT_HANDLING); days: số ngày làm việc cho đơn vị nhận (1–60; bỏ trống: thời gian còn lại của hồ sơ). Người chuyển: cán bộ được phân công hoặc trưởng đơn vị. back: true trả hồ sơ về đơn vị đã chuyển đến. ${STATE}`,
        body: { type: 'object', properties: { unit: { type: 'string', maxLength: 40 }, days: { type: 'integer' }, note: { type: 'string', maxLength: 2000 }, back: { type: 'boolean' } } },
      },
    },
    async (req, reply) => {
      const a = await found(req);
      if (!a) return notFoundApi(reply, req.params.code);
      const b = req.body ?? {};
      const actor = actorOf(req);
      if (b.back) return answer(a.code, await returnBack(db, a.code, actor, { note: b.note?.trim() }), reply);
      const days = transferDays(b.days);
      if (!days.ok) return sendWorkflowProblem(reply, days.problem);
      return answer(a.code, await transfer(db, a.code, actor, { unit: b.unit ?? '', days: days.days, note: b.note?.trim() }), reply);
    },
  );

  app.post<{ Params: { code: string }; Body: { decision?: string; reason?: string } }>(
    '/api/v1/applications/:code/approve',
    {
      preHandler: api,
      schema: {
        tags: ['hồ sơ'],
        summary: 'Trình duyệt (cán bộ xử lý: decision "request") hoặc lãnh đạo đơn vị duyệt ("approve") hay trả lại kèm lý do ("send-back")',
        description: `Chỉ lãnh đạo của đơn vị đang giữ hồ sơ được duyệt hoặc trả lại (403 NOT_LEADER); trả lại phải có lý do (400 REASON_REQUIRED). ${STATE}`,
        body: { type: 'object', required: ['decision'], properties: { decision: { type: 'string', enum: ['request', 'approve', 'send-back'] }, reason: { type: 'string', maxLength: 2000 } } },
      },
    },
    async (req, reply) => {
      const a = await found(req);
      if (!a) return notFoundApi(reply, req.params.code);
      const b = req.body ?? {};
      const actor = actorOf(req);
      if (b.decision === 'request') return answer(a.code, await requestApproval(db, a.code, actor, { note: b.reason?.trim() }), reply);
      return answer(a.code, await decide(db, a.code, actor, { decision: b.decision ?? '', reason: b.reason }), reply);
    },
  );

  await workflowAdminRoutes(app, deps);
}
