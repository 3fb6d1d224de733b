import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

export function ResetRequestPage({ ctx, errors = {} }: { ctx: PageContext; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('resetTitle')} description={t('resetDescription')}>
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={{ login: t('resetAccount') }} />
        <h1>{t('resetTitle')}</h1>
        <p>{t('resetIntro')}</p>
        <form method="post" action="/quen-mat-khau" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field name="login" label={t('signInLogin')} errors={errors} autocomplete="username" required />
          <button type="submit" class="button">
            {t('resetButton')}
          </button>
        </form>
        <p>
          <a href="/dang-nhap">{t('resetBack')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function ResetDonePage({ ctx, sent, invalid }: { ctx: PageContext; sent: boolean; invalid?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={invalid ? t('resetInvalidTitle') : t('resetDoneTitle')} description={t('resetDoneDescription')}>
      <div class="form-narrow">
        {invalid ? (
          <>
            <h1>{t('resetInvalidTitle')}</h1>
            <p>{t('resetInvalidBody')}</p>
          </>
        ) : (
          <>
            <h1>{t('resetDoneTitle')}</h1>
            {sent && <Notice>{t('resetSent')}</Notice>}
          </>
        )}
        <p>
          <a href="/quen-mat-khau">{t('resetAgain')}</a> · <a href="/dang-nhap">{t('signIn')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function ResetPasswordPage({ ctx, token, errors = {} }: { ctx: PageContext; token: string; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('resetNewTitle')} description={t('resetNewDescription')}>
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={{ password: t('resetNewPassword') }} />
        <h1>{t('resetNewTitle')}</h1>
        <form method="post" action="/dat-lai-mat-khau" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="ma" value={token} />
          <Field name="password" label={t('resetNewPassword')} hint={t('resetNewPasswordHint')} type="password" errors={errors} autocomplete="new-password" required />
          <button type="submit" class="button">
            {t('resetNewButton')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
