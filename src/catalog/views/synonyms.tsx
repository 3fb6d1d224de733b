// /quan-tri/tu-dong-nghia: the words citizens type and the catalog's words they stand for (C3).
// The search reads this list; a change is seen by every instance at the next search.
import { PostButton } from '../../web/components/post-button.tsx';
import { DataTable } from '../../web/components/data-table.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { noticeTime } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import type { SynonymEntry } from '../synonyms.ts';

export const SYNONYM_LABELS: Record<string, string> = {
  term: 'Từ người dân gõ',
  expansion: 'Cụm từ trong tên thủ tục',
};

export function SynonymsPage({ ctx, entries, values = {}, errors = {}, notice }: { ctx: PageContext; entries: SynonymEntry[]; values?: Record<string, string>; errors?: FieldErrors; notice?: string }) {
  const title = 'Từ đồng nghĩa cho tìm kiếm';
  return (
    <Layout ctx={ctx} title={title} description="Các từ viết tắt và cách gọi thông dụng mà ô tìm kiếm thủ tục hiểu được.">
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary errors={errors} labels={SYNONYM_LABELS} />
      <p>
        Khi người dân gõ một từ trong danh sách (không phân biệt dấu, hoa/thường), ô tìm kiếm tìm cả các thủ tục có cụm từ tương ứng trong tên, ví dụ “GPLX” tìm
        “giấy phép lái xe”. Thay đổi có hiệu lực ngay ở mọi máy chủ của cổng.
      </p>
      <h2>Thêm từ đồng nghĩa</h2>
      <form method="post" action="/quan-tri/tu-dong-nghia" class="form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="term" label={SYNONYM_LABELS.term!} value={values.term} errors={errors} required maxLength={100} hint="Từ viết tắt hoặc cách gọi thông dụng, ví dụ: GPLX, bằng lái xe, sổ đỏ." />
        <Field name="expansion" label={SYNONYM_LABELS.expansion!} value={values.expansion} errors={errors} required maxLength={200} hint="Cách gọi trong tên thủ tục, ví dụ: giấy phép lái xe." />
        <button type="submit" class="button">
          Thêm vào danh sách
        </button>
      </form>
      <h2>Danh sách hiện có ({entries.length})</h2>
      <DataTable
        caption="Các từ đồng nghĩa ô tìm kiếm đang dùng"
        captionHidden
        rowHeader={false}
        rows={entries}
        rowKey={(e) => e.id}
        empty="Chưa có từ đồng nghĩa nào."
        columns={[
          { header: SYNONYM_LABELS.term, cell: (e) => e.term },
          { header: SYNONYM_LABELS.expansion, cell: (e) => e.expansion },
          { header: 'Người thêm', cell: (e) => (e.createdBy ? `${e.createdBy}, ${noticeTime(e.createdAt)}` : 'Danh sách mặc định') },
          {
            header: 'Thao tác',
            cell: (e) => (
              <PostButton action={`/quan-tri/tu-dong-nghia/${e.id}/xoa`} csrfToken={ctx.csrfToken} variant="secondary" inline>
                Xóa <span class="visually-hidden">“{e.term}”</span>
              </PostButton>
            ),
          },
        ]}
      />
    </Layout>
  );
}
