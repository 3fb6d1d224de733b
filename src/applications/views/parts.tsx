// Pieces shared by the applicant's and the officer's pages.
import type { Status } from '../model.ts';
import type { ApplicationRecord } from '../store.ts';

import { dayVi, timeVi } from '../../web/format.ts';
import { Facts } from '../../web/components/facts.tsx';
import { WORKFLOW_EVENT_LABELS } from '../workflow/model.ts';

export { dayVi, timeVi as dateVi };

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
            {h.kind === 'apology' ? <span class="status status-apology">Thư xin lỗi, hẹn lại ngày trả kết quả</span> : h.kind && WORKFLOW_EVENT_LABELS[h.kind] ? <span class="status status-workflow">{WORKFLOW_EVENT_LABELS[h.kind]}</span> : <StatusBadge status={h.status} name={h.statusName} />} <time>{timeVi(h.at)}</time>
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

/** The facts both the applicant and the officer see at the top of an application. */
export function ApplicationFacts({ a, withAgency = false }: { a: ApplicationRecord; withAgency?: boolean }) {
  return (
    <Facts
      class="service-facts"
      items={[
        { term: 'Thủ tục', value: a.serviceName },
        withAgency && { term: 'Cơ quan tiếp nhận', value: a.agencyName },
        { term: 'Trạng thái', value: <StatusBadge status={a.status} name={a.statusName} /> },
        { term: 'Hạn giải quyết', value: dayVi(a.dueDate) },
      ]}
    />
  );
}
