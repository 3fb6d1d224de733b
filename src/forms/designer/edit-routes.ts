// The designer's outline and its edits (F1): every edit a plain HTML form POST with a declared body,
// applied by a pure function of ./edit.ts or ./steps.ts and saved as the draft's next revision. A
// refusal re-shows the page with the reason and what was typed; a stale revision stores nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '../../web/problem.ts';
import type { FieldType, FormDefinition } from '../model.ts';
import { fieldChanges } from './diff.ts';
import { addField, addSection, findField, moveField, moveSection, removeField, removeSection, updateField, updateSection } from './edit.ts';
import { isFieldType, parseOptions, readFieldBody, text, type Body } from './field-body.ts';
import { pageBody, text as chars, type PageBodySchema } from '../../web/page-body.ts';
import { REVISION, type designerKit, type DesignerDeps } from './kit.ts';
import type { DesignerProblemCode } from './problems.ts';
import { addStep, moveStep, removeStep, renameStep } from './steps.ts';
import { EditorPage, type EditorProps } from './views/editor.tsx';
import { fieldValues, FieldPage } from './views/field.tsx';
import { DESIGNER, formPath, type Stale } from './views/parts.tsx';
import { SectionPage } from './views/section.tsx';
import type { Working } from './working.ts';

const OPS = ['section-up', 'section-down', 'section-remove', 'field-up', 'field-down', 'field-remove', 'step-up', 'step-down', 'step-remove'] as const;
type Op = (typeof OPS)[number];

const body = (req: FastifyRequest) => (req.body && typeof req.body === 'object' ? req.body : {}) as Body;
const schema = (properties: Parameters<typeof pageBody>[0], open = false): { body: PageBodySchema } => ({ body: pageBody({ revision: REVISION, ...properties }, { open }) });
const short = chars(500);
const long = chars(20000);

function apply(def: FormDefinition, op: Op, target: string) {
  const [kind, verb] = op.split('-') as ['section' | 'field' | 'step', 'up' | 'down' | 'remove'];
  const by = verb === 'up' ? -1 : 1;
  if (kind === 'section') return verb === 'remove' ? removeSection(def, target) : moveSection(def, target, by);
  if (kind === 'field') return verb === 'remove' ? removeField(def, target) : moveField(def, target, by);
  return verb === 'remove' ? removeStep(def, target) : moveStep(def, target, by);
}

