import { Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { FormPanel } from '../../web/components/form-page.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

export function ResetRequestPage({ ctx, errors = {} }: { ctx: PageContext; errors?: FieldErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('resetTitle')} description={t('resetDescription')}>
      <FormPanel
        title={t('resetTitle')}
        errors={errors}
        labels={{ login: t('resetAccount') }}
        before={<p>{t('resetIntro')}</p>}
        action="/quen-mat-khau"
        csrfToken={ctx.csrfToken}
        submit={t('resetButton')}
        back={{ href: '/dang-nhap', label: t('resetBack') }}
      >
        <Field name="login" label={t('signInLogin')} errors={errors} autocomplete="username" required />
      </FormPanel>
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
      <FormPanel title={t('resetNewTitle')} errors={errors} labels={{ password: t('resetNewPassword') }} action="/dat-lai-mat-khau" csrfToken={ctx.csrfToken} hidden={{ ma: token }} submit={t('resetNewButton')}>
        <Field name="password" label={t('resetNewPassword')} hint={t('resetNewPasswordHint')} type="password" errors={errors} autocomplete="new-password" required />
      </FormPanel>
    </Layout>
  );
}
