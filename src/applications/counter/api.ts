// POST /api/v1/applications by an officer: a dossier received at the counter ("truc-tiep") or by
// post ("buu-chinh"), with the applicant's identity and each paper's form and digitisation (A1, A3, V3).
import type { FastifyReply } from 'fastify';
import { checkCounterApplicant, IDENTITY_PROBLEMS, type Actor, type CounterApplicantInput, type IdentityProblem } from '../../identity/index.ts';
import type { StoredUpload } from '../upload.ts';
import type { ApplicationRouteDeps } from '../route-deps.ts';
import { APPLICATION_PROBLEMS, type ApplicationProblem } from '../problems.ts';
import { calendarSource } from '../calendar-store.ts';
import { STATUS_NAMES } from '../model.ts';
import type { SubmitDeps } from '../submit.ts';
import { apiError } from '../../web/api-error.ts';
import { explain, type Problem } from '../../web/problem.ts';
import type { Locale } from '../../web/i18n.ts';
import { COUNTER_PROBLEMS, parseChannel, parsePapers, type CounterChannel, type CounterProblem, type PaperDetails } from './model.ts';
import { counterIntake, type CounterRefusal } from './store.ts';

/** The request as the API route parsed it: the JSON body, or a multipart body's fields (applicant and papers parsed from JSON). */
export interface CounterApiInput {
  body: Record<string, unknown>;
  uploads: StoredUpload[];
}

/** A counter refusal's status and sentence, whichever module's table holds its code. */
export function explainCounter(problem: Problem, locale: Locale = 'vi') {
  if (problem.code in COUNTER_PROBLEMS.status) return explain(COUNTER_PROBLEMS, problem as Problem<CounterProblem>, locale);
  if (problem.code in IDENTITY_PROBLEMS.status) return explain(IDENTITY_PROBLEMS, problem as Problem<IdentityProblem>, locale);
  return explain(APPLICATION_PROBLEMS, problem as Problem<ApplicationProblem>, locale);
}

export const counterSubmitDeps = (deps: ApplicationRouteDeps): SubmitDeps => ({ db: deps.db, calendar: () => calendarSource(deps.db).current(), workingHours: (agency) => calendarSource(deps.db).hoursOf(agency), forms: deps.forms });

/** What the channel, the applicant and the papers say before anything is looked up; each refusal with its field's sentence. */
export function checkCounterInput(body: Record<string, unknown>): { ok: true; channel: CounterChannel; applicant: CounterApplicantInput; papers: Record<string, PaperDetails> } | { ok: false; problem: Problem; fields: Record<string, string> } {
  const channel = parseChannel(body.channel);
  if (!channel.ok) return { ok: false, problem: channel.problem, fields: { channel: explainCounter(channel.problem).message } };
  const applicant = checkCounterApplicant(body.applicant);
  if (!applicant.ok) {
    const fields = Object.fromEntries(applicant.problems.map((p) => [p.field === 'applicant' ? 'applicant' : `applicant.${p.field}`, explainCounter(p).message]));
    return { ok: false, problem: applicant.problems[0]!, fields };
  }
  const papers = parsePapers(body.papers);
  if (!papers.ok) return { ok: false, problem: papers.problem, fields: { papers: explainCounter(papers.problem).message } };
  return { ok: true, channel: channel.value, applicant: applicant.value, papers: papers.value };
}

function refuse(reply: FastifyReply, r: CounterRefusal | { problem: Problem; fields?: Record<string, string> }) {
  const p = explainCounter(r.problem);
  const fields = 'fields' in r && r.fields ? r.fields : p.field ? { [p.field]: p.message } : undefined;
  return reply.code(p.status).send({ ...apiError(p.code, p.message), ...(fields && { fields }), ...('missing' in r && r.missing && { missing: r.missing }) });
}

export async function counterApiSubmission(deps: ApplicationRouteDeps, actor: Actor, reply: FastifyReply, input: CounterApiInput): Promise<FastifyReply> {
  const { body, uploads } = input;
  // Neither how it came nor whose it is: not a counter intake, and an officer applies for no one online.
  if (body.channel === undefined && body.applicant === undefined) return refuse(reply, { problem: { code: 'FORBIDDEN' } });
  const checked = checkCounterInput(body);
  if (!checked.ok) return refuse(reply, checked);
  const result = await counterIntake(counterSubmitDeps(deps), actor, { serviceCode: String(body.service ?? ''), answers: body.data, agency: body.agency, formVersion: body.form, channel: checked.channel, applicant: checked.applicant, papers: checked.papers, uploads });
  if (!result.ok) return refuse(reply, result);
  const { submitted, applicant } = result;
  return reply.code(201).send({
    code: submitted.code,
    status: submitted.status,
    statusName: STATUS_NAMES[submitted.status],
    dueDate: submitted.dueDate,
    channel: checked.channel,
    applicant: { created: applicant.created },
    receipt: `/can-bo/ho-so/${submitted.code}/giay-to/tiep-nhan.pdf`,
    message: 'Hồ sơ giấy đã được tiếp nhận và số hóa.',
  });
}
