import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';
import { viLang } from '../components/locale.tsx';
import type { Locale } from '../i18n.ts';

export interface SitemapNode {
  href: string;
  label: string;
  /** The label is catalog data (a sector, field or procedure name), kept in Vietnamese. */
  published?: boolean;
  children?: SitemapNode[];
}

function Tree({ nodes, locale }: { nodes: SitemapNode[]; locale: Locale }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.href}>
          <a href={n.href} lang={n.published ? viLang(locale) : undefined}>
            {n.label}
          </a>
          {n.children && n.children.length > 0 && <Tree nodes={n.children} locale={locale} />}
        </li>
      ))}
    </ul>
  );
}

/** Sơ đồ cổng (Art. 16.4b): the portal's pages as a text tree. */
export function SitemapPage({ ctx, tree }: { ctx: PageContext; tree: SitemapNode[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('sitemapTitle')} description={t('sitemapDescription')}>
      <h1>{t('sitemapTitle')}</h1>
      {ctx.locale !== 'vi' && <p class="hint">{t('namesAsPublished')}</p>}
      <div class="sitemap-tree">
        <Tree nodes={tree} locale={ctx.locale} />
      </div>
    </Layout>
  );
}
