// Pages of the second factor (S1, ASVS 2.8): the code asked after the password, setting up an
// authenticator app, the recovery codes shown once, and turning it off.
import { ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { FormPanel } from '../../web/components/form-page.tsx';
import { PostButton } from '../../web/components/post-button.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { timeVi } from '../../web/format.ts';
import type { Locale } from '../../web/i18n.ts';
import type { PageContext } from '../../web/page-context.ts';
import { groupSecret } from '../totp.ts';
import type { TotpStatus } from '../second-factor-store.ts';

export const SECOND_FACTOR_PATH = '/tai-khoan/xac-thuc-hai-buoc';
export const CODE_PATH = '/dang-nhap/ma-xac-thuc';

/** The sign-in's code step in the two languages of the sign-in page (the account's own pages are Vietnamese). */
const CODE_STEP = {
  vi: {
    title: 'Nhập mã xác thực',
    description: 'Bước thứ hai của đăng nhập: mã từ ứng dụng xác thực.',
    intro: 'Tài khoản này bật xác thực hai bước. Mở ứng dụng xác thực trên điện thoại và nhập mã đang hiện cho cổng dịch vụ công.',
    label: 'Mã xác thực',
    hint: 'Mã 6 chữ số đang hiện trong ứng dụng xác thực, hoặc một mã khôi phục dạng xxxxx-xxxxx.',
    submit: 'Xác nhận',
    lost: 'Mất điện thoại? Nhập một trong các mã khôi phục đã lưu khi bật xác thực hai bước; mỗi mã dùng được một lần. Không còn mã nào thì hãy liên hệ quản trị cổng.',
    restart: 'Đăng nhập lại từ đầu',
    expiredTitle: 'Cần đăng nhập lại',
    expired: (minutes: number) => `Bước nhập mã chỉ giữ ${minutes} phút sau khi nhập mật khẩu và đã hết hạn (hoặc đã dùng). Hãy đăng nhập lại.`,
    signIn: 'Đăng nhập',
  },
  en: {
    title: 'Enter your verification code',
    description: 'The second step of signing in: a code from your authenticator app.',
    intro: 'This account uses two-step verification. Open the authenticator app on your phone and enter the code it shows for the public service portal.',
    label: 'Verification code',
    hint: 'The 6-digit code shown in your authenticator app, or a recovery code like xxxxx-xxxxx.',
    submit: 'Continue',
    lost: 'Lost your phone? Enter one of the recovery codes you kept when you turned on two-step verification; each works once. If none are left, contact the portal’s administrators.',
    restart: 'Start signing in again',
    expiredTitle: 'Please sign in again',
    expired: (minutes: number) => `The code step lasts ${minutes} minutes after the password and has expired (or was already used). Please sign in again.`,
    signIn: 'Sign in',
  },
} satisfies Record<Locale, unknown>;

export const codeStepText = (locale: Locale) => CODE_STEP[locale];

/** "Nhập mã xác thực": after the right password, before any session exists. */
export function CodePage({ ctx, errors = {} }: { ctx: PageContext; errors?: FieldErrors }) {
  const m = codeStepText(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.title} description={m.description}>
      <FormPanel
        title={m.title}
        errors={errors}
        labels={{ code: m.label }}
        before={<p>{m.intro}</p>}
        action={CODE_PATH}
        csrfToken={ctx.csrfToken}
        submit={m.submit}
        after={<p>{m.lost}</p>}
        back={{ href: '/dang-nhap', label: m.restart }}
      >
        <Field name="code" label={m.label} hint={m.hint} errors={errors} autocomplete="one-time-code" maxLength={20} required />
      </FormPanel>
    </Layout>
  );
}

const CODE_LABEL = CODE_STEP.vi.label;
const CODE_HINT = CODE_STEP.vi.hint;

