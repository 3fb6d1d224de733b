import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { ROLE_NAMES, showDate } from '../model.ts';
import type { Profile } from '../store.ts';
import { REGISTER_LABELS } from './register.tsx';

export function ProfilePage({ ctx, profile, values, errors = {}, notice }: { ctx: PageContext; profile: Profile; values?: Record<string, string>; errors?: FieldErrors; notice?: string }) {
  const v = values ?? {
    fullName: profile.fullName,
    email: profile.email ?? '',
    phone: profile.phone ?? '',
    idNumber: profile.idNumber ?? '',
    dateOfBirth: profile.dateOfBirth ?? '',
  };
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
        </dl>
        <h2>Thông tin cá nhân</h2>
        <form method="post" action="/tai-khoan" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field name="fullName" label={REGISTER_LABELS.fullName!} value={v.fullName} errors={errors} autocomplete="name" required />
          <Field name="email" label={REGISTER_LABELS.email!} type="email" value={v.email} errors={errors} autocomplete="email" />
          <Field name="phone" label={REGISTER_LABELS.phone!} type="tel" value={v.phone} errors={errors} autocomplete="tel" maxLength={20} />
          <Field name="idNumber" label={REGISTER_LABELS.idNumber!} hint="12 chữ số." value={v.idNumber} errors={errors} inputMode="numeric" maxLength={12} />
          <Field name="dateOfBirth" label={REGISTER_LABELS.dateOfBirth!} hint="Ngày/tháng/năm, ví dụ 20/05/1990." value={showDate(v.dateOfBirth)} maxLength={10} errors={errors} autocomplete="bday" />
          <button type="submit" class="button">
            Lưu thay đổi
          </button>
        </form>
        <h2>Mật khẩu</h2>
        <p>
          <a href="/tai-khoan/mat-khau">Đổi mật khẩu</a>
        </p>
        {(profile.role === 'admin') && (
          <p>
            <a href="/quan-tri/can-bo">Quản lý cán bộ và nhật ký kiểm tra</a>
          </p>
        )}
        <h2>Phiên đăng nhập</h2>
        <form method="post" action="/tai-khoan/dang-xuat-moi-noi">
          <CsrfField token={ctx.csrfToken} />
          <p>Đăng xuất khỏi mọi thiết bị và thu hồi mọi mã truy cập API của tài khoản này.</p>
          <button type="submit" class="button button-secondary">
            Đăng xuất khỏi mọi nơi
          </button>
        </form>
      </div>
    </Layout>
  );
}
