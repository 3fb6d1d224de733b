// Catalog administration (C1, C4, A5): /quan-tri/danh-muc finds a procedure, edits its published
// fields beside the legal name (Art. 6.3), its places and their overrides, and takes online
// applications offline for a period with a reason citizens read. An administrator edits the
// procedure when its tree holds the lead agency, and only the places of its own tree.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, GATES, guards, refusePage, type Actor } from '../../identity/index.ts';
import { ID, LINE, pageBody, PARAGRAPH, text, texts } from '../../web/page-body.ts';
import { explain } from '../../web/problem.ts';
import { loadPageContext, sendPage, type WebDeps } from '../../web/routes.ts';
import type { FieldErrors } from '../../web/components/form.tsx';
import { MessagePage } from '../../web/views/message.tsx';
import { implementationAt, implementationsOf } from '../implementations.ts';
import { mayEditPlace, mayEditService, readOfflineForm, readPlaceForm, readServiceForm, str, type CatalogAdminProblem, type Problems } from './model.ts';
import { CATALOG_ADMIN_PROBLEMS } from './problems.ts';
import { addPlace, agenciesIn, findServices, removePlace, saveServiceFields, savePlace, serviceForEdit, setOffline, type Acting } from './store.ts';
import { CatalogAdminPage } from './views/catalog.tsx';
import { CATALOG_ADMIN, placePath, servicePath } from './views/parts.tsx';
import { PlaceAdminPage } from './views/place.tsx';
import { ServiceAdminPage } from './views/service.tsx';

/** Procedures listed at most; more than that asks for a search. */
const LIST_LIMIT = 50;

type Params = { code: string };
type PlaceParams = { code: string; agency: string };
type View = { values?: Record<string, string>; errors?: FieldErrors; notice?: string };

const SERVICE_BODY = pageBody({ name: LINE, timeLimitDays: ID, timeLimitText: LINE, level: ID, steps: PARAGRAPH, fees: PARAGRAPH, componentName: texts(500), componentOriginal: texts(10), componentCopy: texts(10) });
const PLACE_BODY = pageBody({ timeLimitDays: ID, level: ID, fees: PARAGRAPH, receivingAddress: LINE, openingHours: LINE, formId: ID, online: ID });
const OFFLINE_BODY = pageBody({ where: ID, from: ID, until: ID, reason: text(2000), resume: ID });

