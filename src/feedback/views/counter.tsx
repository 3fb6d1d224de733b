// The officers' counter-received counts (Art. 11.3): applications taken at the one-stop desk, not
// through the portal, written per service and month so the statistics count them too.
import { DataTable } from '../../web/components/data-table.tsx';
import { CsrfField, ErrorSummary, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { monthVi, noticeTime, vietnamDay } from '../../web/format.ts';
import { num } from './figures.ts';
import { MonthField } from './month-field.tsx';

export function CounterPage({ ctx, services, rows, values = {}, errors = {}, notice, year }: { ctx: PageContext; services: { code: string; name: string }[]; rows: { service: string; serviceName: string; month: string; count: number; by: string | null; at: Date | null }[]; values?: Record<string, string>; errors?: FieldErrors; notice?: string; year: number }) {
  return (
    <Layout ctx={ctx} title="Hồ sơ tiếp nhận trực tiếp" description="Ghi số hồ sơ tiếp nhận tại bộ phận một cửa theo tháng, để thống kê theo Điều 11.3.">
      <h1>Hồ sơ tiếp nhận trực tiếp</h1>
      <p>Ghi số hồ sơ cơ quan tiếp nhận tại bộ phận một cửa (không qua cổng) cho mỗi thủ tục và tháng. Số mới ghi thay số cũ của cùng thủ tục và tháng.</p>
      <ErrorSummary errors={errors} labels={{ service: 'Thủ tục', month: 'Tháng', count: 'Số hồ sơ' }} />
      {notice && <Notice>{notice}</Notice>}
      <form method="post" action="/can-bo/tiep-nhan-truc-tiep" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <div class={`field${errors.service ? ' field-error' : ''}`}>
          <label for="f-service">Thủ tục</label>
          {errors.service && (
            <p class="error-message" id="f-service-error">
              <span class="visually-hidden">Lỗi: </span>
              {errors.service}
            </p>
          )}
          <select id="f-service" name="service" aria-describedby={errors.service ? 'f-service-error' : undefined}>
            <option value="">— Chọn thủ tục —</option>
            {services.map((s) => (
              <option key={s.code} value={s.code} selected={values.service === s.code}>
                {s.name} ({s.code})
              </option>
            ))}
          </select>
        </div>
        <MonthField id="f-month" name="month" label="Tháng" value={values.month ?? ''} error={errors.month} max={vietnamDay().slice(0, 7)} />
        {(
          [
            ['count', 'Số hồ sơ tiếp nhận trực tiếp', 'Số nguyên, ví dụ 42', 7],
          ] as const
        ).map(([name, label, hint, max]) => (
          <div key={name} class={`field${errors[name] ? ' field-error' : ''}`}>
            <label for={`f-${name}`}>{label}</label>
            <p class="hint" id={`f-${name}-hint`}>
              {hint}
            </p>
            {errors[name] && (
              <p class="error-message" id={`f-${name}-error`}>
                <span class="visually-hidden">Lỗi: </span>
                {errors[name]}
              </p>
            )}
            <input id={`f-${name}`} name={name} value={values[name] ?? ''} maxLength={max} inputMode="numeric" aria-describedby={`f-${name}-hint${errors[name] ? ` f-${name}-error` : ''}`} aria-invalid={errors[name] ? 'true' : undefined} />
          </div>
        ))}
        <button type="submit" class="button">
          Ghi số liệu
        </button>
      </form>
      <DataTable
        caption={`Số đã ghi năm ${year}`}
        rows={rows}
        rowKey={(r) => r.service + r.month}
        columns={[
          { header: 'Tháng', cell: (r) => monthVi(r.month.slice(0, 7)) },
          { header: 'Thủ tục', cell: (r) => r.serviceName },
          { header: 'Số hồ sơ', cell: (r) => num(r.count) },
          { header: 'Người ghi, lúc', cell: (r) => `${r.by ?? ''}${r.at ? `, ${noticeTime(r.at)}` : ''}` },
        ]}
      />
    </Layout>
  );
}
