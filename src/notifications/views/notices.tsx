import { CsrfField } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { Notice } from '../store.ts';
import { timeVi } from '../../web/format.ts';

export function NoticesPage({ ctx, notices }: { ctx: PageContext; notices: Notice[] }) {
  const unread = notices.filter((n) => !n.read);
  return (
    <Layout ctx={ctx} title="Thông báo" description="Thông báo về hồ sơ của bạn.">
      <h1>Thông báo</h1>
      {notices.length === 0 ? (
        <p>Chưa có thông báo nào.</p>
      ) : (
        <>
          {unread.length > 0 && (
            <form method="post" action="/thong-bao/da-doc">
              <CsrfField token={ctx.csrfToken} />
              {unread.map((n) => (
                <input key={n.id} type="hidden" name="id" value={n.id} />
              ))}
              <button type="submit" class="button button-secondary">
                Đánh dấu đã đọc tất cả ({unread.length})
              </button>
            </form>
          )}
          <ol class="notices">
            {notices.map((n) => (
              <li key={n.id} class={n.read ? undefined : 'unread'}>
                <h2>
                  {!n.read && <span class="visually-hidden">Mới: </span>}
                  {n.applicationCode ? <a href={`/ho-so/${n.applicationCode}`}>{n.title}</a> : n.title}
                </h2>
                <p>{n.body}</p>
                <p class="notice-time">
                  <time>{timeVi(n.createdAt)}</time>
                </p>
                {!n.read && (
                  <form method="post" action="/thong-bao/da-doc">
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" class="link-button">
                      Đánh dấu đã đọc<span class="visually-hidden">: {n.title}</span>
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}
