// Administrators: staff accounts of their tree and the audit log (S1, S5).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../db/index.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { loadPageContext, sendPage, type WebDeps } from '../web/routes.ts';
import { pageContext } from '../web/page-context.ts';
import { ID, LINE, pageBody } from '../web/page-body.ts';
import type { Problem } from '../web/problem.ts';
import { can, normalizeUsername, passwordCheck, STAFF_ROLES, usernameCheck, type Actor, type Role } from './model.ts';
import { identityErrors, identityText, type IdentityProblem } from './problems.ts';
import { audit, createAccount, DuplicateAccountError, resetPassword } from './store.ts';
import { AuditPage } from './views/audit.tsx';
import { accountNamed, agencyNames, auditEntries, isTopAgency, staffOf } from './admin-store.ts';
import { actorOf, GATES, guards, type Gate } from './guards.ts';
import { StaffPage } from './views/staff.tsx';
import { mergeRoutes } from './merge-routes.ts';

/** Administrators of an agency: its staff accounts and the audit log. */
const STAFF_ADMIN: Gate = { ...GATES.admin, refusal: identityText({ code: 'GATE_AGENCY_ADMIN' }), problem: 'GATE_AGENCY_ADMIN' };

export async function adminRoutes(app: FastifyInstance, deps: WebDeps & { db: DB }): Promise<void> {
  const { db } = deps;

  const onlyAdmin = guards(deps).page(STAFF_ADMIN);
  await mergeRoutes(app, deps, STAFF_ADMIN);

  const render = async (req: FastifyRequest, reply: FastifyReply, actor: Actor, extra: { values?: Record<string, string>; errors?: FieldErrors; notice?: string } = {}, status = 200) => {
    const tree = [...actor.agencies];
    const [staff, agencies] = await Promise.all([staffOf(db, tree), agencyNames(db, tree)]);
    return sendPage(reply, StaffPage({ ctx: await loadPageContext(req, deps), staff, agencies, ...extra }), status);
  };

  app.get<{ Querystring: { tao?: string } }>('/quan-tri/can-bo', { preHandler: onlyAdmin }, async (req, reply) => {
    const actor = actorOf(req);
    return render(req, reply, actor, { notice: req.query.tao ? `Đã tạo tài khoản ${req.query.tao.slice(0, 40)}.` : undefined });
  });

  app.post('/quan-tri/can-bo', { preHandler: onlyAdmin, schema: { body: pageBody({ fullName: LINE, username: LINE, password: LINE, role: ID, agency: ID }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = Object.fromEntries(['fullName', 'username', 'password', 'role', 'agency'].map((k) => [k, typeof body[k] === 'string' ? (body[k] as string).trim().slice(0, 200) : '']));
    const problems: Record<string, Problem<IdentityProblem> | undefined> = {
      fullName: v.fullName ? undefined : { code: 'FULL_NAME_MISSING' },
      username: usernameCheck(normalizeUsername(v.username!)),
      password: passwordCheck(v.password!, v.username),
      role: STAFF_ROLES.includes(v.role as Role) ? undefined : { code: 'ROLE_NOT_STAFF' },
      // The rule, not the form, decides: the agency must be inside this administrator's tree.
      agency: can(actor, 'staff.manage', { agencyCode: v.agency }) ? undefined : { code: 'AGENCY_OUT_OF_SCOPE' },
    };
    if (!Object.values(problems).some(Boolean)) {
      try {
        const id = await createAccount(db, { username: v.username!, password: v.password!, fullName: v.fullName!, role: v.role as Role, agencyCode: v.agency! });
        await audit(db, { actor, action: 'staff-create', targetType: 'account', targetId: id, agencyCode: v.agency!, ip: req.ip, details: { role: v.role } });
        return reply.redirect(`/quan-tri/can-bo?tao=${encodeURIComponent(normalizeUsername(v.username!))}`, 303);
      } catch (err) {
        if (!(err instanceof DuplicateAccountError)) throw err;
        problems[err.field] = err.problem;
      }
    }
    return render(req, reply, actor, { values: { ...v, password: '' }, errors: identityErrors(problems, pageContext(req, deps.portal).locale) }, 400);
  });

  // Until password reset by email exists, a person who forgot the password asks an administrator:
  // staff of the administrator's tree, and citizens for the administrator of a ministry/province.
  app.post('/quan-tri/dat-lai-mat-khau', { preHandler: onlyAdmin, schema: { body: pageBody({ resetUsername: LINE, resetPassword: LINE }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = normalizeUsername(String(body.resetUsername ?? '').slice(0, 40));
    const password = String(body.resetPassword ?? '').slice(0, 200);
    const target = await accountNamed(db, username);
    const allowed = target && (target.role === 'citizen' ? !!actor.agencyCode && (await isTopAgency(db, actor.agencyCode)) : can(actor, 'staff.manage', { agencyCode: target.agencyCode }));
    const problems = { resetUsername: allowed ? undefined : ({ code: 'ACCOUNT_OUT_OF_SCOPE' } as const), resetPassword: passwordCheck(password, username) };
    if (problems.resetUsername || problems.resetPassword) return render(req, reply, actor, { errors: identityErrors(problems, pageContext(req, deps.portal).locale) }, 400);
    await resetPassword(db, target!.id, password);
    await audit(db, { actor, action: 'password-reset', targetType: 'account', targetId: target!.id, agencyCode: target!.agencyCode, ip: req.ip });
    return render(req, reply, actor, { notice: `Đã đặt mật khẩu tạm cho ${username}; mọi phiên đăng nhập của tài khoản này đã kết thúc.` });
  });

  app.get<{ Querystring: { 'hanh-dong'?: string; nguoi?: string } }>('/quan-tri/nhat-ky', { preHandler: onlyAdmin }, async (req, reply) => {
    const actor = actorOf(req);
    const action = String(req.query['hanh-dong'] ?? '').slice(0, 40);
    const who = normalizeUsername(String(req.query.nguoi ?? '').slice(0, 40));
    // An administrator sees events of its tree's agencies and portal-wide events (sign-ins …).
    const rows = await auditEntries(db, [...actor.agencies], { action, actor: who });
    return sendPage(reply, AuditPage({ ctx: await loadPageContext(req, deps), rows, action, actor: who }));
  });
}
