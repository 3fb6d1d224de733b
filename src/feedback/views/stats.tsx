// The Art. 11.3 figures on a service's page, the managers' dashboard (charts with a text summary
// and a table each, Art. 18c; CSV of every table) and the officers' counter-received counts.
import { CsrfField, ErrorPrefix, ErrorSummary, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { TableRegion } from '../../web/components/table-region.tsx';
import { useLocale, viLang } from '../../web/components/locale.tsx';
import { formatNumber, type Locale, type MessageKey } from '../../web/i18n.ts';
import type { PageContext } from '../../web/page-context.ts';
import { dayVi, monthVi, noticeTime, shorten, vietnamDay } from '../../web/format.ts';
import { CRITERIA, CRITERION_NAMES, LEVEL_NAMES, LEVELS } from '../model.ts';
import { LICENCE } from '../open-data.ts';
import type { Dashboard, Figures, PublicStatistics, ServiceStatistics } from '../stats.ts';
import { BarChart, ColumnChart } from './charts.tsx';

export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);
export const num = (x: number) => x.toLocaleString('vi-VN');
/** The same figures written for the page's language (1.234 and 12,5% in Vietnamese; 1,234 and 12.5% in English). */
const numIn = (x: number, locale: Locale) => formatNumber(x, locale);
const pctIn = (x: number | null, locale: Locale) => (x === null ? '—' : `${formatNumber(x * 100, locale, { maximumFractionDigits: 1 })}%`);
const LEVEL_KEYS: Record<(typeof LEVELS)[number], MessageKey> = { 'rat-hai-long': 'satisfactionVerySatisfied', 'hai-long': 'satisfactionSatisfied', 'chua-hai-long': 'satisfactionNotSatisfied' };
const CRITERION_KEYS: Record<(typeof CRITERIA)[number], MessageKey> = { overall: 'criterionOverall', convenience: 'criterionConvenience', timeliness: 'criterionTimeliness', attitude: 'criterionAttitude' };
const days = (x: number | null) => (x === null ? '—' : `${x.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ngày`);

const COLORS = { received: '#0b5cad', resolved: '#0a6b35', offline: '#8a4b00', onTime: '#0a6b35' };
const LEVEL_COLORS = { 'rat-hai-long': '#0a6b35', 'hai-long': '#0b5cad', 'chua-hai-long': '#a3262a' } as const;