/** The form as sent, one string per field (lists with their index), to show it again with its errors. */
function sent(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (Array.isArray(v)) v.forEach((x, i) => (out[`${k}${i}`] = String(x)));
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export async function catalogAdminRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const { db } = deps;
  const onlyAdmin = guards(deps).page(GATES.admin);
  const acting = (req: FastifyRequest): Acting => ({ actor: actorOf(req), ip: req.ip });
  const errorsOf = (problems: Problems, locale: 'vi' | 'en'): FieldErrors =>
    Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, explain(CATALOG_ADMIN_PROBLEMS, p, locale).message]));
  const notFound = async (req: FastifyRequest, reply: FastifyReply) => {
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, MessagePage({ ctx, title: ctx.t('notFoundTitle'), body: explain(CATALOG_ADMIN_PROBLEMS, { code: 'SERVICE_NOT_FOUND' }, ctx.locale).message }), 404);
  };
  const refuse = async (req: FastifyRequest, reply: FastifyReply, code: CatalogAdminProblem) =>
    refusePage(req, reply, deps, explain(CATALOG_ADMIN_PROBLEMS, { code }, (await loadPageContext(req, deps)).locale).message);

  const renderService = async (req: FastifyRequest, reply: FastifyReply, actor: Actor, code: string, view: View = {}, status = 200) => {
    const service = await serviceForEdit(db, code);
    if (!service) return notFound(req, reply);
    const [places, tree] = await Promise.all([implementationsOf(db, code), agenciesIn(db, actor.agencies)]);
    const taken = new Set(places.map((p) => p.agency.code));
    const addable = tree.filter((a) => !taken.has(a.code) && !a.replacedBy).map((a) => ({ code: a.code, name: a.name }));
    const ctx = await loadPageContext(req, deps);
    return sendPage(
      reply,
      ServiceAdminPage({ ctx, service, editable: mayEditService(actor, service.leadAgency), places: places.map((p) => ({ ...p, editable: mayEditPlace(actor, p.agency.code) })), addable, ...view }),
      status,
    );
  };

  app.get<{ Querystring: { q?: string } }>(CATALOG_ADMIN, { preHandler: onlyAdmin }, async (req, reply) => {
    const q = String(req.query.q ?? '')
      .trim()
      .slice(0, 200);
    const rows = await findServices(db, q, LIST_LIMIT);
    return sendPage(reply, CatalogAdminPage({ ctx: await loadPageContext(req, deps), q, rows, limit: LIST_LIMIT }));
  });

  app.get<{ Params: Params; Querystring: { luu?: string } }>(`${CATALOG_ADMIN}/:code`, { preHandler: onlyAdmin }, async (req, reply) => {
    const key = savedNotice(req.query.luu);
    return renderService(req, reply, actorOf(req), req.params.code, { notice: key && (await loadPageContext(req, deps)).t(key) });
  });

  app.post<{ Params: Params }>(`${CATALOG_ADMIN}/:code`, { preHandler: onlyAdmin, schema: { body: SERVICE_BODY } }, async (req, reply) => {
    const actor = actorOf(req);
    const service = await serviceForEdit(db, req.params.code);
    if (!service) return notFound(req, reply);
    if (!mayEditService(actor, service.leadAgency)) return refuse(req, reply, 'SERVICE_OUT_OF_SCOPE');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { change, problems } = readServiceForm(body, service.fields);
    if (Object.keys(problems).length) {
      const ctx = await loadPageContext(req, deps);
      return renderService(req, reply, actor, service.code, { values: sent(body), errors: errorsOf(problems, ctx.locale) }, 400);
    }
    await saveServiceFields(db, service.code, change, acting(req));
    return reply.redirect(`${servicePath(service.code)}?luu=${Object.keys(change).length ? '1' : '0'}`, 303);
  });

  app.post<{ Params: Params }>(`${CATALOG_ADMIN}/:code/noi-thuc-hien`, { preHandler: onlyAdmin, schema: { body: pageBody({ agency: ID }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const code = req.params.code;
    if (!(await serviceForEdit(db, code))) return notFound(req, reply);
    const agency = str((req.body ?? {}) as Record<string, unknown>, 'agency');
    const known = (await agenciesIn(db, [agency])).length > 0;
    const outcome = !known ? ({ ok: false, problem: { code: 'AGENCY_UNKNOWN' } } as const) : !mayEditPlace(actor, agency) ? ({ ok: false, problem: { code: 'AGENCY_OUT_OF_SCOPE' } } as const) : await addPlace(db, code, agency, acting(req));
    if (!outcome.ok) {
      const ctx = await loadPageContext(req, deps);
      const p = explain(CATALOG_ADMIN_PROBLEMS, outcome.problem, ctx.locale);
      return renderService(req, reply, actor, code, { values: { agency }, errors: { agency: p.message } }, p.status);
    }
    return reply.redirect(`${placePath(code, agency)}?luu=1`, 303);
  });

  app.post<{ Params: Params }>(`${CATALOG_ADMIN}/:code/tam-ngung`, { preHandler: onlyAdmin, schema: { body: OFFLINE_BODY } }, async (req, reply) => {
    const actor = actorOf(req);
    const code = req.params.code;
    if (!(await serviceForEdit(db, code))) return notFound(req, reply);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const where = str(body, 'where') || '*';
    const mine = (await implementationsOf(db, code)).filter((p) => mayEditPlace(actor, p.agency.code)).map((p) => p.agency.code);
    if (where !== '*' && !mine.includes(where)) return refuse(req, reply, 'AGENCY_OUT_OF_SCOPE');
    const places = where === '*' ? mine : [where];
    if (str(body, 'resume') === 'yes') {
      await setOffline(db, code, places, null, acting(req));
      return reply.redirect(`${servicePath(code)}?luu=1`, 303);
    }
    const { period, problems } = readOfflineForm(body);
    if (!period) {
      const ctx = await loadPageContext(req, deps);
      return renderService(req, reply, actor, code, { values: sent(body), errors: errorsOf(problems, ctx.locale) }, 400);
    }
    await setOffline(db, code, places, period, acting(req));
    return reply.redirect(`${servicePath(code)}?luu=1`, 303);
  });

  const renderPlace = async (req: FastifyRequest<{ Params: PlaceParams }>, reply: FastifyReply, view: View = {}, status = 200) => {
    const actor = actorOf(req);
    const { code, agency } = req.params;
    const [service, place] = await Promise.all([serviceForEdit(db, code), implementationAt(db, code, agency)]);
    if (!service || !place) return notFound(req, reply);
    if (!mayEditPlace(actor, agency)) return refuse(req, reply, 'AGENCY_OUT_OF_SCOPE');
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, PlaceAdminPage({ ctx, service: { code, name: service.fields.name, leadAgency: service.leadAgency, timeLimitDays: service.fields.timeLimitDays }, place, ...view }), status);
  };

  app.get<{ Params: PlaceParams; Querystring: { luu?: string } }>(`${CATALOG_ADMIN}/:code/noi-thuc-hien/:agency`, { preHandler: onlyAdmin }, async (req, reply) => {
    const key = savedNotice(req.query.luu);
    return renderPlace(req, reply, { notice: key && (await loadPageContext(req, deps)).t(key) });
  });

  app.post<{ Params: PlaceParams }>(`${CATALOG_ADMIN}/:code/noi-thuc-hien/:agency`, { preHandler: onlyAdmin, schema: { body: PLACE_BODY } }, async (req, reply) => {
    const { code, agency } = req.params;
    if (!mayEditPlace(actorOf(req), agency)) return refuse(req, reply, 'AGENCY_OUT_OF_SCOPE');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { change, problems } = readPlaceForm(body);
    if (Object.keys(problems).length) {
      const ctx = await loadPageContext(req, deps);
      return renderPlace(req, reply, { values: sent(body), errors: errorsOf(problems, ctx.locale) }, 400);
    }
    const saved = await savePlace(db, code, agency, change, acting(req));
    if (!saved.ok) return notFound(req, reply);
    return reply.redirect(`${placePath(code, agency)}?luu=${saved.value.length ? '1' : '0'}`, 303);
  });

  app.post<{ Params: PlaceParams }>(`${CATALOG_ADMIN}/:code/noi-thuc-hien/:agency/xoa`, { preHandler: onlyAdmin, schema: { body: pageBody({}) } }, async (req, reply) => {
    const { code, agency } = req.params;
    if (!mayEditPlace(actorOf(req), agency)) return refuse(req, reply, 'AGENCY_OUT_OF_SCOPE');
    const removed = await removePlace(db, code, agency, acting(req));
    if (!removed.ok) {
      if (removed.problem.code === 'PLACE_NOT_FOUND') return notFound(req, reply);
      const ctx = await loadPageContext(req, deps);
      return renderPlace(req, reply, { errors: { form: explain(CATALOG_ADMIN_PROBLEMS, removed.problem, ctx.locale).message } }, 400);
    }
    return reply.redirect(`${servicePath(code)}?luu=1`, 303);
  });
}

/** ?luu=1 after a change was saved, ?luu=0 when the form changed nothing. */
function savedNotice(luu: string | undefined): 'caSaved' | 'caNoChange' | undefined {
  return luu === '1' ? 'caSaved' : luu === '0' ? 'caNoChange' : undefined;
}
