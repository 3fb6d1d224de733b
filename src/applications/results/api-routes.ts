// The results API (A7, P3) for back-office systems: an officer who may process the application
// issues its result — a PDF in the multipart field `file`, or `{ "generate": true, "decision": … }`
// for the "Kết quả giải quyết" template — signed like on the officer's page (embedded PAdES
// with the agency's certificate when it has one, and the detached record); the applicant and the
// agency's staff download it.
import type { FastifyInstance } from 'fastify';
import { actorOf, audit, can, GATES, guards } from '../../identity/index.ts';
import { sendDownload } from '../../web/download.ts';
import { sendProblem } from '../problems.ts';
import { getApplication } from '../store.ts';
import { mayProcess, mayRead } from '../workflow/model.ts';
import { issue, VERIFY_PATH, type IssueDeps, type ResultSource } from './issue.ts';
import { resultOf } from './store.ts';
import type { ResultDeps } from './routes.ts';

const ISSUE_BODY = {
  type: 'object',
  description: 'multipart/form-data với trường `file` (tệp PDF kết quả), hoặc JSON `{ "generate": true, "decision": "…" }` để tạo từ mẫu "Kết quả giải quyết".',
  properties: {
    file: { description: 'Tệp PDF kết quả (multipart), tối đa 20 MB.' },
    generate: { type: 'boolean', description: 'true: tạo văn bản kết quả từ mẫu.' },
    decision: { type: 'string', maxLength: 8000, description: 'Nội dung giải quyết (bắt buộc khi generate).' },
    note: { type: 'string', maxLength: 4000, description: 'Ghi chú trên tiến độ xử lý.' },
  },
} as const;

const ISSUED = {
  type: 'object',
  required: ['code', 'status', 'sha256', 'size', 'embeddedSignature', 'href', 'verifyUrl'],
  properties: {
    code: { type: 'string' },
    status: { type: 'integer' },
    sha256: { type: 'string' },
    size: { type: 'integer' },
    embeddedSignature: { type: 'boolean', description: 'Tệp có chữ ký số PAdES nhúng bằng chứng thư số của cơ quan.' },
    href: { type: 'string' },
    verifyUrl: { type: 'string' },
  },
} as const;

type Body = Record<string, unknown>;
const textOf = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

export async function resultApiRoutes(app: FastifyInstance, deps: ResultDeps & IssueDeps): Promise<void> {
  const { db, files } = deps;
  const gate = guards(deps);

  app.post<{ Params: { code: string } }>(
    '/api/v1/applications/:code/result',
    {
      preHandler: gate.api(GATES.signedIn),
      schema: { tags: ['hồ sơ'], summary: 'Trả kết quả giải quyết (cán bộ xử lý): tải lên PDF hoặc tạo từ mẫu; ký số và chuyển hồ sơ sang trạng thái 9', consumes: ['multipart/form-data', 'application/json'], body: ISSUE_BODY, response: { 201: ISSUED } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const a = await getApplication(db, req.params.code.slice(0, 60));
      if (!a || !mayProcess(actor, a)) return sendProblem(reply, { code: 'NOT_FOUND', params: { code: req.params.code.slice(0, 60) } });
      const body = (req.body ?? {}) as Body;
      const source: ResultSource = body.generate === true || body.generate === 'true' ? { kind: 'template', decision: textOf(body.decision, 8000) } : { kind: 'upload', file: Buffer.isBuffer(body.file) ? body.file : undefined };
      const issued = await issue(deps, a, { id: actor.id, name: actor.fullName }, source, textOf(body.note, 4000), req.log);
      if (!issued.ok) return sendProblem(reply, issued.problem);
      return reply.code(201).send({
        code: a.code,
        status: 9,
        sha256: issued.value.sha256,
        size: issued.value.size,
        embeddedSignature: issued.value.embedded,
        href: `/api/v1/applications/${a.code}/result.pdf`,
        verifyUrl: `${deps.publicUrl}${VERIFY_PATH}?ma=${encodeURIComponent(a.code)}`,
      });
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/v1/applications/:code/result.pdf',
    {
      preHandler: gate.api(GATES.signedIn),
      schema: { tags: ['hồ sơ'], summary: 'Tải tệp kết quả giải quyết đã ký số (người nộp hồ sơ, cán bộ cơ quan giải quyết)', produces: ['application/pdf'] },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const a = await getApplication(db, req.params.code.slice(0, 60));
      const result = a && (can(actor, 'application.read', { ownerId: a.applicantId, agencyCode: a.agency }) || mayRead(actor, a)) ? await resultOf(db, a.id) : undefined;
      if (!a || !result) return sendProblem(reply, { code: 'NOT_FOUND', params: { code: req.params.code.slice(0, 60) } });
      if (a.applicantId !== actor.id) await audit(db, { actor, action: 'personal-data-read', targetType: 'application-result', targetId: a.code, agencyCode: a.agency, ip: req.ip });
      return sendDownload(reply, { name: result.fileName, type: 'application/pdf', personal: true }).send(await files.read(result.fileKey));
    },
  );
}
