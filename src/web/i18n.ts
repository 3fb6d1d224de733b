// The two locales of the interface. Vietnamese is the default and the reference: every key the
// English table has, Vietnamese has, and the type makes them match.
export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];

const vi = {
  skipToContent: 'Bỏ qua, đến nội dung chính',
  emblemAlt: 'Biểu trưng cổng dịch vụ công',
  mainMenu: 'Menu chính',
  menuHome: 'Trang chủ',
  menuAbout: 'Giới thiệu',
  menuServices: 'Dịch vụ công trực tuyến',
  menuSitemap: 'Sơ đồ cổng',
  searchLabel: 'Tìm dịch vụ công',
  searchPlaceholder: 'Ví dụ: cấp chứng chỉ hành nghề dược',
  searchButton: 'Tìm kiếm',
  otherLanguage: 'English',
  otherLanguageName: 'Switch to English',
  displayOptions: 'Tùy chọn hiển thị',
  fontLarger: 'Chữ lớn',
  fontNormal: 'Chữ thường',
  contrastHigh: 'Tương phản cao',
  contrastNormal: 'Tương phản thường',
  shortcutsHint: 'Phím tắt (accesskey): 1 Trang chủ · 3 Sơ đồ cổng · 4 Tìm kiếm',
  footerHeading: 'Thông tin cơ quan chủ quản',
  footerResponsible: 'Chịu trách nhiệm chính',
  footerAddress: 'Địa chỉ',
  footerPhone: 'Điện thoại',
  footerEmail: 'Thư điện tử',
  footerFeedback: 'Góp ý, phản ánh về dịch vụ công',
  footerLegal: 'Cổng được xây dựng theo Thông tư 32/2017/TT-BTTTT.',
  maintenanceHeading: 'Thông báo bảo trì',
  maintenanceUnderwayHeading: 'Cổng đang bảo trì',
  maintenancePlanned: 'Thời gian bảo trì: từ',
  maintenanceUntil: 'đến',
  maintenanceEndsAt: 'Dự kiến hoạt động bình thường trở lại lúc',
  homeTitle: 'Trang chủ',
  homeDescription:
    'Nộp hồ sơ, theo dõi tiến độ và nhận kết quả thủ tục hành chính trực tuyến — tra cứu dịch vụ công, điền tờ khai điện tử, thanh toán phí và lệ phí.',
  homeLead: 'Tìm thủ tục, điền tờ khai một lần, nộp hồ sơ và theo dõi kết quả ngay trên cổng.',
  homeStepsHeading: 'Thực hiện dịch vụ công trực tuyến trong bốn bước',
  homeStep1: 'Tìm dịch vụ công theo tên, lĩnh vực hoặc cơ quan.',
  homeStep2: 'Điền tờ khai điện tử; giấy tờ đã nộp trước đây không phải nộp lại.',
  homeStep3: 'Gửi hồ sơ, nộp phí trực tuyến khi thủ tục yêu cầu.',
  homeStep4: 'Theo dõi tiến độ và nhận kết quả, rồi đánh giá mức độ hài lòng.',
  homeBrowse: 'Xem danh mục dịch vụ công trực tuyến',
  homeLookup: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ',
  aboutTitle: 'Giới thiệu',
  aboutDescription: 'Giới thiệu Cổng dịch vụ công trực tuyến: mục đích, cơ quan chủ quản và căn cứ pháp lý.',
  aboutBody1:
    'Cổng dịch vụ công trực tuyến là đầu mối cung cấp thông tin về thủ tục hành chính và dịch vụ công trực tuyến của cơ quan, giúp người dân và doanh nghiệp nộp hồ sơ, theo dõi và nhận kết quả qua mạng.',
  aboutBody2:
    'Cổng được tổ chức theo Thông tư số 32/2017/TT-BTTTT của Bộ Thông tin và Truyền thông quy định về việc cung cấp dịch vụ công trực tuyến và bảo đảm khả năng truy cập thuận tiện đối với trang thông tin điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước.',
  aboutLevelsHeading: 'Các mức độ dịch vụ công trực tuyến',
  aboutLevel1: 'Mức độ 1: cung cấp đầy đủ thông tin về thủ tục hành chính.',
  aboutLevel2: 'Mức độ 2: tải về các mẫu văn bản, tờ khai để hoàn thiện hồ sơ.',
  aboutLevel3: 'Mức độ 3 (một phần): điền và gửi hồ sơ trực tuyến; nộp phí và nhận kết quả trực tiếp.',
  aboutLevel4: 'Mức độ 4 (toàn trình): nộp hồ sơ, thanh toán và nhận kết quả hoàn toàn trực tuyến.',
  servicesTitle: 'Dịch vụ công trực tuyến',
  servicesDescription: 'Danh mục dịch vụ công trực tuyến: tìm theo tên, lọc theo ngành, lĩnh vực, cấp thực hiện, mức độ và cơ quan.',
  servicesEmpty: 'Danh mục dịch vụ công chưa có thủ tục nào.',
  sitemapTitle: 'Sơ đồ cổng',
  sitemapDescription: 'Sơ đồ các trang của Cổng dịch vụ công trực tuyến.',
  notFoundTitle: 'Không tìm thấy trang',
  notFoundBody: 'Trang bạn tìm không tồn tại hoặc đã được chuyển đi. Hãy kiểm tra lại địa chỉ hoặc quay về trang chủ.',
  unavailableTitle: 'Hệ thống tạm thời gián đoạn',
  unavailableBody:
    'Cơ sở dữ liệu của cổng tạm thời không phản hồi nên yêu cầu của bạn chưa được xử lý. Không có dữ liệu nào bị thay đổi. Vui lòng thử lại sau ít phút.',
  errorTitle: 'Đã có lỗi xảy ra',
  errorBody: 'Yêu cầu chưa được xử lý do một lỗi của hệ thống. Không có dữ liệu nào bị thay đổi. Vui lòng thử lại; nếu lỗi còn lặp lại, hãy báo cho chúng tôi kèm mã yêu cầu dưới đây.',
  badRequestTitle: 'Yêu cầu không hợp lệ',
  requestId: 'Mã yêu cầu',
  backHome: 'Về trang chủ',
  signIn: 'Đăng nhập',
  register: 'Đăng ký tài khoản',
  signOut: 'Đăng xuất',
} as const;

