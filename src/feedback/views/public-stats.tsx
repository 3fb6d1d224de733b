// The public statistics of the whole portal for a year (Art. 11.3): totals, by agency with two
// charts, by service, and the open-data files with their licence.
import type { ComponentChildren } from 'preact';
import { DataTable, type Column } from '../../web/components/data-table.tsx';
import { ErrorMessage, ErrorSummary } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import { viLang } from '../../web/components/locale.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { LICENCE } from '../open-data.ts';
import type { Figures, PublicStatistics } from '../stats.ts';
import { BarChart } from './charts.tsx';
import { COLORS, numIn, pctIn } from './figures.ts';

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
  const agencySummary = busiest ? tr('statsAgencySummary', { n: data.agencies.length, year, name: busiest.name, received: num(busiest.totalReceived), rate: pct(busiest.onTimeRate) }) : tr('statsNoAgency', { year });
  const n = num(data.services.length);
  const serviceSummary = data.services.length > PUBLIC_SERVICES ? tr('statsServicesTop', { n, year, top: PUBLIC_SERVICES }) : data.services.length ? tr('statsServices', { n, year }) : tr('statsNoService', { year });
  /** The year's figures of an agency or a service, as the table's columns (the agencies' with those received at the counter). */
  const figureColumns = (offline: boolean): Column<Figures>[] => [
    { header: tr('statsColOnlineReceived'), cell: (x) => num(x.onlineReceived) },
    { header: tr('statsColOnlineResolved'), cell: (x) => num(x.onlineResolved) },
    { header: tr('statsColOnTime'), cell: (x) => pct(x.onTimeRate) },
    ...(offline ? [{ header: tr('statsColOffline'), cell: (x: Figures) => num(x.counterReceived + x.offlineReceived) }] : []),
    { header: tr('statsColTotal'), cell: (x) => num(x.totalReceived) },
    { header: tr('statsColSatisfied'), cell: (x) => pct(x.satisfaction.overall.satisfiedRate) },
  ];
  return (
    <Layout ctx={ctx} title={title} description={tr('statsDescription', { year })}>
      <h1>{title}</h1>
      <p>{tr('statsIntro', { agency: ctx.portal.agencyName, year, sofar })}</p>
      {vi && <p class="hint">{tr('namesAsPublished')}</p>}
      <ErrorSummary errors={error ? { year: error } : {}} labels={{ year: tr('statsYear') }} />
      <form method="get" action="/thong-ke" class="period-form">
        <div class={`field${error ? ' field-error' : ''}`}>
          <label for="f-year">{tr('statsYear')}</label>
          <ErrorMessage id="f-year" error={error} />
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
      <Facts class="service-facts stat-facts" items={[
        { term: tr('statsOnlineReceived'), value: num(t.onlineReceived) },
        { term: tr('statsOnlineResolved'), value: num(t.onlineResolved) },
        { term: tr('statsOnTimeRate'), value: pct(t.onTimeRate) },
        { term: tr('statsTotalReceived'), value: tr('statsOffline', { total: num(t.totalReceived), offline: num(t.counterReceived + t.offlineReceived) }) },
        { term: tr('statsSatisfied'), value: tr('statsRatings', { rate: pct(t.satisfaction.overall.satisfiedRate), n: num(t.satisfaction.overall.total) }) },
      ]} />

      <Part id="h-co-quan" class="chart-section" title={tr('statsByAgency')}>
        <p>{agencySummary}</p>
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
        <DataTable caption={tr('statsAgencyCaption', { year })} region={tr('statsAgencyTable')} rows={data.agencies} rowKey={(a) => a.code} columns={[
          { header: tr('statsAgency'), cell: (a) => a.name, lang: vi },
          ...figureColumns(true),
        ]} />
      </Part>

      <Part id="h-thu-tuc" title={tr('statsByService')}>
        <p>{serviceSummary}</p>
        <DataTable caption={tr('statsServiceCaption', { year })} region={tr('statsServiceTable')} rows={services} rowKey={(x) => x.code} columns={[
          { header: tr('statsService'), cell: (x) => <a href={`/dich-vu-cong/${x.code}`}>{x.name}</a>, lang: vi },
          { header: tr('statsServiceAgency'), cell: (x) => x.agencyName, lang: vi },
          ...figureColumns(false),
        ]} />
      </Part>

      <Part id="h-du-lieu-mo" title={tr('statsOpenData')}>
        <p>
          {tr('statsOpenDataIntro', { year })}{' '}
          <a href={LICENCE.url} rel="license" lang={vi}>
            {LICENCE.title} ({LICENCE.name})
          </a>
          {tr('statsOpenDataTerms', { source: `${ctx.portal.portalName} — ${ctx.portal.agencyName}` })}
        </p>
        <ul>
          {(['csv', 'json'] as const).map((format) => (
            <li key={format}>
              <a href={`/thong-ke/so-lieu.${format}?nam=${year}`} download>
                {tr(format === 'csv' ? 'statsCsv' : 'statsJson', { year })}
              </a>{' '}
              {tr(format === 'csv' ? 'statsCsvNote' : 'statsJsonNote')}
            </li>
          ))}
        </ul>
        <p>{tr('statsRatesNote')}</p>
      </Part>
    </Layout>
  );
}

/** A part of the page with its heading; the section is named by it. */
function Part({ id, title, class: className, children }: { id: string; title: ComponentChildren; class?: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class={className}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
