import { PostButton } from '../../web/components/post-button.tsx';
import { DataTable } from '../../web/components/data-table.tsx';
import { Notice } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { timeVi } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import { EVENTS, isEvent } from '../model.ts';
import type { DeliveryView } from '../store.ts';
import { DeliveryStatusTag, RECIPIENT_COLUMN } from './delivery-log.tsx';

export function QueuePage({ ctx, view, rows, counts, notice, isAdmin }: { ctx: PageContext; view: 'queued' | 'failed'; rows: DeliveryView[]; counts: { queued: number; failed: number }; notice?: string; isAdmin: boolean }) {
  return (
    <Layout ctx={ctx} title="Hàng đợi gửi thông báo" description="Thông báo đang chờ gửi và gửi không thành công.">
      {notice && <Notice>{notice}</Notice>}
      <h1>Hàng đợi gửi thông báo</h1>
      <nav aria-label="Lọc hàng đợi">
        <ul class="tabs-plain">
          <li>
            <a href="/quan-tri/hang-doi?trang-thai=cho" aria-current={view === 'queued' ? 'page' : undefined}>
              Đang chờ gửi ({counts.queued})
            </a>
          </li>
          <li>
            <a href="/quan-tri/hang-doi?trang-thai=loi" aria-current={view === 'failed' ? 'page' : undefined}>
              Gửi không thành công ({counts.failed})
            </a>
          </li>
        </ul>
      </nav>
      {isAdmin && (
        <p>
          <a href="/quan-tri/mau-thong-bao">Mẫu thông báo</a> · <a href="/quan-tri/webhook">Webhook cho hệ thống khác</a>
        </p>
      )}
      <DataTable caption={`${view === 'queued' ? 'Đang chờ gửi' : 'Gửi không thành công'}: ${rows.length} mục`} rows={rows} rowKey={(d) => d.id} empty={view === 'queued' ? 'Không có thông báo nào đang chờ gửi.' : 'Không có thông báo nào gửi không thành công.'} columns={[
        { header: 'Mã', cell: (d) => `DV${d.id}` },
        {
          header: 'Hồ sơ, sự kiện',
          cell: (d) => (
            <>
              {d.applicationCode ? <a href={`/can-bo/ho-so/${d.applicationCode}`}>{d.applicationCode}</a> : '—'}
              <br />
              <small>{isEvent(d.event) ? EVENTS[d.event].vi : d.event}</small>
            </>
          ),
        },
        RECIPIENT_COLUMN,
        {
          header: 'Lần thử',
          cell: (d) => (
            <>
              {d.attempts}
              {d.nextTryAt && (
                <>
                  <br />
                  <small>Lần tới: {timeVi(d.nextTryAt)}</small>
                </>
              )}
            </>
          ),
        },
        {
          header: 'Trả lời gần nhất',
          cell: (d) => (
            <>
              <DeliveryStatusTag status={d.status} />
              <br />
              <small>{d.log.at(-1)?.detail ?? d.providerAnswer ?? '—'}</small>
            </>
          ),
        },
        {
          header: 'Thao tác',
          cell: (d) =>
            d.status === 'failed' ? (
              <PostButton action="/quan-tri/hang-doi/gui-lai" csrfToken={ctx.csrfToken} hidden={{ id: d.id }} variant="secondary" inline>
                Gửi lại<span class="visually-hidden"> DV{d.id}</span>
              </PostButton>
            ) : (
              '—'
            ),
        },
      ]} />
    </Layout>
  );
}