export async function editRoutes(app: FastifyInstance, _deps: DesignerDeps, kit: ReturnType<typeof designerKit>): Promise<void> {
  const { gate, render, working, save } = kit;
  type Id = { Params: { id: string } };
  type Reply = FastifyReply;

  const editor = (req: FastifyRequest, reply: Reply, w: Working, extra: Omit<EditorProps, 'ctx' | 'w'> = {}, status = 200) => render(req, reply, (ctx) => EditorPage({ ctx, w, ...extra }), status);
  const refused = (req: FastifyRequest, reply: Reply, w: Working, problem: Problem, values: Record<string, string> = {}) => {
    const p = kit.sentence(problem as Problem<DesignerProblemCode>, req);
    return editor(req, reply, w, { errors: { [problem.field ?? 'form']: p.message }, values }, p.status);
  };

  /** Saves and goes back to the outline; a stale or invalid save re-shows it with the reason and the values. */
  const saveThen = async (req: FastifyRequest, reply: Reply, w: Working, next: FormDefinition, values: Record<string, string> = {}, to = formPath(w.formId)) => {
    const saved = await save(req, w, next);
    if (saved.ok) return reply.redirect(`${to}?lan=${saved.revision}`, 303);
    if ('stale' in saved) return editor(req, reply, w, { stale: saved.stale, values }, 409);
    return editor(req, reply, w, { errors: { form: saved.invalid }, values }, 400);
  };

  app.get<Id & { Querystring: { lan?: string } }>(`${DESIGNER}/:id`, { preHandler: gate }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const lan = /^\d{1,9}$/.test(req.query.lan ?? '') ? req.query.lan : undefined;
    return render(req, reply, (ctx) => EditorPage({ ctx, w, notice: lan ? ctx.t('fdSaved', { revision: lan }) : undefined }));
  });

  // Move up, move down, remove: a section, a field (or a group's field), a step.
  app.post<Id>(`${DESIGNER}/:id/thao-tac`, { preHandler: gate, schema: schema({ op: chars(40), target: chars(200) }) }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const { op = '', target = '' } = req.body as { op?: string; target?: string };
    if (!(OPS as readonly string[]).includes(op)) return refused(req, reply, w, { code: 'UNKNOWN_OP' });
    const next = apply(w.doc, op as Op, target);
    if (!next.ok) return refused(req, reply, w, next.problem);
    return saveThen(req, reply, w, next.value);
  });

  app.post<Id>(`${DESIGNER}/:id/phan`, { preHandler: gate, schema: schema({ title: short, help: long, type: short, label: short }) }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const b = body(req);
    const values = { title: text(b, 'title', 300), help: text(b, 'help', 1000), type: text(b, 'type', 40), label: text(b, 'label', 500) };
    const problems: Record<string, Problem<DesignerProblemCode>> = {};
    if (!values.title) problems.title = { code: 'NO_TITLE' };
    if (!values.label) problems.label = { code: 'NO_LABEL' };
    if (!isFieldType(values.type)) problems.type = { code: 'UNKNOWN_TYPE' };
    if (Object.keys(problems).length) return editor(req, reply, w, { errors: kit.worded(req, problems), values }, 400);
    const next = addSection(w.doc, { title: values.title, help: values.help, first: { type: values.type as FieldType, label: values.label } });
    if (!next.ok) return refused(req, reply, w, next.problem, values);
    return saveThen(req, reply, w, next.value, values);
  });

  app.post<Id>(`${DESIGNER}/:id/buoc`, { preHandler: gate, schema: schema({ stepTitle: short, stepAt: short }) }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const b = body(req);
    const values = { stepTitle: text(b, 'stepTitle', 200), stepAt: text(b, 'stepAt', 100) };
    if (!values.stepTitle) return editor(req, reply, w, { errors: kit.worded(req, { stepTitle: { code: 'NO_TITLE' } }), values }, 400);
    const next = addStep(w.doc, { title: values.stepTitle, at: values.stepAt });
    if (!next.ok) return refused(req, reply, w, { ...next.problem, field: 'stepAt' }, values);
    return saveThen(req, reply, w, next.value, values);
  });

  app.post<Id & { Params: { step: string } }>(`${DESIGNER}/:id/buoc/:step`, { preHandler: gate, schema: schema({ title: short }) }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const title = text(body(req), 'title', 200);
    if (!title) return refused(req, reply, w, { code: 'NO_TITLE' });
    const next = renameStep(w.doc, req.params.step, title);
    if (!next.ok) return refused(req, reply, w, next.problem);
    return saveThen(req, reply, w, next.value);
  });

  // A section's page: its title and guidance, and adding a field to it.
  type Sec = Id & { Params: { section: string } };
  const sectionPage = async (req: FastifyRequest<Sec>, reply: Reply, w: Working, extra: { errors?: Record<string, string>; values?: Record<string, string>; stale?: Stale } = {}, status = 200) => {
    const section = w.doc.sections.find((s) => s.id === req.params.section);
    if (!section) return refused(req, reply, w, { code: 'SECTION_NOT_FOUND', params: { id: req.params.section.slice(0, 64) } });
    const components = await kit.components(w.doc);
    return render(req, reply, (ctx) => SectionPage({ ctx, w, section, components, ...extra }), status);
  };

  app.get<Sec>(`${DESIGNER}/:id/phan/:section`, { preHandler: gate }, async (req, reply) => {
    const w = await working(req, reply);
    return w ? sectionPage(req, reply, w) : reply;
  });

  app.post<Sec>(`${DESIGNER}/:id/phan/:section`, { preHandler: gate, schema: schema({ sectionTitle: short, sectionHelp: long }) }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const values = { sectionTitle: text(body(req), 'sectionTitle', 300), sectionHelp: text(body(req), 'sectionHelp', 1000) };
    if (!values.sectionTitle) return sectionPage(req, reply, w, { errors: kit.worded(req, { sectionTitle: { code: 'NO_TITLE' } }), values }, 400);
    const next = updateSection(w.doc, req.params.section, { title: values.sectionTitle, help: values.sectionHelp });
    if (!next.ok) return refused(req, reply, w, next.problem);
    const saved = await save(req, w, next.value);
    if (saved.ok) return reply.redirect(`${formPath(w.formId)}?lan=${saved.revision}`, 303);
    return sectionPage(req, reply, w, { values, ...('stale' in saved ? { stale: saved.stale } : { errors: { form: saved.invalid } }) }, 'stale' in saved ? 409 : 400);
  });

  app.post<Sec>(
    `${DESIGNER}/:id/phan/:section/truong`,
    { preHandler: gate, schema: schema({ group: short, type: short, label: short, id: short, help: long, required: chars(10), options: long, component: short }) },
    async (req, reply) => {
      const w = await working(req, reply);
      if (!w) return reply;
      const b = body(req);
      const values = Object.fromEntries(['group', 'type', 'label', 'id', 'help', 'required', 'options', 'component'].map((k) => [k, text(b, k, k === 'options' ? 20000 : 1000)]));
      const problems: Record<string, Problem<DesignerProblemCode>> = {};
      if (!values.label) problems.label = { code: 'NO_LABEL' };
      if (!isFieldType(values.type!)) problems.type = { code: 'UNKNOWN_TYPE' };
      if (values.id && !/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/.test(values.id)) problems.id = { code: 'BAD_ID' };
      if (values.type === 'attachment' && !values.component) problems.component = { code: 'NO_COMPONENT' };
      if (Object.keys(problems).length) return sectionPage(req, reply, w, { errors: kit.worded(req, problems), values }, 400);
      const input = { type: values.type as FieldType, label: values.label!, id: values.id, help: values.help, required: values.required === 'true', options: parseOptions(values.options ?? ''), component: values.component };
      const next = addField(w.doc, req.params.section, input, values.group || undefined);
      if (!next.ok) {
        const p = kit.sentence(next.problem, req);
        return sectionPage(req, reply, w, { errors: { [next.problem.field ?? 'form']: p.message }, values }, p.status);
      }
      const saved = await save(req, w, next.value);
      if (saved.ok) return reply.redirect(`${formPath(w.formId)}?lan=${saved.revision}`, 303);
      return sectionPage(req, reply, w, { values, ...('stale' in saved ? { stale: saved.stale } : { errors: { form: saved.invalid } }) }, 'stale' in saved ? 409 : 400);
    },
  );

  // A field's page: everything of one field. A stale save says what changed in that field.
  type Ref = Id & { Params: { ref: string } };
  const fieldPage = async (req: FastifyRequest<Ref>, reply: Reply, w: Working, values?: Record<string, string>, extra: { errors?: Record<string, string>; stale?: Stale } = {}, status = 200) => {
    const place = findField(w.doc, req.params.ref);
    if (!place) return refused(req, reply, w, { code: 'FIELD_NOT_FOUND', params: { ref: req.params.ref.slice(0, 130) } });
    const components = await kit.components(w.doc);
    return render(req, reply, (ctx) => FieldPage({ ctx, w, place, refName: req.params.ref, components, values: values ?? fieldValues(place.field), ...extra }), status);
  };

  app.get<Ref>(`${DESIGNER}/:id/truong/:ref`, { preHandler: gate }, async (req, reply) => {
    const w = await working(req, reply);
    return w ? fieldPage(req, reply, w) : reply;
  });

  // Open: a field's page names its comparison rows by number (cmp-0-op, cmp-1-field, …).
  app.post<Ref>(`${DESIGNER}/:id/truong/:ref`, { preHandler: gate, schema: schema({ seen: long, label: short, help: long, type: short, required: chars(10), options: long, component: short, 'show-values': long, 'require-values': long }, true) }, async (req, reply) => {
    const w = await working(req, reply);
    if (!w) return reply;
    const place = findField(w.doc, req.params.ref);
    if (!place) return refused(req, reply, w, { code: 'FIELD_NOT_FOUND', params: { ref: req.params.ref.slice(0, 130) } });
    const b = body(req);
    const values = Object.fromEntries(Object.entries(b).filter(([k]) => k !== '_csrf' && k !== 'seen' && k !== 'revision').map(([k, v]) => [k, text({ v }, 'v', 20000)]));
    const { changes, errors } = readFieldBody(b, place.field);
    if (Object.keys(errors).length) return fieldPage(req, reply, w, values, { errors: kit.worded(req, errors) }, 400);
    const next = updateField(w.doc, req.params.ref, changes);
    if (!next.ok) return fieldPage(req, reply, w, values, { errors: { [next.problem.field ?? 'form']: kit.sentence(next.problem, req).message } }, 400);
    const saved = await save(req, w, next.value);
    if (saved.ok) return reply.redirect(`${formPath(w.formId)}?lan=${saved.revision}`, 303);
    if ('stale' in saved) {
      // What changed in this field since the page was opened: the field as it was seen against now.
      let seen: unknown;
      try {
        seen = JSON.parse(text(b, 'seen', 20000));
      } catch {
        seen = undefined;
      }
      const wrap = (f: unknown) => ({ ...w.doc, sections: [{ id: 'x', title: 'x', fields: f ? [f] : [] }] }) as FormDefinition;
      const changes = seen ? fieldChanges(wrap(seen), wrap(place.field)) : undefined;
      return fieldPage(req, reply, w, values, { stale: { ...saved.stale, changes } }, 409);
    }
    return fieldPage(req, reply, w, values, { errors: { form: saved.invalid } }, 400);
  });
}
