// Every shared component as it is used, with realistic Vietnamese content: the catalogue the
// accessibility test runs axe over (test/browser/components.test.ts). A new component, or a new
// way of using one, adds an example here.
import type { VNode } from 'preact';
import { AddressFields } from './address.tsx';
import { Breadcrumbs, CatalogBreadcrumbs } from './breadcrumbs.tsx';
import { actionColumn, DataTable } from './data-table.tsx';
import { AdminPageHead } from './admin-page.tsx';
import { Facts } from './facts.tsx';
import { FormPanel, LinkLine, LinkList } from './form-page.tsx';
import { Checkbox, Checkboxes, ErrorSummary, Field, FileField, Notice, Radios, Select, StepButton, TextArea } from './form.tsx';
import { PostButton, PostForm } from './post-button.tsx';
import { SearchBox } from './search-box.tsx';
import { TableRegion } from './table-region.tsx';

export interface ComponentExample {
  /** "Component: the case", unique. */
  name: string;
  render: () => VNode;
}

const CSRF = 'vi-du-csrf';
const SYNONYMS = [
  { term: 'GPLX', expansion: 'giấy phép lái xe' },
  { term: 'sổ đỏ', expansion: 'giấy chứng nhận quyền sử dụng đất' },
];
const APPLICATIONS = [
  { code: 'H01.2026.00012', service: 'Đăng ký khai sinh', submitted: '02/12/2026 09:15', status: 'Đã tiếp nhận' },
  { code: 'H01.2026.00007', service: 'Cấp phiếu lý lịch tư pháp', submitted: '28/11/2026 14:40', status: 'Đã xử lý xong' },
];
const MONTHS = [
  { month: '10/2026', received: 1234, resolved: 1180, rate: '95,6%' },
  { month: '11/2026', received: 987, resolved: 1002, rate: '97,1%' },
];
const ERRORS = { fullName: 'Nhập họ và tên', birthDate: 'Ngày sinh phải theo dạng ngày/tháng/năm, ví dụ 15/03/1990' };
const SERVICES = [
  { value: '1.001193', label: 'Đăng ký khai sinh (1.001193)' },
  { value: '1.004616', label: 'Cấp chứng chỉ hành nghề dược (1.004616)' },
];
const AGENCIES = [
  { value: '000.33.01.H34', label: 'UBND phường Nha Trang' },
  { value: '000.00.13.H34', label: 'Sở Y tế' },
];
const OPTIONS = [
  { value: 'buu-dien', label: 'Nhận qua bưu điện' },
  { value: 'truc-tiep', label: 'Nhận trực tiếp tại bộ phận một cửa' },
  { value: 'dien-tu', label: 'Bản điện tử trong kho dữ liệu' },
];

