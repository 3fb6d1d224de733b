// What the designer's routes share: the gate, the form being worked on, saving a draft revision
// (a stale revision refused before anything is stored), and turning refusals into sentences.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { getService } from '../../catalog/index.ts';
import type { DB } from '../../db/index.ts';
import { actorOf, GATES, guards } from '../../identity/index.ts';
import { text } from '../../web/page-body.ts';
import { explain, type Problem } from '../../web/problem.ts';
import { loadPageContext, sendPage } from '../../web/routes.ts';
import { pageContext, type PageContext } from '../../web/page-context.ts';
import { MessagePage } from '../../web/views/message.tsx';
import { FORM_PROBLEMS, saveDraftVersion } from '../definitions-store.ts';
import type { FormDefinition } from '../model.ts';
import { DESIGNER_PROBLEMS, type DesignerProblemCode } from './problems.ts';
import type { Stale } from './views/parts.tsx';
import { loadWorking, type Working } from './working.ts';

export interface DesignerDeps {
  db: DB;
  portal: Parameters<typeof loadPageContext>[1]['portal'];
  /** This instance's form library: told at once of a publish or retirement made here (others hear it on dvctt_forms). */
  forms?: { refresh(): void };
}

/** What every edit's body carries: the draft revision the page showed ('' before there is a draft). */
export const REVISION = text(20);

export const revisionOf = (body: unknown): number | null => {
  const v = (body as Record<string, unknown> | undefined)?.revision;
  return typeof v === 'string' && /^[0-9]{1,9}$/.test(v) ? Number(v) : null;
};

export type SaveResult = { ok: true; revision: number } | { ok: false; stale: Stale } | { ok: false; invalid: string };

export function designerKit(deps: DesignerDeps) {
  const { db } = deps;
  const gate = guards(deps).page(GATES.admin);

  const render = async (req: FastifyRequest, reply: FastifyReply, view: (ctx: PageContext) => VNode, status = 200) => sendPage(reply, view(await loadPageContext(req, deps)), status);

  const message = async (req: FastifyRequest, reply: FastifyReply, status: number, title: string, body: string) => render(req, reply, (ctx) => MessagePage({ ctx, title, body }), status);

  /** The form named in the path, or the 404 page (undefined: the answer is sent). */
  const working = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<Working | undefined> => {
    const w = await loadWorking(db, req.params.id.slice(0, 64));
    if (!w) await message(req, reply, 404, 'Không tìm thấy biểu mẫu', sentence({ code: 'FORM_NOT_FOUND', params: { id: req.params.id.slice(0, 64) } }).message);
    return w;
  };

  const sentence = (p: Problem<DesignerProblemCode>, req?: FastifyRequest) => explain(DESIGNER_PROBLEMS, p, req && pageContext(req, deps.portal).locale);

  /** The problems of a page's inputs as the page shows them: each input's sentence in the page's language. */
  const worded = (req: FastifyRequest, problems: Record<string, Problem<DesignerProblemCode>>): Record<string, string> =>
    Object.fromEntries(Object.entries(problems).map(([name, p]) => [name, sentence(p, req).message]));

  /**
   * Saves `next` as the draft's next revision, when the page was made from the draft as it is now;
   * otherwise nothing is stored and the answer says who saved when.
   */
  const save = async (req: FastifyRequest, w: Working, next: FormDefinition): Promise<SaveResult> => {
    const posted = revisionOf(req.body);
    const staleNow = (): Stale => ({ revision: w.draft?.revision ?? 0, at: w.draft?.updatedAt ?? new Date() });
    if (posted !== w.revision) return { ok: false, stale: staleNow() };
    const actor = actorOf(req);
    const saved = await saveDraftVersion(db, { formId: w.formId, document: next, expectedRevision: posted, actor });
    if (saved.ok) return { ok: true, revision: saved.value.revision };
    if (saved.problem.code === 'stale') return { ok: false, stale: { revision: Number(saved.problem.params?.revision ?? 0), at: new Date(String(saved.problem.params?.updatedAt || Date.now())) } };
    return { ok: false, invalid: explain(FORM_PROBLEMS, saved.problem).message };
  };

  /** The dossier components of the form's first service, for attachment fields. */
  const components = async (def: FormDefinition) => {
    const service = def.services[0] ? await getService(db, def.services[0]) : undefined;
    return (service?.components ?? []).map((c) => ({ id: c.id, name: c.name }));
  };

  return { gate, render, message, working, sentence, worded, save, components };
}
