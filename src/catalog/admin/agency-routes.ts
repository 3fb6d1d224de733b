// Agency administration (A5, V2): /quan-tri/co-quan shows the tree an administrator covers —
// province, departments, the public-service centre and branches, communes and wards — with each
// unit's address, contacts, hours, data sharing, successor and staff; a unit's page edits it.
import type { FastifyInstance } from 'fastify';
import { accountNamed, actorOf, addMembership, audit, can, GATES, guards, membersOf, normalizeUsername, refusePage, removeMembership, staffOf } from '../../identity/index.ts';
import { LINE, pageBody, ID } from '../../web/page-body.ts';
import { explain } from '../../web/problem.ts';
import { loadPageContext, sendPage, type WebDeps } from '../../web/routes.ts';
import { MessagePage } from '../../web/views/message.tsx';
import { mayEditPlace, readAgencyForm } from './model.ts';
import { CATALOG_ADMIN_PROBLEMS } from './problems.ts';
import { agenciesIn, allAgencies, saveAgency } from './store.ts';
import { AgenciesPage, AgencyAdminPage } from './views/agencies.tsx';
import { AGENCY_ADMIN, agencyPath } from './views/parts.tsx';

const MEMBER_BODY = pageBody({ member: ID });
const AGENCY_BODY = pageBody({ address: LINE, phone: LINE, email: LINE, openingHours: LINE, sharesData: ID, replacedBy: ID });

export async function agencyAdminRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const { db } = deps;
  const onlyAdmin = guards(deps).page(GATES.admin);

  app.get(AGENCY_ADMIN, { preHandler: onlyAdmin }, async (req, reply) => {
    const tree = [...actorOf(req).agencies];
    const [agencies, staff, all] = await Promise.all([agenciesIn(db, tree), staffOf(db, tree), allAgencies(db)]);
    return sendPage(reply, AgenciesPage({ ctx: await loadPageContext(req, deps), agencies, staff, names: new Map(all.map((a) => [a.code, a.name])) }));
  });

  const render = async (req: Parameters<typeof refusePage>[0], reply: Parameters<typeof refusePage>[1], code: string, view: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string } = {}, status = 200) => {
    const ctx = await loadPageContext(req, deps);
    const [agency] = await agenciesIn(db, [code]);
    if (!agency) return sendPage(reply, MessagePage({ ctx, title: ctx.t('notFoundTitle'), body: explain(CATALOG_ADMIN_PROBLEMS, { code: 'AGENCY_UNKNOWN' }, ctx.locale).message }), 404);
    if (!mayEditPlace(actorOf(req), code)) return refusePage(req, reply, deps, explain(CATALOG_ADMIN_PROBLEMS, { code: 'AGENCY_OUT_OF_SCOPE' }, ctx.locale).message);
    const [staff, members, all] = await Promise.all([staffOf(db, [code]), membersOf(db, code), allAgencies(db)]);
    return sendPage(reply, AgencyAdminPage({ ctx, agency, staff, members, all, ...view }), status);
  };

  app.get<{ Params: { code: string }; Querystring: { luu?: string } }>(`${AGENCY_ADMIN}/:code`, { preHandler: onlyAdmin }, async (req, reply) => {
    const saved = req.query.luu === '1' ? (await loadPageContext(req, deps)).t('caSaved') : undefined;
    return render(req, reply, req.params.code, { notice: saved });
  });

  app.post<{ Params: { code: string } }>(`${AGENCY_ADMIN}/:code`, { preHandler: onlyAdmin, schema: { body: AGENCY_BODY } }, async (req, reply) => {
    const actor = actorOf(req);
    const code = req.params.code;
    const all = await allAgencies(db);
    if (!all.some((a) => a.code === code) || !mayEditPlace(actor, code)) return render(req, reply, code);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { fields, problems } = readAgencyForm(body, code, new Set(all.map((a) => a.code)));
    if (Object.keys(problems).length) {
      const locale = (await loadPageContext(req, deps)).locale;
      const errors = Object.fromEntries(Object.entries(problems).map(([f, p]) => [f, explain(CATALOG_ADMIN_PROBLEMS, p, locale).message]));
      const values = Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>;
      return render(req, reply, code, { values, errors }, 400);
    }
    await saveAgency(db, code, fields, { actor, ip: req.ip });
    return reply.redirect(`${agencyPath(code)}?luu=1`, 303);
  });

  // Officers in several units (A5): a staff account of this administrator's tree also works here.
  app.post<{ Params: { code: string } }>(`${AGENCY_ADMIN}/:code/thanh-vien`, { preHandler: onlyAdmin, schema: { body: MEMBER_BODY } }, async (req, reply) => {
    const actor = actorOf(req);
    const code = req.params.code;
    if (!mayEditPlace(actor, code)) return render(req, reply, code);
    const username = normalizeUsername(String((req.body as Record<string, unknown> | undefined)?.member ?? '').slice(0, 40));
    const target = username ? await accountNamed(db, username) : undefined;
    const staff = target && target.role !== 'citizen' && can(actor, 'staff.manage', { agencyCode: target.agencyCode });
    const added = staff && target.agencyCode !== code && (await addMembership(db, target.id, code, actor.username));
    if (!added) {
      const locale = (await loadPageContext(req, deps)).locale;
      const message = explain(CATALOG_ADMIN_PROBLEMS, { code: staff ? 'MEMBER_ALREADY' : 'MEMBER_UNKNOWN' }, locale).message;
      return render(req, reply, code, { values: { member: username }, errors: { member: message } }, 400);
    }
    await audit(db, { actor, action: 'staff-membership-add', targetType: 'account', targetId: target.id, agencyCode: code, ip: req.ip });
    return reply.redirect(`${agencyPath(code)}?luu=1`, 303);
  });

  app.post<{ Params: { code: string } }>(`${AGENCY_ADMIN}/:code/thanh-vien/xoa`, { preHandler: onlyAdmin, schema: { body: MEMBER_BODY } }, async (req, reply) => {
    const actor = actorOf(req);
    const code = req.params.code;
    if (!mayEditPlace(actor, code)) return render(req, reply, code);
    const target = await accountNamed(db, normalizeUsername(String((req.body as Record<string, unknown> | undefined)?.member ?? '').slice(0, 40)));
    if (target && (await removeMembership(db, target.id, code))) {
      await audit(db, { actor, action: 'staff-membership-remove', targetType: 'account', targetId: target.id, agencyCode: code, ip: req.ip });
    }
    return reply.redirect(`${agencyPath(code)}?luu=1`, 303);
  });
}
