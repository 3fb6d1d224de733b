import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

export function HomePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('homeTitle')} description={t('homeDescription')}>
      <section class="hero" aria-labelledby="home-heading">
        <h1 id="home-heading">{ctx.portal.portalName}</h1>
        <p class="lead">{t('homeLead')}</p>
        <form class="hero-search" action="/dich-vu-cong" method="get">
          <label for="home-q">{t('searchLabel')}</label>
          <span class="search-row">
            <input id="home-q" name="q" type="search" placeholder={t('searchPlaceholder')} maxLength={200} />
            <button type="submit">{t('searchButton')}</button>
          </span>
        </form>
      </section>
      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t('homeStepsHeading')}</h2>
        <ol class="steps">
          <li>{t('homeStep1')}</li>
          <li>{t('homeStep2')}</li>
          <li>{t('homeStep3')}</li>
          <li>{t('homeStep4')}</li>
        </ol>
        <p>
          <a class="button-link" href="/dich-vu-cong">
            {t('homeBrowse')}
          </a>
        </p>
        <p>
          <a href="/tra-cuu">{t('homeLookup')}</a>
        </p>
      </section>
    </Layout>
  );
}
