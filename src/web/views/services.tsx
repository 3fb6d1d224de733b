import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

/** The "Dịch vụ công trực tuyến" section; the catalog module fills it with its list. */
export function ServicesPlaceholderPage({ ctx, query }: { ctx: PageContext; query: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('servicesTitle')} description={t('servicesDescription')}>
      <h1>{t('servicesTitle')}</h1>
      <form class="services-search" action="/dich-vu-cong" method="get">
        <label for="services-q">{t('searchLabel')}</label>
        <span class="search-row">
          <input id="services-q" name="q" type="search" value={query} maxLength={200} />
          <button type="submit">{t('searchButton')}</button>
        </span>
      </form>
      <p>{t('servicesEmpty')}</p>
    </Layout>
  );
}
