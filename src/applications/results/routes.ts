// Electronic results (A7): the officer finishes an application with a result file — uploaded,
// or generated from the "Kết quả giải quyết" template — which dvctt signs with the agency's key;
// the applicant downloads it (level 4) or asks for it by post; anyone can verify a copy.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PortalIdentity } from '../../config.ts';
import type { DB } from '../../db/index.ts';
import { actorOf, audit, can, GATES, guards } from '../../identity/index.ts';
import { mayProcess, mayRead } from '../workflow/model.ts';
import type { FileStore } from '../../storage/index.ts';
import { loadPageContext, sendPage } from '../../web/routes.ts';
import { MessagePage } from '../../web/views/message.tsx';
import { getApplication } from '../store.ts';
import { explainForPage, type ApplicationProblem } from '../problems.ts';
import type { Problem } from '../../web/problem.ts';
import { codeInPdf } from './pdf.ts';
import { readEmbeddedSignature } from './pades-pdf.ts';
import { currentCertificate } from './signing-cert-store.ts';
import { issue, MAX_RESULT_BYTES, VERIFY_PATH, type ResultSource } from './issue.ts';
import { resultApiRoutes } from './api-routes.ts';
import { chooseDelivery, resultByCode, resultOf, resultsBySha, signatureHolds } from './store.ts';
import { compareBytes, type Verdict } from './verdict.ts';
import { CitizenResultPage, OfficerResultPage, VerifyPage } from './views.tsx';
import { createHash } from 'node:crypto';
import { APPLICATION_CODE } from '../model.ts';
import { sendDownload } from '../../web/download.ts';
import { ID, LINE, PARAGRAPH, pageBody } from '../../web/page-body.ts';

export interface ResultDeps {
  db: DB;
  portal: PortalIdentity;
  publicUrl: string;
  files: FileStore;
  signingKeyDir: string;
}

export { MAX_RESULT_BYTES, VERIFY_PATH };

type Body = Record<string, unknown>;
const text = (b: Body, name: string, max: number) => (typeof b[name] === 'string' ? (b[name] as string).slice(0, max) : '');
// Multipart bodies with a file (kept as a Buffer): the text fields are declared, the file is not.
const RESULT_BODY = pageBody({ method: ID, decision: PARAGRAPH, note: PARAGRAPH }, { open: true });
const VERIFY_BODY = pageBody({ ma: LINE }, { open: true });
const file = (b: Body, name: string) => (Buffer.isBuffer(b[name]) ? (b[name] as Buffer) : undefined);

