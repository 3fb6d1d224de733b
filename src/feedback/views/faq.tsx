// Câu hỏi thường gặp (Q1, Art. 11.1b, §5): published entries, search, asking, answering.
import { DataTable } from '../../web/components/data-table.tsx';
import { Checkbox, CsrfField, ErrorSummary, Notice, TextArea, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { SearchBox } from '../../web/components/search-box.tsx';
import { KeepVi, viLang } from '../../web/components/locale.tsx';
import { translator, type Locale, type Translate } from '../../web/i18n.ts';
import type { PageContext } from '../../web/page-context.ts';
import { noticeTime, shorten, timeVi } from '../../web/format.ts';
import type { FaqEntry } from '../store.ts';

const scopeName = (e: Pick<FaqEntry, 'serviceName'>, t: Translate = translator('vi')) => e.serviceName ?? t('faqPortal');
/** A time in a sentence: "08:05 ngày 05/12/2026" in Vietnamese, "08:05 05/12/2026" otherwise (both Vietnam time). */
const timeIn = (d: Date, locale: Locale) => (locale === 'vi' ? timeVi(d) : noticeTime(d));

function Entries({ items, ctx }: { items: FaqEntry[]; ctx: PageContext }) {
  const { t, locale } = ctx;
  return (
    <ol class="faq-list">
      {items.map((e) => (
        <li key={e.id}>
          <a href={`/hoi-dap/${e.id}`} lang={viLang(locale)}>
            {shorten(e.question, 200)}
          </a>
          <p class="faq-meta">
            {e.serviceName ? <KeepVi>{e.serviceName}</KeepVi> : scopeName(e, t)} · {t('faqViews', { n: e.views })}
          </p>
        </li>
      ))}
    </ol>
  );
}

export function FaqListPage({ ctx, items, q, service, notice }: { ctx: PageContext; items: FaqEntry[]; q: string; service?: { code: string; name: string }; notice?: string }) {
  const { t, locale } = ctx;
  const title = service ? t('faqTitleService', { name: service.name }) : t('faqTitle');
  return (
    <Layout ctx={ctx} title={title} description={t('faqDescription')}>
      <h1>{service && locale !== 'vi' ? <>{t('faqTitle')}: <KeepVi>{service.name}</KeepVi></> : title}</h1>
      {locale !== 'vi' && <p class="hint">{t('faqContentNote')}</p>}
      {notice && <Notice>{notice}</Notice>}
      <form method="get" action="/hoi-dap" role="search" aria-label={t('faqSearch')} class="faq-search">
        {service && <input type="hidden" name="dich-vu" value={service.code} />}
        <SearchBox id="faq-q" label={t('faqSearchLabel')} button={t('faqSearchButton')} value={q} />
      </form>
      <p>
        {service ? (
          <>
            <a href={`/dich-vu-cong/${service.code}`}>{t('faqSeeService')}</a> · <a href="/hoi-dap">{t('faqAll')}</a> ·{' '}
          </>
        ) : null}
        <a href={`/hoi-dap/dat-cau-hoi${service ? `?dich-vu=${service.code}` : ''}`}>{t('faqAsk')}</a> · <a href="/hoi-dap/cua-toi">{t('faqMine')}</a> · <a href="/huong-dan">{t('faqGuidance')}</a>
      </p>
      <h2>{q ? t('faqResults', { q, n: items.length }) : t('faqMostViewed')}</h2>
      {items.length === 0 ? <p>{t('faqNone')}</p> : <Entries items={items} ctx={ctx} />}
    </Layout>
  );
}

export function FaqEntryPage({ ctx, e }: { ctx: PageContext; e: FaqEntry }) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  return (
    <Layout ctx={ctx} title={shorten(e.question, 80)} description={t('faqEntryDescription', { scope: scopeName(e, t) })}>
      <p>
        <a href={e.serviceCode ? `/hoi-dap?dich-vu=${e.serviceCode}` : '/hoi-dap'}>{t('faqBack')}</a>
      </p>
      <h1>{t('faqTitle')}</h1>
      {vi && <p class="hint">{t('faqContentNote')}</p>}
      <p class="faq-meta">
        {e.serviceCode ? (
          <a href={`/dich-vu-cong/${e.serviceCode}`} lang={vi}>
            {e.serviceName}
          </a>
        ) : (
          scopeName(e, t)
        )}{' '}
        · {t('faqViews', { n: e.views })}
      </p>
      <h2>{t('faqQuestion')}</h2>
      <p class="faq-text" lang={vi}>
        {e.question}
      </p>
      <h2>{t('faqAnswer')}</h2>
      {e.answer ? (
        <>
          <p class="faq-text" lang={vi}>
            {e.answer}
          </p>
          <p class="faq-meta">{t('faqAnsweredAt', { who: e.answererName ?? t('faqAgency'), at: e.answeredAt ? timeIn(e.answeredAt, locale) : '' })}</p>
        </>
      ) : (
        <p>{t('faqWaiting')}</p>
      )}
    </Layout>
  );
}