export const EXAMPLES: ComponentExample[] = [
  {
    name: 'DataTable: records as cards on a phone',
    render: () => (
      <DataTable caption={`${APPLICATIONS.length} hồ sơ, mới nhất trước`} cards rows={APPLICATIONS} rowKey={(a) => a.code} columns={[
        { header: 'Mã hồ sơ', cell: (a) => <a href={`/ho-so/${a.code}`}>{a.code}</a> },
        { header: 'Thủ tục', cell: (a) => a.service },
        { header: 'Nộp lúc', cell: (a) => a.submitted },
        { header: 'Trạng thái', cell: (a) => a.status },
        {
          header: 'Thao tác',
          label: false,
          cell: (a) => (
            <PostButton action={`/ho-so/${a.code}/rut`} csrfToken={CSRF} variant="secondary" inline>
              Rút<span class="visually-hidden"> hồ sơ {a.code}</span>
            </PostButton>
          ),
        },
      ]} />
    ),
  },
  {
    name: 'DataTable: figures in a scrolling region, numbers aligned right',
    render: () => (
      <DataTable caption="Hồ sơ theo tháng, từ tháng 10/2026 đến tháng 11/2026" region="Bảng hồ sơ theo tháng" rows={MONTHS} rowKey={(m) => m.month} columns={[
        { header: 'Tháng', cell: (m) => m.month },
        { header: 'Trực tuyến tiếp nhận', cell: (m) => m.received.toLocaleString('vi-VN'), numeric: true },
        { header: 'Đã giải quyết', cell: (m) => m.resolved.toLocaleString('vi-VN'), numeric: true },
        { header: 'Tỷ lệ đúng hạn', cell: (m) => m.rate, numeric: true },
      ]} />
    ),
  },
  {
    name: 'DataTable: no row header, caption for screen readers only',
    render: () => (
      <DataTable caption="Các lần thanh toán" captionHidden rowHeader={false} rows={[{ at: '03/12/2026 10:02', how: 'VNPAY', amount: '50.000 đ' }]} rowKey={(_, i) => i} columns={[
        { header: 'Thời điểm', cell: (p) => p.at },
        { header: 'Hình thức', cell: (p) => p.how },
        { header: 'Số tiền', cell: (p) => p.amount, numeric: true },
      ]} />
    ),
  },
  {
    name: 'DataTable: no rows, the empty message instead',
    render: () => (
      <DataTable
        caption="Hồ sơ"
        cards
        rows={[] as typeof APPLICATIONS}
        rowKey={(a) => a.code}
        columns={[{ header: 'Mã hồ sơ', cell: (a) => a.code }]}
        empty={
          <>
            Bạn chưa nộp hồ sơ nào. <a href="/dich-vu-cong">Tìm dịch vụ công trực tuyến</a>.
          </>
        }
      />
    ),
  },
  {
    name: 'TableRegion: a wide table of figures',
    render: () => (
      <TableRegion label="Bảng số liệu theo cơ quan">
        <table class="data-table">
          <caption>Số liệu theo cơ quan tiếp nhận</caption>
          <thead>
            <tr>
              <th scope="col">Cơ quan</th>
              <th scope="col">Tiếp nhận</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">UBND phường Nha Trang</th>
              <td>1.234</td>
            </tr>
          </tbody>
        </table>
      </TableRegion>
    ),
  },
  {
    name: 'PostButton: a heading and what happens, then the button',
    render: () => (
      <PostButton
        action="/tai-khoan/ma-api/thu-hoi"
        csrfToken={CSRF}
        variant="secondary"
        intro={
          <>
            <h2>Thu hồi mã truy cập</h2>
            <p>Ứng dụng đang dùng mã này sẽ không gọi được API của cổng nữa.</p>
          </>
        }
      >
        Thu hồi mã này
      </PostButton>
    ),
  },
  {
    name: 'PostButton: hidden fields, a danger button described by a warning',
    render: () => (
      <>
        <p id="canh-bao-xoa">Giấy tờ đã xóa không còn trong kho và không được dùng lại.</p>
        <PostButton action="/kho-du-lieu/12/xoa" csrfToken={CSRF} hidden={{ id: 12, ids: ['3', '4'] }} variant="danger" describedBy="canh-bao-xoa">
          Xóa giấy tờ này
        </PostButton>
      </>
    ),
  },
  {
    name: 'PostButton: a button that looks like a link, on the dark account bar',
    render: () => (
      <div class="topbar">
        <PostButton action="/dang-xuat" csrfToken={CSRF} variant="link" inline>
          Đăng xuất
        </PostButton>
      </div>
    ),
  },
  { name: 'Notice: what has just happened', render: () => <Notice>Đã gửi hồ sơ. Mã hồ sơ: H01.2026.00012.</Notice> },
  {
    name: 'ErrorSummary: two errors linking to their fields, and the fields',
    render: () => (
      <>
        <ErrorSummary errors={ERRORS} labels={{ fullName: 'Họ và tên', birthDate: 'Ngày sinh' }} />
        <Field name="fullName" label="Họ và tên" errors={ERRORS} required autocomplete="name" />
        <Field name="birthDate" label="Ngày sinh" hint="Ngày/tháng/năm, ví dụ 15/03/1990." value="1990-15-03" errors={ERRORS} maxLength={10} />
      </>
    ),
  },
  { name: 'Field: with a hint', render: () => <Field name="email" label="Thư điện tử" type="email" hint="Để nhận thông báo về hồ sơ." autocomplete="email" /> },
  {
    name: 'Field: with an error',
    render: () => <Field name="phone" label="Số điện thoại" type="tel" value="09123" errors={{ phone: 'Số điện thoại gồm 10 chữ số, ví dụ 0912345678' }} inputMode="tel" required />,
  },
  {
    name: 'Select: one of many, with an empty first choice',
    render: () => <Select name="service" label="Thủ tục" choose="— Chọn thủ tục —" options={SERVICES} value="1.001193" hint="Thủ tục của cơ quan bạn." />,
  },
  { name: 'Select: with an error', render: () => <Select name="agency" label="Cơ quan" options={AGENCIES} errors={{ agency: 'Chọn cơ quan trong phạm vi quản trị của bạn' }} required /> },
  { name: 'Radios: one of a few', render: () => <Radios name="delivery" legend="Cách nhận bản kết quả" options={OPTIONS} value="truc-tiep" hint="Có thể đổi trước khi cơ quan trả kết quả." /> },
  { name: 'Radios: with an error, none chosen', render: () => <Radios name="overall" legend="Mức độ hài lòng nói chung" options={OPTIONS} errors={{ overall: 'Chọn mức độ hài lòng' }} required preselect={false} /> },
  { name: 'Checkboxes: several choices', render: () => <Checkboxes name="events" legend="Sự kiện gửi đến webhook" options={OPTIONS} values={['dien-tu']} /> },
  { name: 'Checkbox: a declaration', render: () => <Checkbox name="published" label="Đăng thành câu hỏi thường gặp" hint="Không kèm tên người hỏi." checked /> },
  { name: 'TextArea: with an error', render: () => <TextArea name="question" label="Câu hỏi" errors={{ question: 'Nhập câu hỏi' }} required rows={6} /> },
  { name: 'FileField: with an error', render: () => <FileField name="file" label="Tệp PDF kết quả" hint="Tệp PDF, tối đa 20 MB." errors={{ file: 'Chọn tệp PDF' }} accept="application/pdf,.pdf" /> },
  {
    name: 'AddressFields: with an error and commune suggestions',
    render: () => <AddressFields prefix="home" legend="Địa chỉ thường trú" value={{ province: 'Khánh Hòa' }} errors={{ homeCommune: 'Nhập xã, phường, đặc khu' }} communes={['Phường Nha Trang', 'Phường Cam Ranh']} required />,
  },
  {
    name: 'Facts: a record’s details, one left out, a name kept in Vietnamese',
    render: () => (
      <Facts class="service-facts" items={[
        { term: 'Thủ tục', value: 'Đăng ký khai sinh' },
        { term: 'Cơ quan tiếp nhận', value: 'UBND phường Nha Trang', lang: 'vi' },
        false,
        { term: 'Trạng thái', value: <strong>Đã tiếp nhận</strong> },
        { term: 'Hạn giải quyết', value: '05/12/2026' },
      ]} />
    ),
  },
  {
    name: 'Facts: a year’s figures',
    render: () => (
      <Facts class="service-facts stat-facts" items={[
        { term: 'Hồ sơ trực tuyến tiếp nhận', value: '12.345' },
        { term: 'Tỷ lệ giải quyết đúng hạn', value: '97,1%' },
      ]} />
    ),
  },
  {
    name: 'SearchBox: in its search form, with what was asked',
    render: () => (
      <form method="get" action="/hoi-dap" role="search" aria-label="Tìm câu hỏi thường gặp" class="faq-search">
        <SearchBox id="faq-q" label="Tìm trong câu hỏi thường gặp" button="Tìm" value="giấy khai sinh" />
      </form>
    ),
  },
  {
    name: 'SearchBox: in the dark header, with a hint in the box and an access key',
    render: () => (
      <div class="site-header">
        <div class="brand">
          <form class="header-search" role="search" action="/dich-vu-cong" method="get">
            <SearchBox id="header-q" label="Tìm dịch vụ công" button="Tìm kiếm" placeholder="Ví dụ: cấp chứng chỉ hành nghề dược" accessKey="4" />
          </form>
        </div>
      </div>
    ),
  },
  {
    name: 'Breadcrumbs: down to the page itself',
    render: () => <Breadcrumbs items={[{ href: '/', label: 'Trang chủ' }, { href: '/kho-du-lieu', label: 'Kho dữ liệu của tôi' }, { label: 'Nhật ký sử dụng' }]} />,
  },
  { name: 'CatalogBreadcrumbs: under the catalog', render: () => <CatalogBreadcrumbs last={{ href: '/dich-vu-cong?sector=Hộ tịch', label: 'Hộ tịch' }} /> },
  {
    name: 'FormPanel: a narrow form page with an error, what comes first, a hidden value and the way back',
    render: () => (
      <FormPanel
        title="Nhận mã đăng nhập một lần"
        errors={{ login: 'Hãy nhập tên đăng nhập, thư điện tử hoặc số điện thoại.' }}
        labels={{ login: 'Tên đăng nhập, thư điện tử hoặc số điện thoại' }}
        before={<p>Chúng tôi gửi một mã gồm 6 chữ số tới thư điện tử của tài khoản; mã dùng được một lần trong 10 phút.</p>}
        action="/dang-nhap/ma"
        csrfToken={CSRF}
        hidden={{ next: '/ho-so' }}
        submit="Gửi mã"
        after={<LinkLine href="/quen-mat-khau">Quên mật khẩu?</LinkLine>}
        back={{ href: '/dang-nhap', label: 'Đăng nhập' }}
      >
        <Field name="login" label="Tên đăng nhập, thư điện tử hoặc số điện thoại" errors={{ login: 'Hãy nhập tên đăng nhập, thư điện tử hoặc số điện thoại.' }} autocomplete="username" required />
      </FormPanel>
    ),
  },
  {
    name: 'PostButton: a short form’s fields before the button, as narrow as the form pages',
    render: () => (
      <PostButton action="/quan-tri/dat-lai-mat-khau" csrfToken={CSRF} narrow variant="secondary" intro={<Field name="resetUsername" label="Tên đăng nhập cần đặt lại" maxLength={40} required />}>
        Đặt lại mật khẩu
      </PostButton>
    ),
  },
  {
    name: 'PostForm: a form of its own with its fields, sending a file',
    render: () => (
      <PostForm action="/quan-tri/bieu-mau/tu-mau-giay" enctype="multipart/form-data" csrfToken={CSRF} variant="secondary" submit="Tạo biểu mẫu từ tệp">
        <Field name="paperService" label="Mã thủ tục" required maxLength={20} inputMode="decimal" />
        <FileField name="paper" label="Tệp mẫu đơn (.docx)" hint="Tệp Word của mẫu đơn, tờ khai ban hành kèm thủ tục." accept=".docx,.doc" />
      </PostForm>
    ),
  },
  {
    name: 'AdminPageHead: the heading, what was just done, the errors of the form sent',
    render: () => <AdminPageHead title="Từ đồng nghĩa cho tìm kiếm" notice="Đã thêm “GPLX”." errors={{ term: 'Nhập từ người dân gõ' }} labels={{ term: 'Từ người dân gõ' }} />,
  },
  {
    name: 'DataTable: a list an administrator keeps, a button a row saying which',
    render: () => <DataTable caption="Các từ đồng nghĩa" cards rows={SYNONYMS} rowKey={(e) => e.term} columns={[{ header: 'Từ người dân gõ', cell: (e) => e.term }, { header: 'Cụm từ trong tên thủ tục', cell: (e) => e.expansion }, actionColumn<(typeof SYNONYMS)[number]>(CSRF, (e) => `/quan-tri/tu-dong-nghia/${e.term}/xoa`, (e) => `“${e.term}”`)]} />,
  },
  {
    name: 'StepButton: continue, go back or save, in one form',
    render: () => (
      <form method="post" action="/dich-vu-cong/1.001193/to-khai" novalidate>
        <div class="actions">
          <StepButton value="tiep">Tiếp tục</StepButton>
          <StepButton value="lui" secondary>Quay lại bước trước</StepButton>
          <StepButton value="luu" secondary>Lưu nháp</StepButton>
        </div>
      </form>
    ),
  },
  {
    name: 'LinkList: ways on',
    render: () => (
      <LinkList
        links={[
          { href: '/quen-mat-khau', label: 'Quên mật khẩu' },
          { href: '/dang-ky', label: 'Đăng ký lại với thông tin khác' },
        ]}
      />
    ),
  },
];
