import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

export interface SitemapNode {
  href: string;
  label: string;
  children?: SitemapNode[];
}

function Tree({ nodes }: { nodes: SitemapNode[] }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.href}>
          <a href={n.href}>{n.label}</a>
          {n.children && n.children.length > 0 && <Tree nodes={n.children} />}
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
      <div class="sitemap-tree">
        <Tree nodes={tree} />
      </div>
    </Layout>
  );
}