/** Setting up: the secret as a QR code, as grouped letters and as the otpauth:// link, then a code to confirm. */
export function SetupPage({ ctx, secret, uri, qrImage, errors = {}, required, notice }: { ctx: PageContext; secret: string; uri: string; qrImage: string; errors?: FieldErrors; required?: boolean; notice?: string }) {
  return (
    <Layout ctx={ctx} title="Bật xác thực hai bước" description="Thêm một lớp bảo vệ: sau mật khẩu, nhập mã từ ứng dụng xác thực trên điện thoại.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={{ code: CODE_LABEL }} />
        <h1>Bật xác thực hai bước</h1>
        {notice && <Notice>{notice}</Notice>}
        {required && <Notice>Tài khoản cán bộ phải bật xác thực hai bước trước khi làm việc trên cổng. Hãy hoàn tất các bước dưới đây.</Notice>}
        <p>Sau khi bật, mỗi lần đăng nhập bằng mật khẩu, cổng hỏi thêm mã 6 chữ số do ứng dụng xác thực trên điện thoại của bạn tạo ra: người biết mật khẩu mà không có điện thoại không đăng nhập được.</p>
        <h2>1. Cài ứng dụng xác thực</h2>
        <p>Ví dụ Google Authenticator, Microsoft Authenticator, FreeOTP hoặc 2FAS (miễn phí trên Android và iOS).</p>
        <h2>2. Thêm tài khoản vào ứng dụng</h2>
        <p>Quét mã QR này bằng ứng dụng:</p>
        <p>
          <img src={qrImage} width={200} height={200} alt="Mã QR để thêm tài khoản cổng dịch vụ công vào ứng dụng xác thực; nếu không quét được, hãy nhập khóa bí mật bên dưới." />
        </p>
        <p>Hoặc chọn "nhập khóa thủ công" trong ứng dụng và gõ khóa bí mật (loại: theo thời gian):</p>
        <p>
          <code class="token" id="totp-secret">
            {groupSecret(secret)}
          </code>
        </p>
        <p>
          Trên điện thoại này, mở liên kết: <a href={uri}>thêm vào ứng dụng xác thực</a>.
        </p>
        <p class="hint">
          Địa chỉ đầy đủ: <code class="token">{uri}</code>
        </p>
        <h2>3. Nhập mã ứng dụng hiện ra</h2>
        <PostButton action={SECOND_FACTOR_PATH} csrfToken={ctx.csrfToken} intro={<Field name="code" label="Mã 6 chữ số" hint="Mã đổi sau mỗi 30 giây; nhập mã đang hiện." errors={errors} autocomplete="one-time-code" inputMode="numeric" maxLength={7} required />}>
          Bật xác thực hai bước
        </PostButton>
      </div>
    </Layout>
  );
}

/** Shown once, right after the factor is turned on: the database keeps only their hashes. */
export function RecoveryCodesPage({ ctx, codes, next }: { ctx: PageContext; codes: string[]; next: { href: string; label: string } }) {
  return (
    <Layout ctx={ctx} title="Đã bật xác thực hai bước" description="Mã khôi phục, mỗi mã dùng một lần khi không có điện thoại.">
      <div class="form-narrow">
        <h1>Đã bật xác thực hai bước</h1>
        <Notice>Từ lần đăng nhập sau, cổng sẽ hỏi mã từ ứng dụng xác thực sau mật khẩu.</Notice>
        <h2>Mã khôi phục</h2>
        <p>
          Khi không có điện thoại, nhập một mã dưới đây thay cho mã 6 chữ số; mỗi mã chỉ dùng được một lần. <strong>Hãy in hoặc chép các mã này ra nơi an toàn ngay bây giờ: chúng chỉ hiện một lần.</strong>
        </p>
        <ol class="recovery-codes">
          {codes.map((c) => (
            <li key={c}>
              <code class="token">{c}</code>
            </li>
          ))}
        </ol>
        <p>
          <a href={next.href} class="button">
            {next.label}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/** The factor is on: since when, recovery codes left, and turning it off (password and a code). */
export function StatusPage({ ctx, status, errors = {}, required, notice }: { ctx: PageContext; status: TotpStatus; errors?: FieldErrors; required: boolean; notice?: string }) {
  const labels = { password: 'Mật khẩu', code: CODE_LABEL };
  return (
    <Layout ctx={ctx} title="Xác thực hai bước" description="Trạng thái xác thực hai bước của tài khoản.">
      <FormPanel
        title="Xác thực hai bước"
        errors={errors}
        labels={labels}
        before={
          <>
            {notice && <Notice>{notice}</Notice>}
            <p>
              Đang bật từ {status.enabledAt ? timeVi(status.enabledAt) : '—'}. Còn {status.recoveryCodesLeft} mã khôi phục chưa dùng.
            </p>
            <h2>{required ? 'Chuyển sang điện thoại khác' : 'Tắt xác thực hai bước'}</h2>
            <p>
              {required
                ? 'Tài khoản cán bộ bắt buộc dùng xác thực hai bước: sau khi tắt, bạn thiết lập lại ngay với ứng dụng trên điện thoại mới và nhận bộ mã khôi phục mới.'
                : 'Cần mật khẩu và một mã xác thực (hoặc mã khôi phục). Sau khi tắt, đăng nhập chỉ cần mật khẩu; các mã khôi phục cũ hết hiệu lực.'}
            </p>
          </>
        }
        action={`${SECOND_FACTOR_PATH}/tat`}
        csrfToken={ctx.csrfToken}
        variant="secondary"
        submit={required ? 'Tắt và thiết lập lại' : 'Tắt xác thực hai bước'}
        back={{ href: '/tai-khoan', label: 'Quay lại tài khoản' }}
      >
        <Field name="password" label={labels.password} type="password" errors={errors} autocomplete="current-password" required />
        <Field name="code" label={labels.code} hint={CODE_HINT} errors={errors} autocomplete="one-time-code" maxLength={20} required />
      </FormPanel>
    </Layout>
  );
}
