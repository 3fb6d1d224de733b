// The portal's general pages and the switches every page links to.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { parseLocale } from './i18n.ts';
import { activeNotices } from './maintenance.ts';
import { DISPLAY_COOKIE, LANG_COOKIE, pageContext, readDisplay, safeNext, writeDisplay, type PageContext } from './page-context.ts';
import { renderPage } from './render.ts';
import { AboutPage } from './views/about.tsx';
import { HomePage } from './views/home.tsx';
import { SitemapPage, type SitemapNode } from './views/sitemap.tsx';

const YEAR = 365 * 24 * 3600;

export interface WebDeps {
  db: DB;
  portal: PortalIdentity;
  /** Extra branches of Sơ đồ cổng, given by the domain modules (the catalog's services). */
  sitemapSections?: (db: DB) => Promise<SitemapNode[]>;
}

/** Builds the page context, including the maintenance notices read from the database. */
export async function loadPageContext(req: FastifyRequest, deps: WebDeps): Promise<PageContext> {
  const ctx = pageContext(req, deps.portal);
  ctx.notices = await activeNotices(deps.db, ctx.locale);
  return ctx;
}

export function sendPage(reply: FastifyReply, vnode: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(vnode));
}

export function sitemapTree(ctx: PageContext, services: SitemapNode[] = []): SitemapNode[] {
  const { t } = ctx;
  return [
    {
      href: '/',
      label: t('menuHome'),
      children: [
        { href: '/gioi-thieu', label: t('menuAbout') },
        { href: '/dich-vu-cong', label: t('menuServices'), children: services },
        { href: '/so-do-cong', label: t('menuSitemap') },
      ],
    },
  ];
}

export async function webRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get('/', async (req, reply) => sendPage(reply, HomePage({ ctx: await loadPageContext(req, deps) })));
  app.get('/gioi-thieu', async (req, reply) => sendPage(reply, AboutPage({ ctx: await loadPageContext(req, deps) })));
  app.get('/so-do-cong', async (req, reply) => {
    const ctx = await loadPageContext(req, deps);
    const sections = deps.sitemapSections ? await deps.sitemapSections(deps.db) : [];
    return sendPage(reply, SitemapPage({ ctx, tree: sitemapTree(ctx, sections) }));
  });

  // Language and display switches are plain links, so they work without JavaScript.
  app.get<{ Querystring: { lang?: string; next?: string } }>('/ngon-ngu', async (req, reply) => {
    const lang = parseLocale(req.query.lang);
    if (lang) reply.setCookie(LANG_COOKIE, lang, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: true, secure: req.protocol === 'https' });
    return reply.redirect(safeNext(req.query.next), 303);
  });
  app.get<{ Querystring: { chu?: string; 'tuong-phan'?: string; next?: string } }>('/hien-thi', async (req, reply) => {
    const display = readDisplay(req.cookies[DISPLAY_COOKIE]);
    if (req.query.chu === 'lon' || req.query.chu === 'thuong') display.largeText = req.query.chu === 'lon';
    const contrast = req.query['tuong-phan'];
    if (contrast === 'cao' || contrast === 'thuong') display.highContrast = contrast === 'cao';
    reply.setCookie(DISPLAY_COOKIE, writeDisplay(display), { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: true, secure: req.protocol === 'https' });
    return reply.redirect(safeNext(req.query.next), 303);
  });
}
