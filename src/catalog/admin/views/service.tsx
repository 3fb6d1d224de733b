// /quan-tri/danh-muc/<code>: a procedure's published fields beside its legal name (Art. 6.3), the
// places implementing it, adding one, and taking online applications offline for a period.
import { DataTable } from '../../../web/components/data-table.tsx';
import { Facts } from '../../../web/components/facts.tsx';
import { CsrfField, ErrorMessage, ErrorSummary, Field, Notice, Select, TextArea, type FieldErrors } from '../../../web/components/form.tsx';
import { viLang } from '../../../web/components/locale.tsx';
import { PostButton } from '../../../web/components/post-button.tsx';
import { noticeTime } from '../../../web/format.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import type { PageContext } from '../../../web/page-context.ts';
import type { Implementation } from '../../implementations.ts';
import { levelName } from '../../model.ts';
import { feesText, nameDifference, type ServiceFields } from '../model.ts';
import type { ServiceForEdit } from '../store.ts';
import { AdminLayout, placePath, servicePath } from './parts.tsx';

export interface ServiceAdminProps {
  ctx: PageContext;
  service: ServiceForEdit;
  /** May this administrator edit the published fields (its tree holds the lead agency)? */
  editable: boolean;
  places: (Implementation & { editable: boolean })[];
  /** Agencies of the administrator's tree not yet implementing it. */
  addable: { code: string; name: string }[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  notice?: string;
}

/** The published fields by the names local_edits gives them, as the form labels them. */
const FIELD_LABELS: Record<keyof ServiceFields, MessageKey> = {
  name: 'caName',
  timeLimitDays: 'caTimeLimitDays',
  timeLimitText: 'caTimeLimitText',
  level: 'caLevel',
  steps: 'caSteps',
  fees: 'caFees',
  components: 'caComponents',
};

export const LEVEL_OPTIONS = (ctx: PageContext) => [1, 2, 3, 4].map((l) => ({ value: String(l), label: levelName(l, ctx.locale) }));

export function placeStatus(ctx: PageContext, p: Implementation): string {
  if (p.online) return p.level >= 3 ? ctx.t('caStatusOnline') : ctx.t('caStatusInfoOnly');
  const reason = p.offlineReason ?? '—';
  return p.offlineUntil ? ctx.t('caStatusOfflineUntil', { until: noticeTime(p.offlineUntil), reason }) : ctx.t('caStatusOffline', { reason });
}

export function ServiceAdminPage({ ctx, service: s, editable, places, addable, values = {}, errors = {}, notice }: ServiceAdminProps) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  const f = s.fields;
  const v = (name: string, current: string) => values[name] ?? current;
  const diff = nameDifference(f.name, s.legalName);
  const mine = places.filter((p) => p.editable);
  const labels = { name: t('caName'), timeLimitDays: t('caTimeLimitDays'), timeLimitText: t('caTimeLimitText'), level: t('caLevel'), steps: t('caSteps'), fees: t('caFees'), agency: t('caAddAgency'), from: t('caOfflineFrom'), until: t('caOfflineUntil'), reason: t('caOfflineReason') };
  return (
    <AdminLayout ctx={ctx} area="catalog" title={f.name}>
      <h1 lang={vi}>{f.name}</h1>
      <p class="hint">{s.code}</p>
      {notice && (
        <Notice>
          <p>{notice}</p>
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={labels} />

      <h2>{t('caPublished')}</h2>
      <div class="legal-name">
        <Facts
          items={[
            { term: t('caLegalName'), value: s.legalName, lang: vi },
            { term: t('caLead'), value: s.leadAgencyName, lang: vi },
          ]}
        />
        <p>{diff.same ? t('caNameSame') : t('caNameDiffers')}</p>
        {!diff.same && (
          <ul>
            {diff.added.length > 0 && <li>{t('caNameAdded', { words: diff.added.join(' ') })}</li>}
            {diff.removed.length > 0 && <li>{t('caNameRemoved', { words: diff.removed.join(' ') })}</li>}
          </ul>
        )}
      </div>
      {editable ? (
        <form method="post" action={servicePath(s.code)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextArea name="name" label={t('caName')} hint={t('caNameHint')} value={v('name', f.name)} errors={errors} required maxLength={500} rows={3} />
          <Field name="timeLimitDays" label={t('caTimeLimitDays')} value={v('timeLimitDays', String(f.timeLimitDays))} errors={errors} required maxLength={4} inputMode="numeric" />
          <Field name="timeLimitText" label={t('caTimeLimitText')} hint={t('caTimeLimitTextHint')} value={v('timeLimitText', f.timeLimitText)} errors={errors} required maxLength={500} />
          <Select name="level" label={t('caLevel')} options={LEVEL_OPTIONS(ctx)} value={v('level', String(f.level))} errors={errors} required />
          <TextArea name="steps" label={t('caSteps')} hint={t('caStepsHint')} value={v('steps', f.steps.join('\n'))} errors={errors} required maxLength={10000} rows={6} />
          <TextArea name="fees" label={t('caFees')} hint={t('caFeesHint')} value={v('fees', feesText(f.fees))} errors={errors} maxLength={5000} rows={3} />
          {f.components.length > 0 && (
            <fieldset class="components-edit">
              <legend>{t('caComponents')}</legend>
              <table class="data-table cards">
                <thead>
                  <tr>
                    <th scope="col">{t('serviceDocument')}</th>
                    <th scope="col">{t('serviceOriginals')}</th>
                    <th scope="col">{t('serviceCopies')}</th>
                  </tr>
                </thead>
                <tbody>
                  {f.components.map((c, i) => (
                    <tr key={c.id}>
                      {(['Name', 'Original', 'Copy'] as const).map((part) => {
                        const id = `f-component${part}${i}`;
                        const error = errors[`component${part}${i}`];
                        const value = part === 'Name' ? c.name : String(part === 'Original' ? c.original : c.copy);
                        return (
                          <td key={part} data-label={part === 'Name' ? t('serviceDocument') : part === 'Original' ? t('serviceOriginals') : t('serviceCopies')} class={error ? 'field field-error' : 'field'}>
                            <label for={id} class="visually-hidden">
                              {t(`caComponent${part}`, { n: i + 1 })}
                            </label>
                            <ErrorMessage id={id} error={error} />
                            {part === 'Name' ? (
                              <textarea id={id} name="componentName" rows={2} maxLength={500} lang={vi} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined}>
                                {values[`componentName${i}`] ?? value}
                              </textarea>
                            ) : (
                              <input id={id} name={`component${part}`} value={values[`component${part}${i}`] ?? value} size={3} maxLength={2} inputMode="numeric" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined} />
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </fieldset>
          )}
          <button type="submit" class="button">
            {t('caSave')}
          </button>
        </form>
      ) : (
        <p>{t('caReadOnly', { agency: s.leadAgencyName })}</p>
      )}
      {Object.keys(s.localEdits).length > 0 && (
        <>
          <h3>{t('caLocalEdits')}</h3>
          <ul>
            {Object.entries(s.localEdits).map(([field, e]) => (
              <li key={field}>{t('caEditBy', { field: field in FIELD_LABELS ? t(FIELD_LABELS[field as keyof ServiceFields]) : field, by: e.by, at: noticeTime(new Date(e.at)) })}</li>
            ))}
          </ul>
        </>
      )}

      <h2 id="noi-thuc-hien">{t('caPlaces', { n: places.length })}</h2>
      <p>{t('caPlacesIntro')}</p>
      <DataTable caption={t('caPlaces', { n: places.length })} captionHidden cards rows={places} rowKey={(p) => p.agency.code} columns={[
        {
          header: t('caAddAgency'),
          cell: (p) => (
            <>
              {p.editable ? (
                <a href={placePath(s.code, p.agency.code)} lang={vi}>
                  {p.agency.name}
                </a>
              ) : (
                <span lang={vi}>{p.agency.name}</span>
              )}
              {p.agency.code === s.leadAgency && <span class="hint"> ({t('caLead')})</span>}
            </>
          ),
        },
        { header: t('caTimeLimitDays'), cell: (p) => p.timeLimitDays, numeric: true },
        { header: t('caLevel'), cell: (p) => levelName(p.level, locale) },
        { header: t('caOnline'), cell: (p) => placeStatus(ctx, p) },
      ]} />

      <h3>{t('caAddPlace')}</h3>
      {addable.length ? (
        <form method="post" action={servicePath(s.code, '/noi-thuc-hien')} class="form-narrow" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Select name="agency" label={t('caAddAgency')} options={addable.map((a) => ({ value: a.code, label: a.name }))} value={values.agency} errors={errors} required />
          <button type="submit" class="button button-secondary">
            {t('caAddButton')}
          </button>
        </form>
      ) : (
        <p>{t('caNoAgencyToAdd')}</p>
      )}

      {mine.length > 0 && (
        <>
          <h2 id="tam-ngung">{t('caOffline')}</h2>
          <p>{t('caOfflineIntro')}</p>
          <form method="post" action={servicePath(s.code, '/tam-ngung')} class="form-narrow" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Select name="where" label={t('caOfflineWhere')} options={[{ value: '*', label: t('caOfflineAll') }, ...mine.map((p) => ({ value: p.agency.code, label: p.agency.name }))]} value={values.where} errors={errors} />
            <Field name="from" type="date" label={t('caOfflineFrom')} hint={t('caOfflineDateHint')} value={values.from} errors={errors} maxLength={10} />
            <Field name="until" type="date" label={t('caOfflineUntil')} value={values.until} errors={errors} maxLength={10} />
            <TextArea name="reason" label={t('caOfflineReason')} value={values.reason} errors={errors} required maxLength={1000} rows={2} />
            <button type="submit" class="button button-danger">
              {t('caOfflineButton')}
            </button>
          </form>
          {mine.some((p) => p.overrides.offlineFrom || p.overrides.offlineUntil || p.overrides.offlineReason) && (
            <PostButton action={servicePath(s.code, '/tam-ngung')} csrfToken={ctx.csrfToken} hidden={{ where: '*', resume: 'yes' }} variant="secondary" narrow>
              {t('caResume')}
            </PostButton>
          )}
        </>
      )}
    </AdminLayout>
  );
}
