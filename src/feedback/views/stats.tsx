// The Art. 11.3 figures on a service's page, the managers' dashboard (charts with a text summary
// and a table each, Art. 18c; CSV of every table) and the officers' counter-received counts.
import { CsrfField, ErrorSummary, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { timeVi } from '../../web/format.ts';
import { CRITERIA, CRITERION_NAMES, LEVEL_NAMES, LEVELS } from '../model.ts';
import type { Dashboard, Figures, ServiceStatistics } from '../stats.ts';
import { BarChart, ColumnChart } from './charts.tsx';

export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);
export const num = (x: number) => x.toLocaleString('vi-VN');
const days = (x: number | null) => (x === null ? '—' : `${x.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ngày`);
const monthVi = (ym: string) => `${ym.slice(5, 7)}/${ym.slice(0, 4)}`;

const COLORS = { received: '#0b5cad', resolved: '#0a6b35', offline: '#8a4b00', onTime: '#0a6b35' };
const LEVEL_COLORS = { 'rat-hai-long': '#0a6b35', 'hai-long': '#0b5cad', 'chua-hai-long': '#a3262a' } as const;

function SatisfactionTable({ s, caption }: { s: Figures['satisfaction']; caption: string }) {
  return (
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Tiêu chí</th>
          {LEVELS.map((l) => (
            <th scope="col" key={l}>
              {LEVEL_NAMES[l]}
            </th>
          ))}
          <th scope="col">Số lượt</th>
          <th scope="col">Tỷ lệ hài lòng</th>
        </tr>
      </thead>
      <tbody>
        {CRITERIA.map((c) => (
          <tr key={c}>
            <th scope="row">{CRITERION_NAMES[c]}</th>
            {LEVELS.map((l) => (
              <td key={l}>{num(s[c][l])}</td>
            ))}
            <td>{num(s[c].total)}</td>
            <td>{pct(s[c].satisfiedRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Art. 11.3 on a level-3/4 service's page: this year to date. */
export function ServiceFigures({ s }: { s: ServiceStatistics }) {
  return (
    <section aria-labelledby="so-lieu">
      <h2 id="so-lieu">Tình hình giải quyết năm {s.year} (đến nay)</h2>
      <dl class="service-facts stat-facts">
        <div>
          <dt>Hồ sơ trực tuyến đã tiếp nhận</dt>
          <dd>{num(s.onlineReceived)}</dd>
        </div>
        <div>
          <dt>Hồ sơ trực tuyến đã giải quyết</dt>
          <dd>{num(s.onlineResolved)}</dd>
        </div>
        <div>
          <dt>Tỷ lệ giải quyết đúng hạn</dt>
          <dd>{pct(s.onTimeRate)}</dd>
        </div>
        <div>
          <dt>Tổng số hồ sơ tiếp nhận (trực tuyến và trực tiếp)</dt>
          <dd>
            {num(s.totalReceived)} ({num(s.onlineReceived)} trực tuyến, {num(s.offlineReceived)} trực tiếp)
          </dd>
        </div>
      </dl>
      <SatisfactionTable s={s.satisfaction} caption={`Mức độ hài lòng của người dân, năm ${s.year}`} />
    </section>
  );
}

export function ServiceFaq({ code, items }: { code: string; items: { id: number; question: string; views: number }[] }) {
  return (
    <section aria-labelledby="hoi-dap">
      <h2 id="hoi-dap">Câu hỏi thường gặp</h2>
      {items.length === 0 ? (
        <p>Chưa có câu hỏi thường gặp về thủ tục này.</p>
      ) : (
        <ul>
          {items.map((e) => (
            <li key={e.id}>
              <a href={`/hoi-dap/${e.id}`}>{e.question.length > 160 ? `${e.question.slice(0, 158)}…` : e.question}</a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/hoi-dap?dich-vu=${code}`}>Mọi câu hỏi về thủ tục này</a> · <a href={`/hoi-dap/dat-cau-hoi?dich-vu=${code}`}>Đặt câu hỏi</a>
      </p>
    </section>
  );
}

export function GuidanceLinks({ items }: { items: { slug: string; title: string }[] }) {
  if (!items.length) return null;
  return (
    <nav class="guidance-links" aria-labelledby="huong-dan-links">
      <h2 id="huong-dan-links">Hướng dẫn thực hiện</h2>
      <ul>
        {items.map((g) => (
          <li key={g.slug}>
            <a href={`/huong-dan/${g.slug}`}>{g.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface DashboardView {
  agency: { code: string; name: string };
  agencies: { code: string; name: string }[];
  from: string;
  to: string;
  data: Dashboard;
}

function Csv({ table, query, label }: { table: string; query: string; label: string }) {
  return (
    <p class="csv-link">
      <a href={`/quan-ly/thong-ke/${table}.csv?${query}`} download>
        Tải bảng dạng CSV<span class="visually-hidden"> — {label}</span>
      </a>
    </p>
  );
}

export function DashboardPage({ ctx, view, errors = {}, values = {} }: { ctx: PageContext; view?: DashboardView; errors?: FieldErrors; values?: Record<string, string> }) {
  const title = 'Thống kê giải quyết hồ sơ và mức độ hài lòng';
  return (
    <Layout ctx={ctx} title={title} description="Số liệu theo Điều 11.3 Thông tư 32/2017/TT-BTTTT cho lãnh đạo: theo cơ quan và thời gian, biểu đồ và bảng số liệu.">
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={{ from: 'Từ tháng', to: 'Đến tháng', agency: 'Cơ quan' }} />
      {view ? <DashboardBody view={view} values={values} errors={errors} /> : null}
    </Layout>
  );
}

function PeriodForm({ view, values, errors }: { view: DashboardView; values: Record<string, string>; errors: FieldErrors }) {
  const field = (name: 'tu' | 'den', key: 'from' | 'to', label: string, value: string) => (
    <div class={`field${errors[key] ? ' field-error' : ''}`}>
      <label for={`f-${key}`}>{label}</label>
      <p class="hint" id={`f-${key}-hint`}>
        Dạng YYYY-MM, ví dụ 2026-01
      </p>
      {errors[key] && (
        <p class="error-message" id={`f-${key}-error`}>
          <span class="visually-hidden">Lỗi: </span>
          {errors[key]}
        </p>
      )}
      <input id={`f-${key}`} name={name} value={value} maxLength={7} inputMode="numeric" aria-describedby={`f-${key}-hint${errors[key] ? ` f-${key}-error` : ''}`} aria-invalid={errors[key] ? 'true' : undefined} />
    </div>
  );
  return (
    <form method="get" action="/quan-ly/thong-ke" class="period-form">
      <div class="field">
        <label for="f-agency">Cơ quan (gồm các đơn vị trực thuộc)</label>
        <select id="f-agency" name="co-quan">
          {view.agencies.map((a) => (
            <option key={a.code} value={a.code} selected={a.code === view.agency.code}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      {field('tu', 'from', 'Từ tháng', values.tu ?? view.from.slice(0, 7))}
      {field('den', 'to', 'Đến tháng', values.den ?? view.to.slice(0, 7))}
      <button type="submit" class="button">
        Xem số liệu
      </button>
    </form>
  );
}

function DashboardBody({ view, values, errors }: { view: DashboardView; values: Record<string, string>; errors: FieldErrors }) {
  const { data, agency } = view;
  const t = data.totals;
  const period = `từ tháng ${monthVi(view.from.slice(0, 7))} đến tháng ${monthVi(view.to.slice(0, 7))}`;
  const Period = period[0]!.toUpperCase() + period.slice(1);
  const query = `co-quan=${encodeURIComponent(agency.code)}&tu=${view.from.slice(0, 7)}&den=${view.to.slice(0, 7)}`;
  const months = data.months;
  const peak = months.reduce<(typeof months)[number] | undefined>((best, m) => (!best || m.onlineReceived > best.onlineReceived ? m : best), undefined);
  const rated = months.filter((m) => m.onTimeRate !== null);
  const worst = rated.reduce<(typeof months)[number] | undefined>((w, m) => (!w || m.onTimeRate! < w.onTimeRate! ? m : w), undefined);
  const slowest = data.services[0];
  const sat = t.satisfaction;
  return (
    <>
      <PeriodForm view={view} values={values} errors={errors} />
      <h2>
        {agency.name}, {period}
      </h2>
      <dl class="service-facts stat-facts">
        <div>
          <dt>Hồ sơ trực tuyến tiếp nhận</dt>
          <dd>{num(t.onlineReceived)}</dd>
        </div>
        <div>
          <dt>Hồ sơ trực tuyến đã giải quyết</dt>
          <dd>{num(t.onlineResolved)}</dd>
        </div>
        <div>
          <dt>Tỷ lệ giải quyết đúng hạn</dt>
          <dd>{pct(t.onTimeRate)}</dd>
        </div>
        <div>
          <dt>Thời gian giải quyết trung bình</dt>
          <dd>{days(t.averageDays)}</dd>
        </div>
        <div>
          <dt>Tổng hồ sơ tiếp nhận (trực tuyến và trực tiếp)</dt>
          <dd>
            {num(t.totalReceived)} ({num(t.offlineReceived)} trực tiếp)
          </dd>
        </div>
        <div>
          <dt>Tỷ lệ hài lòng chung</dt>
          <dd>
            {pct(sat.overall.satisfiedRate)} ({num(sat.overall.total)} lượt đánh giá)
          </dd>
        </div>
      </dl>
      <Csv table="tong-hop" query={query} label="tổng hợp" />

      <section aria-labelledby="h-thang" class="chart-section">
        <h2 id="h-thang">Hồ sơ theo tháng</h2>
        <p>
          {Period}: {num(t.onlineReceived)} hồ sơ trực tuyến và {num(t.offlineReceived)} hồ sơ trực tiếp được tiếp nhận, {num(t.onlineResolved)} hồ sơ trực tuyến đã giải quyết.
          {peak && peak.onlineReceived > 0 ? ` Tháng nhiều hồ sơ trực tuyến nhất: ${monthVi(peak.month)} (${num(peak.onlineReceived)}).` : ''}
        </p>
        <ColumnChart
          id="chart-months"
          title="Biểu đồ cột: hồ sơ tiếp nhận và giải quyết theo tháng"
          desc={`Mỗi tháng ${period} có ba cột: hồ sơ trực tuyến tiếp nhận, hồ sơ trực tuyến đã giải quyết, hồ sơ trực tiếp. Số liệu chi tiết ở bảng ngay sau biểu đồ.`}
          categories={months.map((m) => monthVi(m.month))}
          series={[
            { name: 'Trực tuyến tiếp nhận', color: COLORS.received, values: months.map((m) => m.onlineReceived) },
            { name: 'Trực tuyến đã giải quyết', color: COLORS.resolved, values: months.map((m) => m.onlineResolved) },
            { name: 'Trực tiếp tiếp nhận', color: COLORS.offline, values: months.map((m) => m.offlineReceived) },
          ]}
        />
        <table class="data-table">
          <caption>Hồ sơ theo tháng, {period}</caption>
          <thead>
            <tr>
              <th scope="col">Tháng</th>
              <th scope="col">Trực tuyến tiếp nhận</th>
              <th scope="col">Trực tuyến đã giải quyết</th>
              <th scope="col">Đúng hạn</th>
              <th scope="col">Tỷ lệ đúng hạn</th>
              <th scope="col">Trực tiếp tiếp nhận</th>
              <th scope="col">Tổng tiếp nhận</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthVi(m.month)}</th>
                <td>{num(m.onlineReceived)}</td>
                <td>{num(m.onlineResolved)}</td>
                <td>{num(m.resolvedOnTime)}</td>
                <td>{pct(m.onTimeRate)}</td>
                <td>{num(m.offlineReceived)}</td>
                <td>{num(m.totalReceived)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Csv table="theo-thang" query={query} label="hồ sơ theo tháng" />
      </section>

      <section aria-labelledby="h-dung-han" class="chart-section">
        <h2 id="h-dung-han">Tỷ lệ giải quyết đúng hạn</h2>
        <p>
          {t.onTimeRate === null
            ? `Chưa có hồ sơ trực tuyến nào được giải quyết ${period}.`
            : `Cả kỳ: ${pct(t.onTimeRate)} hồ sơ giải quyết đúng hạn (${num(t.resolvedOnTime)} trên ${num(t.onlineResolved)}).${worst ? ` Tháng thấp nhất: ${monthVi(worst.month)} (${pct(worst.onTimeRate)}).` : ''}`}
        </p>
        <ColumnChart
          id="chart-ontime"
          title="Biểu đồ cột: tỷ lệ hồ sơ giải quyết đúng hạn theo tháng (%)"
          desc={`Mỗi cột là phần trăm hồ sơ trực tuyến giải quyết đúng hạn trong tháng, ${period}; tháng không có hồ sơ giải quyết để trống. Số liệu ở bảng Hồ sơ theo tháng.`}
          categories={months.map((m) => monthVi(m.month))}
          series={[{ name: 'Đúng hạn (%)', color: COLORS.onTime, values: months.map((m) => (m.onTimeRate === null ? 0 : m.onTimeRate * 100)) }]}
          unit="%"
          max={100}
        />
      </section>

      <section aria-labelledby="h-cham" class="chart-section">
        <h2 id="h-cham">Thủ tục giải quyết chậm nhất</h2>
        <p>
          {slowest
            ? `Chậm nhất: ${slowest.name}, trung bình ${days(slowest.averageDays)} từ khi nộp đến khi giải quyết xong, ${pct(slowest.onTimeRate)} đúng hạn.`
            : `Chưa có thủ tục nào có hồ sơ giải quyết ${period}.`}
        </p>
        {data.services.length > 0 && (
          <BarChart
            id="chart-slow"
            title="Biểu đồ thanh: thời gian giải quyết trung bình của các thủ tục chậm nhất (ngày)"
            desc={`${data.services.length} thủ tục có thời gian giải quyết trung bình dài nhất ${period}, dài nhất ở trên. Số liệu ở bảng ngay sau biểu đồ.`}
            labels={data.services.map((s) => s.name)}
            series={[{ name: 'Ngày', color: COLORS.received, values: data.services.map((s) => s.averageDays ?? 0) }]}
            unit="ngày"
          />
        )}
        <table class="data-table">
          <caption>Thủ tục giải quyết chậm nhất, {period}</caption>
          <thead>
            <tr>
              <th scope="col">Thủ tục</th>
              <th scope="col">Đã giải quyết</th>
              <th scope="col">Thời gian trung bình</th>
              <th scope="col">Tỷ lệ đúng hạn</th>
            </tr>
          </thead>
          <tbody>
            {data.services.map((s) => (
              <tr key={s.code}>
                <th scope="row">
                  <a href={`/dich-vu-cong/${s.code}`}>{s.name}</a>
                </th>
                <td>{num(s.onlineResolved)}</td>
                <td>{days(s.averageDays)}</td>
                <td>{pct(s.onTimeRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Csv table="thu-tuc-cham" query={query} label="thủ tục giải quyết chậm nhất" />
      </section>

      <section aria-labelledby="h-hai-long" class="chart-section">
        <h2 id="h-hai-long">Mức độ hài lòng</h2>
        <p>
          {sat.overall.total === 0
            ? `Chưa có lượt đánh giá nào ${period}.`
            : `${num(sat.overall.total)} lượt đánh giá; ${pct(sat.overall.satisfiedRate)} hài lòng hoặc rất hài lòng nói chung. ` +
              CRITERIA.filter((c) => c !== 'overall' && sat[c].total > 0)
                .map((c) => `${CRITERION_NAMES[c]}: ${pct(sat[c].satisfiedRate)}`)
                .join('; ') +
              '.'}
        </p>
        <BarChart
          id="chart-satisfaction"
          title="Biểu đồ thanh xếp chồng: tỷ lệ các mức hài lòng theo từng tiêu chí"
          desc="Mỗi thanh là một tiêu chí, chia theo tỷ lệ Rất hài lòng, Hài lòng, Chưa hài lòng. Số liệu ở bảng ngay sau biểu đồ."
          labels={CRITERIA.map((c) => CRITERION_NAMES[c])}
          series={LEVELS.map((l) => ({ name: LEVEL_NAMES[l], color: LEVEL_COLORS[l], values: CRITERIA.map((c) => sat[c][l]) }))}
          stacked
        />
        <SatisfactionTable s={sat} caption={`Mức độ hài lòng theo tiêu chí, ${period}`} />
        <Csv table="hai-long" query={query} label="mức độ hài lòng" />
      </section>

      <section aria-labelledby="h-co-quan">
        <h2 id="h-co-quan">Theo cơ quan tiếp nhận</h2>
        <table class="data-table">
          <caption>Số liệu theo cơ quan tiếp nhận, {period}</caption>
          <thead>
            <tr>
              <th scope="col">Cơ quan</th>
              <th scope="col">Trực tuyến tiếp nhận</th>
              <th scope="col">Đã giải quyết</th>
              <th scope="col">Tỷ lệ đúng hạn</th>
              <th scope="col">Trực tiếp tiếp nhận</th>
              <th scope="col">Tỷ lệ hài lòng</th>
            </tr>
          </thead>
          <tbody>
            {data.agencies.map((a) => (
              <tr key={a.code}>
                <th scope="row">{a.name}</th>
                <td>{num(a.onlineReceived)}</td>
                <td>{num(a.onlineResolved)}</td>
                <td>{pct(a.onTimeRate)}</td>
                <td>{num(a.offlineReceived)}</td>
                <td>{pct(a.satisfaction.overall.satisfiedRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Csv table="theo-co-quan" query={query} label="theo cơ quan tiếp nhận" />
      </section>
    </>
  );
}

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
        {(
          [
            ['month', 'Tháng', 'Dạng YYYY-MM, ví dụ 2026-03', 7],
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
      <table class="data-table">
        <caption>Số đã ghi năm {year}</caption>
        <thead>
          <tr>
            <th scope="col">Tháng</th>
            <th scope="col">Thủ tục</th>
            <th scope="col">Số hồ sơ</th>
            <th scope="col">Người ghi, lúc</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.service + r.month}>
              <th scope="row">{monthVi(r.month.slice(0, 7))}</th>
              <td>{r.serviceName}</td>
              <td>{num(r.count)}</td>
              <td>
                {r.by ?? ''}
                {r.at ? `, ${timeVi(r.at)}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
