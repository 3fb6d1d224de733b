// The three back-office areas — administration (/quan-tri), officers (/can-bo), managers
// (/quan-ly) — each with a home listing its pages, and the small navigation the layout shows at
// the top of every page of an area to the staff who work there (U1).
import type { PageContext, StaffRole } from './page-context.ts';

export interface BackOfficePage {
  href: string;
  label: string;
  description: string;
  /** Who may open it; the page's own route checks again. */
  roles: readonly StaffRole[];
}

export interface BackOfficeArea {
  prefix: '/quan-tri' | '/can-bo' | '/quan-ly';
  title: string;
  intro: string;
  roles: readonly StaffRole[];
  groups: { heading: string; pages: BackOfficePage[] }[];
}

const ADMIN = ['admin'] as const;
const OFFICER_ADMIN = ['officer', 'admin'] as const;

type AreaPrefix = BackOfficeArea['prefix'];
type AreaHead = Omit<BackOfficeArea, 'groups'>;

const HEADS: readonly AreaHead[] = [
  { prefix: '/quan-tri', title: 'Trang quản trị', intro: 'Các trang quản trị cổng: nội dung hướng dẫn và tìm kiếm, tài khoản cán bộ, nhật ký, thông báo và vận hành.', roles: ADMIN },
  { prefix: '/can-bo', title: 'Trang cán bộ', intro: 'Các việc của cán bộ tiếp nhận và giải quyết hồ sơ.', roles: OFFICER_ADMIN },
  { prefix: '/quan-ly', title: 'Trang lãnh đạo', intro: 'Số liệu giải quyết hồ sơ và mức độ hài lòng của các cơ quan bạn phụ trách.', roles: ['manager', 'admin'] },
];

