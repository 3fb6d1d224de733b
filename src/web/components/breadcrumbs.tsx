import { useLocale, viLang } from './locale.tsx';

export interface Crumb {
  /** Absent for the page itself, the last crumb (`aria-current="page"`). */
  href?: string;
  label: string;
  lang?: string;
}

/** Where a page sits: Trang chủ › … › this page, as a named navigation list. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useLocale();
  return (
    <nav class="breadcrumbs" aria-label={t('breadcrumbs')}>
      <ol>
        {items.map((i) => (
          <li key={i.label}>
            {i.href ? (
              <a href={i.href} lang={i.lang}>
                {i.label}
              </a>
            ) : (
              <span aria-current="page" lang={i.lang}>
                {i.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Where a page sits under the catalog: Trang chủ › Dịch vụ công trực tuyến › … (the last is catalog data, in Vietnamese). */
export function CatalogBreadcrumbs({ last }: { last: { href: string; label: string } }) {
  const { t, locale } = useLocale();
  return <Breadcrumbs items={[{ href: '/', label: t('menuHome') }, { href: '/dich-vu-cong', label: t('menuServices') }, { ...last, lang: viLang(locale) }]} />;
}
