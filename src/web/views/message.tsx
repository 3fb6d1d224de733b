import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

/** A page that only says something: not found, unavailable, an error. */
export function MessagePage({ ctx, title, body, showRequestId }: { ctx: PageContext; title: string; body: string; showRequestId?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title} description={body}>
      <h1>{title}</h1>
      <p>{body}</p>
      {showRequestId && (
        <p>
          {t('requestId')}: <code>{ctx.requestId}</code>
        </p>
      )}
      <p>
        <a href="/">{t('backHome')}</a>
      </p>
    </Layout>
  );
}
