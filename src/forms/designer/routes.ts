// The form designer (F1, F2; Art. 8): /quan-tri/bieu-mau lists the forms and makes one from a
// service; each form has its outline (edit-routes.ts), a JSON view, a live preview that is the real
// e-form page rendering the draft, a print preview through the paper renderer, and publishing with
// the field-level changes listed. Administrators only; every save is a new draft revision, audited
// by the definitions store.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { getService } from '../../catalog/index.ts';
import { actorOf } from '../../identity/index.ts';
import { noticeTime } from '../../web/format.ts';
import { explain } from '../../web/problem.ts';
import { loadPageContext, sendPage } from '../../web/routes.ts';
import { clientBundle, STYLE_URL } from '../client-assets.ts';
import { defaultFormFor } from '../default-form.ts';
import { FORM_PROBLEMS, publishDraft, retireForm, saveDraftVersion } from '../definitions-store.ts';
import { stepsOf, type FormDefinition } from '../model.ts';
import { renderForm } from '../print/index.ts';
import { answersFromFormBody, validateAnswers } from '../validate.ts';
import { EFormPage } from '../views/eform.tsx';
import { fieldChanges, formChanges } from './diff.ts';
import { editRoutes } from './edit-routes.ts';
import { designerKit, REVISION, type DesignerDeps } from './kit.ts';
import { pageBody, text } from '../../web/page-body.ts';
import { FormListPage } from './views/list.tsx';
import { JsonPage, PublishPage } from './views/json.tsx';
import { DESIGNER, DESIGNER_STYLE, formPath } from './views/parts.tsx';
import { formsForList, loadWorking, publishedDocument } from './working.ts';
import { paperRoutes } from './paper-routes.ts';

const STYLE = readFileSync(new URL('./designer.css', import.meta.url), 'utf8');
const SERVICE_CODE = /^[0-9]+\.[0-9]{6}$/;

/** "Unexpected token } in JSON at position 120" → the line and column a person can find. */
function jsonProblem(text: string, e: unknown): string {
  const m = /position (\d+)/.exec(String((e as Error).message));
  if (!m) return 'cú pháp JSON không đúng.';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return `cú pháp JSON không đúng ở dòng ${line}, cột ${before.length - before.lastIndexOf('\n')}.`;
}

