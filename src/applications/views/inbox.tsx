import { DataTable } from '../../web/components/data-table.tsx';
import { AnswerList, type FormDefinition } from '../../forms/index.ts';
import { DeliveryLog, type DeliveryView } from '../../notifications/index.ts';
import { CsrfField, ErrorSummary, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { STATUS_NAMES, type Status } from '../model.ts';
import type { ApplicationRecord } from '../store.ts';
import type { Apology } from '../transitions.ts';
import type { Attachment, SupplementRequest } from '../attachments.ts';
import type { ApplicationSummary } from '../lists.ts';
import { ApologyBox, ApologyForm, AttachmentList, SupplementBox, SupplementRequestForm, STYLES } from './attachments.tsx';
import { ApplicationFacts, dateVi, dayVi, StatusBadge, Timeline } from './parts.tsx';

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

const ACTION_LABELS: Partial<Record<Status, string>> = {
  2: 'Tiếp nhận hồ sơ',
  3: 'Không tiếp nhận',
  4: 'Bắt đầu xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** What the officer's page shows beside the application: its files, requests, apology, and the forms that use them. */
export interface OfficerExtras {
  attachments: Attachment[];
  /** Earlier acceptances of the documents taken from the applicant's store, by attachment id. */
  acceptances?: Record<string, { agencyCode: string; agencyName?: string; at: Date; applicationCode?: string | null }[]>;
  components: { id: string; name: string }[];
  /** The e-form the answers came with, and the dossier component it stands in for (not a missing file). */
  eForm?: { title: string; componentId: string | null };
  openRequest?: SupplementRequest;
  apology?: Apology;
  /** The officer may request documents (5) now. */
  canRequest: boolean;
  /** The officer may still send the one apology. */
  canApologize: boolean;
  values?: { components?: string[]; other?: string; reason?: string; date?: string; apology?: string };
  /** What reached the applicant by email, SMS and webhook (N2). */
  deliveries?: DeliveryView[];
}

export function OfficerApplicationPage({ ctx, a, actions, form, errors = {}, notice, extras }: { ctx: PageContext; a: ApplicationRecord; actions: Status[]; form?: FormDefinition; errors?: FieldErrors; notice?: string; extras: OfficerExtras }) {
  const generic = actions.filter((s) => s !== 5);
  return (
    <Layout ctx={ctx} title={`Hồ sơ ${a.code}`} description={`Xử lý hồ sơ ${a.code}.`} styles={STYLES}>
      <ErrorSummary errors={errors} labels={{ note: 'Ghi chú', items: 'Giấy tờ cần bổ sung', reason: 'Lý do', date: 'Ngày hẹn mới', apology: 'Lý do chậm trễ' }} />
      <p>
        <a href="/can-bo/ho-so">‹ Hồ sơ của cơ quan</a>
      </p>
      <h1>Hồ sơ {a.code}</h1>
      {notice && <Notice>{notice}</Notice>}
      <ApplicationFacts a={a} />
      <h2>Thông tin đã khai</h2>
      {form ? (
        <AnswerList def={form} values={(a.data ?? {}) as Parameters<typeof AnswerList>[0]['values']} />
      ) : (
        <Facts class="service-facts" items={Object.entries((a.data ?? {}) as Record<string, unknown>).map(([k, v]) => ({ term: k, value: typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v) }))} />
      )}
      {form && (
        <p>
          Tờ khai theo mẫu giấy: <a href={`/can-bo/ho-so/${a.code}/to-khai.pdf`}>PDF</a> · <a href={`/can-bo/ho-so/${a.code}/to-khai.docx`}>.docx</a>
        </p>
      )}
      <h2>Thành phần hồ sơ</h2>
      <AttachmentList code={a.code} attachments={extras.attachments} components={extras.components} acceptances={extras.acceptances} eForm={extras.eForm} />
      {extras.openRequest && <SupplementBox code={a.code} request={extras.openRequest} forApplicant={false} />}
      {extras.apology && <ApologyBox apology={extras.apology} />}
      <h2>Tiến độ xử lý</h2>
      <Timeline history={a.history} />
      {generic.length > 0 && (
        <form method="post" action={`/can-bo/ho-so/${a.code}/trang-thai`} class="form-narrow" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <h2>Xử lý</h2>
          <div class={`field${errors.note ? ' field-error' : ''}`}>
            <label for="f-note">Ghi chú</label>
            <p class="hint" id="f-note-hint">
              Bắt buộc khi không tiếp nhận, dừng xử lý (ghi lý do) hoặc yêu cầu bổ sung (liệt kê đủ một lần các giấy tờ cần bổ sung).
            </p>
            {errors.note && (
              <p class="error-message" id="f-note-error">
                {errors.note}
              </p>
            )}
            <textarea id="f-note" name="note" rows={4} maxLength={4000} aria-describedby={errors.note ? 'f-note-hint f-note-error' : 'f-note-hint'} />
          </div>
          <div class="actions">
            {generic.map((s) =>
              // A7: asking for the fee and finishing with a signed result have their own pages.
              s === 6 || s === 9 ? (
                <a key={s} class="button" href={`/can-bo/ho-so/${a.code}/${s === 6 ? 'thu-phi' : 'ket-qua'}`}>
                  {ACTION_LABELS[s]}
                </a>
              ) : (
                <button key={s} type="submit" name="status" value={String(s)} class={s === 3 || s === 8 ? 'button button-secondary' : 'button'}>
                  {ACTION_LABELS[s]}
                </button>
              ),
            )}
          </div>
        </form>
      )}
      {/* The e-form came with the application: it is not a paper to ask for again. */}
      {extras.canRequest && <SupplementRequestForm csrf={ctx.csrfToken} code={a.code} components={extras.components.filter((c) => c.id !== extras.eForm?.componentId)} errors={errors} values={extras.values} />}
      {extras.canApologize && <ApologyForm csrf={ctx.csrfToken} code={a.code} dueDate={a.dueDate} errors={errors} values={extras.values} />}
      {extras.deliveries && <DeliveryLog deliveries={extras.deliveries} />}
    </Layout>
  );
}
