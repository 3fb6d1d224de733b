import type { FieldErrors } from '../../web/components/form.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { signInText } from '../sign-in-messages.ts';
import { AccountRequestPage } from './password-reset.tsx';

/** Asking for a one-time sign-in code, for a person whose account is being attacked (S1). */
export function SignInCodeRequestPage({ ctx, login = '', next = '', errors = {} }: { ctx: PageContext; login?: string; next?: string; errors?: FieldErrors }) {
  const { t } = ctx;
  const m = signInText(ctx.locale);
  const words = { title: m('codeTitle'), description: m('codeIntro'), intro: m('codeIntro'), submit: m('codeSend'), summaryLabel: t('signInLogin') };
  return <AccountRequestPage ctx={ctx} {...words} action="/dang-nhap/ma" back={{ href: '/dang-nhap', label: t('signIn') }} login={login} next={next} errors={errors} />;
}
