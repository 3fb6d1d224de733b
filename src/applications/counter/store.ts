// Counter intake in one transaction (A3, V3): the applicant found or created, the dossier stored
// through the one submission use case and received at once. Any refusal rolls all of it back:
// no account, no application, no file row.
import { getService, type Service } from '../../catalog/index.ts';
import type { FormDefinition } from '../../forms/index.ts';
import { applicantByIdNumber, cccdCheck, counterApplicant, identityText, type Actor, type CounterApplicantInput, type CounterApplicantProblem } from '../../identity/index.ts';
import { explain } from '../../web/problem.ts';
import { APPLICATION_PROBLEMS } from '../problems.ts';
import type { Problem } from '../../web/problem.ts';
import { submit, type SubmissionRefusal, type SubmitDeps } from '../submit.ts';
import type { Submitted } from '../store.ts';
import type { StoredUpload } from '../upload.ts';
import { placeOfSubmission } from '../where.ts';
import { COUNTER_PROBLEMS, parseChannel, receivesFor, type CounterChannel, type CounterProblem, type PaperDetails } from './model.ts';

export interface CounterIntakeRequest {
  serviceCode: string;
  answers: unknown;
  agency?: unknown;
  formVersion?: unknown;
  channel: CounterChannel;
  applicant: CounterApplicantInput;
  papers: Record<string, PaperDetails>;
  uploads: StoredUpload[];
}

export type CounterRefusal = { ok: false; problem: Problem<CounterProblem | CounterApplicantProblem> } | SubmissionRefusal;
export type CounterIntakeResult = { ok: true; submitted: Submitted; applicant: { id: string; name: string; created: boolean } } | CounterRefusal;

class Refused extends Error {
  constructor(readonly refusal: CounterRefusal) {
    super('counter intake refused');
  }
}

/** Records a paper dossier for its applicant; refused, nothing is stored. */
export async function counterIntake(deps: SubmitDeps, officer: Actor, r: CounterIntakeRequest): Promise<CounterIntakeResult> {
  // The unit the dossier is received for must be one the officer works in.
  const code = typeof r.serviceCode === 'string' ? r.serviceCode.slice(0, 20) : '';
  const service = code ? await getService(deps.db, code) : undefined;
  if (service) {
    const where = await placeOfSubmission(deps.db, service, r.agency, { counter: true });
    if (where.ok && !receivesFor(officer, where.place.agency.code)) return { ok: false, problem: { code: 'AGENCY_NOT_COVERED', field: 'agency', params: { agency: where.place.agency.name } } };
  }
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const applicant = await counterApplicant(trx, r.applicant);
      if (!applicant.ok) throw new Refused({ ok: false, problem: { ...applicant.problem, field: `applicant.${applicant.problem.field ?? 'idNumber'}` } });
      const result = await submit(
        { ...deps, db: trx, reusable: undefined },
        { actor: officer, serviceCode: code, answers: r.answers, agency: r.agency, formVersion: r.formVersion, uploads: r.uploads, counter: { applicant: applicant.value, channel: r.channel, papers: r.papers } },
      );
      if (!result.ok) throw new Refused(result);
      return { ok: true as const, submitted: result.submitted, applicant: applicant.value };
    });
  } catch (err) {
    if (err instanceof Refused) return err.refusal;
    throw err;
  }
}

/** What the first step chose, checked: the procedure and its form, the receiving unit, and the applicant's account if the CCCD has one. */
export interface IntakeChoiceChecked {
  service: Service;
  def: FormDefinition;
  agency: { code: string; name: string };
  channel: CounterChannel;
  found?: { fullName: string; dateOfBirth: string | null; phone: string | null; email: string | null };
}

/** The page's first step (CCCD, procedure, unit, channel), each field's error at once; a paused place is refused with its reason. */
export async function intakeChoice(deps: SubmitDeps, officer: Actor, v: { cccd: string; service: string; agency: string; channel: string }): Promise<{ ok: true; value: IntakeChoiceChecked } | { ok: false; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  const cccd = cccdCheck(v.cccd);
  if (cccd) errors.cccd = identityText(cccd);
  const channel = parseChannel(v.channel);
  if (!channel.ok) errors.channel = explain(COUNTER_PROBLEMS, channel.problem).message;
  const service = v.service ? await getService(deps.db, v.service.slice(0, 20)) : undefined;
  if (!service) errors.service = 'Hãy chọn thủ tục.';
  const where = service && (await placeOfSubmission(deps.db, service, v.agency, { counter: true }));
  if (where && !where.ok) errors.agency = explain(APPLICATION_PROBLEMS, where.problem).message;
  else if (where && !receivesFor(officer, where.place.agency.code)) errors.agency = explain(COUNTER_PROBLEMS, { code: 'AGENCY_NOT_COVERED', params: { agency: where.place.agency.name } }).message;
  const def = service && (await deps.forms.forService(service.code));
  if (service && !def) errors.service = `Thủ tục "${service.name}" chưa có tờ khai điện tử nên chưa ghi nhận được hồ sơ giấy trên cổng; hãy đề nghị quản trị tạo tờ khai cho thủ tục này.`;
  const found = cccd ? undefined : await applicantByIdNumber(deps.db, v.cccd);
  if (found && !found.citizen) errors.cccd = explain(COUNTER_PROBLEMS, { code: 'APPLICANT_NOT_CITIZEN' }).message;
  if (Object.keys(errors).length || !service || !def || !where?.ok || !channel.ok) return { ok: false, errors };
  return { ok: true, value: { service, def, agency: { code: where.place.agency.code, name: where.place.agency.name }, channel: channel.value, found } };
}
