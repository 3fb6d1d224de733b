// Pieces shared by the applicant's and the officer's pages.
import type { Status } from '../model.ts';
import type { ApplicationRecord } from '../store.ts';

export const dateVi = (d: Date) => d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });
export const dayVi = (day: string | null) => (day ? day.split('-').reverse().join('/') : '—');

export function StatusBadge({ status, name }: { status: Status; name: string }) {
  return <span class={`status status-${status}`}>{name}</span>;
}

/** Every step of the application: when, what, who, and the note. */
export function Timeline({ history }: { history: ApplicationRecord['history'] }) {
  return (
    <ol class="timeline">
      {history.map((h, i) => (
        <li key={i}>
          <p class="timeline-head">
            <StatusBadge status={h.status} name={h.statusName} /> <time>{dateVi(h.at)}</time>
          </p>
          <p>
            {h.actor ?? 'Hệ thống'}
            {h.note && (
              <>
                : <span class="note">{h.note}</span>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
