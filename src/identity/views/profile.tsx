import { AddressFields } from '../../web/components/address.tsx';
import { DataTable } from '../../web/components/data-table.tsx';
import { CsrfField, ErrorSummary, Field, Notice, Select, type FieldErrors } from '../../web/components/form.tsx';
import { PostButton } from '../../web/components/post-button.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { dateOfVi } from '../../web/format.ts';
import { ROLE_NAMES, showDate } from '../model.ts';
import type { ApiTokenInfo, Profile } from '../store.ts';
import { REGISTER_LABELS } from './register.tsx';

const day = (d: Date) => dateOfVi(d);
/** How long an access token lasts, in days: the choices offered. */
const TOKEN_DAYS = [30, 90, 365];

export function ProfilePage({
  ctx,
  profile,
  tokens = [],
  newToken,
  values,
  errors = {},
  notice,
  communes = [],
}: {
  ctx: PageContext;
  profile: Profile;
  tokens?: ApiTokenInfo[];
  /** A token just created: shown this once, never again. */
  newToken?: { name: string; token: string };
  values?: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
  /** Known communes, suggested in the address fields. */
  communes?: string[];
}) {
  const v = values ?? {
    fullName: profile.fullName,
    email: profile.email ?? '',
    phone: profile.phone ?? '',
    idNumber: profile.idNumber ?? '',
    dateOfBirth: profile.dateOfBirth ?? '',
    taxCode: profile.taxCode ?? '',
    representative: profile.representative ?? '',
    permanentProvince: profile.permanentAddress?.province ?? '',
    permanentCommune: profile.permanentAddress?.commune ?? '',
    permanentDetail: profile.permanentAddress?.detail ?? '',
    currentProvince: profile.currentAddress?.province ?? '',
    currentCommune: profile.currentAddress?.commune ?? '',
    currentDetail: profile.currentAddress?.detail ?? '',
  };
  const address = (prefix: string) => ({ province: v[`${prefix}Province`], commune: v[`${prefix}Commune`], detail: v[`${prefix}Detail`] });
  return (
    <Layout ctx={ctx} title="Tài khoản của tôi" description="Thông tin tài khoản và hồ sơ cá nhân dùng để điền sẵn tờ khai.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={REGISTER_LABELS} />
        <h1>Tài khoản của tôi</h1>
        {notice && <Notice>{notice}</Notice>}
        <dl class="profile-list">
          <div>
            <dt>Tên đăng nhập</dt>
            <dd>{profile.username}</dd>
          </div>
          <div>
            <dt>Vai trò</dt>
            <dd>{ROLE_NAMES[profile.role]}</dd>
          </div>
          <div>
            <dt>Loại tài khoản</dt>
            <dd>{profile.kind === 'business' ? 'Tổ chức, doanh nghiệp' : 'Cá nhân'}</dd>
          </div>
        </dl>
        <h2>Thông tin cá nhân</h2>
        <form method="post" action="/tai-khoan" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field name="fullName" label={REGISTER_LABELS.fullName!} value={v.fullName} errors={errors} autocomplete="name" required />
          <Field name="email" label={REGISTER_LABELS.email!} type="email" value={v.email} errors={errors} autocomplete="email" />
          <Field name="phone" label={REGISTER_LABELS.phone!} type="tel" value={v.phone} errors={errors} autocomplete="tel" maxLength={20} />
          <Field name="idNumber" label={REGISTER_LABELS.idNumber!} hint="12 chữ số." value={v.idNumber} errors={errors} inputMode="numeric" maxLength={12} />
          <Field name="dateOfBirth" label={REGISTER_LABELS.dateOfBirth!} hint="Ngày/tháng/năm, ví dụ 20/05/1990." value={showDate(v.dateOfBirth)} maxLength={10} errors={errors} autocomplete="bday" />
          <AddressFields prefix="permanent" legend="Địa chỉ thường trú" value={address('permanent')} errors={errors} communes={communes} />
          <AddressFields prefix="current" legend="Nơi ở hiện tại" value={address('current')} errors={errors} communes={communes} />
          {profile.kind === 'business' && (
            <>
              <Field name="taxCode" label={REGISTER_LABELS.taxCode!} value={v.taxCode} errors={errors} inputMode="numeric" maxLength={14} required />
              <Field name="representative" label={REGISTER_LABELS.representative!} value={v.representative} errors={errors} maxLength={100} required />
            </>
          )}
          <button type="submit" class="button">
            Lưu thay đổi
          </button>
        </form>
        <h2>Mật khẩu</h2>
        <p>
          <a href="/tai-khoan/mat-khau">Đổi mật khẩu</a>
        </p>
        <h2>Xác thực hai bước</h2>
        <p>
          <a href="/tai-khoan/xac-thuc-hai-buoc">Bật hoặc xem xác thực hai bước (mã từ ứng dụng trên điện thoại)</a>
        </p>
        <h2>Thông báo</h2>
        <p>
          <a href="/tai-khoan/thong-bao">Chọn cách nhận thông báo (thư điện tử, SMS)</a>
        </p>
        {(profile.role === 'admin') && (
          <>
            <h2>Quản trị</h2>
            <ul>
              <li>
                <a href="/quan-tri/can-bo">Quản lý cán bộ và nhật ký kiểm tra</a>
              </li>
              <li>
                <a href="/quan-tri/bao-tri">Lịch bảo trì hệ thống</a>
              </li>
              <li>
                <a href="/quan-tri/huong-dan">Trang hướng dẫn</a>
              </li>
              <li>
                <a href="/quan-tri/mau-thong-bao">Mẫu thông báo</a>
              </li>
              <li>
                <a href="/quan-tri/hang-doi">Hàng đợi gửi thông báo</a>
              </li>
              <li>
                <a href="/quan-tri/webhook">Webhook</a>
              </li>
              <li>
                <a href="/quan-tri/chia-se-du-lieu">Chia sẻ dữ liệu</a>
              </li>
            </ul>
          </>
        )}
        <h2>Mã truy cập cho hệ thống khác</h2>
        <p>Một phần mềm khác có thể gọi API của cổng thay bạn bằng tiêu đề <code>Authorization: Bearer &lt;mã&gt;</code>.</p>
        {newToken && (
          <div class="notice-box" role="status">
            <p>
              Mã truy cập “{newToken.name}” — hãy sao chép ngay, mã chỉ hiện một lần:
            </p>
            <p>
              <code class="token">{newToken.token}</code>
            </p>
          </div>
        )}
        {tokens.length > 0 && (
          <DataTable caption="Mã đang dùng" rows={tokens} rowKey={(t) => t.id} columns={[
            { header: 'Tên', cell: (t) => t.name },
            { header: 'Tạo ngày', cell: (t) => day(t.createdAt) },
            { header: 'Hết hạn', cell: (t) => day(t.expiresAt) },
            {
              header: 'Thu hồi',
              cell: (t) => (
                <PostButton action="/tai-khoan/ma-truy-cap/thu-hoi" csrfToken={ctx.csrfToken} hidden={{ id: t.id }} variant="secondary" inline>
                  Thu hồi<span class="visually-hidden"> mã {t.name}</span>
                </PostButton>
              ),
            },
          ]} />
        )}
        <PostButton
          action="/tai-khoan/ma-truy-cap"
          csrfToken={ctx.csrfToken}
          variant="secondary"
          intro={
            <>
              <Field name="tokenName" label="Tên gợi nhớ của mã" hint="Ví dụ: Phần mềm kế toán của công ty." errors={errors} maxLength={60} required />
              <Select name="tokenDays" label="Thời hạn" options={TOKEN_DAYS.map((d) => ({ value: String(d), label: `${d} ngày` }))} />
            </>
          }
        >
          Tạo mã truy cập
        </PostButton>

        <h2>Phiên đăng nhập</h2>
        <PostButton action="/tai-khoan/dang-xuat-moi-noi" csrfToken={ctx.csrfToken} variant="secondary" intro={<p>Đăng xuất khỏi mọi thiết bị và thu hồi mọi mã truy cập API của tài khoản này.</p>}>
          Đăng xuất khỏi mọi nơi
        </PostButton>
      </div>
    </Layout>
  );
}
