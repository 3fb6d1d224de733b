// The in-app channel: the notices page, the unread count in the header, and the API.
import type { FastifyInstance } from 'fastify';
import type { DB } from '../db/index.ts';
import { apiError } from '../web/api-error.ts';
import { loadPageContext, sendPage, type WebDeps } from '../web/routes.ts';
import { markAllRead, noticesOf, unreadCount } from './store.ts';
import { NoticesPage } from './views/notices.tsx';

/** Registered on the root instance (after identity), so the header of every page knows the count. */
export async function notificationRoutes(app: FastifyInstance, deps: WebDeps & { db: DB }): Promise<void> {
  const { db } = deps;

  app.addHook('preHandler', async (req) => {
    if (req.viewer && req.actor && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
      req.viewer.unreadNotices = await unreadCount(db, req.actor.id);
    }
  });

  app.get('/thong-bao', async (req, reply) => {
    if (!req.actor) return reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`, 303);
    const notices = await noticesOf(db, req.actor.id);
    const ctx = await loadPageContext(req, deps);
    // Opening the page reads them: the count in the header goes back to zero after this page.
    await markAllRead(db, req.actor.id);
    return sendPage(reply, NoticesPage({ ctx, notices }));
  });

  app.get('/api/v1/me/notifications', { schema: { tags: ['thông báo'], summary: 'Thông báo của tài khoản đang đăng nhập, mới nhất trước' } }, async (req, reply) => {
    if (!req.actor) return reply.code(401).send(apiError('UNAUTHENTICATED', 'Cần đăng nhập (cookie phiên hoặc Authorization: Bearer).'));
    return { items: await noticesOf(db, req.actor.id), unread: await unreadCount(db, req.actor.id) };
  });
}