/** Every page of the three areas, in the order shown: its area, the group it is listed under, then the page. */
const PAGES: readonly [AreaPrefix, string, BackOfficePage][] = [
  ['/quan-tri', 'Nội dung cho người dân', { href: '/quan-tri/huong-dan', label: 'Hướng dẫn thực hiện', description: 'Viết, sửa và đăng các trang hướng dẫn, gắn với thủ tục.', roles: ADMIN }],
  ['/quan-tri', 'Nội dung cho người dân', { href: '/quan-tri/bieu-mau', label: 'Thiết kế biểu mẫu', description: 'Tạo, sửa, xem trước và công bố tờ khai điện tử của các thủ tục.', roles: ADMIN }],
  ['/quan-tri', 'Nội dung cho người dân', { href: '/quan-tri/danh-muc', label: 'Danh mục thủ tục', description: 'Sửa thông tin công bố của thủ tục, nơi thực hiện, tạm ngừng nhận hồ sơ trực tuyến.', roles: ADMIN }],
  ['/quan-tri', 'Nội dung cho người dân', { href: '/quan-tri/co-quan', label: 'Cơ quan', description: 'Cây cơ quan: địa chỉ, liên hệ, giờ làm việc, chia sẻ dữ liệu, cơ quan thay thế và cán bộ.', roles: ADMIN }],
  ['/quan-tri', 'Nội dung cho người dân', { href: '/quan-tri/tu-dong-nghia', label: 'Từ đồng nghĩa khi tìm kiếm', description: 'Các cách gọi khác của thủ tục, để người dân gõ tên quen dùng vẫn tìm thấy.', roles: ADMIN }],
  ['/quan-tri', 'Nội dung cho người dân', { href: '/quan-tri/mau-thong-bao', label: 'Mẫu thông báo', description: 'Nội dung thư điện tử và tin nhắn gửi cho người nộp hồ sơ.', roles: ADMIN }],
  ['/quan-tri', 'Nội dung cho người dân', { href: '/quan-tri/bao-tri', label: 'Thông báo bảo trì', description: 'Báo trước thời gian tạm dừng cổng để bảo trì.', roles: ADMIN }],
  ['/quan-tri', 'Nội dung cho người dân', { href: '/quan-tri/lich-lam-viec', label: 'Lịch làm việc', description: 'Ngày nghỉ lễ, quyết định hoán đổi ngày làm việc hằng năm và giờ làm việc của cơ quan, dùng để tính hạn.', roles: ADMIN }],
  ['/quan-tri', 'Tài khoản và an toàn thông tin', { href: '/quan-tri/can-bo', label: 'Cán bộ và tài khoản', description: 'Tạo tài khoản cán bộ, lãnh đạo, quản trị; đặt lại mật khẩu.', roles: ADMIN }],
  ['/quan-tri', 'Tài khoản và an toàn thông tin', { href: '/quan-tri/nhat-ky', label: 'Nhật ký hệ thống', description: 'Ai đã làm gì và lúc nào: đăng nhập, tài khoản, hồ sơ.', roles: ADMIN }],
  ['/quan-tri', 'Tài khoản và an toàn thông tin', { href: '/quan-tri/chia-se-du-lieu', label: 'Chia sẻ dữ liệu giữa các đơn vị', description: 'Bật, tắt việc dùng lại giấy tờ của người dân giữa các đơn vị.', roles: ADMIN }],
  ['/quan-tri', 'Vận hành', { href: '/quan-tri/quy-trinh', label: 'Quy trình xử lý hồ sơ', description: 'Phân công, duyệt kết quả theo từng thủ tục; trưởng đơn vị và lãnh đạo của các đơn vị.', roles: ADMIN }],
  ['/quan-tri', 'Vận hành', { href: '/quan-tri/hang-doi', label: 'Hàng đợi gửi thông báo', description: 'Thông báo đang chờ gửi hoặc gửi không được; gửi lại.', roles: OFFICER_ADMIN }],
  ['/quan-tri', 'Vận hành', { href: '/quan-tri/webhook', label: 'Webhook', description: 'Địa chỉ nhận thông báo trạng thái hồ sơ của hệ thống khác.', roles: ADMIN }],
  ['/can-bo', 'Hồ sơ', { href: '/can-bo/ho-so', label: 'Hồ sơ của cơ quan', description: 'Tiếp nhận, xử lý, trả kết quả; hồ sơ sắp và đã quá hạn.', roles: OFFICER_ADMIN }],
  ['/can-bo', 'Hồ sơ', { href: '/can-bo/tiep-nhan', label: 'Tiếp nhận hồ sơ trực tiếp', description: 'Ghi nhận hồ sơ giấy nộp tại bộ phận một cửa hoặc qua bưu chính: người nộp, tờ khai, số hóa từng giấy tờ, giấy tiếp nhận.', roles: ['officer'] }],
  ['/can-bo', 'Hồ sơ', { href: '/can-bo/tiep-nhan-truc-tiep', label: 'Số liệu tiếp nhận trực tiếp trước khi triển khai', description: 'Ghi số hồ sơ nhận tại bộ phận một cửa theo tháng, cho các tháng trước khi tiếp nhận từng hồ sơ trên cổng.', roles: ['officer'] }],
  ['/can-bo', 'Hồ sơ', { href: '/can-bo/so-theo-doi', label: 'Sổ theo dõi hồ sơ', description: 'Sổ theo dõi hồ sơ của đơn vị (Mẫu số 06) theo khoảng thời gian; in hoặc tải PDF.', roles: OFFICER_ADMIN }],
  ['/can-bo', 'Hỗ trợ người dân', { href: '/can-bo/phan-anh-kien-nghi', label: 'Phản ánh, kiến nghị', description: 'Tiếp nhận, trả lời phản ánh, kiến nghị của người dân và doanh nghiệp.', roles: OFFICER_ADMIN }],
  ['/can-bo', 'Hỗ trợ người dân', { href: '/can-bo/hoi-dap', label: 'Câu hỏi của người dân', description: 'Trả lời câu hỏi về thủ tục và đăng thành câu hỏi thường gặp.', roles: OFFICER_ADMIN }],
  ['/can-bo', 'Hỗ trợ người dân', { href: '/quan-tri/hang-doi', label: 'Hàng đợi gửi thông báo', description: 'Thông báo về hồ sơ của cơ quan đang chờ gửi hoặc gửi không được.', roles: OFFICER_ADMIN }],
  ['/quan-ly', 'Thống kê', { href: '/quan-ly/thong-ke', label: 'Thống kê giải quyết hồ sơ', description: 'Theo cơ quan và theo tháng, thủ tục chậm nhất, mức độ hài lòng; tải CSV.', roles: ['manager', 'admin'] }],
  ['/quan-ly', 'Thống kê', { href: '/thong-ke', label: 'Số liệu công khai', description: 'Trang số liệu người dân xem được, với dữ liệu mở CSV và JSON.', roles: ['manager', 'admin'] }],
];

