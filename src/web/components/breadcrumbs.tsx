import { useLocale, viLang } from './locale.tsx';

/** Where a page sits under the catalog: Trang chủ › Dịch vụ công trực tuyến › … (the last is catalog data, in Vietnamese). */
export function CatalogBreadcrumbs({ last }: { last: { href: string; label: string } }) {
  const { t, locale } = useLocale();
  return (
    <nav class="breadcrumbs" aria-label={t('breadcrumbs')}>
      <ol>
        <li>
          <a href="/">{t('menuHome')}</a>
        </li>
        <li>
          <a href="/dich-vu-cong">{t('menuServices')}</a>
        </li>
        <li>
          <a href={last.href} lang={viLang(locale)}>
            {last.label}
          </a>
        </li>
      </ol>
    </nav>
  );
}
