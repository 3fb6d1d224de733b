import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';

export function ResetRequestPage({ ctx, errors = {} }: { ctx: PageContext; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Quên mật khẩu" description="Nhận liên kết đặt lại mật khẩu qua thư điện tử.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={{ login: 'Tài khoản' }} />
        <h1>Quên mật khẩu</h1>
        <p>Nhập tên đăng nhập, thư điện tử hoặc số điện thoại của tài khoản. Nếu tài khoản có thư điện tử, chúng tôi gửi đến đó một liên kết đặt lại mật khẩu, dùng được một lần trong 30 phút.</p>
        <form method="post" action="/quen-mat-khau" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field name="login" label="Tên đăng nhập, thư điện tử hoặc số điện thoại" errors={errors} autocomplete="username" required />
          <button type="submit" class="button">
            Gửi liên kết
          </button>
        </form>
        <p>
          <a href="/dang-nhap">Quay lại đăng nhập</a>
        </p>
      </div>
    </Layout>
  );
}

export function ResetDonePage({ ctx, sent, invalid }: { ctx: PageContext; sent: boolean; invalid?: boolean }) {
  return (
    <Layout ctx={ctx} title={invalid ? 'Liên kết không còn dùng được' : 'Đã nhận yêu cầu'} description="Đặt lại mật khẩu.">
      <div class="form-narrow">
        {invalid ? (
          <>
            <h1>Liên kết không còn dùng được</h1>
            <p>Liên kết đặt lại mật khẩu đã được dùng, đã quá 30 phút hoặc không đúng. Hãy yêu cầu một liên kết mới.</p>
          </>
        ) : (
          <>
            <h1>Đã nhận yêu cầu</h1>
            {sent && (
              <Notice>
                Nếu thông tin vừa nhập là của một tài khoản có thư điện tử, liên kết đặt lại mật khẩu đã được gửi đến thư đó. Hãy kiểm tra hộp thư (cả thư rác) trong 30 phút tới.
              </Notice>
            )}
          </>
        )}
        <p>
          <a href="/quen-mat-khau">Yêu cầu liên kết mới</a> · <a href="/dang-nhap">Đăng nhập</a>
        </p>
      </div>
    </Layout>
  );
}

export function ResetPasswordPage({ ctx, token, errors = {} }: { ctx: PageContext; token: string; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Đặt mật khẩu mới" description="Đặt mật khẩu mới cho tài khoản cổng dịch vụ công.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={{ password: 'Mật khẩu mới' }} />
        <h1>Đặt mật khẩu mới</h1>
        <form method="post" action="/dat-lai-mat-khau" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="ma" value={token} />
          <Field name="password" label="Mật khẩu mới" hint="Ít nhất 10 ký tự, có cả chữ và số hoặc ký tự khác. Mọi thiết bị đang đăng nhập sẽ bị đăng xuất." type="password" errors={errors} autocomplete="new-password" required />
          <button type="submit" class="button">
            Đặt mật khẩu
          </button>
        </form>
      </div>
    </Layout>
  );
}
