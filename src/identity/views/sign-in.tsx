import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

/** oidcName: the national identity provider's name, when one is configured (a second way in). */
export function SignInPage({ ctx, login = '', errors = {}, next = '/', notice, oidcName }: { ctx: PageContext; login?: string; errors?: FieldErrors; next?: string; notice?: string; oidcName?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('signIn')} description={t('signInDescription')}>
      <div class="form-narrow">
        <ErrorSummary errors={errors} />
        <h1>{t('signIn')}</h1>
        {notice && <Notice>{notice}</Notice>}
        <p>
          {t('signInIntro')} <a href={next && next !== '/' ? `/dang-ky?next=${encodeURIComponent(next)}` : '/dang-ky'}>{t('register')}</a>.
        </p>
        <form method="post" action="/dang-nhap" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="next" value={next} />
          <Field name="login" label={t('signInLogin')} value={login} errors={errors} autocomplete="username" required />
          <Field name="password" label={t('signInPassword')} type="password" errors={errors} autocomplete="current-password" required />
          <button type="submit" class="button">
            {t('signIn')}
          </button>
        </form>
        <p>
          <a href="/quen-mat-khau">{t('signInForgot')}</a>
        </p>
        {oidcName && (
          <>
            <h2>{t('signInOther')}</h2>
            <p>
              <a class="button-link button button-secondary" href={`/dang-nhap/oidc?next=${encodeURIComponent(next)}`}>
                {t('signInWith', { name: oidcName })}
              </a>
            </p>
          </>
        )}
      </div>
    </Layout>
  );
}
