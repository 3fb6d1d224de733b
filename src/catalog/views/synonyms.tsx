// /quan-tri/tu-dong-nghia: the words citizens type and the catalog's words they stand for (C3).
// The search reads this list; a change is seen by every instance at the next search.
import { PostForm } from '../../web/components/post-button.tsx';
import { actionColumn, DataTable } from '../../web/components/data-table.tsx';
import { AdminPage } from '../../web/components/admin-page.tsx';
import { Field, type FieldErrors } from '../../web/components/form.tsx';
import { noticeTime } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import type { SynonymEntry } from '../synonyms.ts';

export const SYNONYM_LABELS: Record<string, string> = {
  term: 'Từ người dân gõ',
  expansion: 'Cụm từ trong tên thủ tục',
};

export function SynonymsPage({ ctx, entries, values = {}, errors = {}, notice }: { ctx: PageContext; entries: SynonymEntry[]; values?: Record<string, string>; errors?: FieldErrors; notice?: string }) {
  return (
    <AdminPage ctx={ctx} title="Từ đồng nghĩa cho tìm kiếm" description="Các từ viết tắt và cách gọi thông dụng mà ô tìm kiếm thủ tục hiểu được." notice={notice} errors={errors} labels={SYNONYM_LABELS}>
      <p>
        Khi người dân gõ một từ trong danh sách (không phân biệt dấu, hoa/thường), ô tìm kiếm tìm cả các thủ tục có cụm từ tương ứng trong tên, ví dụ “GPLX” tìm
        “giấy phép lái xe”. Thay đổi có hiệu lực ngay ở mọi máy chủ của cổng.
      </p>
      <h2>Thêm từ đồng nghĩa</h2>
      <PostForm action="/quan-tri/tu-dong-nghia" csrfToken={ctx.csrfToken} submit="Thêm vào danh sách">
        <Field name="term" label={SYNONYM_LABELS.term!} value={values.term} errors={errors} required maxLength={100} hint="Từ viết tắt hoặc cách gọi thông dụng, ví dụ: GPLX, bằng lái xe, sổ đỏ." />
        <Field name="expansion" label={SYNONYM_LABELS.expansion!} value={values.expansion} errors={errors} required maxLength={200} hint="Cách gọi trong tên thủ tục, ví dụ: giấy phép lái xe." />
      </PostForm>
      <h2>Danh sách hiện có ({entries.length})</h2>
      <DataTable caption="Các từ đồng nghĩa ô tìm kiếm đang dùng" captionHidden rowHeader={false} rows={entries} rowKey={(e) => e.id} empty="Chưa có từ đồng nghĩa nào." columns={[
        { header: SYNONYM_LABELS.term, cell: (e) => e.term },
        { header: SYNONYM_LABELS.expansion, cell: (e) => e.expansion },
        { header: 'Người thêm', cell: (e) => (e.createdBy ? `${e.createdBy}, ${noticeTime(e.createdAt)}` : 'Danh sách mặc định') },
        actionColumn<SynonymEntry>(ctx.csrfToken, (e) => `/quan-tri/tu-dong-nghia/${e.id}/xoa`, (e) => `“${e.term}”`),
      ]} />
    </AdminPage>
  );
}
