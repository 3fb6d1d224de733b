import { ErrorSummary, Field, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import { viLang } from '../../web/components/locale.tsx';
import type { MessageKey } from '../../web/i18n.ts';
import type { PageContext } from '../../web/page-context.ts';
import { dayVi, noticeTime, timeVi } from '../../web/format.ts';
import type { Status } from '../model.ts';
import { StatusBadge } from './parts.tsx';

/** What anyone with the code and the check digits may read: no name, no answers, no notes (A6). */
export interface PublicStatus {
  code: string;
  status: Status;
  statusName: string;
  serviceName: string;
  agencyName: string;
  submittedAt: Date;
  dueDate: string | null;
  steps: { status: Status; statusName: string; at: Date }[];
}

export function LookupPage({ ctx, code = '', errors = {}, found }: { ctx: PageContext; code?: string; errors?: FieldErrors; found?: PublicStatus }) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  // The status as the national portal names it; in another language, its translation.
  // "08:05 ngày 05/12/2026" in Vietnamese; "08:05 05/12/2026" otherwise (both Vietnam time).
  const time = (d: Date) => (locale === 'vi' ? timeVi(d) : noticeTime(d));
  const statusName = (status: Status, name: string) => (locale === 'vi' ? name : t(`status${status}` as MessageKey));
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length ? t('formErrorPrefix') : ''}${t('lookupTitle')}`} description={t('lookupDescription')}>
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={{ code: t('lookupCode'), check: t('lookupCheck') }} />
        <h1>{t('lookupTitle')}</h1>
        {found && (
          <section class="notice-box lookup-result" role="status" aria-labelledby="lookup-title">
            <h2 id="lookup-title">
              {t('lookupFound', { code: found.code })} <StatusBadge status={found.status} name={statusName(found.status, found.statusName)} />
            </h2>
            <Facts
              class="summary-list"
              items={[
                { term: t('lookupService'), value: found.serviceName, lang: vi },
                { term: t('lookupAgency'), value: found.agencyName, lang: vi },
                { term: t('lookupSubmitted'), value: time(found.submittedAt) },
                { term: t('lookupDue'), value: dayVi(found.dueDate) },
              ]}
            />
            {vi && <p class="hint">{t('namesAsPublished')}</p>}
            <h3>{t('lookupSteps')}</h3>
            <ol class="timeline">
              {found.steps.map((s, i) => (
                <li key={i}>
                  {statusName(s.status, s.statusName)} — <time>{time(s.at)}</time>
                </li>
              ))}
            </ol>
          </section>
        )}
        <form method="get" action="/tra-cuu" novalidate>
          <Field name="code" label={t('lookupCode')} hint={t('lookupCodeHint')} value={code} errors={errors} required maxLength={60} />
          <Field name="check" label={t('lookupCheck')} type="password" errors={errors} required maxLength={4} inputMode="numeric" autocomplete="off" />
          <button type="submit" class="button">
            {t('lookupButton')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
