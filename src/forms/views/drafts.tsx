// "Bản nháp": the person's unfinished e-forms (F4), each to resume or delete.
import { CsrfField, Notice } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { timeVi } from '../../web/format.ts';

export interface DraftRow {
  serviceCode: string;
  serviceName: string;
  updatedAt: Date;
  /** "Bước 2/4: Văn bằng …", or empty for a one-page form. */
  where: string;
}

export function DraftsPage({ ctx, drafts, deleted, style }: { ctx: PageContext; drafts: DraftRow[]; deleted?: boolean; style: string }) {
  return (
    <Layout ctx={ctx} title="Bản nháp tờ khai" description="Các tờ khai điện tử bạn đã lưu nháp, để khai tiếp hoặc xóa" styles={[style]}>
      <nav class="breadcrumbs" aria-label="Đường dẫn">
        <ol>
          <li>
            <a href="/">Trang chủ</a>
          </li>
          <li>
            <a href="/ho-so">Hồ sơ của tôi</a>
          </li>
          <li aria-current="page">Bản nháp</li>
        </ol>
      </nav>
      <h1>Bản nháp tờ khai</h1>
      {deleted && (
        <Notice>
          <p>Đã xóa bản nháp.</p>
        </Notice>
      )}
      <p>Tờ khai được lưu nháp khi bạn bấm “Lưu nháp” và mỗi lần chuyển bước. Bản nháp được xóa khi hồ sơ đã gửi thành công.</p>
      {drafts.length === 0 ? (
        <p>Bạn không có bản nháp nào.</p>
      ) : (
        <ul class="drafts-list">
          {drafts.map((d) => (
            <li key={d.serviceCode}>
              <h2 class="draft-title">{d.serviceName}</h2>
              <p>
                Lưu lúc {timeVi(d.updatedAt)}
                {d.where && `; đang ở ${d.where}`}.
              </p>
              <div class="actions">
                <a class="button" href={`/dich-vu-cong/${d.serviceCode}/to-khai`}>
                  Khai tiếp<span class="visually-hidden">: {d.serviceName}</span>
                </a>
                <form method="post" action={`/ho-so/ban-nhap/${d.serviceCode}/xoa`}>
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="next" value="/ho-so/ban-nhap" />
                  <button type="submit" class="button button-secondary">
                    Xóa bản nháp<span class="visually-hidden">: {d.serviceName}</span>
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
