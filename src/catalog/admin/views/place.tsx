// /quan-tri/danh-muc/<code>/noi-thuc-hien/<agency>: one place's overrides of the procedure — time
// limit, level, fees, receiving address, hours, e-form, online or not — and removing the place.
import { Facts } from '../../../web/components/facts.tsx';
import { CsrfField, ErrorSummary, Field, Notice, Select, TextArea, type FieldErrors } from '../../../web/components/form.tsx';
import { viLang } from '../../../web/components/locale.tsx';
import { PostButton } from '../../../web/components/post-button.tsx';
import type { PageContext } from '../../../web/page-context.ts';
import type { Implementation } from '../../implementations.ts';
import { feesText } from '../model.ts';
import { AdminLayout, placePath, servicePath, YesNo } from './parts.tsx';
import { LEVEL_OPTIONS, placeStatus } from './service.tsx';

export interface PlaceAdminProps {
  ctx: PageContext;
  service: { code: string; name: string; leadAgency: string; timeLimitDays: number };
  place: Implementation;
  values?: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
}

export function PlaceAdminPage({ ctx, service, place: p, values = {}, errors = {}, notice }: PlaceAdminProps) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  const o = p.overrides;
  const v = (name: string, current: string | number | null) => values[name] ?? (current === null ? '' : String(current));
  const labels = { timeLimitDays: t('caOverrideTime'), level: t('caOverrideLevel'), fees: t('caOverrideFees'), receivingAddress: t('caOverrideAddress'), openingHours: t('caOverrideHours'), formId: t('caOverrideForm') };
  return (
    <AdminLayout ctx={ctx} area="catalog" title={p.agency.name} trail={[{ href: servicePath(service.code), label: service.name, lang: vi }]}>
      <h1 lang={vi}>{p.agency.name}</h1>
      <p lang={vi}>{service.name}</p>
      {notice && (
        <Notice>
          <p>{notice}</p>
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={labels} />
      <Facts
        items={[
          { term: t('caTimeLimitDays'), value: p.timeLimitDays },
          { term: t('caOnline'), value: placeStatus(ctx, p) },
        ]}
      />
      <p>{t('caPlacesIntro')}</p>
      <form method="post" action={placePath(service.code, p.agency.code)} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="timeLimitDays" label={t('caOverrideTime')} hint={t('caOverrideEmpty', { value: service.timeLimitDays })} value={v('timeLimitDays', o.timeLimitDays)} errors={errors} maxLength={4} inputMode="numeric" />
        <Select name="level" label={t('caOverrideLevel')} options={[{ value: '', label: t('caOverrideLevelSame') }, ...LEVEL_OPTIONS(ctx)]} value={v('level', o.level)} errors={errors} />
        <TextArea name="fees" label={t('caOverrideFees')} hint={t('caFeesHint')} value={values.fees ?? (o.fees ? feesText(o.fees) : '')} errors={errors} maxLength={5000} rows={3} />
        <Field name="receivingAddress" label={t('caOverrideAddress')} hint={p.agency.address ? t('caOverrideEmptyAgency', { value: p.agency.address }) : undefined} value={v('receivingAddress', o.receivingAddress)} errors={errors} maxLength={500} />
        <Field name="openingHours" label={t('caOverrideHours')} value={v('openingHours', o.openingHours)} errors={errors} maxLength={500} />
        <Field name="formId" label={t('caOverrideForm')} value={v('formId', o.formId)} errors={errors} maxLength={100} />
        <YesNo name="online" legend={t('caOnline')} yes={t('caOnlineYes')} no={t('caOnlineNo')} typed={values.online} stored={o.online} errors={errors} />
        <button type="submit" class="button">
          {t('caSavePlace')}
        </button>
      </form>
      {p.agency.code !== service.leadAgency && (
        <PostButton action={placePath(service.code, p.agency.code, '/xoa')} csrfToken={ctx.csrfToken} variant="danger" narrow>
          {t('caRemovePlace')}
        </PostButton>
      )}
    </AdminLayout>
  );
}
