// The officers' counter-received counts (Art. 11.3): applications taken at the one-stop desk, not
// through the portal, written per service and month so the statistics count them too.
import { DataTable } from '../../web/components/data-table.tsx';
import { CsrfField, ErrorSummary, Field, Notice, Select, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { monthVi, noticeTime, vietnamDay } from '../../web/format.ts';
import { num } from './figures.ts';
import { MonthField } from './month-field.tsx';

export function CounterPage({ ctx, services, rows, values = {}, errors = {}, notice, year }: { ctx: PageContext; services: { code: string; name: string }[]; rows: { service: string; serviceName: string; month: string; count: number; by: string | null; at: Date | null }[]; values?: Record<string, string>; errors?: FieldErrors; notice?: string; year: number }) {
  return (
    <Layout ctx={ctx} title="Số liệu tiếp nhận trực tiếp trước khi triển khai" description="Ghi số hồ sơ tiếp nhận tại bộ phận một cửa theo tháng, để thống kê theo Điều 11.3.">
      <h1>Số liệu tiếp nhận trực tiếp trước khi triển khai</h1>
      <p>Ghi số hồ sơ cơ quan tiếp nhận tại bộ phận một cửa (không qua cổng) cho mỗi thủ tục và tháng, cho các tháng trước khi cơ quan ghi nhận từng hồ sơ giấy trên cổng. Số mới ghi thay số cũ của cùng thủ tục và tháng.</p>
      <p>
        Hồ sơ giấy nhận từ nay: ghi nhận từng hồ sơ tại <a href="/can-bo/tiep-nhan">Tiếp nhận hồ sơ trực tiếp</a>; số liệu được đếm tự động.
      </p>
      <ErrorSummary errors={errors} labels={{ service: 'Thủ tục', month: 'Tháng', count: 'Số hồ sơ' }} />
      {notice && <Notice>{notice}</Notice>}
      <form method="post" action="/can-bo/tiep-nhan-truc-tiep" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Select name="service" label="Thủ tục" choose="— Chọn thủ tục —" options={services.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))} value={values.service} errors={errors} />
        <MonthField id="f-month" name="month" label="Tháng" value={values.month ?? ''} error={errors.month} max={vietnamDay().slice(0, 7)} />
        <Field name="count" label="Số hồ sơ tiếp nhận trực tiếp" hint="Số nguyên, ví dụ 42" value={values.count ?? ''} errors={errors} maxLength={7} inputMode="numeric" />
        <button type="submit" class="button">
          Ghi số liệu
        </button>
      </form>
      <DataTable caption={`Số đã ghi năm ${year}`} rows={rows} rowKey={(r) => r.service + r.month} columns={[
        { header: 'Tháng', cell: (r) => monthVi(r.month.slice(0, 7)) },
        { header: 'Thủ tục', cell: (r) => r.serviceName },
        { header: 'Số hồ sơ', cell: (r) => num(r.count) },
        { header: 'Người ghi, lúc', cell: (r) => `${r.by ?? ''}${r.at ? `, ${noticeTime(r.at)}` : ''}` },
      ]} />
    </Layout>
  );
}
