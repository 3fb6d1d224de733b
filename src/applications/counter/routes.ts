// Counter intake (tiếp nhận trực tiếp): an officer records a paper dossier brought to the one-stop
// counter or sent by post, digitising each paper (A1, A3, V3).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { servicesOfAgencies } from '../../catalog/index.ts';
import { answersFromFormBody } from '../../forms/index.ts';
import { actorOf, agencyNames, csrfTokenMatches, GATES, guards, type Actor } from '../../identity/index.ts';
import { loadPageContext, sendPage } from '../../web/routes.ts';
import { MessagePage } from '../../web/views/message.tsx';
import type { ApplicationRouteDeps } from '../route-deps.ts';
import { explainForPage } from '../problems.ts';
import { first, readMultipart } from '../upload.ts';
import { checkCounterInput, counterSubmitDeps, explainCounter } from './api.ts';
import { counterIntake, intakeChoice, type IntakeChoiceChecked } from './store.ts';
import { IntakeDossierPage, IntakeStartPage, type IntakeChoice } from './views/intake.tsx';

type ChoiceQuery = { cccd?: string; service?: string; agency?: string; channel?: string };

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

export async function counterRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): Promise<void> {
  const { db } = deps;
  const officer = guards(deps).page(GATES.officer);
  const submitDeps = counterSubmitDeps(deps);

  const startPage = async (req: FastifyRequest, reply: FastifyReply, actor: Actor, values: Partial<IntakeChoice>, errors: Record<string, string> = {}) => {
    const [services, agencies] = await Promise.all([servicesOfAgencies(db, actor.agencies), agencyNames(db, actor.agencies)]);
    return sendPage(reply, IntakeStartPage({ ctx: await loadPageContext(req, deps), services, agencies, values, errors }), Object.keys(errors).length ? 400 : 200);
  };
  const dossierPage = async (req: FastifyRequest, reply: FastifyReply, choice: IntakeChoice, c: IntakeChoiceChecked, extra: { raw?: Record<string, unknown>; values?: Record<string, string>; errors?: Record<string, string> } = {}, status = 200) =>
    sendPage(
      reply,
      IntakeDossierPage({ ctx: await loadPageContext(req, deps), choice: { ...choice, channel: c.channel }, serviceName: c.service.name, agencyName: c.agency.name, def: c.def, components: c.service.components, found: c.found, ...extra }),
      status,
    );

  app.get<{ Querystring: ChoiceQuery }>('/can-bo/tiep-nhan', { preHandler: officer }, async (req, reply) => {
    const actor = actorOf(req);
    const q = req.query;
    const choice: IntakeChoice = { cccd: str(q.cccd, 20), service: str(q.service, 20), agency: str(q.agency, 40) || actor.agencyCode!, channel: str(q.channel, 20) || 'truc-tiep' };
    if (q.cccd === undefined && q.service === undefined) return startPage(req, reply, actor, choice);
    const checked = await intakeChoice(submitDeps, actor, choice);
    if (!checked.ok) return startPage(req, reply, actor, choice, checked.errors);
    return dossierPage(req, reply, choice, checked.value);
  });

  app.post('/can-bo/tiep-nhan', { preHandler: officer, config: { csrfInStream: true } }, async (req, reply) => {
    const actor = actorOf(req);
    const refused = async (title: string, body: string, status: number) => sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title, body, back: { href: '/can-bo/tiep-nhan', label: 'Tiếp nhận lại từ đầu' } }), status);
    if (!req.isMultipart()) return refused('Không tiếp nhận được hồ sơ', 'Biểu mẫu gửi lên không đúng; hãy mở lại trang tiếp nhận.', 400);
    const body = await readMultipart(req, deps.files, { csrf: (sent) => csrfTokenMatches(req, sent) });
    if (!body.ok) {
      const p = explainForPage(req, deps.portal, body.problem);
      return refused(body.problem.code === 'CSRF' ? 'Biểu mẫu đã hết hạn' : 'Không tiếp nhận được hồ sơ', p.message, p.status);
    }
    const f = (name: string) => first(body.fields, name).trim();
    const choice: IntakeChoice = { cccd: f('applicant.idNumber'), service: f('service'), agency: f('agency'), channel: f('channel') };
    const checked = await intakeChoice(submitDeps, actor, choice);
    if (!checked.ok) return startPage(req, reply, actor, choice, checked.errors);
    const c = checked.value;
    const values = Object.fromEntries(Object.entries(body.fields).map(([k, v]) => [k, v[0] ?? '']));
    const raw = answersFromFormBody(c.def, Object.fromEntries(Object.entries(body.fields).map(([k, v]) => [k, v.length > 1 ? v : v[0]])));
    const input = checkCounterInput({
      channel: choice.channel,
      applicant: { idNumber: choice.cccd, fullName: f('applicant.fullName'), dateOfBirth: f('applicant.dateOfBirth'), phone: f('applicant.phone'), email: f('applicant.email'), address: f('applicant.address') },
      papers: c.service.components.map((x) => ({ component: x.id, form: f(`paper.${x.id}.form`) || 'ban-sao', copies: f(`paper.${x.id}.copies`) || '1', matchesOriginal: f(`paper.${x.id}.matches`) === 'true' })),
    });
    if (!input.ok) return dossierPage(req, reply, choice, c, { raw, values, errors: input.fields }, explainCounter(input.problem).status);
    const result = await counterIntake(submitDeps, actor, { serviceCode: c.service.code, answers: raw, agency: c.agency.code, channel: input.channel, applicant: input.applicant, papers: input.papers, uploads: body.uploads });
    if (result.ok) return reply.redirect(`/can-bo/ho-so/${result.submitted.code}?tiep-nhan=1`, 303);
    const p = explainCounter(result.problem);
    const fields = 'fields' in result && result.fields ? result.fields : undefined;
    // Files are never kept from a refused intake: the summary says so beside each field's error.
    const errors = { ...(fields ?? { [p.field?.startsWith('applicant.') ? p.field : 'form']: p.message }), ...(body.uploads.length && { form: `${fields ? `${p.message} ` : ''}Không có gì được lưu; hãy chọn lại các tệp bản quét.` }) };
    return dossierPage(req, reply, choice, c, { raw, values, errors }, p.status);
  });
}
