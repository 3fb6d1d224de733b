// /quan-tri/bieu-mau/<form>/json: the whole definition as JSON for those who prefer it, and
// /quan-tri/bieu-mau/<form>/cong-bo: the changes since the published version, publish and retire.
import { PostButton } from '../../../web/components/post-button.tsx';
import { CsrfField, ErrorSummary, Notice, TextArea, type FieldErrors } from '../../../web/components/form.tsx';
import type { PageContext } from '../../../web/page-context.ts';
import type { FieldChange } from '../diff.ts';
import type { Working } from '../working.ts';
import { ChangeList, DesignerLayout, formPath, StaleNotice, type Stale } from './parts.tsx';

export function JsonPage({ ctx, w, text, seen, errors = {}, stale }: { ctx: PageContext; w: Working; text: string; seen: string; errors?: FieldErrors; stale?: Stale }) {
  const { t } = ctx;
  return (
    <DesignerLayout ctx={ctx} title={t('fdJson')} form={{ id: w.formId, title: w.doc.title }}>
      <h1>{t('fdJson')}</h1>
      {stale && <StaleNotice ctx={ctx} stale={stale} />}
      <ErrorSummary errors={errors} />
      <p>
        <a href={formPath(w.formId)}>{t('fdBack')}</a>
      </p>
      <form method="post" action={formPath(w.formId, '/json')} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="revision" value={String(w.revision ?? '')} />
        <input type="hidden" name="seen" value={seen} />
        <div class="fd-json">
          <TextArea name="json" label={t('fdJsonLabel')} hint={t('fdJsonHint')} value={text} errors={errors} maxLength={2_000_000} rows={30} />
        </div>
        <button type="submit" class="button">
          {t('fdSave')}
        </button>
      </form>
    </DesignerLayout>
  );
}

export function PublishPage({ ctx, w, changes, formNotes, notice, error }: { ctx: PageContext; w: Working; changes: FieldChange[]; formNotes: string[]; notice?: string; error?: string }) {
  const { t } = ctx;
  return (
    <DesignerLayout ctx={ctx} title={`${t('fdPublish')} — ${w.doc.title}`} form={{ id: w.formId, title: w.doc.title }}>
      <h1>
        {t('fdPublish')} — {w.doc.title}
      </h1>
      {error && <ErrorSummary errors={{ form: error }} />}
      {notice && (
        <Notice>
          <p>{notice}</p>
        </Notice>
      )}
      <p>
        <a href={formPath(w.formId)}>{t('fdBack')}</a>
      </p>
      {w.draft ? (
        <>
          <h2>{t('fdChanges')}</h2>
          {!w.published && <p>{t('fdChangesFirst')}</p>}
          {formNotes.length > 0 && (
            <ul>
              {formNotes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          {changes.length ? <ChangeList ctx={ctx} changes={changes} /> : <p>{t('fdChangesNone')}</p>}
          <p>{t('fdPublishNote')}</p>
          <PostButton action={formPath(w.formId, '/cong-bo')} csrfToken={ctx.csrfToken} hidden={{ revision: w.revision ?? '' }}>
            {t('fdPublishConfirm', { v: w.draft.version })}
          </PostButton>
        </>
      ) : (
        <p>{t('fdNoDraft')}</p>
      )}
      {w.published && (
        <>
          <h2>{t('fdRetire')}</h2>
          <p id="fd-retire-note">{t('fdRetireNote')}</p>
          <PostButton action={formPath(w.formId, '/ngung-dung')} csrfToken={ctx.csrfToken} variant="danger" describedBy="fd-retire-note">
            {t('fdRetire')}
          </PostButton>
        </>
      )}
    </DesignerLayout>
  );
}
