import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';

/** A short page that says what happened (not found, no access, an error); `back` offers the way back to where the person was. */
export function MessagePage({ ctx, title, body, showRequestId, back }: { ctx: PageContext; title: string; body: string; showRequestId?: boolean; back?: { href: string; label: string } }) {
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
      {back && (
        <p>
          <a href={back.href} class="button">
            {back.label}
          </a>
        </p>
      )}
      <p>
        <a href="/">{t('backHome')}</a>
      </p>
    </Layout>
  );
}
