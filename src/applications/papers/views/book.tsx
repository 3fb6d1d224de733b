// The tracking book's page: choose the unit and the period, read the book, print it or take the PDF.
import { ErrorSummary, Field, Select, type FieldErrors } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/components/layout.tsx';
import type { PageContext } from '../../../web/page-context.ts';
import type { BookQuery } from '../book.ts';
import type { PaperContent } from '../model.ts';
import { PAPER_STYLES, PaperSheet } from './paper.tsx';

export function BookPage({ ctx, q, units, errors = {}, book, truncated }: { ctx: PageContext; q: BookQuery; units: { code: string; name: string }[]; errors?: FieldErrors; book?: PaperContent; truncated?: number }) {
  const query = new URLSearchParams({ 'don-vi': q.unit, tu: q.from, den: q.to }).toString();
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length ? 'Lỗi: ' : ''}Sổ theo dõi hồ sơ`} description="Sổ theo dõi hồ sơ (Mẫu số 06) của một đơn vị trong một khoảng thời gian." styles={PAPER_STYLES}>
      <ErrorSummary errors={errors} labels={{ 'don-vi': 'Đơn vị', tu: 'Từ ngày', den: 'Đến ngày' }} />
      <p>
        <a href="/can-bo">‹ Khu vực cán bộ</a>
      </p>
      <h1>Sổ theo dõi hồ sơ (Mẫu số 06)</h1>
      <form method="get" action="/can-bo/so-theo-doi" class="book-filters" novalidate>
        <Select name="don-vi" label="Đơn vị" options={units.map((u) => ({ value: u.code, label: u.name }))} value={q.unit} errors={errors} />
        <Field name="tu" label="Từ ngày" type="date" value={q.from} errors={errors} maxLength={10} />
        <Field name="den" label="Đến ngày" type="date" value={q.to} errors={errors} maxLength={10} />
        <div class="field">
          <button type="submit" class="button">
            Xem sổ
          </button>
        </div>
      </form>
      {book && (
        <>
          <p>
            <a href={`/can-bo/so-theo-doi.pdf?${query}`}>Tải sổ (PDF, khổ A4 ngang)</a> · Dùng lệnh In của trình duyệt để in bảng dưới đây.
          </p>
          {truncated !== undefined && <p role="status">Sổ chỉ hiện {truncated} hồ sơ đầu tiên; hãy chọn khoảng thời gian ngắn hơn để xem hết.</p>}
          <PaperSheet p={book} heading="h2" />
        </>
      )}
    </Layout>
  );
}
