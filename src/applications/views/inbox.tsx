import { DataTable } from '../../web/components/data-table.tsx';
import { ErrorSummary, Select } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { WARNING_NAMES, WARNINGS, type Warning } from '../deadlines.ts';
import { inboxHref, PAGE_ASSIGNEE, PAGE_DUE, PAGE_NAMES } from '../inbox-problems.ts';
import { CHANNEL_NAMES, CHANNELS, type InboxCounts, type InboxItem } from '../inbox-store.ts';
import { STATUS_NAMES, type Status } from '../model.ts';
import { dateVi, dayVi, StatusBadge } from './parts.tsx';

const ALL: Status[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const DUE_VALUE = Object.fromEntries(Object.entries(PAGE_DUE).map(([k, w]) => [w, k])) as Record<Warning, string>;

export interface InboxPageProps {
  ctx: PageContext;
  /** The query as given (the filters' state, kept in the URL). */
  values: Record<string, string | undefined>;
  choices: { services: { code: string; name: string }[]; agencies: { code: string; name: string }[] };
  officers: { username: string; fullName: string }[];
  result?: { items: InboxItem[]; next?: string; counts: InboxCounts };
  error?: { field: string; message: string };
}

const n = (v: number, cap: number) => (v >= cap ? `${cap.toLocaleString('vi-VN')}+` : v.toLocaleString('vi-VN'));

export function WarningBadges({ warnings }: { warnings: Warning[] }) {
  return (
    <>
      {warnings.map((w) => (
        <strong key={w} class={`late warning-${w}`}>
          {' '}
          {WARNING_NAMES[w]}
        </strong>
      ))}
    </>
  );
}

/** The links that filter by one query name, each with its count; the one in force is the current page. */
function FilterLinks({ label, name, values, href, links }: { label: string; name: string; values: InboxPageProps['values']; href: (change: Record<string, string | undefined>) => string; links: { value?: string; text: string }[] }) {
  return (
    <nav aria-label={label} class="status-filter">
      <ul>
        {links.map((l) => (
          <li key={l.value ?? ''}>
            <a href={href({ [name]: l.value })} aria-current={(l.value === undefined ? !values[name] : values[name] === l.value) ? 'page' : undefined}>
              {l.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function InboxPage({ ctx, values, choices, officers, result, error }: InboxPageProps) {
  const title = 'Hồ sơ của cơ quan';
  const filters = { ...values, [PAGE_NAMES.after]: undefined };
  const href = (change: Record<string, string | undefined>) => inboxHref('/can-bo/ho-so', { ...filters, ...change });
  const counts = result?.counts;
  return (
    <Layout ctx={ctx} title={title} description="Hộp hồ sơ của cơ quan: lọc theo trạng thái, thủ tục, nơi tiếp nhận, cán bộ xử lý, thời hạn, kênh nộp; tìm theo mã hồ sơ, số CCCD hoặc tên người nộp.">
      <h1>{title}</h1>
      <p>
        <a href="/can-bo/hoi-dap">Câu hỏi của người dân</a> · <a href="/can-bo/tiep-nhan">Tiếp nhận hồ sơ trực tiếp</a> · <a href="/can-bo/so-theo-doi">Sổ theo dõi hồ sơ</a>
      </p>
      {error && <ErrorSummary errors={{ [error.field]: error.message }} />}
      {counts && (
        <>
          <FilterLinks
            label="Lọc theo trạng thái"
            name={PAGE_NAMES.status}
            values={values}
            href={href}
            links={[{ text: 'Mọi trạng thái' }, ...ALL.filter((s) => counts.status[s]).map((s) => ({ value: String(s), text: `${STATUS_NAMES[s]} (${n(counts.status[s]!, counts.cap)})` }))]}
          />
          <FilterLinks label="Lọc theo thời hạn" name={PAGE_NAMES.due} values={values} href={href} links={WARNINGS.map((w) => ({ value: DUE_VALUE[w], text: `${WARNING_NAMES[w]} (${n(counts.warnings[w], counts.cap)})` }))} />
        </>
      )}
      <form method="get" action="/can-bo/ho-so" class="filters-inline">
        <Select name={PAGE_NAMES.status} label="Trạng thái" choose="Tất cả" value={values[PAGE_NAMES.status]} options={ALL.map((s) => ({ value: String(s), label: STATUS_NAMES[s] }))} />
        <Select name={PAGE_NAMES.service} label="Thủ tục" choose="Tất cả" value={values[PAGE_NAMES.service]} options={choices.services.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))} />
        <Select name={PAGE_NAMES.agency} label="Nơi tiếp nhận" choose="Tất cả" value={values[PAGE_NAMES.agency]} options={choices.agencies.map((a) => ({ value: a.code, label: a.name }))} />
        <Select
          name={PAGE_NAMES.assignee}
          label="Cán bộ xử lý"
          choose="Tất cả"
          value={values[PAGE_NAMES.assignee]}
          options={[{ value: PAGE_ASSIGNEE.me, label: 'Của tôi' }, { value: PAGE_ASSIGNEE.nobody, label: 'Chưa phân công' }, ...officers.map((o) => ({ value: o.username, label: o.fullName }))]}
        />
        <Select name={PAGE_NAMES.due} label="Thời hạn" choose="Tất cả" value={values[PAGE_NAMES.due]} options={WARNINGS.map((w) => ({ value: DUE_VALUE[w], label: WARNING_NAMES[w] }))} />
        <Select name={PAGE_NAMES.channel} label="Kênh nộp" choose="Tất cả" value={values[PAGE_NAMES.channel]} options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_NAMES[c] }))} />
        <div class="field">
          <label for="f-q">Mã hồ sơ, số CCCD hoặc tên người nộp</label>
          <input id="f-q" name="q" value={values.q} maxLength={100} />
        </div>
        <button type="submit" class="button">
          Lọc
        </button>
      </form>
      {result && (
        <>
          <p>
            <a href={inboxHref('/can-bo/ho-so.csv', filters)} download>
              Tải danh sách (CSV, mọi trang)
            </a>
          </p>
          <DataTable caption={`${result.items.length} hồ sơ trên trang này${values[PAGE_NAMES.after] ? '' : ' (trang đầu)'}`} cards rows={result.items} rowKey={(a) => a.code} empty="Không có hồ sơ nào khớp bộ lọc." columns={[
            { header: 'Mã hồ sơ', cell: (a) => <a href={`/can-bo/ho-so/${a.code}`}>{a.code}</a> },
            { header: 'Người nộp', cell: (a) => a.applicantName },
            { header: 'Thủ tục', cell: (a) => a.serviceName },
            { header: 'Kênh', cell: (a) => CHANNEL_NAMES[a.channel] },
            { header: 'Cán bộ xử lý', cell: (a) => a.assigneeName ?? 'Chưa phân công' },
            { header: 'Tệp', cell: (a) => (a.files ? `${a.files} tệp` : 'Chưa có tệp') },
            { header: 'Nộp lúc', cell: (a) => dateVi(a.submittedAt) },
            {
              header: 'Hạn',
              cell: (a) => (
                <>
                  {dayVi(a.dueDate)}
                  <WarningBadges warnings={a.warnings} />
                </>
              ),
            },
            { header: 'Trạng thái', cell: (a) => <StatusBadge status={a.status} name={a.statusName} /> },
          ]} />
          <nav aria-label="Trang" class="pager">
            <ul>
              {values[PAGE_NAMES.after] && (
                <li>
                  <a href={href({})}>Về trang đầu</a>
                </li>
              )}
              {result.next && (
                <li>
                  <a href={href({ [PAGE_NAMES.after]: result.next })} rel="next">
                    Trang sau
                  </a>
                </li>
              )}
            </ul>
          </nav>
        </>
      )}
    </Layout>
  );
}
