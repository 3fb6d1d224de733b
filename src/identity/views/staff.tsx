import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { ROLE_NAMES, STAFF_ROLES, type Role } from '../model.ts';

export interface StaffRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  agencyCode: string | null;
  agencyName: string | null;
  /** Whether the account has turned on the second factor (TOTP). */
  secondFactor: boolean;
}

export interface AgencyOption {
  code: string;
  name: string;
}

export const STAFF_LABELS: Record<string, string> = {
  fullName: 'Họ và tên',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu ban đầu',
  role: 'Vai trò',
  agency: 'Cơ quan',
  resetUsername: 'Tên đăng nhập cần đặt lại',
  resetPassword: 'Mật khẩu tạm',
};

export function StaffPage({
  ctx,
  staff,
  agencies,
  values = {},
  errors = {},
  notice,
}: {
  ctx: PageContext;
  staff: StaffRow[];
  agencies: AgencyOption[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title="Quản lý cán bộ" description="Tạo tài khoản cán bộ, quản trị và lãnh đạo trong các cơ quan thuộc phạm vi quản trị.">
      <ErrorSummary errors={errors} labels={STAFF_LABELS} />
      <h1>Quản lý cán bộ</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a href="/quan-tri/nhat-ky">Xem nhật ký kiểm tra</a>
      </p>
      <table class="data-table staff-table cards">
        <caption>Tài khoản cán bộ trong phạm vi quản trị ({staff.length})</caption>
        <thead>
          <tr>
            <th scope="col">Họ và tên</th>
            <th scope="col">Tên đăng nhập</th>
            <th scope="col">Vai trò</th>
            <th scope="col">Cơ quan</th>
            <th scope="col">Xác thực hai bước</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.fullName}</th>
              <td data-label="Tên đăng nhập">{s.username}</td>
              <td data-label="Vai trò">{ROLE_NAMES[s.role]}</td>
              <td data-label="Cơ quan">{s.agencyName ?? '—'}</td>
              <td data-label="Xác thực hai bước">{s.secondFactor ? 'Đã bật' : 'Chưa bật'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Tạo tài khoản cán bộ</h2>
      <form method="post" action="/quan-tri/can-bo" class="form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="fullName" label={STAFF_LABELS.fullName!} value={values.fullName} errors={errors} required />
        <Field name="username" label={STAFF_LABELS.username!} value={values.username} errors={errors} required maxLength={40} />
        <Field name="password" label={STAFF_LABELS.password!} hint="Ít nhất 12 ký tự; cán bộ nên đổi sau lần đăng nhập đầu." type="password" errors={errors} autocomplete="new-password" required />
        <div class={`field${errors.role ? ' field-error' : ''}`}>
          <label for="f-role">{STAFF_LABELS.role}</label>
          {errors.role && <p class="error-message" id="f-role-error">{errors.role}</p>}
          <select id="f-role" name="role" aria-describedby={errors.role ? 'f-role-error' : undefined}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r} selected={values.role === r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </div>
        <div class={`field${errors.agency ? ' field-error' : ''}`}>
          <label for="f-agency">{STAFF_LABELS.agency}</label>
          {errors.agency && <p class="error-message" id="f-agency-error">{errors.agency}</p>}
          <select id="f-agency" name="agency" aria-describedby={errors.agency ? 'f-agency-error' : undefined}>
            {agencies.map((a) => (
              <option key={a.code} value={a.code} selected={values.agency === a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          Tạo tài khoản
        </button>
      </form>

      <h2>Đặt lại mật khẩu</h2>
      <p>Khi cán bộ hoặc người dân quên mật khẩu và đã được xác minh, đặt một mật khẩu tạm rồi báo cho họ qua kênh an toàn.</p>
      <form method="post" action="/quan-tri/dat-lai-mat-khau" class="form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="resetUsername" label={STAFF_LABELS.resetUsername!} errors={errors} maxLength={40} required />
        <Field name="resetPassword" label={STAFF_LABELS.resetPassword!} type="password" errors={errors} autocomplete="new-password" required />
        <button type="submit" class="button button-secondary">
          Đặt lại mật khẩu
        </button>
      </form>
    </Layout>
  );
}