export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  skipToContent: 'Skip to main content',
  emblemAlt: 'Emblem of the public service portal',
  mainMenu: 'Main menu',
  menuHome: 'Home',
  menuAbout: 'About',
  menuServices: 'Online public services',
  menuSitemap: 'Site map',
  searchLabel: 'Search public services',
  searchPlaceholder: 'e.g. pharmacist practice certificate',
  searchButton: 'Search',
  otherLanguage: 'Tiếng Việt',
  otherLanguageName: 'Chuyển sang tiếng Việt',
  displayOptions: 'Display options',
  fontLarger: 'Larger text',
  fontNormal: 'Normal text',
  contrastHigh: 'High contrast',
  contrastNormal: 'Normal contrast',
  shortcutsHint: 'Shortcuts (accesskey): 1 Home · 3 Site map · 4 Search',
  footerHeading: 'About the agency',
  footerResponsible: 'Responsible person',
  footerAddress: 'Address',
  footerPhone: 'Phone',
  footerEmail: 'Email',
  footerFeedback: 'Feedback on public services',
  footerLegal: 'This portal follows Circular 32/2017/TT-BTTTT.',
  maintenanceHeading: 'Maintenance notice',
  maintenanceUnderwayHeading: 'The portal is under maintenance',
  maintenancePlanned: 'Maintenance window: from',
  maintenanceUntil: 'to',
  maintenanceEndsAt: 'Expected back to normal at',
  homeTitle: 'Home',
  homeDescription:
    'Apply for administrative procedures online, follow your application and receive the result — find a service, fill the e-form, pay fees.',
  homeLead: 'Find a procedure, fill the form once, submit and follow your application on the portal.',
  homeStepsHeading: 'Online public services in four steps',
  homeStep1: 'Find a service by name, field or agency.',
  homeStep2: 'Fill the e-form; documents you provided before are not asked again.',
  homeStep3: 'Submit, and pay fees online when the procedure requires it.',
  homeStep4: 'Follow progress, receive the result, and rate the service.',
  homeBrowse: 'Browse the catalog of online public services',
  homeLookup: 'Look up an application by its code',
  aboutTitle: 'About',
  aboutDescription: 'About the online public service portal: purpose, responsible agency and legal basis.',
  aboutBody1:
    'The online public service portal is the single point where the agency publishes its administrative procedures and online services, so that citizens and businesses can apply, follow and receive results over the internet.',
  aboutBody2:
    'It is organised according to Circular 32/2017/TT-BTTTT of the Ministry of Information and Communications on providing online public services and ensuring accessible government websites and portals.',
  aboutLevelsHeading: 'Levels of online public services',
  aboutLevel1: 'Level 1: full information about the procedure.',
  aboutLevel2: 'Level 2: forms to download and complete.',
  aboutLevel3: 'Level 3 (partial): fill and submit online; pay and receive the result in person.',
  aboutLevel4: 'Level 4 (end-to-end): submit, pay and receive the result entirely online.',
  servicesTitle: 'Online public services',
  servicesDescription: 'Catalog of online public services: search by name, filter by sector, field, administrative level, service level and agency.',
  servicesEmpty: 'The catalog has no procedures yet.',
  sitemapTitle: 'Site map',
  sitemapDescription: 'Map of the pages of the online public service portal.',
  notFoundTitle: 'Page not found',
  notFoundBody: 'The page you are looking for does not exist or has moved. Check the address or go back to the home page.',
  unavailableTitle: 'Service temporarily unavailable',
  unavailableBody:
    'The portal’s database is not answering at the moment, so your request was not processed. Nothing was changed. Please try again in a few minutes.',
  errorTitle: 'Something went wrong',
  errorBody: 'Your request was not processed because of a system error. Nothing was changed. Please try again; if it happens again, tell us the request id below.',
  badRequestTitle: 'Invalid request',
  requestId: 'Request id',
  backHome: 'Back to the home page',
  signIn: 'Sign in',
  register: 'Create an account',
  signOut: 'Sign out',
};

const tables: Record<Locale, Messages> = { vi, en };

export type Translate = (key: MessageKey) => string;

export function translator(locale: Locale): Translate {
  const table = tables[locale];
  return (key) => table[key];
}

export function parseLocale(value: unknown): Locale | undefined {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value) ? (value as Locale) : undefined;
}
