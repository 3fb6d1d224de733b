import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { FACETS, filtersToQuery, levelName, pageWindow, shorten, type FacetName, type ServiceFilters } from '../model.ts';
import type { SearchResult } from '../store.ts';

const FACET_LEGEND: Record<FacetName, string> = {
  sector: 'Ngành',
  field: 'Lĩnh vực',
  adminLevel: 'Cấp thực hiện',
  level: 'Mức độ',
  agency: 'Cơ quan thực hiện',
};

function Pagination({ filters, total }: { filters: ServiceFilters; total: number }) {
  const pages = Math.max(1, Math.ceil(total / filters.pageSize));
  if (pages <= 1) return null;
  const link = (page: number) => `/dich-vu-cong${filtersToQuery({ ...filters, page })}`;
  return (
    <nav class="pagination" aria-label="Phân trang kết quả">
      <ul>
        {filters.page > 1 && (
          <li>
            <a href={link(Math.min(filters.page - 1, pages))} rel="prev">
              ‹ Trang trước
            </a>
          </li>
        )}
        {pageWindow(Math.min(filters.page, pages), pages).map((p, i) => (
          <li key={p === '…' ? `gap-${i}` : p}>
            {p === '…' ? (
              <span class="pagination-gap">…</span>
            ) : p === filters.page ? (
              <span aria-current="page">
                <span class="visually-hidden">Trang </span>
                {p}
              </span>
            ) : (
              <a href={link(p)} aria-label={`Trang ${p}`}>
                {p}
              </a>
            )}
          </li>
        ))}
        {filters.page < pages && (
          <li>
            <a href={link(filters.page + 1)} rel="next">
              Trang sau ›
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** What a person can do when nothing matched: real links, each dropping part of the search. */
function NoResults({ filters }: { filters: ServiceFilters }) {
  const filtered = FACETS.some((f) => (filters[f] as unknown[]).length > 0);
  return (
    <div class="no-results">
      <p>Không có dịch vụ công nào khớp {filters.q ? `với từ khóa “${shorten(filters.q, 80)}”` : 'với các bộ lọc đã chọn'}. Bạn có thể:</p>
      <ul>
        {filters.q && filtered && (
          <li>
            <a href={`/dich-vu-cong${filtersToQuery({ ...filters, q: '', page: 1 })}`}>Bỏ từ khóa, giữ các bộ lọc</a>
          </li>
        )}
        {filters.q && filtered && (
          <li>
            <a href={`/dich-vu-cong${filtersToQuery({ q: filters.q, pageSize: filters.pageSize })}`}>Tìm “{shorten(filters.q, 40)}” trong toàn bộ danh mục</a>
          </li>
        )}
        <li>
          <a href="/dich-vu-cong">Xem toàn bộ danh mục dịch vụ công</a>
        </li>
        <li>Thử từ khóa khác: tên thủ tục, mã thủ tục (ví dụ 1.004616) hoặc từ viết tắt thông dụng như GPLX, CCCD.</li>
      </ul>
    </div>
  );
}

export function ServiceListPage({ ctx, filters, result, error }: { ctx: PageContext; filters: ServiceFilters; result: SearchResult; error?: string }) {
  const { t } = ctx;
  const from = (filters.page - 1) * filters.pageSize + 1;
  const chosen = FACETS.reduce((n, f) => n + (filters[f] as unknown[]).length, 0);
  const active = chosen > 0 || filters.q;
  const title = filters.q ? `${t('servicesTitle')}: “${shorten(filters.q, 60)}”` : t('servicesTitle');
  return (
    <Layout ctx={ctx} title={title} description={t('servicesDescription')}>
      <h1>{t('servicesTitle')}</h1>
      {error && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">Có lỗi trong điều kiện tìm kiếm</h2>
          <p>{error}</p>
        </div>
      )}
      <form class="catalog" action="/dich-vu-cong" method="get">
        <div class="catalog-search">
          <label for="services-q">{t('searchLabel')}</label>
          <span class="search-row">
            <input id="services-q" name="q" type="search" value={filters.q} maxLength={200} placeholder={t('searchPlaceholder')} />
            <button type="submit">{t('searchButton')}</button>
          </span>
        </div>
        <div class="catalog-body">
          <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading" aria-live="polite">
              {result.total === 0
                ? 'Không tìm thấy dịch vụ công phù hợp'
                : `Tìm thấy ${result.total.toLocaleString('vi-VN')} dịch vụ công${result.total > filters.pageSize ? ` — hiển thị ${from}–${Math.min(from + result.items.length - 1, result.total)}` : ''}`}
            </h2>
            {result.total === 0 && <NoResults filters={filters} />}
            <ol class="service-list" start={from}>
              {result.items.map((s) => (
                <li key={s.code}>
                  <h3>
                    <a href={`/dich-vu-cong/${s.code}`}>{s.name}</a>
                  </h3>
                  <p class="service-meta">
                    <span class={`level level-${s.level}`}>{levelName(s.level, ctx.locale)}</span> · Mã {s.code} · {s.field} · {s.agencyName}
                  </p>
                </li>
              ))}
            </ol>
            <Pagination filters={filters} total={result.total} />
            <p class="catalog-download">
              <a href="/dich-vu-cong/danh-muc.json" download>
                Tải toàn bộ danh mục dịch vụ công (JSON, định dạng dvctt-catalog/1)
              </a>
            </p>
          </section>
          {/* After the results in reading order, so a phone shows the results first. Open as sent (usable
              without JavaScript); disclosure.js folds them under "Lọc" on a phone. */}
          <details class="facets" data-open-from="56rem" open>
            <summary class="facets-toggle">
              Lọc{chosen > 0 && ` (${chosen} điều kiện đang chọn)`}
            </summary>
            <h2 class="facets-heading">Lọc kết quả</h2>
            {FACETS.map((name) => (
              <fieldset key={name} class="facet">
                <legend>{FACET_LEGEND[name]}</legend>
                {result.facets[name].length === 0 && <p class="facet-empty">Không có lựa chọn</p>}
                <ul>
                  {result.facets[name].map((v, i) => {
                    const id = `f-${name}-${i}`;
                    const checked = (filters[name] as (string | number)[]).map(String).includes(v.value);
                    return (
                      <li key={v.value}>
                        <input type="checkbox" id={id} name={name} value={v.value} checked={checked} />
                        <label for={id}>
                          {v.label} <span class="count">({v.count})</span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            ))}
            <p class="facet-actions">
              <button type="submit">Áp dụng bộ lọc</button> {active && <a href="/dich-vu-cong">Xóa bộ lọc</a>}
            </p>
          </details>
        </div>
      </form>
    </Layout>
  );
}