export async function resultRoutes(app: FastifyInstance, deps: ResultDeps): Promise<void> {
  const { db, files } = deps;
  // Parsed before the CSRF check, which then reads `_csrf` like any form field.
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: MAX_RESULT_BYTES, files: 1, fields: 10 } });

  await resultApiRoutes(app, deps);

  const only = { signedIn: guards(deps).page(GATES.signedIn) };
  const notFound = async (req: FastifyRequest, reply: FastifyReply, code: string) =>
    sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Không tìm thấy hồ sơ', body: `Không có hồ sơ mã "${code.slice(0, 60)}" trong phạm vi của bạn.` }), 404);

  // ── Officer ──────────────────────────────────────────────────────────────────────────────────
  const officerPage = async (req: FastifyRequest, reply: FastifyReply, code: string, extra: { errors?: Record<string, string>; values?: Record<string, string>; status?: number } = {}) => {
    const actor = actorOf(req);
    const a = await getApplication(db, code.slice(0, 60));
    if (!a || !mayProcess(actor, a)) return notFound(req, reply, code);
    const result = await resultOf(db, a.id);
    const certificate = result ? undefined : await currentCertificate(db, a.agency, new Date());
    return sendPage(reply, OfficerResultPage({ ctx: await loadPageContext(req, deps), a, result, certificate, errors: extra.errors, values: extra.values }), extra.status ?? 200);
  };

  app.get<{ Params: { code: string } }>('/can-bo/ho-so/:code/ket-qua', { preHandler: only.signedIn }, async (req, reply) => officerPage(req, reply, req.params.code));

  app.post<{ Params: { code: string } }>('/can-bo/ho-so/:code/ket-qua', { preHandler: only.signedIn, schema: { body: RESULT_BODY } }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !mayProcess(actor, a)) return notFound(req, reply, req.params.code);
    const body = (req.body ?? {}) as Body;
    const method = text(body, 'method', 20) === 'template' ? 'template' : 'upload';
    const values = { method, decision: text(body, 'decision', 8000), note: text(body, 'note', 4000) };
    const refuse = (problem: Problem<ApplicationProblem>) => {
      const p = explainForPage(req, deps.portal, problem);
      return officerPage(req, reply, a.code, { errors: { [p.field ?? 'method']: p.message }, values, status: p.status });
    };
    const source: ResultSource = method === 'upload' ? { kind: 'upload', file: file(body, 'file') } : { kind: 'template', decision: values.decision };
    const issued = await issue(deps, a, { id: actor.id, name: actor.fullName }, source, values.note, req.log);
    if (!issued.ok) return refuse(issued.problem);
    return reply.redirect(`/can-bo/ho-so/${a.code}?xong=1`, 303);
  });

  // ── Applicant (and the agency's officers for the file) ─────────────────────────────────────────
  app.get<{ Params: { code: string }; Querystring: { luu?: string } }>('/ho-so/:code/ket-qua', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || a.applicantId !== actor.id) return notFound(req, reply, req.params.code);
    const result = await resultOf(db, a.id);
    return sendPage(reply, CitizenResultPage({ ctx: await loadPageContext(req, deps), a, result, notice: req.query.luu ? 'Đã ghi nhận cách nhận kết quả.' : undefined }));
  });

  app.post<{ Params: { code: string } }>('/ho-so/:code/ket-qua', { preHandler: only.signedIn, schema: { body: pageBody({ delivery: ID, address: LINE }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || a.applicantId !== actor.id) return notFound(req, reply, req.params.code);
    const result = await resultOf(db, a.id);
    const body = (req.body ?? {}) as Body;
    const delivery = text(body, 'delivery', 10) === 'post' ? 'post' : 'online';
    const address = text(body, 'address', 500).trim();
    const ctx = await loadPageContext(req, deps);
    if (!result) return sendPage(reply, MessagePage({ ctx, title: 'Chưa có kết quả', body: 'Hồ sơ chưa có kết quả giải quyết; không có gì được thay đổi.' }), 409);
    if (a.status === 10) return sendPage(reply, CitizenResultPage({ ctx, a, result, errors: { delivery: 'Kết quả đã được trả; không đổi được cách nhận.' } }), 409);
    if (delivery === 'post' && address.length < 10) return sendPage(reply, CitizenResultPage({ ctx, a, result, errors: { address: 'Hãy ghi đầy đủ địa chỉ nhận kết quả qua bưu chính (số nhà, đường, xã/phường, tỉnh).' }, values: { delivery, address } }), 400);
    await chooseDelivery(db, a.id, delivery, address || null);
    return reply.redirect(`/ho-so/${a.code}/ket-qua?luu=1`, 303);
  });

  app.get<{ Params: { code: string } }>('/ho-so/:code/ket-qua.pdf', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !(can(actor, 'application.read', { ownerId: a.applicantId, agencyCode: a.agency }) || mayRead(actor, a))) return notFound(req, reply, req.params.code);
    const result = await resultOf(db, a.id);
    if (!result) return notFound(req, reply, req.params.code);
    if (a.applicantId !== actor.id) await audit(db, { actor: actor, action: 'personal-data-read', targetType: 'application-result', targetId: a.code, agencyCode: a.agency, ip: req.ip });
    return sendDownload(reply, { name: result.fileName, type: 'application/pdf', personal: true }).send(await files.read(result.fileKey));
  });

  // ── Anyone: verify ───────────────────────────────────────────────────────────────────────────
  app.get<{ Querystring: { ma?: string } }>(VERIFY_PATH, async (req, reply) => {
    const ctx = await loadPageContext(req, deps);
    const code = String(req.query.ma ?? '').trim().slice(0, 60);
    if (!code) return sendPage(reply, VerifyPage({ ctx }));
    const result = APPLICATION_CODE.test(code) ? await resultByCode(db, code) : undefined;
    const verdict: Verdict = result ? { kind: 'issued', result, holds: signatureHolds(result) } : { kind: 'no-result', code };
    const embedded = result ? readEmbeddedSignature(await files.read(result.fileKey)) : undefined;
    return sendPage(reply, VerifyPage({ ctx, code, verdict, embedded }), result ? 200 : 404);
  });

  app.post(VERIFY_PATH, { schema: { body: VERIFY_BODY } }, async (req, reply) => {
    const ctx = await loadPageContext(req, deps);
    const body = (req.body ?? {}) as Body;
    const code = text(body, 'ma', 60).trim();
    const uploaded = file(body, 'file');
    if (!uploaded || uploaded.length === 0) return sendPage(reply, VerifyPage({ ctx, code, errors: { file: 'Hãy chọn tệp kết quả (PDF) cần kiểm tra.' } }), 400);
    const sha256 = createHash('sha256').update(uploaded).digest('hex');
    const matches = await resultsBySha(db, sha256);
    const match = matches.find((r) => !code || r.code === code) ?? matches[0];
    let verdict: Verdict;
    if (match) {
      verdict = { kind: 'file', result: match, holds: signatureHolds(match) };
    } else {
      const named = code || codeInPdf(uploaded);
      const issued = named && APPLICATION_CODE.test(named) ? await resultByCode(db, named) : undefined;
      verdict = issued
        ? { kind: 'changed', result: issued, uploaded: { size: uploaded.length, sha256 }, difference: compareBytes(await files.read(issued.fileKey), uploaded) }
        : { kind: 'unknown', uploaded: { size: uploaded.length, sha256 } };
    }
    const ok = verdict.kind === 'file' && verdict.holds;
    const embedded = verdict.kind === 'file' || verdict.kind === 'changed' ? readEmbeddedSignature(uploaded) : undefined;
    return sendPage(reply, VerifyPage({ ctx, code, verdict, embedded }), ok ? 200 : 422);
  });
}
