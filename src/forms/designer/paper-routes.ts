// A new form from the official paper form (F1): the administrator uploads the .docx (or .doc) and
// names the service; draftFromPaper proposes the definition, saved as draft revision 1, and the
// outline shows what was found and what is left to do. A refused file stores nothing.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { getService } from '../../catalog/index.ts';
import { actorOf } from '../../identity/index.ts';
import { text } from '../../web/page-body.ts';
import { explain } from '../../web/problem.ts';
import { FORM_PROBLEMS, saveDraftVersion } from '../definitions-store.ts';
import { draftFromPaper, MAX_PAPER_BYTES, PAPER_PROBLEMS, summaryLines } from '../paper/index.ts';
import type { designerKit } from './kit.ts';
import { EditorPage } from './views/editor.tsx';
import { FormListPage } from './views/list.tsx';
import { DESIGNER } from './views/parts.tsx';
import { formsForList, loadWorking } from './working.ts';

export const PAPER_PATH = `${DESIGNER}/tu-mau-giay`;
const SERVICE_CODE = /^[0-9]+\.[0-9]{6}$/;

/** The uploaded file as the body holds it: its bytes and the name it came with. */
interface Paper {
  bytes: Buffer;
  name: string;
}

export async function paperRoutes(app: FastifyInstance, db: Parameters<typeof loadWorking>[0], kit: ReturnType<typeof designerKit>): Promise<void> {
  // This scope's multipart bodies are read whole (one small Word file), so the CSRF check and the body schema see them.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_PAPER_BYTES, files: 1, fields: 5 },
    onFile: async (part) => {
      (part as unknown as { value: Paper }).value = { bytes: await part.toBuffer(), name: part.filename };
    },
  });

  const list = async (req: Parameters<typeof kit.render>[0], reply: Parameters<typeof kit.render>[1], values: Record<string, string>, errors: Record<string, string>, status: number) => {
    const forms = await formsForList(db);
    return kit.render(req, reply, (ctx) => FormListPage({ ctx, forms, values, errors }), status);
  };

  app.post(PAPER_PATH, { preHandler: kit.gate, schema: { body: { type: 'object', properties: { _csrf: text(100), paperService: text(20), paper: { type: 'object' } } } } }, async (req, reply) => {
    const body = (req.body ?? {}) as { paperService?: string; paper?: Paper };
    const code = (body.paperService ?? '').trim();
    const values = { paperService: code };
    const service = SERVICE_CODE.test(code) ? await getService(db, code) : undefined;
    if (!service) return list(req, reply, values, { paperService: kit.sentence({ code: 'NO_SERVICE', params: { code } }).message }, 400);
    const formId = `tk-${code.replace(/\./g, '-')}`;
    if (await loadWorking(db, formId)) return list(req, reply, values, { paperService: kit.sentence({ code: 'FORM_EXISTS', params: { id: formId } }).message }, 409);
    const paper = body.paper && Buffer.isBuffer(body.paper.bytes) ? body.paper : { bytes: Buffer.alloc(0), name: '' };
    const drafted = await draftFromPaper(paper.bytes, paper.name);
    if (!drafted.ok) {
      const p = explain(PAPER_PROBLEMS, drafted.problem);
      return list(req, reply, values, { paper: p.message }, p.status);
    }
    const document = { ...drafted.value.definition, id: formId, version: 1, services: [code] };
    const saved = await saveDraftVersion(db, { formId, document, expectedRevision: null, actor: actorOf(req) });
    if (!saved.ok) {
      const p = explain(FORM_PROBLEMS, saved.problem);
      return list(req, reply, values, { paper: p.message }, p.status);
    }
    const w = (await loadWorking(db, formId))!;
    return kit.render(req, reply, (ctx) => EditorPage({ ctx, w, notes: summaryLines(drafted.value.summary) }), 201);
  });
}
