import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

/** oidcName: the national identity provider's name, when one is configured (a second way in). */
export function SignInPage({ ctx, login = '', errors = {}, next = '/', notice, oidcName }: { ctx: PageContext; login?: string; errors?: FieldErrors; next?: string; notice?: string; oidcName?: string }) {
  return (
    <Layout ctx={ctx} title="Đăng nhập" description="Đăng nhập để nộp hồ sơ trực tuyến, theo dõi hồ sơ và dùng kho dữ liệu của bạn.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} />
        <h1>Đăng nhập</h1>
        {notice && <Notice>{notice}</Notice>}
        <p>Dịch vụ công trực tuyến mức độ 3 và 4 cần biết bạn là ai. Chưa có tài khoản? <a href={next && next !== '/' ? `/dang-ky?next=${encodeURIComponent(next)}` : '/dang-ky'}>Đăng ký tài khoản</a>.</p>
        <form method="post" action="/dang-nhap" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="next" value={next} />
          <Field name="login" label="Tên đăng nhập, thư điện tử hoặc số điện thoại" value={login} errors={errors} autocomplete="username" required />
          <Field name="password" label="Mật khẩu" type="password" errors={errors} autocomplete="current-password" required />
          <button type="submit" class="button">
            Đăng nhập
          </button>
        </form>
        <p>
          <a href="/quen-mat-khau">Quên mật khẩu?</a>
        </p>
        {oidcName && (
          <>
            <h2>Cách đăng nhập khác</h2>
            <p>
              <a class="button-link button button-secondary" href={`/dang-nhap/oidc?next=${encodeURIComponent(next)}`}>
                Đăng nhập bằng {oidcName}
              </a>
            </p>
          </>
        )}
      </div>
    </Layout>
  );
}
