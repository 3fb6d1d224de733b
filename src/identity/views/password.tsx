import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

const LABELS = { current: 'Mật khẩu hiện tại', password: 'Mật khẩu mới' };

export function PasswordPage({ ctx, errors = {} }: { ctx: PageContext; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Đổi mật khẩu" description="Đổi mật khẩu đăng nhập cổng dịch vụ công.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={LABELS} />
        <h1>Đổi mật khẩu</h1>
        <form method="post" action="/tai-khoan/mat-khau" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field name="current" label={LABELS.current} type="password" errors={errors} autocomplete="current-password" required />
          <Field name="password" label={LABELS.password} hint="Ít nhất 12 ký tự, có cả chữ và số hoặc ký tự khác. Các thiết bị khác sẽ bị đăng xuất." type="password" errors={errors} autocomplete="new-password" required />
          <button type="submit" class="button">
            Đổi mật khẩu
          </button>
        </form>
        <p>
          <a href="/tai-khoan">Quay lại tài khoản</a>
        </p>
      </div>
    </Layout>
  );
}
