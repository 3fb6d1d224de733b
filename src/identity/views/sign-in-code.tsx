import { Field, type FieldErrors } from '../../web/components/form.tsx';
import { FormPanel } from '../../web/components/form-page.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { signInText } from '../sign-in-messages.ts';

/** Asking for a one-time sign-in code, for a person whose account is being attacked (S1). */
export function SignInCodeRequestPage({ ctx, login = '', next = '', errors = {} }: { ctx: PageContext; login?: string; next?: string; errors?: FieldErrors }) {
  const { t } = ctx;
  const m = signInText(ctx.locale);
  return (
    <Layout ctx={ctx} title={m('codeTitle')} description={m('codeIntro')}>
      <FormPanel
        title={m('codeTitle')}
        errors={errors}
        labels={{ login: t('signInLogin') }}
        before={<p>{m('codeIntro')}</p>}
        action="/dang-nhap/ma"
        csrfToken={ctx.csrfToken}
        hidden={{ next }}
        submit={m('codeSend')}
        back={{ href: '/dang-nhap', label: t('signIn') }}
      >
        <Field name="login" label={t('signInLogin')} value={login} errors={errors} autocomplete="username" required />
      </FormPanel>
    </Layout>
  );
}
