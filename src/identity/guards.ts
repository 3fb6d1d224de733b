// Who may open a route, asked before its handler runs: a route declares its gate as a Fastify
// `preHandler` and its handler reads the person with `actorOf(req)`. A visitor is sent to sign in
// (pages) or answered 401 (API); a signed-in person outside the gate gets the portal's 403 page
// saying who the page is for. The decision itself stays in `can()` and the roles of model.ts.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { loadPageContext, sendPage, type WebDeps } from '../web/routes.ts';
import { apiError } from '../web/api-error.ts';
import { MessagePage } from '../web/views/message.tsx';
import { can, type Actor } from './model.ts';

/** Who passes, and what everyone else is told (Vietnamese, one sentence). */
export interface Gate {
  admits: (actor: Actor) => boolean;
  refusal: string;
}

export const GATES = {
  /** Anyone signed in. */
  signedIn: { admits: () => true, refusal: '' },
  /** The portal's administrators (the catalog, guidance, settings). */
  admin: { admits: (a) => can(a, 'catalog.manage', { agencyCode: a.agencyCode }), refusal: 'Trang này chỉ dành cho quản trị viên.' },
  /** Officers and administrators: the back office's daily work. */
  staff: { admits: (a) => a.role === 'officer' || a.role === 'admin', refusal: 'Trang này dành cho cán bộ và quản trị viên.' },
  /** Officers of an agency: counter work. */
  officer: { admits: (a) => a.role === 'officer' && !!a.agencyCode, refusal: 'Trang này dành cho cán bộ tiếp nhận hồ sơ.' },
  /** Managers and administrators of an agency: the figures. */
  manager: { admits: (a) => (a.role === 'manager' || a.role === 'admin') && !!a.agencyCode, refusal: 'Trang thống kê dành cho lãnh đạo và quản trị viên.' },
} satisfies Record<string, Gate>;

/** The person a guarded route serves (its gate has let them in). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error(`${req.routeOptions.url ?? req.url} is served without a gate`);
  return req.actor;
}

export const signInPath = (req: FastifyRequest) => `/dang-nhap?next=${encodeURIComponent(req.url)}`;

/** Sends the portal's 403 page with `body`. */
export async function refusePage(req: FastifyRequest, reply: FastifyReply, deps: WebDeps, body: string): Promise<FastifyReply> {
  return sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Không có quyền truy cập', body }), 403);
}

/** An API route for the people `gate` admits; `refusal` says what the route is, for those it refuses. */
export function apiGate(gate: Gate, refusal = gate.refusal): preHandlerAsyncHookHandler {
  return async (req, reply) => {
    if (!req.actor) return reply.code(401).send(apiError('UNAUTHENTICATED', 'Cần đăng nhập (cookie phiên hoặc Authorization: Bearer).'));
    if (!gate.admits(req.actor)) return reply.code(403).send(apiError('FORBIDDEN', refusal));
  };
}

/** The preHandlers of a module's pages and API routes. */
export function guards(deps: WebDeps) {
  /** A page for the people `gate` admits. */
  const page =
    (gate: Gate): preHandlerAsyncHookHandler =>
    async (req, reply) => {
      if (!req.actor) return reply.redirect(signInPath(req), 303);
      if (!gate.admits(req.actor)) return refusePage(req, reply, deps, gate.refusal);
    };
  return { page, api: apiGate };
}
