// Who may open a route, asked before its handler runs: a route declares its gate as a Fastify
// `preHandler` and its handler reads the person with `actorOf(req)`. A visitor is sent to sign in
// (pages) or answered 401 (API); a signed-in person outside the gate gets the portal's 403 page
// saying who the page is for. The decision itself stays in `can()` and the roles of model.ts.
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { loadPageContext, sendPage, type WebDeps } from '../web/routes.ts';
import { apiError } from '../web/api-error.ts';
import { MessagePage } from '../web/views/message.tsx';
import { can, type Actor } from './model.ts';
import { IDENTITY_PROBLEMS, identityText, type IdentityProblem } from './problems.ts';
import { requestLocale } from './request-locale.ts';

const vi = (code: IdentityProblem) => identityText({ code });

/** Who passes, and what everyone else is told: the API's Vietnamese sentence, and the page's problem code (in the page's language). */
export interface Gate {
  admits: (actor: Actor) => boolean;
  refusal: string;
  problem?: IdentityProblem;
}

export const GATES = {
  /** Anyone signed in. */
  signedIn: { admits: () => true, refusal: '' },
  /** The portal's administrators (the catalog, guidance, settings). */
  admin: { admits: (a) => can(a, 'catalog.manage', { agencyCode: a.agencyCode }), refusal: vi('GATE_ADMIN'), problem: 'GATE_ADMIN' },
  /** Officers and administrators: the back office's daily work. */
  staff: { admits: (a) => a.role === 'officer' || a.role === 'admin', refusal: vi('GATE_STAFF'), problem: 'GATE_STAFF' },
  /** Officers of an agency: counter work. */
  officer: { admits: (a) => a.role === 'officer' && !!a.agencyCode, refusal: vi('GATE_OFFICER'), problem: 'GATE_OFFICER' },
  /** Managers and administrators of an agency: the figures. */
  manager: { admits: (a) => (a.role === 'manager' || a.role === 'admin') && !!a.agencyCode, refusal: vi('GATE_MANAGER'), problem: 'GATE_MANAGER' },
} satisfies Record<string, Gate>;

/** The person a guarded route serves (its gate has let them in). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error(`${req.routeOptions.url ?? req.url} is served without a gate`);
  return req.actor;
}

export const signInPath = (req: FastifyRequest) => `/dang-nhap?next=${encodeURIComponent(req.url)}`;

/** Sends the portal's 403 page with `body`: a sentence, or a gate's problem said in the page's language. */
export async function refusePage(req: FastifyRequest, reply: FastifyReply, deps: WebDeps, body: string | IdentityProblem): Promise<FastifyReply> {
  const ctx = await loadPageContext(req, deps);
  const said = body in IDENTITY_PROBLEMS.status ? identityText({ code: body as IdentityProblem }, ctx.locale) : body;
  return sendPage(reply, MessagePage({ ctx, title: ctx.t('forbiddenTitle'), body: said }), 403);
}

/**
 * An API route for the people `gate` admits; `refusal` says what the route is, for those it refuses.
 * The answer is in Vietnamese unless the request asks for English (the language cookie or
 * Accept-Language): then the gate's problem in English (a route's own sentence is Vietnamese only).
 */
export function apiGate(gate: Gate, refusal = gate.refusal): preHandlerAsyncHookHandler {
  return async (req, reply) => {
    const locale = requestLocale(req);
    if (!req.actor) return reply.code(401).send(apiError('UNAUTHENTICATED', identityText({ code: 'API_UNAUTHENTICATED' }, locale)));
    if (gate.admits(req.actor)) return;
    const said = locale === 'en' && gate.problem ? identityText({ code: gate.problem }, 'en') : refusal;
    return reply.code(403).send(apiError('FORBIDDEN', said));
  };
}

/** The preHandlers of a module's pages and API routes. */
export function guards(deps: WebDeps) {
  /** A page for the people `gate` admits. */
  const page =
    (gate: Gate): preHandlerAsyncHookHandler =>
    async (req, reply) => {
      if (!req.actor) return reply.redirect(signInPath(req), 303);
      if (!gate.admits(req.actor)) return refusePage(req, reply, deps, gate.problem ?? gate.refusal);
    };
  return { page, api: apiGate };
}
