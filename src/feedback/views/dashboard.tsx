// The managers' dashboard (Art. 11.3, 18c): a period and an agency, the totals, and for each
// measure a sentence, a chart and the table of its figures, each table also as CSV.
import { DataTable } from '../../web/components/data-table.tsx';
import { ErrorSummary, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { dayVi, monthVi, shorten, vietnamDay } from '../../web/format.ts';
import { CRITERIA, CRITERION_NAMES, LEVEL_NAMES, LEVELS } from '../model.ts';
import { WARNING_NAMES, WARNINGS, type WarningCounts } from '../../applications/index.ts';
import type { Dashboard, Figures } from '../stats.ts';
import { BarChart, ColumnChart } from './charts.tsx';
import { COLORS, days, LEVEL_COLORS, num, pct } from './figures.ts';
import { MonthField } from './month-field.tsx';
import { SatisfactionTable } from './service-figures.tsx';

/** The satisfaction summary: overall, then each criterion rated, as one sentence each. */
function satisfactionSummary(sat: Figures['satisfaction']): string {
  const criteria = CRITERIA.filter((c) => c !== 'overall' && sat[c].total > 0).map((c) => `${CRITERION_NAMES[c]}: ${pct(sat[c].satisfiedRate)}`);
  const overall = `${num(sat.overall.total)} lượt đánh giá; ${pct(sat.overall.satisfiedRate)} hài lòng hoặc rất hài lòng nói chung.`;
  return criteria.length ? `${overall} ${criteria.join('; ')}.` : overall;
}

/** Unanswered petitions past their due day: how many, the oldest few, and where officers answer them. */
export interface OverduePetitionsView {
  count: number;
  items: { code: string; subject: string; agencyCode: string; dueDate: string }[];
  /** Absent when the reader may not open the officers' list. */
  href?: string;
}

export interface DashboardView {
  agency: { code: string; name: string };
  agencies: { code: string; name: string }[];
  from: string;
  to: string;
  data: Dashboard;
  petitions?: OverduePetitionsView;
  /** Applications of the tree late or near their deadline today (A4). */
  deadlines?: WarningCounts;
}

/** Today's deadline warnings over the tree: not received within 8 working hours, due within 1 working day, overdue. */
function DeadlineCounts({ c }: { c: WarningCounts }) {
  return (
    <section aria-labelledby="h-canh-bao-han">
      <h2 id="h-canh-bao-han">Hồ sơ cần chú ý về thời hạn (hôm nay)</h2>
      <Facts items={WARNINGS.map((w) => ({ term: WARNING_NAMES[w], value: `${num(c[w])} hồ sơ` }))} />
    </section>
  );
}

/** Overdue petitions as of today (not of the chosen period), the oldest first, with the way to the list. */
function OverduePetitions({ p, agencies }: { p: OverduePetitionsView; agencies: { code: string; name: string }[] }) {
  const agencyName = (code: string) => agencies.find((a) => a.code === code)?.name ?? code;
  return (
    <section aria-labelledby="h-pakn-qua-han">
      <h2 id="h-pakn-qua-han">Phản ánh, kiến nghị quá hạn trả lời</h2>
      {p.count === 0 ? (
        <p>Hôm nay không có phản ánh, kiến nghị nào quá hạn trả lời.</p>
      ) : (
        <>
          <p>
            <strong>{num(p.count)} phản ánh, kiến nghị</strong> đã quá hạn mà chưa được trả lời (tính đến hôm nay, không theo khoảng thời gian đã chọn).{' '}
            {p.href && <a href={p.href}>Xem danh sách phản ánh, kiến nghị quá hạn</a>}
          </p>
          <ul>
            {p.items.map((i) => (
              <li key={i.code}>
                {i.code} — {shorten(i.subject, 100)} — {agencyName(i.agencyCode)}, hạn trả lời {dayVi(i.dueDate)}
              </li>
            ))}
          </ul>
          {p.count > p.items.length && <p>Trên đây là {num(p.items.length)} phản ánh quá hạn lâu nhất.</p>}
        </>
      )}
    </section>
  );
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
    <MonthField id={`f-${key}`} name={name} label={label} value={value} error={errors[key]} max={vietnamDay().slice(0, 7)} />
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
      <Facts
        class="service-facts stat-facts"
        items={[
          { term: 'Hồ sơ trực tuyến tiếp nhận', value: num(t.onlineReceived) },
          { term: 'Hồ sơ trực tuyến đã giải quyết', value: num(t.onlineResolved) },
          { term: 'Tỷ lệ giải quyết đúng hạn', value: pct(t.onTimeRate) },
          { term: 'Thời gian giải quyết trung bình', value: days(t.averageDays) },
          { term: 'Hồ sơ tiếp nhận trực tiếp/bưu chính', value: num(t.counterReceived) },
          { term: 'Tổng hồ sơ tiếp nhận (trực tuyến, trực tiếp và bưu chính)', value: <>{num(t.totalReceived)} ({num(t.counterReceived + t.offlineReceived)} trực tiếp/bưu chính{t.offlineReceived ? `, trong đó ${num(t.offlineReceived)} ghi theo tháng trước khi triển khai` : ''})</> },
          { term: 'Tỷ lệ hài lòng chung', value: <>{pct(sat.overall.satisfiedRate)} ({num(sat.overall.total)} lượt đánh giá)</> },
        ]}
      />
      <Csv table="tong-hop" query={query} label="tổng hợp" />
      {view.petitions && <OverduePetitions p={view.petitions} agencies={view.agencies} />}
      {view.deadlines && <DeadlineCounts c={view.deadlines} />}

      <section aria-labelledby="h-thang" class="chart-section">
        <h2 id="h-thang">Hồ sơ theo tháng</h2>
        <p>
          {Period}: {num(t.onlineReceived)} hồ sơ trực tuyến và {num(t.counterReceived + t.offlineReceived)} hồ sơ trực tiếp/bưu chính được tiếp nhận, {num(t.onlineResolved)} hồ sơ trực tuyến đã giải quyết.
          {peak && peak.onlineReceived > 0 ? ` Tháng nhiều hồ sơ trực tuyến nhất: ${monthVi(peak.month)} (${num(peak.onlineReceived)}).` : ''}
        </p>
        <ColumnChart
          id="chart-months"
          title="Biểu đồ cột: hồ sơ tiếp nhận và giải quyết theo tháng"
          desc={`Mỗi tháng ${period} có ba cột: hồ sơ trực tuyến tiếp nhận, hồ sơ trực tuyến đã giải quyết, hồ sơ trực tiếp/bưu chính. Số liệu chi tiết ở bảng ngay sau biểu đồ.`}
          categories={months.map((m) => monthVi(m.month))}
          series={[
            { name: 'Trực tuyến tiếp nhận', color: COLORS.received, values: months.map((m) => m.onlineReceived) },
            { name: 'Trực tuyến đã giải quyết', color: COLORS.resolved, values: months.map((m) => m.onlineResolved) },
            { name: 'Trực tiếp/bưu chính tiếp nhận', color: COLORS.offline, values: months.map((m) => m.counterReceived + m.offlineReceived) },
          ]}
        />
        <DataTable caption={`Hồ sơ theo tháng, ${period}`} region="Bảng hồ sơ theo tháng" rows={months} rowKey={(m) => m.month} columns={[
          { header: 'Tháng', cell: (m) => monthVi(m.month) },
          { header: 'Trực tuyến tiếp nhận', cell: (m) => num(m.onlineReceived) },
          { header: 'Trực tuyến đã giải quyết', cell: (m) => num(m.onlineResolved) },
          { header: 'Đúng hạn', cell: (m) => num(m.resolvedOnTime) },
          { header: 'Tỷ lệ đúng hạn', cell: (m) => pct(m.onTimeRate) },
          { header: 'Trực tiếp/bưu chính tiếp nhận', cell: (m) => num(m.counterReceived + m.offlineReceived) },
          { header: 'Tổng tiếp nhận', cell: (m) => num(m.totalReceived) },
        ]} />
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
        <DataTable caption={`Thủ tục giải quyết chậm nhất, ${period}`} region="Bảng thủ tục giải quyết chậm nhất" rows={data.services} rowKey={(s) => s.code} columns={[
          { header: 'Thủ tục', cell: (s) => <a href={`/dich-vu-cong/${s.code}`}>{s.name}</a> },
          { header: 'Đã giải quyết', cell: (s) => num(s.onlineResolved) },
          { header: 'Thời gian trung bình', cell: (s) => days(s.averageDays) },
          { header: 'Tỷ lệ đúng hạn', cell: (s) => pct(s.onTimeRate) },
        ]} />
        <Csv table="thu-tuc-cham" query={query} label="thủ tục giải quyết chậm nhất" />
      </section>

      <section aria-labelledby="h-hai-long" class="chart-section">
        <h2 id="h-hai-long">Mức độ hài lòng</h2>
        <p>
          {sat.overall.total === 0 ? `Chưa có lượt đánh giá nào ${period}.` : satisfactionSummary(sat)}
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
        <DataTable caption={`Số liệu theo cơ quan tiếp nhận, ${period}`} region="Bảng số liệu theo cơ quan tiếp nhận" rows={data.agencies} rowKey={(a) => a.code} columns={[
          { header: 'Cơ quan', cell: (a) => a.name },
          { header: 'Trực tuyến tiếp nhận', cell: (a) => num(a.onlineReceived) },
          { header: 'Đã giải quyết', cell: (a) => num(a.onlineResolved) },
          { header: 'Tỷ lệ đúng hạn', cell: (a) => pct(a.onTimeRate) },
          { header: 'Trực tiếp/bưu chính tiếp nhận', cell: (a) => num(a.counterReceived + a.offlineReceived) },
          { header: 'Tỷ lệ hài lòng', cell: (a) => pct(a.satisfaction.overall.satisfiedRate) },
        ]} />
        <Csv table="theo-co-quan" query={query} label="theo cơ quan tiếp nhận" />
      </section>
    </>
  );
}
