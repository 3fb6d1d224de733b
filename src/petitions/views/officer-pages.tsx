// Phản ánh, kiến nghị, the officers' pages (Vietnamese): the agency's list, overdue first, with
// the answering deadline per agency, and the page to answer one and publish it.
import { DataTable } from '../../web/components/data-table.tsx';
import { Checkbox, CsrfField, ErrorSummary, Field, Notice, Select, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import { dayVi, shorten, timeVi } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import { DEFAULT_HANDLING_DAYS, MAX_HANDLING_DAYS } from '../model.ts';
import type { Petition, PetitionRow } from '../store.ts';

const LABELS: Record<string, string> = {
  subject: 'Tiêu đề',
  content: 'Nội dung',
  name: 'Họ và tên',
  email: 'Thư điện tử',
  phone: 'Số điện thoại',
  service: 'Mã thủ tục',
  application: 'Mã hồ sơ',
  consent: 'Đồng ý xử lý dữ liệu cá nhân',
  ma: 'Mã phản ánh',
  'lien-he': 'Thư điện tử hoặc số điện thoại',
  answer: 'Nội dung trả lời',
  days: 'Số ngày làm việc',
  agency: 'Cơ quan',
};

export function OfficerListPage({
  ctx,
  items,
  overdue,
  overdueHref,
  overdueOnly,
  handlingDays,
  deadlineAgencies,
  notice,
  errors = {},
  daysValue,
}: {
  ctx: PageContext;
  items: PetitionRow[];
  overdue: number;
  overdueHref: string;
  overdueOnly: boolean;
  handlingDays: number | undefined;
  deadlineAgencies: { code: string; name: string }[];
  notice?: string;
  errors?: FieldErrors;
  daysValue?: string;
}) {
  const waiting = items.filter((p) => !p.answeredAt).length;
  return (
    <Layout ctx={ctx} title="Phản ánh, kiến nghị của người dân" description="Trả lời phản ánh, kiến nghị gửi đến cơ quan.">
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Phản ánh, kiến nghị của người dân</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        {overdue > 0 ? (
          <a href={overdueHref}>
            <strong>{overdue} phản ánh quá hạn trả lời</strong>
          </a>
        ) : (
          'Không có phản ánh nào quá hạn trả lời.'
        )}{' '}
        {overdueOnly ? (
          <a href="/can-bo/phan-anh-kien-nghi">Xem mọi phản ánh</a>
        ) : (
          `${waiting} phản ánh đang chờ trả lời.`
        )}
      </p>
      {handlingDays !== undefined && <p>Thời hạn trả lời của cơ quan: {handlingDays} ngày làm việc kể từ ngày tiếp nhận.</p>}
      <DataTable caption={overdueOnly ? `${items.length} phản ánh quá hạn, hạn sớm nhất trước` : 'Quá hạn trước, rồi theo hạn trả lời; đã trả lời ở cuối'} cards rows={items} rowKey={(p) => p.code} empty={overdueOnly ? 'Không có phản ánh quá hạn.' : 'Chưa có phản ánh, kiến nghị nào gửi đến cơ quan.'} columns={[
        { header: 'Phản ánh', cell: (p) => <a href={`/can-bo/phan-anh-kien-nghi/${p.code}`}>{shorten(p.subject, 120)}</a> },
        { header: 'Mã', cell: (p) => p.code },
        { header: 'Gửi lúc', cell: (p) => timeVi(p.receivedAt) },
        { header: 'Hạn trả lời', cell: (p) => dayVi(p.dueDate) },
        {
          header: 'Tình trạng',
          cell: (p) => (
            <>
              {p.status === 'qua-han' ? <strong>{p.statusName}</strong> : p.statusName}
              {p.published && ', đã công khai'}
            </>
          ),
        },
      ]} />
      {deadlineAgencies.length > 0 && (
        <section aria-labelledby="pakn-deadline">
          <h2 id="pakn-deadline">Thời hạn trả lời theo cơ quan</h2>
          <p>Áp dụng cho phản ánh gửi từ nay; mặc định {DEFAULT_HANDLING_DAYS} ngày làm việc.</p>
          <form method="post" action="/can-bo/phan-anh-kien-nghi/thoi-han" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Select name="agency" label="Cơ quan" options={deadlineAgencies.map((a) => ({ value: a.code, label: a.name }))} errors={errors} />
            <Field name="days" label="Số ngày làm việc" value={daysValue} errors={errors} required maxLength={3} inputMode="numeric" hint={`Từ 1 đến ${MAX_HANDLING_DAYS}.`} />
            <button type="submit" class="button button-secondary">
              Lưu thời hạn
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function AnswerPage({ ctx, p, statusName, value, published, errors = {} }: { ctx: PageContext; p: Petition; statusName: string; value?: string; published?: boolean; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={`Phản ánh ${p.code}`} description="Trả lời phản ánh, kiến nghị của người dân.">
      <p>
        <a href="/can-bo/phan-anh-kien-nghi">‹ Phản ánh, kiến nghị của người dân</a>
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Phản ánh {p.code}</h1>
      <Facts
        class="profile-list"
        items={[
          { term: 'Tình trạng', value: statusName },
          { term: 'Gửi lúc', value: timeVi(p.receivedAt) },
          { term: 'Hạn trả lời', value: dayVi(p.dueDate) },
          { term: 'Cơ quan', value: p.agencyName },
          {
            term: 'Người gửi',
            value: (
              <>
                {p.senderName}
                {p.senderId ? ' (tài khoản trên cổng)' : ''}
                {p.senderEmail && ` · ${p.senderEmail}`}
                {p.senderPhone && ` · ${p.senderPhone}`}
              </>
            ),
          },
          p.serviceCode && { term: 'Thủ tục', value: <a href={`/dich-vu-cong/${p.serviceCode}`}>{p.serviceName ?? p.serviceCode}</a> },
          p.applicationCode && { term: 'Hồ sơ', value: <a href={`/can-bo/ho-so/${p.applicationCode}`}>{p.applicationCode}</a> },
        ]}
      />
      <h2>{p.subject}</h2>
      <p class="faq-text">{p.content}</p>
      <form method="post" action={`/can-bo/phan-anh-kien-nghi/${p.code}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextArea name="answer" label="Nội dung trả lời" value={value ?? p.answer ?? ''} errors={errors} required maxLength={10_000} rows={8} />
        <Checkbox name="published" label="Công khai phản ánh và câu trả lời trên cổng (không kèm họ tên, thư điện tử, số điện thoại của người gửi)" checked={published ?? p.published} />
        <button type="submit" class="button">
          {p.answer ? 'Lưu câu trả lời' : 'Gửi câu trả lời'}
        </button>
      </form>
      {p.answeredAt && (
        <p class="faq-meta">
          Đã trả lời lúc {timeVi(p.answeredAt)}
          {p.answererName && ` (${p.answererName})`}.
        </p>
      )}
    </Layout>
  );
}
