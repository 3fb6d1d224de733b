// POST /api/v1/applications by an officer: a dossier received at the counter ("truc-tiep") or by
// post ("buu-chinh"), with the applicant's identity and each paper's form and digitisation (A1, A3, V3).
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../identity/index.ts';
import type { StoredUpload } from '../upload.ts';
import type { ApplicationRouteDeps } from '../route-deps.ts';
import { sendProblem } from '../problems.ts';

/** The request as the API route parsed it: the JSON body, or a multipart body's fields (applicant and papers parsed from JSON). */
export interface CounterApiInput {
  body: Record<string, unknown>;
  uploads: StoredUpload[];
}

export async function counterApiSubmission(_deps: ApplicationRouteDeps, _actor: Actor, reply: FastifyReply, _input: CounterApiInput): Promise<FastifyReply> {
  return sendProblem(reply, { code: 'FORBIDDEN' });
}
