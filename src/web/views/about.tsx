import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

export function AboutPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('aboutTitle')} description={t('aboutDescription')}>
      <h1>{t('aboutTitle')}</h1>
      <p>{t('aboutBody1')}</p>
      <p>{t('aboutBody2')}</p>
      <h2>{t('aboutLevelsHeading')}</h2>
      <ul>
        <li>{t('aboutLevel1')}</li>
        <li>{t('aboutLevel2')}</li>
        <li>{t('aboutLevel3')}</li>
        <li>{t('aboutLevel4')}</li>
      </ul>
    </Layout>
  );
}
