import { Layout } from '../../web/components/layout.tsx';
import { TableRegion } from '../../web/components/table-region.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { timeVi } from '../../web/format.ts';

export interface AuditRow {
  at: Date;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
}

export const AUDIT_ACTIONS: Record<string, string> = {
  'sign-in': 'Đăng nhập',
  'sign-in-failed': 'Đăng nhập sai',
  'sign-in-locked': 'Đăng nhập khi đang khóa',
  'sign-out': 'Đăng xuất',
  'sign-out-everywhere': 'Đăng xuất mọi nơi',
  register: 'Đăng ký',
  consent: 'Đồng ý xử lý dữ liệu cá nhân',
  'register-held': 'Đăng ký bằng thông tin của tài khoản khác (chủ tài khoản được báo)',
  'profile-update': 'Sửa thông tin cá nhân',
  'password-change': 'Đổi mật khẩu',
  'staff-create': 'Tạo tài khoản cán bộ',
  'personal-data-read': 'Xem dữ liệu cá nhân',
  'password-reset': 'Đặt lại mật khẩu',
  'token-create': 'Tạo mã truy cập API',
  'token-revoke': 'Thu hồi mã truy cập API',
};


export function AuditPage({ ctx, rows, action, actor }: { ctx: PageContext; rows: AuditRow[]; action: string; actor: string }) {
  return (
    <Layout ctx={ctx} title="Nhật ký kiểm tra" description="Nhật ký đăng nhập, thay đổi vai trò và truy cập dữ liệu cá nhân.">
      <h1>Nhật ký kiểm tra</h1>
      <form method="get" action="/quan-tri/nhat-ky" class="filters-inline">
        <div class="field">
          <label for="f-action">Hoạt động</label>
          <select id="f-action" name="hanh-dong">
            <option value="">Tất cả</option>
            {Object.entries(AUDIT_ACTIONS).map(([v, label]) => (
              <option key={v} value={v} selected={v === action}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-actor">Người thực hiện (tên đăng nhập)</label>
          <input id="f-actor" name="nguoi" value={actor} maxLength={40} />
        </div>
        <button type="submit" class="button">
          Lọc
        </button>
      </form>
      <TableRegion label="Bảng nhật ký kiểm tra">
        <table class="data-table">
          <caption>{rows.length} mục gần nhất</caption>
          <thead>
            <tr>
              <th scope="col">Thời điểm</th>
              <th scope="col">Người thực hiện</th>
              <th scope="col">Hoạt động</th>
              <th scope="col">Đối tượng</th>
              <th scope="col">Địa chỉ IP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{timeVi(r.at)}</th>
                <td>{r.actorName ?? '—'}</td>
                <td>{AUDIT_ACTIONS[r.action] ?? r.action}</td>
                <td>{r.targetType ? `${r.targetType} ${r.targetId ?? ''}` : '—'}</td>
                <td>{r.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </Layout>
  );
}
