import type { ComponentChildren } from 'preact';
import { BackOfficeNav, homeLinkFor } from '../back-office.tsx';
import { noticeTime, vietnamYear } from '../format.ts';
import type { PageContext } from '../page-context.ts';
import { LocaleContext, viLang } from './locale.tsx';
import { Facts } from './facts.tsx';
import { SearchBox } from './search-box.tsx';

export interface LayoutProps {
  ctx: PageContext;
  /** The page's own title; the portal's name is added after it. */
  title: string;
  description: string;
  children: ComponentChildren;
  /** A page's own stylesheets and enhancement scripts (ES modules), served under /assets/. */
  styles?: string[];
  scripts?: string[];
}

const MENU = [
  { href: '/', key: 'menuHome', accessKey: '1' },
  { href: '/gioi-thieu', key: 'menuAbout', accessKey: undefined },
  { href: '/dich-vu-cong', key: 'menuServicesShort', accessKey: undefined },
  { href: '/huong-dan', key: 'menuGuidance', accessKey: undefined },
  { href: '/hoi-dap', key: 'menuFaq', accessKey: undefined },
  { href: '/tra-cuu', key: 'menuLookup', accessKey: undefined },
  { href: '/phan-anh-kien-nghi', key: 'menuFeedback', accessKey: undefined },
  { href: '/thong-ke', key: 'menuStats', accessKey: undefined },
  { href: '/so-do-cong', key: 'menuSitemap', accessKey: '3' },
] as const;

function isCurrent(href: string, path: string): boolean {
  const p = path.split('?')[0] ?? '/';
  return href === '/' ? p === '/' : p === href || p.startsWith(href + '/');
}