export function AskPage({ ctx, service, value, errors = {} }: { ctx: PageContext; service?: { code: string; name: string }; value?: string; errors?: FieldErrors }) {
  const { t, locale } = ctx;
  // The sentence around the procedure's name, split where the link goes.
  const [before = '', after = ''] = t('faqAboutService', { code: service?.code ?? '' }).split('{name}');
  return (
    <Layout ctx={ctx} title={t('faqAsk')} description={t('faqAskDescription')}>
      <p>
        <a href="/hoi-dap">{t('faqBack')}</a>
      </p>
      <h1>{t('faqAsk')}</h1>
      <ErrorSummary errors={errors} labels={{ question: t('faqQuestion') }} />
      <p>
        {service ? (
          <>
            {before}
            <a href={`/dich-vu-cong/${service.code}`} lang={viLang(locale)}>
              {service.name}
            </a>
            {after} <a href="/hoi-dap/dat-cau-hoi">{t('faqAskHere')}</a>.
          </>
        ) : (
          <>
            {t('faqAboutPortal')} <strong>{t('faqAsk')}</strong> {t('faqAboutPortalOn')}
            <a href="/dich-vu-cong">{t('faqFindService')}</a>).
          </>
        )}{' '}
        {t('faqPublishedNote')}
      </p>
      <form method="post" action="/hoi-dap/dat-cau-hoi" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {service && <input type="hidden" name="service" value={service.code} />}
        <TextArea name="question" label={t('faqQuestion')} value={value} errors={errors} required maxLength={2000} rows={6} hint={t('faqQuestionHint')} />
        <button type="submit" class="button">
          {t('faqSend')}
        </button>
      </form>
    </Layout>
  );
}

const short = (q: string) => shorten(q, 120);

function QuestionsTable({ items, caption, hrefOf }: { items: FaqEntry[]; caption: string; hrefOf: (e: FaqEntry) => string | null }) {
  return (
    <DataTable caption={caption} cards rows={items} rowKey={(e) => e.id} columns={[
      { header: 'Câu hỏi', cell: (e) => (hrefOf(e) ? <a href={hrefOf(e)!}>{short(e.question)}</a> : short(e.question)) },
      { header: 'Về', cell: (e) => scopeName(e) },
      { header: 'Gửi lúc', cell: (e) => timeVi(e.askedAt) },
      { header: 'Trạng thái', cell: (e) => (e.answer ? (e.published ? 'Đã trả lời, đăng công khai' : 'Đã trả lời') : 'Chờ trả lời') },
    ]} />
  );
}

export function MyQuestionsPage({ ctx, items, notice }: { ctx: PageContext; items: FaqEntry[]; notice?: string }) {
  return (
    <Layout ctx={ctx} title="Câu hỏi của tôi" description="Các câu hỏi bạn đã gửi và câu trả lời.">
      <h1>Câu hỏi của tôi</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a href="/hoi-dap/dat-cau-hoi">Đặt câu hỏi mới</a>
      </p>
      {items.length === 0 ? <p>Bạn chưa gửi câu hỏi nào.</p> : <QuestionsTable items={items} caption={`${items.length} câu hỏi, mới nhất trước`} hrefOf={(e) => (e.answer ? `#cau-hoi-${e.id}` : null)} />}
      {items
        .filter((e) => e.answer)
        .map((e) => (
          <section key={e.id} id={`cau-hoi-${e.id}`} aria-label={`Trả lời câu hỏi gửi lúc ${timeVi(e.askedAt)}`} class="faq-answer">
            <p class="faq-text">
              <strong>Hỏi:</strong> {e.question}
            </p>
            <p class="faq-text">
              <strong>Đáp:</strong> {e.answer}
            </p>
          </section>
        ))}
    </Layout>
  );
}

export function OfficerQuestionsPage({ ctx, items, notice }: { ctx: PageContext; items: FaqEntry[]; notice?: string }) {
  const waiting = items.filter((e) => !e.answer).length;
  return (
    <Layout ctx={ctx} title="Câu hỏi của người dân" description="Trả lời câu hỏi về các thủ tục của cơ quan.">
      <h1>Câu hỏi của người dân</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>{waiting} câu hỏi chờ trả lời.</p>
      {items.length === 0 ? <p>Chưa có câu hỏi nào về các thủ tục của cơ quan.</p> : <QuestionsTable items={items} caption="Câu hỏi chờ trả lời trước, mới nhất trước" hrefOf={(e) => `/can-bo/hoi-dap/${e.id}`} />}
    </Layout>
  );
}

export function AnswerPage({ ctx, e, value, published, errors = {} }: { ctx: PageContext; e: FaqEntry; value?: string; published?: boolean; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Trả lời câu hỏi" description="Trả lời câu hỏi của người dân.">
      <p>
        <a href="/can-bo/hoi-dap">‹ Câu hỏi của người dân</a>
      </p>
      <h1>Trả lời câu hỏi</h1>
      <ErrorSummary errors={errors} labels={{ answer: 'Câu trả lời' }} />
      <p class="faq-meta">
        Về: {scopeName(e)} · gửi lúc {timeVi(e.askedAt)}
      </p>
      <h2>Câu hỏi</h2>
      <p class="faq-text">{e.question}</p>
      <form method="post" action={`/can-bo/hoi-dap/${e.id}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextArea name="answer" label="Câu trả lời" value={value ?? e.answer ?? ''} errors={errors} required maxLength={10_000} rows={8} />
        <Checkbox name="published" label="Đăng thành câu hỏi thường gặp (công khai, không kèm tên người hỏi)" checked={published ?? e.published} />
        <button type="submit" class="button">
          Lưu câu trả lời
        </button>
      </form>
    </Layout>
  );
}
