// /quan-tri/danh-muc: find a procedure (name or code, accents ignored) to edit it.
import { DataTable } from '../../../web/components/data-table.tsx';
import { viLang } from '../../../web/components/locale.tsx';
import { SearchBox } from '../../../web/components/search-box.tsx';
import { formatNumber } from '../../../web/i18n.ts';
import type { PageContext } from '../../../web/page-context.ts';
import type { AdminServiceRow } from '../store.ts';
import { AdminLayout, CATALOG_ADMIN, servicePath } from './parts.tsx';

export function CatalogAdminPage({ ctx, q, rows, limit }: { ctx: PageContext; q: string; rows: AdminServiceRow[]; /** The most rows shown: reaching it says to search. */ limit: number }) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  return (
    <AdminLayout ctx={ctx} area="catalog" title={t('caTitle')}>
      <h1>{t('caTitle')}</h1>
      <p>{t('caIntro')}</p>
      <form method="get" action={CATALOG_ADMIN} role="search" aria-label={t('caSearchLabel')} class="form-narrow">
        <SearchBox id="ca-q" label={t('caSearchLabel')} button={t('caSearchButton')} value={q} />
      </form>
      <p aria-live="polite">{rows.length >= limit ? t('caFirst', { n: formatNumber(rows.length, locale) }) : q ? (rows.length ? t('caFound', { n: formatNumber(rows.length, locale) }) : t('caNone', { q })) : null}</p>
      <DataTable caption={t('caListCaption')} captionHidden cards rows={rows} rowKey={(r) => r.code} columns={[
        {
          header: t('caColService'),
          cell: (r) => (
            <>
              <a href={servicePath(r.code)} lang={vi}>
                {r.name}
              </a>
              <br />
              <span class="hint">{r.code}</span>
            </>
          ),
        },
        { header: t('caColAgency'), cell: (r) => r.agencyName, lang: vi },
        { header: t('caColPlaces'), cell: (r) => formatNumber(r.places, locale), numeric: true },
        { header: t('caColEdited'), cell: (r) => (r.edited ? t('caEditedYes') : t('caEditedNo')) },
      ]} />
    </AdminLayout>
  );
}
