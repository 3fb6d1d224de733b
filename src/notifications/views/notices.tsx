import { PostButton } from '../../web/components/post-button.tsx';
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
            <PostButton action="/thong-bao/da-doc" csrfToken={ctx.csrfToken} hidden={{ id: unread.map((n) => n.id) }} variant="secondary">
              Đánh dấu đã đọc tất cả ({unread.length})
            </PostButton>
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
                  <PostButton action="/thong-bao/da-doc" csrfToken={ctx.csrfToken} hidden={{ id: n.id }} variant="link">
                    Đánh dấu đã đọc<span class="visually-hidden">: {n.title}</span>
                  </PostButton>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}
