// /quan-tri/bieu-mau: every form with its services, status and versions, and a form made from a service.
import { DataTable } from '../../../web/components/data-table.tsx';
import { ErrorSummary, Field, FileField, Notice, type FieldErrors } from '../../../web/components/form.tsx';
import { PostForm } from '../../../web/components/post-button.tsx';
import { noticeTime } from '../../../web/format.ts';
import type { PageContext } from '../../../web/page-context.ts';
import type { FormSummary } from '../../definitions-store.ts';
import { DESIGNER, DesignerLayout, formPath } from './parts.tsx';

const PAPER_FORM = `${DESIGNER}/tu-mau-giay`;

export function statusOf(ctx: PageContext, f: Pick<FormSummary, 'publishedVersion' | 'draftVersion'>): string {
  const { t } = ctx;
  const parts = [f.publishedVersion !== null ? t('fdVersionV', { v: f.publishedVersion }) : undefined, f.draftVersion !== null ? t('fdDraftV', { v: f.draftVersion }) : undefined].filter(Boolean);
  const head = f.publishedVersion !== null ? t('fdStatusPublished') : f.draftVersion !== null ? t('fdStatusDraft') : t('fdStatusRetired');
  return parts.length ? `${head} (${parts.join('; ')})` : head;
}

export function FormListPage({ ctx, forms, values = {}, errors = {}, notice }: { ctx: PageContext; forms: FormSummary[]; values?: Record<string, string>; errors?: FieldErrors; notice?: string }) {
  const { t } = ctx;
  return (
    <DesignerLayout ctx={ctx} title={t('fdTitle')}>
      <h1>{t('fdTitle')}</h1>
      {notice && (
        <Notice>
          <p>{notice}</p>
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={{ service: t('fdServiceCode'), paperService: t('fdPaperService'), paper: t('fdPaperFile') }} />
      <p>{t('fdIntro')}</p>
      <h2>{t('fdCreate')}</h2>
      <PostForm action={DESIGNER} csrfToken={ctx.csrfToken} submit={t('fdCreateButton')}>
        <Field name="service" label={t('fdServiceCode')} hint={`${t('fdCreateHint')} ${t('fdServiceCodeHint')}`} value={values.service} errors={errors} required maxLength={20} inputMode="decimal" />
      </PostForm>
      <h2>{t('fdPaper')}</h2>
      <PostForm action={PAPER_FORM} enctype="multipart/form-data" csrfToken={ctx.csrfToken} variant="secondary" submit={t('fdPaperButton')}>
        <Field name="paperService" label={t('fdPaperService')} hint={t('fdServiceCodeHint')} value={values.paperService} errors={errors} required maxLength={20} inputMode="decimal" />
        <FileField name="paper" label={t('fdPaperFile')} hint={t('fdPaperHint')} errors={errors} accept=".docx,.doc,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword" />
      </PostForm>
      <h2>{t('fdList', { n: forms.length })}</h2>
      <DataTable caption={t('fdList', { n: forms.length })} captionHidden cards rows={forms} rowKey={(f) => f.formId} empty={t('fdNone')} columns={[
        {
          header: t('fdColForm'),
          cell: (f) => (
            <>
              <a href={formPath(f.formId)}>{f.title}</a> <span class="fd-ref">({f.formId})</span>
            </>
          ),
        },
        { header: t('fdColServices'), cell: (f) => f.services.join(', ') },
        { header: t('fdColStatus'), cell: (f) => statusOf(ctx, f) },
        { header: t('fdColVersions'), cell: (f) => f.versions, numeric: true },
        { header: t('fdColUpdated'), cell: (f) => noticeTime(f.updatedAt) },
      ]} />
    </DesignerLayout>
  );
}