export async function designerRoutes(app: FastifyInstance, deps: DesignerDeps): Promise<void> {
  const { db } = deps;
  const kit = designerKit(deps);
  const { gate, render, working } = kit;
  type Id = { Params: { id: string } };

  app.get(DESIGNER_STYLE, async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(STYLE));

  const list = async (req: Parameters<typeof render>[0], reply: Parameters<typeof render>[1], extra: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string } = {}, status = 200) => {
    const forms = await formsForList(db);
    return render(req, reply, (ctx) => FormListPage({ ctx, forms, ...extra }), status);
  };

  app.get<{ Querystring: { da?: string } }>(DESIGNER, { preHandler: gate }, async (req, reply) => list(req, reply, { notice: req.query.da === 'ngung' ? 'Đã ngừng dùng biểu mẫu.' : undefined }));

  // A new form from a service: the default form's blocks, under an id of the portal's own.
  app.post(
    DESIGNER,
    { preHandler: gate, schema: { body: pageBody({ service: text(20) }) } },
    async (req, reply) => {
      const code = String((req.body as { service?: string }).service ?? '').trim();
      const values = { service: code };
      const service = SERVICE_CODE.test(code) ? await getService(db, code) : undefined;
      if (!service) return list(req, reply, { values, errors: { service: kit.sentence({ code: 'NO_SERVICE', params: { code } }).message } }, 400);
      const formId = `tk-${code.replace(/\./g, '-')}`;
      if (await loadWorking(db, formId)) return list(req, reply, { values, errors: { service: kit.sentence({ code: 'FORM_EXISTS', params: { id: formId } }).message } }, 409);
      const document: FormDefinition = { ...defaultFormFor(service), id: formId, version: 1 };
      const saved = await saveDraftVersion(db, { formId, document, expectedRevision: null, actor: actorOf(req) });
      if (!saved.ok) return list(req, reply, { values, errors: { service: explain(FORM_PROBLEMS, saved.problem).message } }, explain(FORM_PROBLEMS, saved.problem).status);
      return reply.redirect(formPath(formId), 303);
    },
  );

  await editRoutes(app, deps, kit);
  await paperRoutes(app, db, kit);

  // The draft's definition, for the preview's enhancement script (and to download).
  app.get<Id>(`${DESIGNER}/:id/dinh-nghia.json`, { preHandler: gate }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    return reply.header('cache-control', 'private, no-store').header('content-disposition', `inline; filename="${w.formId}.json"`).send(w.doc);
  });

  // The live preview: the real e-form page, drawing the draft; its steps post back here and are checked for real.
  const preview = async (req: Parameters<typeof render>[0], reply: Parameters<typeof render>[1], w: NonNullable<Awaited<ReturnType<typeof working>>>, raw: Record<string, unknown>, step: number, errors = {}, status = 200) => {
    const s = w.doc.services[0] ? await getService(db, w.doc.services[0]) : undefined;
    const service = { code: s?.code ?? w.doc.services[0] ?? '', name: s?.name ?? w.doc.title, decidingAgency: s?.decidingAgency };
    const assets = { script: (await clientBundle()).url, style: STYLE_URL, definition: formPath(w.formId, `/dinh-nghia.json?lan=${w.revision ?? 0}`) };
    const ctx = await loadPageContext(req, deps);
    const notice = ctx.t('fdPreviewNotice', { revision: w.revision ?? 0 });
    return sendPage(reply, EFormPage({ ctx, def: w.doc, service, raw, step, errors, notice, assets, action: formPath(w.formId, '/xem-truoc') }), status);
  };

  app.get<Id & { Querystring: { buoc?: string } }>(`${DESIGNER}/:id/xem-truoc`, { preHandler: gate }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const asked = Number.parseInt(String(req.query.buoc ?? '1'), 10);
    return preview(req, reply, w, {}, Math.min(stepsOf(w.doc).length - 1, Math.max(0, Number.isFinite(asked) ? asked - 1 : 0)));
  });

  app.post<Id>(`${DESIGNER}/:id/xem-truoc`, { preHandler: gate }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const def = w.doc;
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
    const last = stepsOf(def).length - 1;
    const step = Math.min(last, Math.max(0, Number.parseInt(String(one(body._step) ?? '0'), 10) || 0));
    const raw = answersFromFormBody(def, body);
    const action = String(one(body._action) ?? 'tiep');
    if (action === 'lui') return preview(req, reply, w, raw, Math.max(0, step - 1));
    const onStep = new Set(stepsOf(def)[step]!.sections.flatMap((s) => s.fields.map((f) => f.id)));
    const errors = Object.fromEntries(Object.entries(validateAnswers(def, raw).errors).filter(([k]) => onStep.has(k.split('.')[0]!)));
    if (Object.keys(errors).length) return preview(req, reply, w, raw, step, errors, 400);
    return preview(req, reply, w, raw, Math.min(last, step + 1));
  });

  // The print preview: the draft through the paper renderer, blank.
  app.get<Id>(`${DESIGNER}/:id/ban-in.pdf`, { preHandler: gate }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const s = w.doc.services[0] ? await getService(db, w.doc.services[0]) : undefined;
    const pdf = await renderForm('pdf', { def: w.doc, addressee: s?.decidingAgency, serviceName: s?.name });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${w.doc.code}_${w.doc.slug}_XemTruoc.pdf"`).header('cache-control', 'private, no-store').send(pdf);
  });

  // The JSON view: the loader's message with the JSON path on a bad definition; nothing stored then.
  app.get<Id>(`${DESIGNER}/:id/json`, { preHandler: gate }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const text = JSON.stringify(w.doc, null, 2);
    return render(req, reply, (ctx) => JsonPage({ ctx, w, text, seen: JSON.stringify(w.doc) }));
  });

  app.post<Id>(
    `${DESIGNER}/:id/json`,
    { preHandler: gate, schema: { body: pageBody({ revision: REVISION, json: text(2_000_000), seen: text(2_000_000) }) } },
    async (req, reply) => {
      const w = await working(req, reply);
      if (!w) return reply;
      const { json: source = '', seen } = req.body as { json?: string; seen?: string };
      const again = (extra: { errors?: Record<string, string>; stale?: Parameters<typeof JsonPage>[0]['stale'] }, status: number) => render(req, reply, (ctx) => JsonPage({ ctx, w, text: source, seen: extra.stale ? JSON.stringify(w.doc) : (seen ?? ''), ...extra }), status);
      let parsed: unknown;
      try {
        parsed = JSON.parse(source);
      } catch (e) {
        return again({ errors: { json: kit.sentence({ code: 'BAD_JSON', params: { reason: jsonProblem(source, e) } }).message } }, 400);
      }
      const saved = await kit.save(req, w, parsed as FormDefinition);
      if (!saved.ok && 'stale' in saved) {
        let before: FormDefinition | undefined;
        try {
          before = seen ? (JSON.parse(seen) as FormDefinition) : undefined;
        } catch {
          before = undefined;
        }
        return again({ stale: { ...saved.stale, changes: before ? fieldChanges(before, w.doc) : undefined } }, 409);
      }
      if (!saved.ok) return again({ errors: { json: saved.invalid } }, 400);
      return reply.redirect(`${formPath(w.formId)}?lan=${saved.revision}`, 303);
    },
  );

  // Publish: the changes since the published version, then one press.
  app.get<Id & { Querystring: { da?: string } }>(`${DESIGNER}/:id/cong-bo`, { preHandler: gate }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const before = await publishedDocument(db, w);
    const ctx = await loadPageContext(req, deps);
    const notice = req.query.da === 'cong-bo' && w.published ? ctx.t('fdPublished', { v: w.published.version }) : undefined;
    return sendPage(reply, PublishPage({ ctx, w, changes: w.draft ? fieldChanges(before, w.doc) : [], formNotes: w.draft ? formChanges(before, w.doc) : [], notice }));
  });

  app.post<Id>(`${DESIGNER}/:id/cong-bo`, { preHandler: gate, schema: { body: pageBody({ revision: REVISION }) } }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const posted = (req.body as { revision?: string }).revision;
    // What was reviewed is what gets published: a draft saved since the page was opened is not.
    if (!w.draft || String(w.draft.revision) !== posted) {
      const before = await publishedDocument(db, w);
      const ctx = await loadPageContext(req, deps);
      const error = w.draft ? ctx.t('fdStaleTitle', { time: noticeTime(w.draft.updatedAt) }) : ctx.t('fdNoDraft');
      return sendPage(reply, PublishPage({ ctx, w, changes: w.draft ? fieldChanges(before, w.doc) : [], formNotes: w.draft ? formChanges(before, w.doc) : [], error }), 409);
    }
    const done = await publishDraft(db, w.formId, actorOf(req));
    deps.forms?.refresh();
    if (!done.ok) return kit.message(req, reply, 404, 'Không có bản nháp', explain(FORM_PROBLEMS, done.problem).message);
    return reply.redirect(`${formPath(w.formId, '/cong-bo')}?da=cong-bo`, 303);
  });

  app.post<Id>(`${DESIGNER}/:id/ngung-dung`, { preHandler: gate, schema: { body: pageBody({}) } }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const done = await retireForm(db, w.formId, actorOf(req));
    deps.forms?.refresh();
    if (!done.ok) return kit.message(req, reply, 404, 'Biểu mẫu không đang được dùng', explain(FORM_PROBLEMS, done.problem).message);
    return reply.redirect(`${DESIGNER}?da=ngung`, 303);
  });
}
