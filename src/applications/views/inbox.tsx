import { DataTable } from '../../web/components/data-table.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { STATUS_NAMES, type Status } from '../model.ts';
import type { ApplicationSummary } from '../lists.ts';
import { dateVi, dayVi, StatusBadge } from './parts.tsx';

const ALL: Status[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export function InboxPage({
  ctx,
  items,
  counts,
  overdue,
  filters,
  today,
}: {
  ctx: PageContext;
  items: (ApplicationSummary & { files?: number })[];
  counts: Partial<Record<Status, number>>;
  overdue: number;
  filters: { status?: Status; overdue?: boolean; q?: string };
  today: string;
}) {
  const title = 'Hồ sơ của cơ quan';
  return (
    <Layout ctx={ctx} title={title} description="Hộp hồ sơ của cơ quan: lọc theo trạng thái, quá hạn; tìm theo mã hoặc tên người nộp.">
      <h1>{title}</h1>
      <p>
        <a href="/can-bo/hoi-dap">Câu hỏi của người dân</a> · <a href="/can-bo/tiep-nhan-truc-tiep">Số hồ sơ nhận trực tiếp</a>
      </p>
      <nav aria-label="Lọc theo trạng thái" class="status-filter">
        <ul>
          <li>
            <a href="/can-bo/ho-so" aria-current={!filters.status && !filters.overdue ? 'page' : undefined}>
              Tất cả
            </a>
          </li>
          {ALL.filter((s) => counts[s]).map((s) => (
            <li key={s}>
              <a href={`/can-bo/ho-so?trang-thai=${s}`} aria-current={filters.status === s ? 'page' : undefined}>
                {STATUS_NAMES[s]} ({counts[s]})
              </a>
            </li>
          ))}
          <li>
            <a href="/can-bo/ho-so?qua-han=1" aria-current={filters.overdue ? 'page' : undefined}>
              Quá hạn ({overdue})
            </a>
          </li>
        </ul>
      </nav>
      <form method="get" action="/can-bo/ho-so" class="filters-inline">
        <div class="field">
          <label for="f-q">Mã hồ sơ hoặc tên người nộp</label>
          <input id="f-q" name="q" value={filters.q} maxLength={100} />
        </div>
        <button type="submit" class="button">
          Tìm
        </button>
      </form>
      <DataTable
        caption={`${items.length} hồ sơ`}
        cards
        rows={items}
        rowKey={(a) => a.code}
        columns={[
          { header: 'Mã hồ sơ', cell: (a) => <a href={`/can-bo/ho-so/${a.code}`}>{a.code}</a> },
          { header: 'Người nộp', cell: (a) => a.applicantName },
          { header: 'Thủ tục', cell: (a) => a.serviceName },
          { header: 'Tệp', cell: (a) => (a.files ? `${a.files} tệp` : 'Chưa có tệp') },
          { header: 'Nộp lúc', cell: (a) => dateVi(a.submittedAt) },
          {
            header: 'Hạn',
            cell: (a) => (
              <>
                {dayVi(a.dueDate)}
                {a.dueDate && a.dueDate < today && [1, 2, 4, 5, 6, 7].includes(a.status) && <strong class="late"> (quá hạn)</strong>}
              </>
            ),
          },
          { header: 'Trạng thái', cell: (a) => <StatusBadge status={a.status} name={a.statusName} /> },
        ]}
      />
    </Layout>
  );
}
