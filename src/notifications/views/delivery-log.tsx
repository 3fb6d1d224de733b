// The delivery log of an application's notices, for officers (N2): each channel, its state,
// and what the provider answered.
import { DataTable, type Column } from '../../web/components/data-table.tsx';
import { timeVi } from '../../web/format.ts';
import { CHANNEL_LABELS, EVENTS, isEvent, STATUS_LABELS } from '../model.ts';
import type { DeliveryView } from '../store.ts';

const LOG_LABELS: Record<string, string> = { ...Object.fromEntries(Object.entries(STATUS_LABELS).map(([k, v]) => [k, v.vi])), retry: 'Lỗi, sẽ thử lại' };

export function recipientOf(d: Pick<DeliveryView, 'channel' | 'recipient'>): string {
  if (d.channel === 'sms') return d.recipient.replace(/^84(\d{2})\d+(\d{3})$/, '0$1•••••$2');
  if (d.channel === 'email') return d.recipient.replace(/^(.).*@/, '$1•••@');
  return d.recipient;
}

export function DeliveryStatusTag({ status }: { status: DeliveryView['status'] }) {
  return <strong class={`delivery-status delivery-${status}`}>{STATUS_LABELS[status].vi}</strong>;
}

/** The channel and the (partly hidden) recipient, in the officers' delivery log and the queue. */
export const RECIPIENT_COLUMN: Column<DeliveryView> = {
  header: 'Kênh, người nhận',
  cell: (d) => (
    <>
      {CHANNEL_LABELS[d.channel]}
      <br />
      <small>{recipientOf(d)}</small>
    </>
  ),
};

export function DeliveryLog({ deliveries, heading = 'Gửi thông báo cho người nộp' }: { deliveries: DeliveryView[]; heading?: string }) {
  return (
    <section aria-labelledby="delivery-log-title" class="delivery-log">
      <h2 id="delivery-log-title">{heading}</h2>
      <DataTable caption="Nhật ký gửi thông báo" captionHidden cards rows={deliveries} rowKey={(d) => d.id} empty="Chưa có thông báo nào gửi qua thư điện tử, SMS hay webhook cho hồ sơ này." columns={[
        {
          header: 'Sự kiện',
          cell: (d) => (
            <>
              {isEvent(d.event) ? EVENTS[d.event].vi : d.event}
              <br />
              <small>Mã {`DV${d.id}`}</small>
            </>
          ),
        },
        RECIPIENT_COLUMN,
        {
          header: 'Trạng thái',
          cell: (d) => (
            <>
              <DeliveryStatusTag status={d.status} />
              {d.nextTryAt && (
                <>
                  <br />
                  <small>Lần thử tới: {timeVi(d.nextTryAt)}</small>
                </>
              )}
            </>
          ),
        },
        {
          header: 'Diễn biến',
          cell: (d) => (
            <ol class="delivery-steps">
              {d.log.map((l, i) => (
                <li key={i}>
                  <time>{timeVi(l.at)}</time> — {LOG_LABELS[l.status] ?? l.status}
                  {l.detail && <>: {l.detail}</>}
                </li>
              ))}
            </ol>
          ),
        },
      ]} />
    </section>
  );
}
