// "Hướng dẫn thực hiện" (Q1, Art. 11.1a): the public pages and the administrators' editor.
import { DataTable } from '../../web/components/data-table.tsx';
import { Checkbox, CsrfField, ErrorSummary, Field, Notice, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { viLang } from '../../web/components/locale.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { noticeTime, timeVi } from '../../web/format.ts';
import { renderMarkdown } from '../markdown.ts';
import type { Guidance } from '../store.ts';

export function GuidanceListPage({ ctx, items }: { ctx: PageContext; items: Guidance[] }) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  return (
    <Layout ctx={ctx} title={t('guidanceTitle')} description={t('guidanceDescription')}>
      <h1>{t('guidanceTitle')}</h1>
      <p>
        {t('guidanceIntro')} <a href="/hoi-dap">{t('guidanceFaqLink')}</a>.
      </p>
      {vi && items.length > 0 && <p class="hint">{t('guidanceContentNote')}</p>}
      {items.length === 0 ? (
        <p>{t('guidanceNone')}</p>
      ) : (
        <ul class="guidance-list">
          {items.map((g) => (
            <li key={g.id}>
              <a href={`/huong-dan/${g.slug}`} lang={vi}>
                {g.title}
              </a>
              {g.summary && <p lang={vi}>{g.summary}</p>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function GuidancePage({ ctx, g, services }: { ctx: PageContext; g: Guidance; services: { code: string; name: string }[] }) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  return (
    <Layout ctx={ctx} title={g.title} description={g.summary ?? t('guidancePageDescription', { title: g.title })}>
      <p>
        <a href="/huong-dan">{t('guidanceBack')}</a>
      </p>
      <h1 lang={vi}>{g.title}</h1>
      {vi && <p class="hint">{t('guidanceContentNote')}</p>}
      {g.summary && (
        <p class="lead" lang={vi}>
          {g.summary}
        </p>
      )}
      {/* renderMarkdown passes no raw HTML and only safe links (markdown.ts). */}
      <div class="guidance-body" lang={vi} dangerouslySetInnerHTML={{ __html: renderMarkdown(g.bodyMd) }} />
      {services.length > 0 && (
        <>
          <h2>{t('guidanceServices')}</h2>
          <ul>
            {services.map((s) => (
              <li key={s.code}>
                <a href={`/dich-vu-cong/${s.code}`} lang={vi}>
                  {s.name}
                </a>{' '}
                {t('guidanceCode', { code: s.code })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="updated">{t('guidanceUpdated', { at: locale === 'vi' ? timeVi(g.updatedAt) : noticeTime(g.updatedAt) })}</p>
    </Layout>
  );
}

export function GuidanceAdminPage({ ctx, items, notice }: { ctx: PageContext; items: Guidance[]; notice?: string }) {
  return (
    <Layout ctx={ctx} title="Quản trị hướng dẫn" description="Viết và sửa các trang hướng dẫn thực hiện dịch vụ công.">
      <h1>Quản trị hướng dẫn thực hiện</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a class="button-link" href="/quan-tri/huong-dan/moi">
          Viết hướng dẫn mới
        </a>
      </p>
      <DataTable caption={`${items.length} trang hướng dẫn`} rows={items} rowKey={(g) => g.id} columns={[
        { header: 'Tiêu đề', cell: (g) => <a href={`/quan-tri/huong-dan/${g.id}`}>{g.title}</a> },
        { header: 'Thủ tục', cell: (g) => g.serviceCodes.join(', ') || '—' },
        { header: 'Trạng thái', cell: (g) => (g.published ? 'Đang hiển thị' : 'Bản nháp') },
        { header: 'Cập nhật', cell: (g) => timeVi(g.updatedAt) },
      ]} />
    </Layout>
  );
}

const LABELS = { title: 'Tiêu đề', slug: 'Đường dẫn', summary: 'Tóm tắt', services: 'Mã các thủ tục', body: 'Nội dung' };

export function GuidanceEditPage({ ctx, id, values, errors = {}, preview }: { ctx: PageContext; id: number | null; values: Record<string, string>; errors?: FieldErrors; preview?: string }) {
  const title = id === null ? 'Viết hướng dẫn mới' : `Sửa hướng dẫn: ${values.title ?? ''}`;
  return (
    <Layout ctx={ctx} title={title} description="Biên soạn trang hướng dẫn thực hiện dịch vụ công.">
      <p>
        <a href="/quan-tri/huong-dan">‹ Quản trị hướng dẫn</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      <form method="post" action={id === null ? '/quan-tri/huong-dan/moi' : `/quan-tri/huong-dan/${id}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="title" label={LABELS.title} value={values.title} errors={errors} required />
        <Field name="slug" label={LABELS.slug} hint="Phần cuối địa chỉ trang: chữ thường không dấu và dấu gạch ngang, ví dụ cap-chung-chi-hanh-nghe-duoc." value={values.slug} errors={errors} required maxLength={80} />
        <Field name="summary" label={LABELS.summary} hint="Một câu, hiện trong danh sách hướng dẫn (không bắt buộc)." value={values.summary} errors={errors} maxLength={300} />
        <Field name="services" label={LABELS.services} hint="Các mã TTHC được hướng dẫn, cách nhau bởi dấu phẩy, ví dụ 1.004616, 1.001193. Trang của các thủ tục này sẽ dẫn tới hướng dẫn." value={values.services} errors={errors} maxLength={1000} />
        <TextArea name="body" label={LABELS.body} hint="Viết bằng Markdown: ## Tiêu đề mục, 1. Bước, - gạch đầu dòng, **đậm**, [liên kết](https://…). Không dùng được mã HTML." value={values.body} errors={errors} required maxLength={50_000} rows={16} />
        <Checkbox name="published" label="Hiển thị công khai" checked={values.published === 'true'} />
        <p class="button-row">
          <button type="submit" name="action" value="save" class="button">
            Lưu hướng dẫn
          </button>{' '}
          <button type="submit" name="action" value="preview" class="button button-secondary">
            Xem trước
          </button>
        </p>
      </form>
      {preview !== undefined && (
        <section class="guidance-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Xem trước</h2>
          <div class="guidance-body" dangerouslySetInnerHTML={{ __html: preview }} />
        </section>
      )}
    </Layout>
  );
}
