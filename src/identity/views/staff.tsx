import { DataTable } from '../../web/components/data-table.tsx';
import { ErrorSummary, Field, Notice, Select, type FieldErrors } from '../../web/components/form.tsx';
import { PostButton } from '../../web/components/post-button.tsx';
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
        <a href="/quan-tri/nhat-ky">Xem nhật ký kiểm tra</a> · <a href="/quan-tri/can-bo/gop">Gộp hai tài khoản của một người</a>
      </p>
      <DataTable caption={`Tài khoản cán bộ trong phạm vi quản trị (${staff.length})`} class="staff-table" cards rows={staff} rowKey={(s) => s.id} columns={[
        { header: 'Họ và tên', cell: (s) => s.fullName },
        { header: 'Tên đăng nhập', cell: (s) => s.username },
        { header: 'Vai trò', cell: (s) => ROLE_NAMES[s.role] },
        { header: 'Cơ quan', cell: (s) => s.agencyName ?? '—' },
        { header: 'Xác thực hai bước', cell: (s) => (s.secondFactor ? 'Đã bật' : 'Chưa bật') },
      ]} />

      <h2>Tạo tài khoản cán bộ</h2>
      <PostButton
        action="/quan-tri/can-bo"
        csrfToken={ctx.csrfToken}
        narrow
        intro={
          <>
            <Field name="fullName" label={STAFF_LABELS.fullName!} value={values.fullName} errors={errors} required />
            <Field name="username" label={STAFF_LABELS.username!} value={values.username} errors={errors} required maxLength={40} />
            <Field name="password" label={STAFF_LABELS.password!} hint="Ít nhất 12 ký tự; cán bộ nên đổi sau lần đăng nhập đầu." type="password" errors={errors} autocomplete="new-password" required />
            <Select name="role" label={STAFF_LABELS.role!} value={values.role} errors={errors} options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
            <Select name="agency" label={STAFF_LABELS.agency!} value={values.agency} errors={errors} options={agencies.map((a) => ({ value: a.code, label: a.name }))} />
          </>
        }
      >
        Tạo tài khoản
      </PostButton>

      <h2>Đặt lại mật khẩu</h2>
      <p>Khi cán bộ hoặc người dân quên mật khẩu và đã được xác minh, đặt một mật khẩu tạm rồi báo cho họ qua kênh an toàn.</p>
      <PostButton
        action="/quan-tri/dat-lai-mat-khau"
        csrfToken={ctx.csrfToken}
        narrow
        variant="secondary"
        intro={
          <>
            <Field name="resetUsername" label={STAFF_LABELS.resetUsername!} errors={errors} maxLength={40} required />
            <Field name="resetPassword" label={STAFF_LABELS.resetPassword!} type="password" errors={errors} autocomplete="new-password" required />
          </>
        }
      >
        Đặt lại mật khẩu
      </PostButton>
    </Layout>
  );
}
