import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { signInText } from '../sign-in-messages.ts';

/** Asking for a one-time sign-in code, for a person whose account is being attacked (S1). */
export function SignInCodeRequestPage({ ctx, login = '', next = '', errors = {} }: { ctx: PageContext; login?: string; next?: string; errors?: FieldErrors }) {
  const { t } = ctx;
  const m = signInText(ctx.locale);
  return (
    <Layout ctx={ctx} title={m('codeTitle')} description={m('codeIntro')}>
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={{ login: t('signInLogin') }} />
        <h1>{m('codeTitle')}</h1>
        <p>{m('codeIntro')}</p>
        <form method="post" action="/dang-nhap/ma" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="next" value={next} />
          <Field name="login" label={t('signInLogin')} value={login} errors={errors} autocomplete="username" required />
          <button type="submit" class="button">
            {m('codeSend')}
          </button>
        </form>
        <p>
          <a href="/dang-nhap">{t('signIn')}</a>
        </p>
      </div>
    </Layout>
  );
}
