// What the portal keeps about a person, why, who handles it, for how long, and the person's
// rights (Decree 13/2023/NĐ-CP on personal data protection): a short notice where people
// register, and the full page /chinh-sach-bao-ve-du-lieu linked from it and from every footer.
import type { PortalIdentity } from '../../config.ts';
import { Layout } from '../../web/components/layout.tsx';
import { useLocale, viLang } from '../../web/components/locale.tsx';
import type { PageContext } from '../../web/page-context.ts';

export const PRIVACY_PATH = '/chinh-sach-bao-ve-du-lieu';
/** The notice's version, kept with each consent so one knows which text a person agreed to. */
export const PRIVACY_NOTICE_VERSION = '2026-12-04';

const KEPT = 'họ và tên, số căn cước công dân (CCCD), ngày sinh, số điện thoại, thư điện tử, địa chỉ thường trú và nơi ở hiện tại, và các giấy tờ bạn lưu trong kho dữ liệu';
const WHY = 'để giải quyết thủ tục hành chính bạn yêu cầu, điền sẵn các tờ khai để bạn không phải khai lại, và gửi thông báo về hồ sơ của bạn';
const HOW_LONG = 'trong thời gian tài khoản còn tồn tại, đến khi tài khoản bị xóa theo yêu cầu; hồ sơ thủ tục đã nộp và kết quả giải quyết được lưu theo thời hạn của quy định về lưu trữ';

/** The short notice shown above the consent box on the registration page. */
export function PrivacyNotice({ portal }: { portal: PortalIdentity }) {
  // The notice is the Vietnamese text people agree to, marked as such on an English page.
  const { locale } = useLocale();
  return (
    <section class="notice-box" aria-labelledby="privacy-notice-title" lang={viLang(locale)}>
      <h2 id="privacy-notice-title">Bảo vệ dữ liệu cá nhân</h2>
      <ul>
        <li>
          <strong>Dữ liệu được lưu:</strong> {KEPT}.
        </li>
        <li>
          <strong>Mục đích:</strong> {WHY}.
        </li>
        <li>
          <strong>Bên xử lý:</strong> {portal.agencyName}, cơ quan vận hành {portal.portalName}.
        </li>
        <li>
          <strong>Thời gian lưu:</strong> {HOW_LONG}.
        </li>
        <li>
          <strong>Quyền của bạn:</strong> xem, sửa dữ liệu của mình, rút lại sự đồng ý và yêu cầu xóa dữ liệu.
        </li>
      </ul>
      <p>
        <a href={PRIVACY_PATH}>Đọc đầy đủ chính sách bảo vệ dữ liệu cá nhân</a>
      </p>
    </section>
  );
}

