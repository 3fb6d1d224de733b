// /quan-tri/quy-trinh (A3, A5): the workflow of each implementation in the administrator's tree,
// and the heads and leaders of its units. Every change is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, agencyNames, GATES, guards } from '../../identity/index.ts';
import { loadPageContext, sendPage } from '../../web/routes.ts';
import { MessagePage } from '../../web/views/message.tsx';
import { explain, type Problem } from '../../web/problem.ts';
import { ID, LINE, pageBody, texts } from '../../web/page-body.ts';
import type { ApplicationRouteDeps } from '../route-deps.ts';
import { workflowFromInput } from './model.ts';
import { officersOf } from './records.ts';
import { dutiesIn, implementationsIn, saveWorkflow, setDuty, unitOfficerNamed } from './admin-store.ts';
import { WORKFLOW_PROBLEMS, type WorkflowProblem } from './problems.ts';
import { WorkflowAdminPage, WorkflowConfigPage } from './views/admin.tsx';

const NOTICES: Record<string, string> = { 'da-luu': 'Đã lưu quy trình.', 'da-them': 'Đã chỉ định vai trò.', 'da-bo': 'Đã bỏ vai trò.' };
const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

export async function workflowAdminRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): Promise<void> {
  const { db } = deps;
  const admin = guards(deps).page(GATES.admin);

  const overview = async (req: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; values?: Record<string, string>; notice?: string; status?: number } = {}) => {
    const actor = actorOf(req);
    const tree = [...actor.agencies];
    const [items, duties, units] = await Promise.all([implementationsIn(db, tree), dutiesIn(db, tree), agencyNames(db, tree)]);
    return sendPage(reply, WorkflowAdminPage({ ctx: await loadPageContext(req, deps), items, duties, units: units.sort((a, b) => a.name.localeCompare(b.name, 'vi')), ...extra }), extra.status ?? 200);
  };

  app.get<{ Querystring: { xong?: string } }>('/quan-tri/quy-trinh', { preHandler: admin }, (req, reply) => overview(req, reply, { notice: NOTICES[String(req.query.xong ?? '')] }));

  const duty = (add: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const actor = actorOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { unit: str(body.unit, 40), username: str(body.username), duty: str(body.duty, 10) };
    const refuse = async (problem: Problem<WorkflowProblem>, field: string) => {
      const p = explain(WORKFLOW_PROBLEMS, problem, (await loadPageContext(req, deps)).locale);
      return overview(req, reply, { errors: { [field]: p.message }, values, status: p.status });
    };
    if (!actor.agencies.has(values.unit)) return refuse({ code: 'CONFIG_INVALID' }, 'unit');
    if (values.duty !== 'head' && values.duty !== 'leader') return refuse({ code: 'DUTY_INVALID' }, 'duty');
    const officer = await unitOfficerNamed(db, values.username, values.unit);
    if (!officer) return refuse({ code: 'ACCOUNT_NOT_IN_UNIT' }, 'username');
    await setDuty(db, { accountId: officer.id, unit: values.unit, duty: values.duty, add }, actor, req.ip);
    return reply.redirect(`/quan-tri/quy-trinh?xong=${add ? 'da-them' : 'da-bo'}`, 303);
  };
  const dutyBody = { schema: { body: pageBody({ unit: ID, username: ID, duty: ID }) } };
  app.post('/quan-tri/quy-trinh/nhiem-vu', { preHandler: admin, ...dutyBody }, duty(true));
  app.post('/quan-tri/quy-trinh/nhiem-vu/xoa', { preHandler: admin, ...dutyBody }, duty(false));

  type ConfigRequest = FastifyRequest<{ Params: { service: string; agency: string } }>;
  const implementation = async (req: ConfigRequest) => {
    const actor = actorOf(req);
    const agency = req.params.agency.slice(0, 40);
    if (!actor.agencies.has(agency)) return undefined;
    return (await implementationsIn(db, [agency])).find((i) => i.service === req.params.service.slice(0, 20));
  };
  const missing = async (req: FastifyRequest, reply: FastifyReply) =>
    sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Không tìm thấy thủ tục', body: 'Cơ quan này không thực hiện thủ tục đó, hoặc không thuộc phạm vi quản trị của bạn.' }), 404);

  app.get<{ Params: { service: string; agency: string } }>('/quan-tri/quy-trinh/:service/:agency', { preHandler: admin }, async (req, reply) => {
    const item = await implementation(req);
    if (!item) return missing(req, reply);
    return sendPage(reply, WorkflowConfigPage({ ctx: await loadPageContext(req, deps), item, officers: await officersOf(db, item.agency) }));
  });

  app.post<{ Params: { service: string; agency: string } }>(
    '/quan-tri/quy-trinh/:service/:agency',
    { preHandler: admin, schema: { body: pageBody({ assignment: ID, approval: ID, assignees: texts(100), processingDays: LINE }) } },
    async (req, reply) => {
      const item = await implementation(req);
      if (!item) return missing(req, reply);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = { assignment: str(body.assignment), approval: str(body.approval), assignees: Array.isArray(body.assignees) ? body.assignees.map((x) => str(x)) : [], processingDays: str(body.processingDays, 10) };
      const officers = await officersOf(db, item.agency);
      const checked = workflowFromInput(values, new Set(officers.map((o) => o.id)));
      if (!checked.ok) {
        const ctx = await loadPageContext(req, deps);
        const p = explain(WORKFLOW_PROBLEMS, checked.problem, ctx.locale);
        return sendPage(reply, WorkflowConfigPage({ ctx, item, officers, errors: { [p.field ?? 'assignment']: p.message }, values }), p.status);
      }
      await saveWorkflow(db, item.service, item.agency, checked.value, actorOf(req), req.ip);
      return reply.redirect('/quan-tri/quy-trinh?xong=da-luu', 303);
    },
  );
}
