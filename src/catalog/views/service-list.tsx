import { Layout } from '../../web/components/layout.tsx';
import { SearchBox } from '../../web/components/search-box.tsx';
import { KeepVi, viLang } from '../../web/components/locale.tsx';
import { formatNumber, type MessageKey, type Translate } from '../../web/i18n.ts';
import type { PageContext } from '../../web/page-context.ts';
import { shorten } from '../../web/format.ts';
import { FACETS, filtersToQuery, levelName, pageWindow, type FacetName, type ServiceFilters } from '../model.ts';
import type { SearchResult } from '../store.ts';

const FACET_LEGEND: Record<FacetName, MessageKey> = {
  sector: 'catalogFacetSector',
  field: 'catalogFacetField',
  adminLevel: 'catalogFacetAdminLevel',
  level: 'catalogFacetLevel',
  agency: 'catalogFacetAgency',
};

/** Facets whose values are catalog data, kept in Vietnamese on a page in another language. */
const DATA_FACETS: ReadonlySet<FacetName> = new Set(['sector', 'field', 'agency']);

function Pagination({ filters, total, t }: { filters: ServiceFilters; total: number; t: Translate }) {
  const pages = Math.max(1, Math.ceil(total / filters.pageSize));
  if (pages <= 1) return null;
  const link = (page: number) => `/dich-vu-cong${filtersToQuery({ ...filters, page })}`;
  return (
    <nav class="pagination" aria-label={t('catalogPager')}>
      <ul>
        {filters.page > 1 && (
          <li>
            <a href={link(Math.min(filters.page - 1, pages))} rel="prev">
              {t('catalogPrev')}
            </a>
          </li>
        )}
        {pageWindow(Math.min(filters.page, pages), pages).map((p, i) => (
          <li key={p === '…' ? `gap-${i}` : p}>
            {p === '…' ? (
              <span class="pagination-gap">…</span>
            ) : p === filters.page ? (
              <span aria-current="page">
                <span class="visually-hidden">{`${t('catalogPage')} `}</span>
                {p}
              </span>
            ) : (
              <a href={link(p)} aria-label={t('catalogPageN', { n: p })}>
                {p}
              </a>
            )}
          </li>
        ))}
        {filters.page < pages && (
          <li>
            <a href={link(filters.page + 1)} rel="next">
              {t('catalogNext')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** What a person can do when nothing matched: real links, each dropping part of the search. */
function NoResults({ filters, t }: { filters: ServiceFilters; t: Translate }) {
  const filtered = FACETS.some((f) => (filters[f] as unknown[]).length > 0);
  return (
    <div class="no-results">
      <p>{filters.q ? t('catalogNoMatchQuery', { q: shorten(filters.q, 80) }) : t('catalogNoMatchFilters')}</p>
      <ul>
        {filters.q && filtered && (
          <li>
            <a href={`/dich-vu-cong${filtersToQuery({ ...filters, q: '', page: 1 })}`}>{t('catalogDropQuery')}</a>
          </li>
        )}
        {filters.q && filtered && (
          <li>
            <a href={`/dich-vu-cong${filtersToQuery({ q: filters.q, pageSize: filters.pageSize })}`}>{t('catalogQueryEverywhere', { q: shorten(filters.q, 40) })}</a>
          </li>
        )}
        <li>
          <a href="/dich-vu-cong">{t('catalogWhole')}</a>
        </li>
        <li>{t('catalogTryOther')}</li>
      </ul>
    </div>
  );
}

export function ServiceListPage({ ctx, filters, result, error }: { ctx: PageContext; filters: ServiceFilters; result: SearchResult; error?: string }) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  const from = (filters.page - 1) * filters.pageSize + 1;
  const chosen = FACETS.reduce((n, f) => n + (filters[f] as unknown[]).length, 0);
  const active = chosen > 0 || filters.q;
  const title = filters.q ? `${t('servicesTitle')}: “${shorten(filters.q, 60)}”` : t('servicesTitle');
  return (
    <Layout ctx={ctx} title={title} description={t('servicesDescription')}>
      <h1>{t('servicesTitle')}</h1>
      {error && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">{t('catalogSearchError')}</h2>
          <p>{error}</p>
        </div>
      )}
      <form class="catalog" action="/dich-vu-cong" method="get">
        <div class="catalog-search">
          <SearchBox id="services-q" label={t('searchLabel')} button={t('searchButton')} value={filters.q} placeholder={t('searchPlaceholder')} />
        </div>
        <div class="catalog-body">
          <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading" aria-live="polite">
              {result.total === 0
                ? t('catalogNoneFound')
                : `${result.total === 1 ? t('catalogFoundOne') : t('catalogFound', { n: formatNumber(result.total, locale) })}${result.total > filters.pageSize ? t('catalogShowing', { from, to: Math.min(from + result.items.length - 1, result.total) }) : ''}`}
            </h2>
            {result.total === 0 && <NoResults filters={filters} t={t} />}
            {vi && result.total > 0 && <p class="hint">{t('namesAsPublished')}</p>}
            <ol class="service-list" start={from}>
              {result.items.map((s) => (
                <li key={s.code}>
                  <h3>
                    <a href={`/dich-vu-cong/${s.code}`} lang={vi}>
                      {s.name}
                    </a>
                  </h3>
                  <p class="service-meta">
                    <span class={`level level-${s.level}`}>{levelName(s.level, locale)}</span> · {t('catalogCode')} {s.code} · <KeepVi>{s.field}</KeepVi> · <KeepVi>{s.agencyName}</KeepVi>
                  </p>
                </li>
              ))}
            </ol>
            <Pagination filters={filters} total={result.total} t={t} />
            <p class="catalog-download">
              <a href="/dich-vu-cong/danh-muc.json" download>
                {t('catalogDownload')}
              </a>
            </p>
          </section>
          {/* After the results in reading order, so a phone shows the results first. Open as sent (usable
              without JavaScript); disclosure.js folds them under "Lọc" on a phone. */}
          <details class="facets" data-open-from="56rem" open>
            <summary class="facets-toggle">
              {t('catalogFilter')}
              {chosen > 0 && t('catalogFiltersChosen', { n: chosen })}
            </summary>
            <h2 class="facets-heading">{t('catalogFilterHeading')}</h2>
            {FACETS.map((name) => (
              <fieldset key={name} class="facet">
                <legend>{t(FACET_LEGEND[name])}</legend>
                {result.facets[name].length === 0 && <p class="facet-empty">{t('catalogFacetEmpty')}</p>}
                <ul>
                  {result.facets[name].map((v, i) => {
                    const id = `f-${name}-${i}`;
                    const checked = (filters[name] as (string | number)[]).map(String).includes(v.value);
                    return (
                      <li key={v.value}>
                        <input type="checkbox" id={id} name={name} value={v.value} checked={checked} />
                        <label for={id}>
                          {DATA_FACETS.has(name) ? <KeepVi>{v.label}</KeepVi> : v.label} <span class="count">({v.count})</span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            ))}
            <p class="facet-actions">
              <button type="submit">{t('catalogApply')}</button> {active && <a href="/dich-vu-cong">{t('catalogClear')}</a>}
            </p>
          </details>
        </div>
      </form>
    </Layout>
  );
}
