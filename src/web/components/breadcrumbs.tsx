/** Where a page sits under the catalog: Trang chủ › Dịch vụ công trực tuyến › … */
export function CatalogBreadcrumbs({ last }: { last: { href: string; label: string } }) {
  return (
    <nav class="breadcrumbs" aria-label="Đường dẫn">
      <ol>
        <li>
          <a href="/">Trang chủ</a>
        </li>
        <li>
          <a href="/dich-vu-cong">Dịch vụ công trực tuyến</a>
        </li>
        <li>
          <a href={last.href}>{last.label}</a>
        </li>
      </ol>
    </nav>
  );
}
