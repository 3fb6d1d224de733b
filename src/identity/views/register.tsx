import { Checkbox, CsrfField, ErrorSummary, Field, Radios, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { showDate } from '../model.ts';
import { PrivacyNotice } from './privacy.tsx';

export const REGISTER_LABELS: Record<string, string> = {
  fullName: 'Họ và tên',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  email: 'Thư điện tử',
  phone: 'Số điện thoại di động',
  idNumber: 'Số căn cước công dân (CCCD)',
  dateOfBirth: 'Ngày sinh',
  taxCode: 'Mã số thuế',
  representative: 'Người đại diện theo pháp luật',
  permanentProvince: 'Địa chỉ thường trú — tỉnh, thành phố',
  permanentCommune: 'Địa chỉ thường trú — xã, phường',
  permanentDetail: 'Địa chỉ thường trú — số nhà, đường',
  currentProvince: 'Nơi ở hiện tại — tỉnh, thành phố',
  currentCommune: 'Nơi ở hiện tại — xã, phường',
  currentDetail: 'Nơi ở hiện tại — số nhà, đường',
  consent: 'Đồng ý xử lý dữ liệu cá nhân',
};

/** next: a page of this portal to go back to once the account is made (from the sign-in page's link). */
export function RegisterPage({ ctx, values = {}, errors = {}, next = '' }: { ctx: PageContext; values?: Record<string, string>; errors?: FieldErrors; next?: string }) {
  return (
    <Layout ctx={ctx} title="Đăng ký tài khoản" description="Tạo tài khoản để nộp hồ sơ dịch vụ công trực tuyến và không phải khai lại thông tin đã có.">
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={REGISTER_LABELS} />
        <h1>Đăng ký tài khoản</h1>
        <p>Thông tin bạn khai ở đây được điền sẵn vào các tờ khai sau này, bạn không phải nhập lại.</p>
        <form method="post" action="/dang-ky" novalidate>
          <CsrfField token={ctx.csrfToken} />
          {next && <input type="hidden" name="next" value={next} />}
          <Radios
            name="kind"
            legend="Bạn đăng ký cho"
            value={values.kind}
            errors={errors}
            options={[
              { value: 'person', label: 'Cá nhân' },
              { value: 'business', label: 'Tổ chức, doanh nghiệp' },
            ]}
          />
          <Field name="fullName" label={REGISTER_LABELS.fullName!} hint="Với tổ chức, doanh nghiệp: tên đầy đủ theo đăng ký." value={values.fullName} errors={errors} autocomplete="name" required />
          <Field name="username" label={REGISTER_LABELS.username!} hint="3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang." value={values.username} errors={errors} autocomplete="username" required maxLength={40} />
          <Field name="password" label={REGISTER_LABELS.password!} hint="Ít nhất 10 ký tự, có cả chữ và số hoặc ký tự khác." type="password" errors={errors} autocomplete="new-password" required />
          <Field name="email" label={REGISTER_LABELS.email!} type="email" value={values.email} errors={errors} autocomplete="email" />
          <Field name="phone" label={REGISTER_LABELS.phone!} hint="Để nhận thông báo về hồ sơ, ví dụ 0912345678." type="tel" value={values.phone} errors={errors} autocomplete="tel" inputMode="tel" maxLength={20} />
          <Field name="idNumber" label={REGISTER_LABELS.idNumber!} hint="12 chữ số." value={values.idNumber} errors={errors} inputMode="numeric" maxLength={12} />
          <Field name="dateOfBirth" label={REGISTER_LABELS.dateOfBirth!} hint="Ngày/tháng/năm, ví dụ 20/05/1990." value={showDate(values.dateOfBirth)} maxLength={10} errors={errors} autocomplete="bday" />
          <Field name="taxCode" label={REGISTER_LABELS.taxCode!} hint="Chỉ với tổ chức, doanh nghiệp: 10 chữ số (hoặc 13 với đơn vị phụ thuộc)." value={values.taxCode} errors={errors} inputMode="numeric" maxLength={14} />
          <Field name="representative" label={REGISTER_LABELS.representative!} hint="Chỉ với tổ chức, doanh nghiệp." value={values.representative} errors={errors} maxLength={100} />
          <PrivacyNotice portal={ctx.portal} />
          <Checkbox
            name="consent"
            label="Tôi đã đọc và đồng ý cho cổng xử lý dữ liệu cá nhân của tôi như thông báo trên."
            hint="Bắt buộc: không có sự đồng ý, tài khoản không được tạo và thông tin bạn nhập không được lưu."
            checked={values.consent === 'true'}
            errors={errors}
          />
          <button type="submit" class="button">
            Đăng ký
          </button>
        </form>
      </div>
    </Layout>
  );
}