export function PrivacyPage({ ctx }: { ctx: PageContext }) {
  const { portal } = ctx;
  return (
    <Layout ctx={ctx} title="Chính sách bảo vệ dữ liệu cá nhân" description={`Dữ liệu cá nhân ${portal.portalName} lưu, mục đích, bên xử lý, thời gian lưu và quyền của bạn theo Nghị định 13/2023/NĐ-CP.`}>
      <div lang={viLang(ctx.locale)}>
        <h1>Chính sách bảo vệ dữ liệu cá nhân</h1>
        <p>
          {portal.portalName} xử lý dữ liệu cá nhân theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân. Trang này cho biết dữ liệu nào được lưu, để làm gì, ai xử lý, lưu bao lâu và bạn có những quyền gì.
        </p>

        <h2>Bên kiểm soát và xử lý dữ liệu</h2>
        <p>
          {portal.agencyName}, cơ quan vận hành cổng. Địa chỉ: {portal.address}. Điện thoại: <a href={`tel:${portal.phone.replace(/[^\d+]/g, '')}`}>{portal.phone}</a>. Thư điện tử: <a href={`mailto:${portal.email}`}>{portal.email}</a>.
        </p>

        <h2>Dữ liệu được lưu</h2>
        <ul>
          <li>Thông tin tài khoản: tên đăng nhập, họ và tên, thư điện tử, số điện thoại; với tổ chức, doanh nghiệp: mã số thuế và người đại diện theo pháp luật.</li>
          <li>Thông tin nhân thân bạn khai: số căn cước công dân (CCCD), ngày sinh, địa chỉ thường trú và nơi ở hiện tại.</li>
          <li>Giấy tờ và thông tin bạn lưu trong kho dữ liệu, và các giấy tờ nộp kèm hồ sơ.</li>
          <li>Hồ sơ thủ tục bạn nộp, quá trình giải quyết và kết quả.</li>
          <li>Nhật ký an toàn: thời điểm đăng nhập, đăng ký, thay đổi thông tin và địa chỉ IP, để phát hiện truy cập trái phép.</li>
        </ul>

        <h2>Mục đích xử lý</h2>
        <ul>
          <li>Giải quyết thủ tục hành chính bạn yêu cầu: cơ quan có thẩm quyền giải quyết hồ sơ được xem các thông tin trong hồ sơ đó.</li>
          <li>Điền sẵn tờ khai từ thông tin và giấy tờ đã có, để bạn không phải khai lại.</li>
          <li>Gửi thông báo về hồ sơ qua cổng, thư điện tử hoặc tin nhắn SMS đến địa chỉ và số điện thoại bạn cung cấp.</li>
          <li>Thống kê số hồ sơ tiếp nhận và giải quyết; số liệu công bố không chứa dữ liệu cá nhân.</li>
        </ul>
        <p>Cổng không dùng dữ liệu của bạn cho quảng cáo và không bán hay chuyển giao cho bên khác ngoài các mục đích trên.</p>

        <h2>Thời gian lưu</h2>
        <ul>
          <li>Thông tin tài khoản và giấy tờ trong kho dữ liệu được lưu trong thời gian tài khoản còn tồn tại, đến khi tài khoản bị xóa theo yêu cầu.</li>
          <li>Hồ sơ thủ tục đã nộp và kết quả giải quyết được lưu theo thời hạn của quy định về lưu trữ hồ sơ thủ tục hành chính, kể cả sau khi tài khoản bị xóa.</li>
        </ul>

        <h2>Quyền của bạn</h2>
        <ul>
          <li>
            <strong>Được biết và xem dữ liệu:</strong> thông tin cá nhân ở trang <a href="/tai-khoan">Tài khoản</a>, giấy tờ ở <a href="/kho-du-lieu">Kho dữ liệu</a>, hồ sơ ở <a href="/ho-so">Hồ sơ của tôi</a>.
          </li>
          <li>
            <strong>Sửa dữ liệu:</strong> tự sửa ở trang Tài khoản và Kho dữ liệu; xóa giấy tờ khỏi kho dữ liệu bất cứ lúc nào.
          </li>
          <li>
            <strong>Rút lại sự đồng ý và yêu cầu xóa dữ liệu:</strong> gửi yêu cầu đến <a href={`mailto:${portal.email}`}>{portal.email}</a> hoặc gọi {portal.phone}. Việc rút lại sự đồng ý không ảnh hưởng đến việc xử lý đã thực hiện trước đó; khi tài khoản bị xóa, bạn không dùng được các dịch vụ cần đăng nhập.
          </li>
          <li>
            <strong>Hạn chế, phản đối xử lý, khiếu nại, tố cáo, khởi kiện và yêu cầu bồi thường</strong> theo Điều 9 Nghị định 13/2023/NĐ-CP, gửi đến địa chỉ trên.
          </li>
        </ul>

        <h2>Sự đồng ý</h2>
        <p>Khi đăng ký tài khoản, bạn đánh dấu ô đồng ý sau khi đọc thông báo này; cổng ghi lại thời điểm bạn đồng ý. Không có sự đồng ý, cổng không tạo tài khoản và không lưu thông tin bạn đã nhập.</p>
      </div>
    </Layout>
  );
}
