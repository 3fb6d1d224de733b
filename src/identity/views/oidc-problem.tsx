import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

/** Why signing in through the identity provider did not finish, and the ways to go on. */
export function OidcProblemPage({ ctx, title, body, next = '/' }: { ctx: PageContext; title: string; body: string; next?: string }) {
  return (
    <Layout ctx={ctx} title={title} description={body}>
      <div class="form-narrow">
        <h1>{title}</h1>
        <p>{body}</p>
        <ul>
          <li>
            <a href={`/dang-nhap?next=${encodeURIComponent(next)}`}>Quay lại trang đăng nhập</a>
          </li>
          <li>
            <a href="/">{ctx.t('backHome')}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}
