// The officer's inbox: the page and GET /api/v1/inbox (A3, A5).
import type { FastifyInstance } from 'fastify';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { actorOf, GATES, guards } from '../identity/index.ts';
import { vietnamDay } from './calendar.ts';
import { isStatus } from './model.ts';
import { inbox } from './lists.ts';
import { InboxPage } from './views/inbox.tsx';
import type { ApplicationRouteDeps } from './route-deps.ts';

export async function inboxRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): Promise<void> {
  const { db } = deps;
  const only = { staff: guards(deps).page(GATES.staff) };
  app.get<{ Querystring: { 'trang-thai'?: string; 'qua-han'?: string; q?: string } }>('/can-bo/ho-so', { preHandler: only.staff }, async (req, reply) => {
    const actor = actorOf(req);
    const status = Number(req.query['trang-thai']);
    const filters = { status: isStatus(status) ? status : undefined, overdue: req.query['qua-han'] === '1', q: String(req.query.q ?? '').trim().slice(0, 100) || undefined };
    const today = vietnamDay(new Date()).day;
    const result = await inbox(db, [...actor.agencies], { ...filters, today });
    return sendPage(reply, InboxPage({ ctx: await loadPageContext(req, deps), ...result, filters, today }));
  });
}
