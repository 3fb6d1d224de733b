import { Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { FormPanel } from '../../web/components/form-page.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

/**
 * A page that asks which account (username, email or phone) to send something to — a reset link,
 * a one-time sign-in code — and answers the same whether or not the account exists.
 */
export function AccountRequestPage({
  ctx,
  title,
  description,
  intro,
  action,
  submit,
  back,
  login = '',
  next,
  summaryLabel,
  errors = {},
}: {
  ctx: PageContext;
  title: string;
  description: string;
  intro: string;
  action: string;
  submit: string;
  back: { href: string; label: string };
  login?: string;
  /** The page to come back to after signing in, carried by the form. */
  next?: string;
  /** The error summary's name for the field. */
  summaryLabel: string;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title} description={description}>
      <FormPanel title={title} errors={errors} labels={{ login: summaryLabel }} before={<p>{intro}</p>} action={action} csrfToken={ctx.csrfToken} hidden={next === undefined ? {} : { next }} submit={submit} back={back}>
        <Field name="login" label={t('signInLogin')} value={login} errors={errors} autocomplete="username" required />
      </FormPanel>
    </Layout>
  );
}

export function ResetRequestPage({ ctx, errors = {} }: { ctx: PageContext; errors?: FieldErrors }) {
  const { t } = ctx;
  const words = { title: t('resetTitle'), description: t('resetDescription'), intro: t('resetIntro'), submit: t('resetButton'), summaryLabel: t('resetAccount') };
  return <AccountRequestPage ctx={ctx} {...words} action="/quen-mat-khau" back={{ href: '/dang-nhap', label: t('resetBack') }} errors={errors} />;
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