function DisplaySwitches({ ctx }: { ctx: PageContext }) {
  const { t, display, path, locale } = ctx;
  const next = encodeURIComponent(path);
  const other = locale === 'vi' ? 'en' : 'vi';
  const home = homeLinkFor(ctx.viewer?.role);
  return (
    <nav class="topbar-links" aria-label={t('displayOptions')}>
      <ul>
        {ctx.viewer ? (
          <>
            <li>
              <a href="/tai-khoan">{ctx.viewer.fullName}</a> <span class="role">({ctx.viewer.roleName})</span>
            </li>
            {home && (
              <li>
                <a href={home.href}>{home.label}</a>
              </li>
            )}
            {ctx.viewer.applications && (
              <li>
                <a href={ctx.viewer.applications.href}>{ctx.viewer.applications.label}</a>
              </li>
            )}
            {ctx.viewer.applications?.href === '/ho-so' && (
              <li>
                <a href="/kho-du-lieu">{t('menuVault')}</a>
              </li>
            )}
            <li>
              <a href="/thong-bao">
                {t('menuNotices')}
                {ctx.viewer.unreadNotices ? t('menuNoticesUnread', { n: ctx.viewer.unreadNotices }) : ''}
              </a>
            </li>
            <li>
              <form method="post" action="/dang-xuat" class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <button type="submit" class="link-button">
                  {t('signOut')}
                </button>
              </form>
            </li>
          </>
        ) : (
          <>
            <li>
              <a href="/dang-nhap">{t('signIn')}</a>
            </li>
            <li>
              <a href="/dang-ky">{t('register')}</a>
            </li>
          </>
        )}
        <li>
          <a href={`/ngon-ngu?lang=${other}&next=${next}`} lang={other} hreflang={other} title={t('otherLanguageName')}>
            {t('otherLanguage')}
          </a>
        </li>
        <li>
          <a href={`/hien-thi?chu=${display.largeText ? 'thuong' : 'lon'}&next=${next}`}>
            {display.largeText ? t('fontNormal') : t('fontLarger')}
          </a>
        </li>
        <li>
          <a href={`/hien-thi?tuong-phan=${display.highContrast ? 'thuong' : 'cao'}&next=${next}`}>
            {display.highContrast ? t('contrastNormal') : t('contrastHigh')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

export function Layout({ ctx, title, description, children, styles = [], scripts = [] }: LayoutProps) {
  const { t, portal, display } = ctx;
  const classes = [display.largeText && 'text-large', display.highContrast && 'contrast-high'].filter(Boolean).join(' ');
  return (
    <LocaleContext.Provider value={{ locale: ctx.locale, t }}>
      <html lang={ctx.locale}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} — ${portal.portalName}`}</title>
          <meta name="description" content={description} />
          <meta property="og:title" content={title} />
          <meta property="og:description" content={description} />
          <link rel="stylesheet" href="/assets/site.css" />
          <link rel="stylesheet" href="/assets/home.css" />
          <script type="module" src="/assets/disclosure.js" />
          {styles.map((href) => (
            <link key={href} rel="stylesheet" href={href} />
          ))}
          {scripts.map((src) => (
            <script key={src} type="module" src={src} />
          ))}
          <link rel="icon" href="/assets/emblem.svg" type="image/svg+xml" />
        </head>
        <body class={classes || undefined}>
          <a class="skip-link" href="#main">
            {t('skipToContent')}
          </a>
          <header class="site-header">
            <div class="brand container">
              <a class="brand-link" href="/">
                <img src="/assets/emblem.svg" alt={t('emblemAlt')} width={64} height={64} />
                <span class="brand-text" lang={viLang(ctx.locale)}>
                  <span class="agency-name">{portal.agencyName}</span>
                  <span class="portal-name">{portal.portalName}</span>
                </span>
              </a>
              <form class="header-search" role="search" action="/dich-vu-cong" method="get">
                <SearchBox id="header-q" label={t('searchLabel')} button={t('searchButton')} placeholder={t('searchPlaceholder')} accessKey="4" />
              </form>
            </div>
            {/* One "Menu" button on a phone (disclosure.js folds it there); open as sent, and on a wide
                screen the account bar goes back above the brand (site.css). */}
            <details class="site-menu" data-open-from="48rem" open>
              <summary class="site-menu-toggle">{t('mainMenu')}</summary>
              <div class="topbar">
                <div class="container">
                  <DisplaySwitches ctx={ctx} />
                </div>
              </div>
              <nav class="main-nav" aria-label={t('mainMenu')}>
                <ul class="container">
                  {MENU.map((item) => (
                    <li key={item.href}>
                      <a href={item.href} accessKey={item.accessKey} aria-current={isCurrent(item.href, ctx.path) ? 'page' : undefined}>
                        {t(item.key)}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              <BackOfficeNav ctx={ctx} />
            </details>
          </header>
          {ctx.notices.length > 0 && (
            <section class={`maintenance${ctx.notices.some((n) => n.underway) ? ' maintenance-underway' : ''}`} aria-labelledby="maintenance-heading">
              <div class="container">
                <h2 id="maintenance-heading">{ctx.notices.some((n) => n.underway) ? t('maintenanceUnderwayHeading') : t('maintenanceHeading')}</h2>
                {ctx.notices.map((n) => (
                  <div key={n.startsAt.toISOString()}>
                    <p>{n.message}</p>
                    <p class="maintenance-when">
                      {n.underway ? (
                        <>
                          {t('maintenanceEndsAt')} <time dateTime={n.endsAt.toISOString()}>{noticeTime(n.endsAt)}</time>.
                        </>
                      ) : (
                        <>
                          {t('maintenancePlanned')} <time dateTime={n.startsAt.toISOString()}>{noticeTime(n.startsAt)}</time> {t('maintenanceUntil')}{' '}
                          <time dateTime={n.endsAt.toISOString()}>{noticeTime(n.endsAt)}</time>.
                        </>
                      )}
                    </p>
                  </div>
                ))}
              </div>
            </section>
          )}
          <main id="main" class="container" tabIndex={-1}>
            {children}
          </main>
          <footer class="site-footer">
            <div class="container">
              <h2>{t('footerHeading')}</h2>
              <p class="footer-agency" lang={viLang(ctx.locale)}>
                {portal.agencyName}
              </p>
              <Facts
                items={[
                  { term: t('footerResponsible'), value: portal.responsiblePerson, lang: viLang(ctx.locale) },
                  { term: t('footerAddress'), value: portal.address, lang: viLang(ctx.locale) },
                  { term: t('footerPhone'), value: <a href={`tel:${portal.phone.replace(/[^\d+]/g, '')}`}>{portal.phone}</a> },
                  { term: t('footerEmail'), value: <a href={`mailto:${portal.email}`}>{portal.email}</a> },
                  { term: t('footerFeedback'), value: <a href={`mailto:${portal.feedbackEmail}`}>{portal.feedbackEmail}</a> },
                ]}
              />
              <p class="footer-small">{t('shortcutsHint')}</p>
              <p class="footer-small">
                <a href="/chinh-sach-bao-ve-du-lieu">{t('footerPrivacy')}</a>
              </p>
              <p class="footer-small">{t('footerLegal')}</p>
              <p class="footer-copyright">
                © {vietnamYear()} {portal.agencyName}. {t('footerRights')}
              </p>
            </div>
          </footer>
        </body>
      </html>
    </LocaleContext.Provider>
  );
}