function SatisfactionTable({ s, caption }: { s: Figures['satisfaction']; caption: string }) {
  const { t, locale } = useLocale();
  const num = (x: number) => numIn(x, locale);
  const pct = (x: number | null) => pctIn(x, locale);
  return (
    <TableRegion label={caption}>
      <table class="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('satisfactionCriterion')}</th>
            {LEVELS.map((l) => (
              <th scope="col" key={l}>
                {t(LEVEL_KEYS[l])}
              </th>
            ))}
            <th scope="col">{t('satisfactionCount')}</th>
            <th scope="col">{t('satisfactionRate')}</th>
          </tr>
        </thead>
        <tbody>
          {CRITERIA.map((c) => (
            <tr key={c}>
              <th scope="row">{t(CRITERION_KEYS[c])}</th>
              {LEVELS.map((l) => (
                <td key={l}>{num(s[c][l])}</td>
              ))}
              <td>{num(s[c].total)}</td>
              <td>{pct(s[c].satisfiedRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** Art. 11.3 on a level-3/4 service's page: this year to date. */
export function ServiceFigures({ s }: { s: ServiceStatistics }) {
  const { t, locale } = useLocale();
  const num = (x: number) => numIn(x, locale);
  const pct = (x: number | null) => pctIn(x, locale);
  return (
    <section aria-labelledby="so-lieu">
      <h2 id="so-lieu">{t('serviceFiguresHeading', { year: s.year })}</h2>
      <dl class="service-facts stat-facts">
        <div>
          <dt>{t('serviceFiguresReceived')}</dt>
          <dd>{num(s.onlineReceived)}</dd>
        </div>
        <div>
          <dt>{t('serviceFiguresResolved')}</dt>
          <dd>{num(s.onlineResolved)}</dd>
        </div>
        <div>
          <dt>{t('serviceFiguresOnTime')}</dt>
          <dd>{pct(s.onTimeRate)}</dd>
        </div>
        <div>
          <dt>{t('serviceFiguresTotal')}</dt>
          <dd>{t('serviceFiguresSplit', { total: num(s.totalReceived), online: num(s.onlineReceived), offline: num(s.offlineReceived) })}</dd>
        </div>
      </dl>
      <SatisfactionTable s={s.satisfaction} caption={t('serviceSatisfactionCaption', { year: s.year })} />
    </section>
  );
}

export function ServiceFaq({ code, items }: { code: string; items: { id: number; question: string; views: number }[] }) {
  const { t, locale } = useLocale();
  return (
    <section aria-labelledby="hoi-dap">
      <h2 id="hoi-dap">{t('serviceFaqHeading')}</h2>
      {items.length === 0 ? (
        <p>{t('serviceFaqNone')}</p>
      ) : (
        <ul lang={viLang(locale)}>
          {items.map((e) => (
            <li key={e.id}>
              <a href={`/hoi-dap/${e.id}`}>{shorten(e.question, 160)}</a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/hoi-dap?dich-vu=${code}`}>{t('serviceFaqAll')}</a> · <a href={`/hoi-dap/dat-cau-hoi?dich-vu=${code}`}>{t('serviceFaqAsk')}</a>
      </p>
    </section>
  );
}

export function GuidanceLinks({ items }: { items: { slug: string; title: string }[] }) {
  const { t, locale } = useLocale();
  if (!items.length) return null;
  return (
    <nav class="guidance-links" aria-labelledby="huong-dan-links">
      <h2 id="huong-dan-links">{t('serviceGuidanceHeading')}</h2>
      <ul lang={viLang(locale)}>
        {items.map((g) => (
          <li key={g.slug}>
            <a href={`/huong-dan/${g.slug}`}>{g.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The satisfaction summary: overall, then each criterion rated, as one sentence each. */
export function satisfactionSummary(sat: Figures['satisfaction']): string {
  const criteria = CRITERIA.filter((c) => c !== 'overall' && sat[c].total > 0).map((c) => `${CRITERION_NAMES[c]}: ${pct(sat[c].satisfiedRate)}`);
  const overall = `${num(sat.overall.total)} lượt đánh giá; ${pct(sat.overall.satisfiedRate)} hài lòng hoặc rất hài lòng nói chung.`;
  return criteria.length ? `${overall} ${criteria.join('; ')}.` : overall;
}

/**
 * A month picker (the browser's calendar); where a browser shows a plain text box instead, the
 * server's check explains the form it wants.
 */
function MonthField({ id, name, label, value, error, max }: { id: string; name: string; label: string; value: string; error?: string; max: string }) {
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>{label}</label>
      {error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Lỗi: </span>
          {error}
        </p>
      )}
      <input id={id} name={name} type="month" value={value} min="2000-01" max={max} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
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
      {view.petitions && <OverduePetitions p={view.petitions} agencies={view.agencies} />}

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
        <TableRegion label="Bảng hồ sơ theo tháng">
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
        </TableRegion>
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
        <TableRegion label="Bảng thủ tục giải quyết chậm nhất">
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
        </TableRegion>
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
        <TableRegion label="Bảng số liệu theo cơ quan tiếp nhận">
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
        </TableRegion>
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
                {r.at ? `, ${noticeTime(r.at)}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** How many services the public page lists; the open-data files have them all. */
const PUBLIC_SERVICES = 50;

export function PublicStatsPage({ ctx, data, years, thisYear, error: problem }: { ctx: PageContext; data: PublicStatistics; years: number[]; thisYear: number; error?: string }) {
  const { year, totals: t } = data;
  const { t: tr, locale } = ctx;
  const error = problem && (locale === 'vi' ? problem : tr('statsYearInvalid'));
  const vi = viLang(locale);
  const num = (x: number) => numIn(x, locale);
  const pct = (x: number | null) => pctIn(x, locale);
  const title = tr('statsTitle', { year });
  const sofar = year === thisYear ? tr('statsSoFar') : '';
  const topAgencies = data.agencies.slice(0, 10);
  const rated = data.agencies.filter((a) => a.onTimeRate !== null).slice(0, 10);
  const services = data.services.slice(0, PUBLIC_SERVICES);
  const busiest = data.agencies[0];
  return (
    <Layout ctx={ctx} title={title} description={tr('statsDescription', { year })}>
      <h1>{title}</h1>
      <p>{tr('statsIntro', { agency: ctx.portal.agencyName, year, sofar })}</p>
      {vi && <p class="hint">{tr('namesAsPublished')}</p>}
      <ErrorSummary errors={error ? { year: error } : {}} labels={{ year: tr('statsYear') }} />
      <form method="get" action="/thong-ke" class="period-form">
        <div class={`field${error ? ' field-error' : ''}`}>
          <label for="f-year">{tr('statsYear')}</label>
          {error && (
            <p class="error-message" id="f-year-error">
              <ErrorPrefix />
              {error}
            </p>
          )}
          <select id="f-year" name="nam" aria-describedby={error ? 'f-year-error' : undefined} aria-invalid={error ? 'true' : undefined}>
            {years.map((y) => (
              <option key={y} value={String(y)} selected={y === year}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {tr('statsShow')}
        </button>
      </form>

      <h2>{tr('statsWholePortal', { year })}</h2>
      <dl class="service-facts stat-facts">
        <div>
          <dt>{tr('statsOnlineReceived')}</dt>
          <dd>{num(t.onlineReceived)}</dd>
        </div>
        <div>
          <dt>{tr('statsOnlineResolved')}</dt>
          <dd>{num(t.onlineResolved)}</dd>
        </div>
        <div>
          <dt>{tr('statsOnTimeRate')}</dt>
          <dd>{pct(t.onTimeRate)}</dd>
        </div>
        <div>
          <dt>{tr('statsTotalReceived')}</dt>
          <dd>{tr('statsOffline', { total: num(t.totalReceived), offline: num(t.offlineReceived) })}</dd>
        </div>
        <div>
          <dt>{tr('statsSatisfied')}</dt>
          <dd>{tr('statsRatings', { rate: pct(t.satisfaction.overall.satisfiedRate), n: num(t.satisfaction.overall.total) })}</dd>
        </div>
      </dl>

      <section aria-labelledby="h-co-quan" class="chart-section">
        <h2 id="h-co-quan">{tr('statsByAgency')}</h2>
        <p>
          {busiest
            ? tr('statsAgencySummary', { n: data.agencies.length, year, name: busiest.name, received: num(busiest.totalReceived), rate: pct(busiest.onTimeRate) })
            : tr('statsNoAgency', { year })}
        </p>
        {topAgencies.length > 0 && (
          <BarChart
            id="chart-agencies"
            title={tr('statsChartAgencies', { year })}
            desc={tr('statsChartAgenciesDesc', { n: topAgencies.length })}
            labels={topAgencies.map((a) => a.name)}
            series={[{ name: tr('statsSeriesReceived'), color: COLORS.received, values: topAgencies.map((a) => a.onlineReceived) }]}
          />
        )}
        {rated.length > 0 && (
          <BarChart
            id="chart-agencies-ontime"
            title={tr('statsChartOnTime', { year })}
            desc={tr('statsChartOnTimeDesc')}
            labels={rated.map((a) => a.name)}
            series={[{ name: tr('statsSeriesOnTime'), color: COLORS.onTime, values: rated.map((a) => a.onTimeRate! * 100) }]}
            unit="%"
          />
        )}
        <TableRegion label={tr('statsAgencyTable')}>
          <table class="data-table">
            <caption>{tr('statsAgencyCaption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('statsAgency')}</th>
                <th scope="col">{tr('statsColOnlineReceived')}</th>
                <th scope="col">{tr('statsColOnlineResolved')}</th>
                <th scope="col">{tr('statsColOnTime')}</th>
                <th scope="col">{tr('statsColOffline')}</th>
                <th scope="col">{tr('statsColTotal')}</th>
                <th scope="col">{tr('statsColSatisfied')}</th>
              </tr>
            </thead>
            <tbody>
              {data.agencies.map((a) => (
                <tr key={a.code}>
                  <th scope="row" lang={vi}>
                    {a.name}
                  </th>
                  <td>{num(a.onlineReceived)}</td>
                  <td>{num(a.onlineResolved)}</td>
                  <td>{pct(a.onTimeRate)}</td>
                  <td>{num(a.offlineReceived)}</td>
                  <td>{num(a.totalReceived)}</td>
                  <td>{pct(a.satisfaction.overall.satisfiedRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      <section aria-labelledby="h-thu-tuc">
        <h2 id="h-thu-tuc">{tr('statsByService')}</h2>
        <p>
          {data.services.length > PUBLIC_SERVICES
            ? tr('statsServicesTop', { n: num(data.services.length), year, top: PUBLIC_SERVICES })
            : data.services.length
              ? tr('statsServices', { n: num(data.services.length), year })
              : tr('statsNoService', { year })}
        </p>
        <TableRegion label={tr('statsServiceTable')}>
          <table class="data-table">
            <caption>{tr('statsServiceCaption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('statsService')}</th>
                <th scope="col">{tr('statsServiceAgency')}</th>
                <th scope="col">{tr('statsColOnlineReceived')}</th>
                <th scope="col">{tr('statsColOnlineResolved')}</th>
                <th scope="col">{tr('statsColOnTime')}</th>
                <th scope="col">{tr('statsColTotal')}</th>
                <th scope="col">{tr('statsColSatisfied')}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((x) => (
                <tr key={x.code}>
                  <th scope="row" lang={vi}>
                    <a href={`/dich-vu-cong/${x.code}`}>{x.name}</a>
                  </th>
                  <td lang={vi}>{x.agencyName}</td>
                  <td>{num(x.onlineReceived)}</td>
                  <td>{num(x.onlineResolved)}</td>
                  <td>{pct(x.onTimeRate)}</td>
                  <td>{num(x.totalReceived)}</td>
                  <td>{pct(x.satisfaction.overall.satisfiedRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      <section aria-labelledby="h-du-lieu-mo">
        <h2 id="h-du-lieu-mo">{tr('statsOpenData')}</h2>
        <p>
          {tr('statsOpenDataIntro', { year })}{' '}
          <a href={LICENCE.url} rel="license" lang={vi}>
            {LICENCE.title} ({LICENCE.name})
          </a>
          {tr('statsOpenDataTerms', { source: `${ctx.portal.portalName} — ${ctx.portal.agencyName}` })}
        </p>
        <ul>
          <li>
            <a href={`/thong-ke/so-lieu.csv?nam=${year}`} download>
              {tr('statsCsv', { year })}
            </a>{' '}
            {tr('statsCsvNote')}
          </li>
          <li>
            <a href={`/thong-ke/so-lieu.json?nam=${year}`} download>
              {tr('statsJson', { year })}
            </a>{' '}
            {tr('statsJsonNote')}
          </li>
        </ul>
        <p>{tr('statsRatesNote')}</p>
      </section>
    </Layout>
  );
}
