// Phản ánh, kiến nghị (Decree 20/2008; Art. 11 of Circular 32), the public's pages: the list of
// answered petitions, the form, the confirmation and tracking (in the visitor's language; what was
// published stays Vietnamese). The officers' pages are in officer-pages.tsx.
import { Checkbox, CsrfField, ErrorSummary, Field, Notice, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { SearchBox } from '../../web/components/search-box.tsx';
import { Facts } from '../../web/components/facts.tsx';
import { KeepVi, viLang } from '../../web/components/locale.tsx';
import { dayVi, noticeTime, shorten, timeVi } from '../../web/format.ts';
import { formatNumber, type Locale, type MessageKey, type Translate } from '../../web/i18n.ts';
import type { PageContext } from '../../web/page-context.ts';
import { DEFAULT_HANDLING_DAYS, MAX_CONTENT, type PetitionStatus } from '../model.ts';
import type { Petition, PublishedPetition } from '../store.ts';

export type SendValues = Partial<Record<'subject' | 'content' | 'name' | 'email' | 'phone' | 'service' | 'application' | 'consent', string>>;

/** The form's field names as the error summary lists them, in the page's language. */
const publicLabels = (t: Translate): Record<string, string> => ({
  subject: t('paknSubject'),
  content: t('paknContent'),
  name: t('paknName'),
  email: t('paknEmail'),
  phone: t('paknPhone'),
  service: t('paknService'),
  application: t('paknApplication'),
  consent: t('paknConsentLabel'),
  ma: t('paknCode'),
  'lien-he': t('paknContact'),
});

/** A time in a sentence: "08:05 ngày 05/12/2026" in Vietnamese, "08:05 05/12/2026" otherwise (both Vietnam time). */
const timeIn = (d: Date, locale: Locale) => (locale === 'vi' ? timeVi(d) : noticeTime(d));

const STATUS_KEYS: Record<PetitionStatus, MessageKey> = { 'cho-tra-loi': 'paknStatusWaiting', 'qua-han': 'paknStatusOverdue', 'da-tra-loi': 'paknStatusAnswered' };

function Pagination({ q, page, pages, t }: { q: string; page: number; pages: number; t: Translate }) {
  if (pages <= 1) return null;
  const link = (p: number) => `/phan-anh-kien-nghi?${new URLSearchParams({ ...(q ? { q } : {}), ...(p > 1 ? { trang: String(p) } : {}) }).toString()}`;
  const around = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={t('paknPages')}>
      <ul>
        {page > 1 && (
          <li>
            <a href={link(page - 1)} rel="prev">
              {t('paknPrev')}
            </a>
          </li>
        )}
        {around.map((p) => (
          <li key={p}>
            {p === page ? (
              <span aria-current="page">{t('paknPage', { n: p })}</span>
            ) : (
              <a href={link(p)} aria-label={t('paknPage', { n: p })}>
                {p}
              </a>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <a href={link(page + 1)} rel="next">
              {t('paknNext')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function PublicListPage({ ctx, q, page, pageSize, items, total }: { ctx: PageContext; q: string; page: number; pageSize: number; items: PublishedPetition[]; total: number }) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const n = formatNumber(total, locale);
  return (
    <Layout ctx={ctx} title={t('paknTitle')} description={t('paknDescription')}>
      <h1>{t('paknTitle')}</h1>
      <p>{t('paknIntro')}</p>
      {vi && <p class="hint">{t('paknContentNote')}</p>}
      <p>
        <a class="button" href="/phan-anh-kien-nghi/gui">
          {t('paknSend')}
        </a>{' '}
        <a href="/phan-anh-kien-nghi/tra-cuu">{t('paknTrackLink')}</a>
      </p>
      <form method="get" action="/phan-anh-kien-nghi" role="search" aria-label={t('paknSearch')} class="faq-search">
        <SearchBox id="pakn-q" label={t('paknSearchLabel')} button={t('paknSearchButton')} value={q} />
      </form>
      <h2>{q ? t('paknResults', { q, n }) : t('paknAnswered', { n })}</h2>
      {items.length === 0 ? (
        <p>{q ? t('paknNoMatch') : t('paknNonePublished')}</p>
      ) : (
        <ol class="faq-list">
          {items.map((p) => (
            <li key={p.code}>
              <a href={`/phan-anh-kien-nghi/${p.code}`} lang={vi}>
                {shorten(p.subject, 200)}
              </a>
              <p class="faq-meta">
                <KeepVi>{p.agencyName}</KeepVi> · {t('paknAnsweredOn', { day: dayVi(timeDay(p.answeredAt)) })}
              </p>
              <p lang={vi}>{shorten(p.answer, 300)}</p>
            </li>
          ))}
        </ol>
      )}
      <Pagination q={q} page={page} pages={pages} t={t} />
    </Layout>
  );
}

/** The day of an instant in Vietnam, YYYY-MM-DD. */
const timeDay = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

export function PublishedPage({ ctx, p }: { ctx: PageContext; p: Petition }) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  return (
    <Layout ctx={ctx} title={shorten(p.subject, 80)} description={t('paknPublishedDescription', { agency: p.agencyName })}>
      <p>
        <a href="/phan-anh-kien-nghi">{t('paknBack')}</a>
      </p>
      <h1 lang={vi}>{p.subject}</h1>
      {vi && <p class="hint">{t('paknContentNote')}</p>}
      <p class="faq-meta">
        {t('paknCodeSent', { code: p.code, day: dayVi(timeDay(p.receivedAt)) })}
        {p.serviceCode && (
          <>
            {' '}
            {t('paknAboutService')}{' '}
            <a href={`/dich-vu-cong/${p.serviceCode}`} lang={p.serviceName ? vi : undefined}>
              {p.serviceName ?? p.serviceCode}
            </a>
          </>
        )}
      </p>
      <h2>{t('paknContentHeading')}</h2>
      <p class="faq-text" lang={vi}>
        {p.content}
      </p>
      <h2>
        {t('paknAnswerOf')} <KeepVi>{p.agencyName}</KeepVi>
      </h2>
      <p class="faq-text" lang={vi}>
        {p.answer}
      </p>
      <p class="faq-meta">{t('paknAnsweredAt', { at: p.answeredAt ? timeIn(p.answeredAt, locale) : '' })}</p>
    </Layout>
  );
}

export function SendPage({ ctx, values, errors = {}, senderName }: { ctx: PageContext; values: SendValues; errors?: FieldErrors; senderName?: string }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('paknSend')} description={t('paknSendDescription')}>
      <p>
        <a href="/phan-anh-kien-nghi">{t('paknBack')}</a>
      </p>
      <ErrorSummary errors={errors} labels={publicLabels(t)} />
      <h1>{t('paknSend')}</h1>
      <p>{t('paknSendIntro', { days: DEFAULT_HANDLING_DAYS })}</p>
      <form method="post" action="/phan-anh-kien-nghi/gui" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="subject" label={t('paknSubject')} value={values.subject} errors={errors} required maxLength={200} />
        <TextArea name="content" label={t('paknContent')} value={values.content} errors={errors} required maxLength={MAX_CONTENT} rows={8} hint={t('paknContentHint', { max: formatNumber(MAX_CONTENT, locale) })} />
        <h2>{t('paknSender')}</h2>
        {senderName ? (
          <p>
            {t('paknSignedInAs')} <strong>{senderName}</strong>. {t('paknSignedInNote')}
          </p>
        ) : (
          <>
            <p>{t('paknVisitorNote')}</p>
            <Field name="name" label={t('paknName')} value={values.name} errors={errors} required maxLength={100} autocomplete="name" />
          </>
        )}
        <Field name="email" label={t('paknEmail')} type="email" value={values.email} errors={errors} maxLength={200} autocomplete="email" />
        <Field name="phone" label={t('paknPhone')} type="tel" value={values.phone} errors={errors} maxLength={20} autocomplete="tel" inputMode="tel" hint={t('paknPhoneHint')} />
        <h2>{t('paknRelated')}</h2>
        <Field name="service" label={t('paknService')} value={values.service} errors={errors} maxLength={20} hint={t('paknServiceHint')} />
        <Field name="application" label={t('paknApplication')} value={values.application} errors={errors} maxLength={60} hint={senderName ? t('paknApplicationHintSignedIn') : t('paknApplicationHint')} />
        <h2>{t('paknPersonalData')}</h2>
        <p>{t('paknPersonalDataText')}</p>
        <Checkbox name="consent" label={t('paknConsent')} checked={values.consent === 'true'} errors={errors} />
        <button type="submit" class="button">
          {t('paknSend')}
        </button>
      </form>
    </Layout>
  );
}

export function SentPage({ ctx, code, agencyName, dueDate, signedIn }: { ctx: PageContext; code: string; agencyName: string; dueDate: string; signedIn: boolean }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('paknSentTitle')} description={t('paknSentDescription')}>
      <h1>{t('paknSentTitle')}</h1>
      <Notice>
        <p>
          {t('paknSentCode')} <strong>{code}</strong>
        </p>
      </Notice>
      <p>
        {t('paknSentTo')} <strong lang={viLang(locale)}>{agencyName}</strong>. {t('paknSentDue')} <strong>{dayVi(dueDate)}</strong>.
      </p>
      <p>
        {t('paknSentKeep')} <a href={`/phan-anh-kien-nghi/tra-cuu?ma=${code}`}>{t('paknSentTrack')}</a> {t('paknSentKeepRest')}
        {signedIn && t('paknSentNotify')}
      </p>
      <p>
        <a href="/phan-anh-kien-nghi">{t('paknSentBack')}</a>
      </p>
    </Layout>
  );
}

export interface TrackingView {
  code: string;
  subject: string;
  status: PetitionStatus;
  statusName: string;
  receivedAt: string;
  dueDate: string;
  agency: { code: string; name: string };
  answer: string | null;
  answeredAt: string | null;
  published: boolean;
}

export function TrackPage({ ctx, code = '', errors = {}, found }: { ctx: PageContext; code?: string; errors?: FieldErrors; found?: TrackingView }) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  return (
    <Layout ctx={ctx} title={t('paknTrackTitle')} description={t('paknTrackDescription')}>
      <div class="form-narrow">
        <ErrorSummary errors={errors} labels={publicLabels(t)} />
        <h1>{t('paknTrackTitle')}</h1>
        {found ? (
          <section aria-labelledby="pakn-found">
            <h2 id="pakn-found">{t('paknFound', { code: found.code })}</h2>
            {vi && <p class="hint">{t('paknContentNote')}</p>}
            <Facts
              class="profile-list"
              items={[
                { term: t('paknSubject'), value: found.subject, lang: vi },
                { term: t('paknStatus'), value: locale === 'vi' ? found.statusName : t(STATUS_KEYS[found.status]) },
                { term: t('paknAgency'), value: found.agency.name, lang: vi },
                { term: t('paknSentAt'), value: timeIn(new Date(found.receivedAt), locale) },
                { term: t('paknDue'), value: dayVi(found.dueDate) },
              ]}
            />
            {found.answer && (
              <>
                <h3>
                  {t('paknAnswerOf')} <KeepVi>{found.agency.name}</KeepVi>
                </h3>
                <p class="faq-text" lang={vi}>
                  {found.answer}
                </p>
                <p class="faq-meta">{t('paknAnsweredAt', { at: found.answeredAt ? timeIn(new Date(found.answeredAt), locale) : '' })}</p>
              </>
            )}
          </section>
        ) : (
          <form method="get" action="/phan-anh-kien-nghi/tra-cuu" novalidate>
            <Field name="ma" label={t('paknCode')} hint={t('paknCodeHint')} value={code} errors={errors} required maxLength={40} />
            <Field name="lien-he" label={t('paknContactSent')} errors={errors} required maxLength={200} autocomplete="off" />
            <button type="submit" class="button">
              {t('paknTrackButton')}
            </button>
          </form>
        )}
      </div>
    </Layout>
  );
}
