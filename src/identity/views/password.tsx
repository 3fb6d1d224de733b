import { Field, type FieldErrors } from '../../web/components/form.tsx';
import { FormPanel } from '../../web/components/form-page.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

const LABELS = { current: 'Mật khẩu hiện tại', password: 'Mật khẩu mới' };

export function PasswordPage({ ctx, errors = {} }: { ctx: PageContext; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Đổi mật khẩu" description="Đổi mật khẩu đăng nhập cổng dịch vụ công.">
      <FormPanel title="Đổi mật khẩu" errors={errors} labels={LABELS} action="/tai-khoan/mat-khau" csrfToken={ctx.csrfToken} submit="Đổi mật khẩu" back={{ href: '/tai-khoan', label: 'Quay lại tài khoản' }}>
        <Field name="current" label={LABELS.current} type="password" errors={errors} autocomplete="current-password" required />
        <Field name="password" label={LABELS.password} hint="Ít nhất 12 ký tự, có cả chữ và số hoặc ký tự khác. Các thiết bị khác sẽ bị đăng xuất." type="password" errors={errors} autocomplete="new-password" required />
      </FormPanel>
    </Layout>
  );
}
