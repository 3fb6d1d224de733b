// The portal's general pages and the switches every page links to.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { parseLocale } from './i18n.ts';
import { activeNotices } from './maintenance.ts';
import { DISPLAY_COOKIE, LANG_COOKIE, pageContext, readDisplay, safeNext, writeDisplay, type PageContext } from './page-context.ts';
import { renderPage } from './render.ts';
import { servePage, type PageCache } from './page-cache.ts';
import { AboutPage } from './views/about.tsx';
import { areaFor, AREAS, type BackOfficeArea } from './back-office.tsx';
import { BackOfficeHomePage } from './views/back-office.tsx';
import { HomePage, type HomeData } from './views/home.tsx';
import { MessagePage } from './views/message.tsx';
import { SitemapPage, type SitemapNode } from './views/sitemap.tsx';

const YEAR = 365 * 24 * 3600;
const HOME_SECONDS = 30;
const ROLE_LABELS: Record<string, string> = { admin: 'quản trị viên', officer: 'cán bộ', manager: 'lãnh đạo' };

export interface WebDeps {
  db: DB;
  portal: PortalIdentity;
  /** Extra branches of Sơ đồ cổng, given by the domain modules (the catalog's services). */
  sitemapSections?: (db: DB) => Promise<SitemapNode[]>;
  /** The home page's services, sectors and figures, given by the domain modules. */
  home?: (locale: PageContext['locale']) => Promise<HomeData>;
  /** The portal's address, for robots.txt. */
  publicUrl?: string;
  /** Anonymous pages kept rendered until their data changes (decision 0027). */
  pages?: PageCache;
}

/** The portal's public pages, in the menu's order: Sơ đồ cổng and sitemap.xml list them (Art. 16.4b). */
export const PUBLIC_PAGES = ['/', '/gioi-thieu', '/dich-vu-cong', '/huong-dan', '/hoi-dap', '/tra-cuu', '/phan-anh-kien-nghi', '/thong-ke', '/so-do-cong', '/chinh-sach-bao-ve-du-lieu'] as const;

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
        { href: '/huong-dan', label: t('menuGuidance') },
        { href: '/hoi-dap', label: t('menuFaq') },
        { href: '/tra-cuu', label: t('menuLookup') },
        { href: '/phan-anh-kien-nghi', label: t('menuFeedback') },
        { href: '/thong-ke', label: t('menuStats') },
        { href: '/so-do-cong', label: t('menuSitemap') },
        { href: '/chinh-sach-bao-ve-du-lieu', label: t('footerPrivacy') },
      ],
    },
  ];
}

export async function webRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  // The home page is the most visited: its services, sectors and figures are read at most once
  // every HOME_SECONDS per language (the public statistics page is always current), and again
  // after any change to the catalog.
  const homeCache = new Map<string, { at: number; data: Promise<HomeData> }>();
  deps.pages?.onChange(() => homeCache.clear());
  const homeData = (locale: PageContext['locale']): { at: number; data: Promise<HomeData> } | undefined => {
    if (!deps.home) return undefined;
    const hit = homeCache.get(locale);
    if (hit && Date.now() - hit.at < HOME_SECONDS * 1000) return hit;
    const fresh = { at: Date.now(), data: deps.home(locale) };
    homeCache.set(locale, fresh);
    fresh.data.catch(() => homeCache.delete(locale));
    return fresh;
  };
  app.get('/', async (req, reply) =>
    servePage(deps.pages, req, reply, async () => {
      const ctx = await loadPageContext(req, deps);
      const home = homeData(ctx.locale);
      // Kept no longer than its figures.
      return { vnode: HomePage({ ctx, data: await home?.data }), maxAgeMs: home ? home.at + HOME_SECONDS * 1000 - Date.now() : undefined };
    }),
  );
  app.get('/robots.txt', async (_req, reply) => {
    const base = (deps.publicUrl ?? '').replace(/\/$/, '');
    // The back office and the personal pages are of no use to a search engine.
    const closed = ['/quan-tri', '/can-bo', '/quan-ly', '/ho-so', '/tai-khoan', '/kho-du-lieu', '/thong-bao', '/api/'];
    return reply.type('text/plain; charset=utf-8').send(['User-agent: *', ...closed.map((p) => `Disallow: ${p}`), '', `Sitemap: ${base}/sitemap.xml`, ''].join('\n'));
  });

  // The back-office homes: anonymous visitors sign in first; another role is told it is not theirs.
  const backOfficeHome = (area: BackOfficeArea) => async (req: FastifyRequest, reply: FastifyReply) => {
    const role = req.viewer?.role;
    if (!role) return reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`, 303);
    const ctx = await loadPageContext(req, deps);
    if (role === 'citizen' || !area.roles.includes(role)) {
      const body = `${area.title} dành cho ${area.roles.map((r) => ROLE_LABELS[r]).join(' và ')}. Tài khoản của bạn không có quyền mở trang này.`;
      return sendPage(reply, MessagePage({ ctx, title: 'Không có quyền truy cập', body }), 403);
    }
    return sendPage(reply, BackOfficeHomePage({ ctx, area: areaFor(area, role) }));
  };
  for (const area of AREAS) app.get(area.prefix, backOfficeHome(area));
  app.get('/gioi-thieu', async (req, reply) => servePage(deps.pages, req, reply, async () => ({ vnode: AboutPage({ ctx: await loadPageContext(req, deps) }) })));
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
