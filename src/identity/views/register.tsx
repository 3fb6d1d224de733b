import { Checkbox, CsrfField, ErrorSummary, Field, Radios, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { LinkList } from '../../web/components/form-page.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { MessageKey } from '../../web/i18n.ts';
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

/** The registration fields' labels in the message tables (the same words as REGISTER_LABELS in Vietnamese). */
const LABEL_KEYS: Record<string, MessageKey> = {
  fullName: 'registerFullName',
  username: 'registerUsername',
  password: 'registerPassword',
  email: 'registerEmail',
  phone: 'registerPhone',
  idNumber: 'registerIdNumber',
  dateOfBirth: 'registerDateOfBirth',
  taxCode: 'registerTaxCode',
  representative: 'registerRepresentative',
  consent: 'registerConsentLabel',
};

/** next: a page of this portal to go back to once the account is made (from the sign-in page's link). */
export function RegisterPage({ ctx, values = {}, errors = {}, next = '' }: { ctx: PageContext; values?: Record<string, string>; errors?: FieldErrors; next?: string }) {
  const { t, locale } = ctx;
  const labels: Record<string, string> = { ...REGISTER_LABELS, ...Object.fromEntries(Object.entries(LABEL_KEYS).map(([name, key]) => [name, t(key)])) };
  return (
    <Layout ctx={ctx} title={t('register')} description={t('registerDescription')}>
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={labels} />
        <h1>{t('register')}</h1>
        <p>{t('registerIntro')}</p>
        <form method="post" action="/dang-ky" novalidate>
          <CsrfField token={ctx.csrfToken} />
          {next && <input type="hidden" name="next" value={next} />}
          <Radios
            name="kind"
            legend={t('registerKind')}
            value={values.kind}
            errors={errors}
            options={[
              { value: 'person', label: t('registerPerson') },
              { value: 'business', label: t('registerBusiness') },
            ]}
          />
          <Field name="fullName" label={labels.fullName!} hint={t('registerFullNameHint')} value={values.fullName} errors={errors} autocomplete="name" required />
          <Field name="username" label={labels.username!} hint={t('registerUsernameHint')} value={values.username} errors={errors} autocomplete="username" required maxLength={40} />
          <Field name="password" label={labels.password!} hint={t('registerPasswordHint')} type="password" errors={errors} autocomplete="new-password" required />
          <Field name="email" label={labels.email!} type="email" value={values.email} errors={errors} autocomplete="email" />
          <Field name="phone" label={labels.phone!} hint={t('registerPhoneHint')} type="tel" value={values.phone} errors={errors} autocomplete="tel" inputMode="tel" maxLength={20} />
          <Field name="idNumber" label={labels.idNumber!} hint={t('registerIdNumberHint')} value={values.idNumber} errors={errors} inputMode="numeric" maxLength={12} />
          <Field name="dateOfBirth" label={labels.dateOfBirth!} hint={t('registerDateOfBirthHint')} value={showDate(values.dateOfBirth)} maxLength={10} errors={errors} autocomplete="bday" />
          <Field name="taxCode" label={labels.taxCode!} hint={t('registerTaxCodeHint')} value={values.taxCode} errors={errors} inputMode="numeric" maxLength={14} />
          <Field name="representative" label={labels.representative!} hint={t('registerRepresentativeHint')} value={values.representative} errors={errors} maxLength={100} />
          {locale === 'vi' ? (
            <PrivacyNotice portal={ctx.portal} />
          ) : (
            <div lang="vi">
              <p class="hint" lang={locale}>
                {t('registerPrivacyNote')}
              </p>
              <PrivacyNotice portal={ctx.portal} />
            </div>
          )}
          <Checkbox
            name="consent"
            label={t('registerConsent')}
            hint={t('registerConsentHint')}
            checked={values.consent === 'true'}
            errors={errors}
          />
          <button type="submit" class="button">
            {t('registerButton')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/**
 * Where a registration ends when another account holds the email, phone or CCCD given: the same
 * words whichever it was, and the ways on (registration-routes.ts says why).
 */
export function RegisterCheckPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('registerCheckTitle')} description={t('registerCheckBody')}>
      <div class="form-narrow">
        <h1>{t('registerCheckTitle')}</h1>
        <p>{t('registerCheckBody')}</p>
        <p>
          <a href="/dang-nhap" class="button">
            {t('registerCheckSignIn')}
          </a>
        </p>
        <LinkList
          links={[
            { href: '/quen-mat-khau', label: t('registerCheckForgot') },
            { href: '/dang-ky', label: t('registerCheckAgain') },
          ]}
        />
      </div>
    </Layout>
  );
}
