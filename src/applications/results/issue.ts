// Issuing a result (A7), the same for the officer's page and the results API: the file is
// uploaded or generated from the template, then — when the agency has a CA certificate valid
// now — carries an embedded PAdES signature, and the detached Ed25519 record signs the final
// bytes; the result and the move to status 9 are then one transaction (store.ts).
import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../../db/index.ts';
import { getProfile } from '../../identity/index.ts';
import { sniff, type FileStore } from '../../storage/index.ts';
import type { Outcome, Problem } from '../../web/problem.ts';
import type { ApplicationProblem } from '../problems.ts';
import type { ApplicationRecord } from '../store.ts';
import { signPdf } from './pades-pdf.ts';
import { renderResult } from './pdf.ts';
import { agencySigner } from './signing-cert.ts';
import { agencyKey, signFacts } from './signing.ts';
import { issueResult } from './store.ts';

export const MAX_RESULT_BYTES = 20 * 1024 * 1024;
export const VERIFY_PATH = '/xac-thuc-ket-qua';

export interface IssueDeps {
  db: DB;
  files: FileStore;
  publicUrl: string;
  signingKeyDir: string;
}

/** Where the result comes from: an uploaded PDF, or the template with the decision text. */
export type ResultSource = { kind: 'upload'; file: Buffer | undefined } | { kind: 'template'; decision: string };

export interface Issued {
  /** Whether the PDF carries an embedded PAdES signature with the agency's certificate. */
  embedded: boolean;
  sha256: string;
  size: number;
}

/** Checks the source and the status, then signs and stores; a refusal changes nothing. */
export async function issue(deps: IssueDeps, a: ApplicationRecord, officer: { id: string; name: string }, source: ResultSource, note: string, log?: FastifyBaseLogger): Promise<Outcome<Issued, ApplicationProblem>> {
  const refuse = (problem: Problem<ApplicationProblem>) => ({ ok: false, problem }) as const;
  if (a.status !== 4) return refuse({ code: 'RESULT_NOT_PROCESSING', field: 'method', params: { status: a.status } });
  const signedAt = new Date();
  let pdf: Buffer;
  if (source.kind === 'upload') {
    if (!source.file || source.file.length === 0) return refuse({ code: 'RESULT_FILE_MISSING', field: 'file' });
    if (sniff(source.file.subarray(0, 4096))?.kind !== 'pdf') return refuse({ code: 'RESULT_NOT_PDF', field: 'file' });
    pdf = source.file;
  } else {
    const decision = source.decision.trim();
    if (!decision) return refuse({ code: 'DECISION_REQUIRED', field: 'decision' });
    const applicant = await getProfile(deps.db, a.applicantId);
    pdf = await renderResult({
      code: a.code,
      agencyName: a.agencyName,
      serviceName: a.serviceName,
      applicantName: applicant?.fullName ?? '',
      decision,
      issuedAt: signedAt,
      verifyUrl: `${deps.publicUrl}${VERIFY_PATH}?ma=${encodeURIComponent(a.code)}`,
    });
  }
  let embedded = false;
  try {
    const certified = await agencySigner(deps.db, deps.signingKeyDir, a.agency, signedAt);
    if (certified) {
      pdf = await signPdf(pdf, { signer: certified.signer, signedAt, name: a.agencyName, reason: `Kết quả giải quyết hồ sơ ${a.code}` });
      embedded = true;
    }
  } catch (err) {
    // A PDF this signer cannot update (an existing form or signature), or a key file missing on
    // this instance: the result keeps the detached record only, and the operator is told.
    log?.warn({ err, code: a.code, agency: a.agency }, 'result issued without an embedded PAdES signature');
  }
  // Written and fsynced before the row that names it is committed; the embedded signature may add its 33 kB to an upload at the limit.
  const stored = await deps.files.put(pdf, { maxBytes: MAX_RESULT_BYTES + 64 * 1024 });
  const key = await agencyKey(deps.signingKeyDir, a.agency);
  const issued = await issueResult(deps.db, {
    code: a.code,
    fileKey: stored.key,
    fileName: `KetQua_${a.code}.pdf`,
    size: stored.size,
    sha256: stored.sha256,
    generated: source.kind === 'template',
    decision: source.kind === 'template' ? source.decision.trim() : null,
    signature: signFacts(key, { code: a.code, agencyCode: a.agency, sha256: stored.sha256, signedAt }),
    key,
    signedAt,
    officer,
    note: note.trim() || 'Đã có kết quả giải quyết, ký số bởi cơ quan.',
  });
  if (!issued.ok) return issued;
  return { ok: true, value: { embedded, sha256: stored.sha256, size: stored.size } };
}
