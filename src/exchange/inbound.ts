// A dossier forwarded by the national portal becomes an application (A3, P3): signature and
// freshness checked, the applicant's account found or created by the personal identification
// number, the answers and files through the one submission use case, and the map row — all in one
// transaction, so a refused dossier stores nothing. The same dossier again is the same application.
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { submit, type SubmitDeps } from '../applications/index.ts';
import { checkCounterApplicant, counterApplicant, type Actor } from '../identity/index.ts';
import { sniff, type FileStore } from '../storage/index.ts';
import type { Problem } from '../web/problem.ts';
import { readDossier, verify, type InboundAnswer } from './protocol.ts';
import type { ExchangeProblem } from './problems.ts';
import { dossierByCode, recordDossier } from './store.ts';

export interface InboundDeps {
  submit: SubmitDeps;
  files: FileStore;
  secret: string;
  log?: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

export type InboundResult = { ok: true; answer: InboundAnswer } | { ok: false; problem: Problem<ExchangeProblem> };

/** Thrown inside the transaction to roll back everything a refused dossier began. */
class Refused extends Error {
  constructor(readonly problem: Problem<ExchangeProblem>) {
    super(problem.code);
  }
}

const answerOf = (m: { dossierCode: string; applicationCode: string; status: number; dueDate: string | null }, before: boolean): InboundAnswer => ({ maHoSoQuocGia: m.dossierCode, maHoSo: m.applicationCode, trangThai: m.status, hanXuLy: m.dueDate, daNhanTruoc: before });

export async function receiveDossier(deps: InboundDeps, headers: Record<string, string | string[] | undefined>, raw: string): Promise<InboundResult> {
  const db = deps.submit.db;
  const refuse = (problem: Problem<ExchangeProblem>, detail?: unknown): InboundResult => {
    deps.log?.warn({ exchange: 'inbound', refused: problem.code, params: problem.params, field: problem.field, detail }, 'national portal dossier refused');
    return { ok: false, problem };
  };
  const verdict = verify(deps.secret, headers, raw);
  if (verdict !== 'ok') return refuse({ code: verdict });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return refuse({ code: 'BAD_DOSSIER', field: 'body', params: { field: 'body' } });
  }
  const read = readDossier(body);
  if (!read.ok) return refuse({ code: 'BAD_DOSSIER', field: read.field, params: { field: read.field } });
  const d = read.dossier;
  const sha = createHash('sha256').update(raw.replace(/\s+/g, '')).digest('hex');
  const known = await dossierByCode(db, d.dossierCode);
  if (known) return repeat(deps, known, sha, refuse);
  const applicant = checkCounterApplicant(d.applicant);
  if (!applicant.ok) return refuse({ code: 'APPLICANT_INVALID', field: 'nguoiNop', params: { field: applicant.problems[0]!.field ?? 'nguoiNop', reason: applicant.problems[0]!.code } });
  // The files go to the (content-addressed) file store first; a refused dossier's are swept as unnamed.
  const uploads: NonNullable<Parameters<typeof submit>[1]['uploads']> = [];
  for (const f of d.files) {
    const stored = await deps.files.put(f.data);
    const kind = sniff(stored.head);
    uploads.push({ field: `component:${f.component}`, filename: f.name, size: stored.size, kind: kind?.kind ?? null, mime: kind?.mime, stored });
  }
  try {
    const answer = await db.transaction().execute(async (trx) => {
      const who = await counterApplicant(trx, applicant.value);
      if (!who.ok) throw new Refused({ code: 'APPLICANT_INVALID', field: 'nguoiNop', params: { field: who.problem.field ?? 'soDinhDanh', reason: who.problem.code } });
      const actor: Actor = { id: who.value.id, username: `cd${applicant.value.idNumber}`, fullName: who.value.name, role: 'citizen', agencyCode: null, agencies: new Set() };
      const result = await submit({ ...deps.submit, db: trx }, { actor, serviceCode: d.serviceCode, answers: d.answers, agency: d.agencyCode, uploads });
      if (!result.ok) {
        const detail = result.fields ? Object.entries(result.fields).map(([k, v]) => `${k}: ${v}`).join('; ') : JSON.stringify(result.problem.params ?? {});
        throw new Refused({ code: 'DOSSIER_REFUSED', field: result.problem.field, params: { reason: result.problem.code, detail: detail.slice(0, 1000) } });
      }
      await recordDossier(trx, { dossierCode: d.dossierCode, applicationId: result.submitted.id, serviceCode: result.service.code, agencyCode: d.agencyCode, bodySha256: sha });
      return answerOf({ dossierCode: d.dossierCode, applicationCode: result.submitted.code, status: result.submitted.status, dueDate: result.submitted.dueDate }, false);
    });
    deps.log?.info({ exchange: 'inbound', dossier: d.dossierCode, application: answer.maHoSo }, 'national portal dossier received');
    return { ok: true, answer };
  } catch (err) {
    if (err instanceof Refused) return refuse(err.problem);
    // The same dossier arriving twice at once: the other request stored it; this one answers with it.
    const other = (err as { code?: string }).code === '23505' ? await dossierByCode(db, d.dossierCode) : undefined;
    if (other) return repeat(deps, other, sha, refuse);
    throw err;
  }
}

/** A dossier code seen before: the same content is the same application; other content is refused. */
function repeat(deps: InboundDeps, known: NonNullable<Awaited<ReturnType<typeof dossierByCode>>>, sha: string, refuse: (p: Problem<ExchangeProblem>) => InboundResult): InboundResult {
  if (known.bodySha256 !== sha) return refuse({ code: 'DOSSIER_CONFLICT', field: 'maHoSoQuocGia', params: { code: known.dossierCode, application: known.applicationCode } });
  deps.log?.info({ exchange: 'inbound', dossier: known.dossierCode, application: known.applicationCode }, 'national portal dossier received again: duplicate, same application');
  return { ok: true, answer: answerOf(known, true) };
}
