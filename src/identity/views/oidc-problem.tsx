import { Layout } from '../../web/components/layout.tsx';
import { LinkList } from '../../web/components/form-page.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { Problem } from '../../web/problem.ts';
import { identityText, type IdentityProblem } from '../problems.ts';

type OidcProblem = Extract<IdentityProblem, `OIDC_${string}`>;

const TITLES: Record<'vi' | 'en', Record<OidcProblem, string>> = {
  vi: {
    OIDC_UNAVAILABLE: 'Chưa kết nối được nhà cung cấp định danh',
    OIDC_EXPIRED: 'Phiên đăng nhập không còn hợp lệ',
    OIDC_REFUSED: 'Đăng nhập chưa hoàn tất',
    OIDC_UNCHECKED: 'Đăng nhập chưa hoàn tất',
    OIDC_CONSENT_REQUIRED: 'Cần sự đồng ý của bạn',
    OIDC_NOT_CREATED: 'Chưa tạo tài khoản',
    OIDC_STAFF_ID_NUMBER: 'Số định danh thuộc tài khoản cán bộ',
  },
  en: {
    OIDC_UNAVAILABLE: 'The identity provider could not be reached',
    OIDC_EXPIRED: 'The sign-in is no longer valid',
    OIDC_REFUSED: 'Signing in did not finish',
    OIDC_UNCHECKED: 'Signing in did not finish',
    OIDC_CONSENT_REQUIRED: 'Your consent is needed',
    OIDC_NOT_CREATED: 'No account was created',
    OIDC_STAFF_ID_NUMBER: 'The number belongs to a staff account',
  },
};

/** Why signing in through the identity provider did not finish, and the ways to go on. */
export function OidcProblemPage({ ctx, problem, next = '/' }: { ctx: PageContext; problem: Problem<OidcProblem>; next?: string }) {
  const title = TITLES[ctx.locale][problem.code];
  const body = identityText(problem, ctx.locale);
  return (
    <Layout ctx={ctx} title={title} description={body}>
      <div class="form-narrow">
        <h1>{title}</h1>
        <p>{body}</p>
        <LinkList
          links={[
            { href: `/dang-nhap?next=${encodeURIComponent(next)}`, label: ctx.locale === 'en' ? 'Back to signing in' : 'Quay lại trang đăng nhập' },
            { href: '/', label: ctx.t('backHome') },
          ]}
        />
      </div>
    </Layout>
  );
}
