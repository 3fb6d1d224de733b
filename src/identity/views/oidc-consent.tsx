import { Checkbox, CsrfField, ErrorSummary, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { viLang } from '../../web/components/locale.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { formatDate } from '../model.ts';
import type { ProviderPerson } from '../oidc-claims.ts';
import { PrivacyNotice } from './privacy.tsx';

/**
 * A person new to the portal, back from the identity provider: what the provider sent, the privacy
 * notice, and the same consent box as registration; "Không đồng ý" ends here and keeps nothing.
 * linking: the username of the password account with the same personal identification number,
 * which agreeing links to the provider instead of making a new account.
 */
export function OidcConsentPage({
  ctx,
  providerName,
  person,
  token,
  linking,
  errors = {},
}: {
  ctx: PageContext;
  providerName: string;
  person: ProviderPerson;
  token: string;
  linking?: string;
  errors?: FieldErrors;
}) {
  const received: [string, string | null][] = [
    ['Họ và tên', person.fullName],
    ['Ngày sinh', formatDate(person.dateOfBirth) || null],
    ['Số CCCD', person.idNumber],
    ['Thư điện tử', person.email],
    ['Số điện thoại', person.phone],
  ];
  return (
    <Layout ctx={ctx} title="Đồng ý xử lý dữ liệu cá nhân" description={`Tạo tài khoản cổng dịch vụ công từ thông tin ${providerName} gửi về.`}>
      <div class="form-narrow" lang={viLang(ctx.locale)}>
        <ErrorSummary errors={errors} labels={{ consent: 'Đồng ý xử lý dữ liệu cá nhân' }} />
        <h1>Đồng ý xử lý dữ liệu cá nhân</h1>
        <p>
          Bạn đã đăng nhập bằng {providerName} lần đầu. Để tạo tài khoản trên cổng, cổng cần sự đồng ý của bạn cho việc xử lý dữ liệu cá nhân. Chưa có gì được lưu vào tài khoản; nếu bạn không đồng ý, thông tin dưới đây bị xóa ngay.
        </p>
        {linking && (
          <p>
            Cổng đã có tài khoản <strong>{linking}</strong> với cùng số định danh cá nhân mà {providerName} vừa xác nhận. Khi bạn đồng ý, tài khoản đó được liên kết với {providerName}: hồ sơ và giấy tờ của
            bạn vẫn ở đó, và từ nay bạn đăng nhập bằng {providerName} (mật khẩu cũ vẫn dùng được).
          </p>
        )}
        <h2>Thông tin {providerName} gửi về</h2>
        <dl class="profile-list">
          {received
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        <PrivacyNotice portal={ctx.portal} />
        <form method="post" action="/dang-nhap/oidc/dong-y" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="ma" value={token} />
          <Checkbox name="consent" label="Tôi đã đọc và đồng ý cho cổng xử lý dữ liệu cá nhân của tôi như thông báo trên." hint="Bắt buộc để tạo tài khoản; không có sự đồng ý, tài khoản không được tạo và thông tin trên không được lưu." errors={errors} />
          <div class="actions">
            <button type="submit" class="button" name="action" value="agree">
              {linking ? 'Đồng ý và liên kết tài khoản' : 'Đồng ý và tạo tài khoản'}
            </button>
            <button type="submit" class="button button-secondary" name="action" value="refuse">
              Không đồng ý
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
