import { Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { FormPanel, LinkLine } from '../../web/components/form-page.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { inSentence, signInText } from '../sign-in-messages.ts';

/**
 * oidcName: the national identity provider's name, when one is configured: then it leads, as the
 * citizens' way in, and the password form follows for staff and for password accounts.
 * signup: whether citizens may register with a password (DVCTT_CITIZEN_SIGNUP).
 * withCode: the field for a one-time sign-in code, once one was asked for.
 */
export function SignInPage({
  ctx,
  login = '',
  errors = {},
  next = '/',
  notice,
  oidcName,
  signup = true,
  withCode,
}: {
  ctx: PageContext;
  login?: string;
  errors?: FieldErrors;
  next?: string;
  notice?: string;
  oidcName?: string;
  signup?: boolean;
  withCode?: boolean;
}) {
  const { t } = ctx;
  const m = signInText(ctx.locale);
  const providerHref = `/dang-nhap/oidc?next=${encodeURIComponent(next)}`;
  const askCode = `/dang-nhap/ma?${new URLSearchParams({ ...(login && { login }), ...(next && next !== '/' && { next }) }).toString()}`.replace(/\?$/, '');
  return (
    <Layout ctx={ctx} title={t('signIn')} description={t('signInDescription')}>
      <FormPanel
        title={t('signIn')}
        errors={errors}
        before={
          <>
            {notice && <Notice>{notice}</Notice>}
            {oidcName && (
              <>
                <p>{m('providerIntro')}</p>
                <p>
                  <a class="button-link button" href={providerHref}>
                    {m('providerLead', { name: inSentence(oidcName, ctx.locale) })}
                  </a>
                </p>
                <h2>{m('passwordHeading')}</h2>
                <p>{m(signup ? 'passwordForStaff' : 'passwordNoSignup')}</p>
              </>
            )}
            {signup && (
              <p>
                {t('signInIntro')} <a href={next && next !== '/' ? `/dang-ky?next=${encodeURIComponent(next)}` : '/dang-ky'}>{t('register')}</a>.
              </p>
            )}
          </>
        }
        action="/dang-nhap"
        csrfToken={ctx.csrfToken}
        hidden={{ next }}
        submit={t('signIn')}
        after={
          <>
            <LinkLine href="/quen-mat-khau">{t('signInForgot')}</LinkLine>
            <LinkLine href={askCode}>{m('codeAsk')}</LinkLine>
          </>
        }
      >
        <Field name="login" label={t('signInLogin')} value={login} errors={errors} autocomplete="username" required />
        <Field name="password" label={t('signInPassword')} type="password" errors={errors} autocomplete="current-password" required />
        {(withCode || errors.code) && <Field name="code" label={m('codeLabel')} hint={m('codeHint')} errors={errors} autocomplete="one-time-code" inputMode="numeric" maxLength={6} required />}
      </FormPanel>
    </Layout>
  );
}