export const AREAS: readonly BackOfficeArea[] = HEADS.map((head) => {
  const pages = PAGES.filter(([prefix]) => prefix === head.prefix);
  const headings = [...new Set(pages.map(([, heading]) => heading))];
  return { ...head, groups: headings.map((heading) => ({ heading, pages: pages.filter(([, h]) => h === heading).map(([, , page]) => page) })) };
});

export function areaOf(path: string): BackOfficeArea | undefined {
  const p = path.split('?')[0] ?? '';
  return AREAS.find((a) => p === a.prefix || p.startsWith(a.prefix + '/'));
}

/** Where a person lands after signing in: staff on the home of their area, others where they were going. */
export function homeFor(role: string | undefined): string | undefined {
  if (role === 'admin') return '/quan-tri';
  if (role === 'officer') return '/can-bo';
  if (role === 'manager') return '/quan-ly';
  return undefined;
}

/** The header's link to a staff member's home: "Trang quản trị", "Trang cán bộ" or "Trang lãnh đạo". */
export function homeLinkFor(role: string | undefined): { href: string; label: string } | undefined {
  const href = homeFor(role);
  const area = href && AREAS.find((a) => a.prefix === href);
  return area ? { href: area.prefix, label: area.title } : undefined;
}

/** The area with only the pages this role may open. */
export function areaFor(area: BackOfficeArea, role: StaffRole): BackOfficeArea {
  return { ...area, groups: area.groups.map((g) => ({ ...g, pages: g.pages.filter((p) => p.roles.includes(role)) })).filter((g) => g.pages.length > 0) };
}

function isCurrent(href: string, path: string): boolean {
  const p = path.split('?')[0] ?? '';
  return p === href;
}

/**
 * At the top of every back-office page, for the staff who work there: the homes of their areas,
 * then the pages of the area they are in.
 */
export function BackOfficeNav({ ctx }: { ctx: PageContext }) {
  const role = ctx.viewer?.role;
  const area = areaOf(ctx.path);
  if (!role || role === 'citizen' || !area || !area.roles.includes(role)) return null;
  const homes = AREAS.filter((a) => a.roles.includes(role));
  const pages = areaFor(area, role).groups.flatMap((g) => g.pages);
  return (
    <nav class="back-office-nav" aria-label="Khu vực làm việc">
      <div class="container">
        <NavLinks class="back-office-homes" path={ctx.path} links={homes.map((a) => ({ href: a.prefix, label: a.title }))} />
        <NavLinks class="back-office-pages" path={ctx.path} links={pages} />
      </div>
    </nav>
  );
}

/** A list of links, the one to the page shown marked as current. */
function NavLinks({ class: className, path, links }: { class: string; path: string; links: readonly { href: string; label: string }[] }) {
  return (
    <ul class={className}>
      {links.map((l) => (
        <li key={l.href}>
          <a href={l.href} aria-current={isCurrent(l.href, path) ? 'page' : undefined}>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
