import { CsrfField, Notice } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { timeVi } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import { CHANNEL_LABELS, EVENTS, isEvent } from '../model.ts';
import type { DeliveryView } from '../store.ts';
import { DeliveryStatusTag, recipientOf } from './delivery-log.tsx';

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
      {rows.length === 0 ? (
        <p>{view === 'queued' ? 'Không có thông báo nào đang chờ gửi.' : 'Không có thông báo nào gửi không thành công.'}</p>
      ) : (
        <table class="data-table">
          <caption>{view === 'queued' ? 'Đang chờ gửi' : 'Gửi không thành công'}: {rows.length} mục</caption>
          <thead>
            <tr>
              <th scope="col">Mã</th>
              <th scope="col">Hồ sơ, sự kiện</th>
              <th scope="col">Kênh, người nhận</th>
              <th scope="col">Lần thử</th>
              <th scope="col">Trả lời gần nhất</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <th scope="row">DV{d.id}</th>
                <td>
                  {d.applicationCode ? <a href={`/can-bo/ho-so/${d.applicationCode}`}>{d.applicationCode}</a> : '—'}
                  <br />
                  <small>{isEvent(d.event) ? EVENTS[d.event].vi : d.event}</small>
                </td>
                <td>
                  {CHANNEL_LABELS[d.channel]}
                  <br />
                  <small>{recipientOf(d)}</small>
                </td>
                <td>
                  {d.attempts}
                  {d.nextTryAt && (
                    <>
                      <br />
                      <small>Lần tới: {timeVi(d.nextTryAt)}</small>
                    </>
                  )}
                </td>
                <td>
                  <DeliveryStatusTag status={d.status} />
                  <br />
                  <small>{d.log.at(-1)?.detail ?? d.providerAnswer ?? '—'}</small>
                </td>
                <td>
                  {d.status === 'failed' ? (
                    <form method="post" action="/quan-tri/hang-doi/gui-lai" class="inline-form">
                      <CsrfField token={ctx.csrfToken} />
                      <input type="hidden" name="id" value={d.id} />
                      <button type="submit" class="button button-secondary">
                        Gửi lại<span class="visually-hidden"> DV{d.id}</span>
                      </button>
                    </form>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
