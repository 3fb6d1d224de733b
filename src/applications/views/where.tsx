// C1: "Nộp tại" — the places implementing a procedure, the applicant's own commune first, each
// with its address, hours and time limit; a GET search (no JavaScript needed) narrows a
// province's communes. On the service's page and as the step before its e-form.
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import { SearchBox } from '../../web/components/search-box.tsx';
import { CatalogBreadcrumbs } from '../../web/components/breadcrumbs.tsx';
import { viLang } from '../../web/components/locale.tsx';
import { formatNumber } from '../../web/i18n.ts';
import { shorten } from '../../web/format.ts';
import type { PageContext } from '../../web/page-context.ts';
import type { PickerList } from '../where.ts';

export interface WhereListProps {
  ctx: PageContext;
  service: { code: string; name: string };
  list: PickerList;
  /** Where the search goes (this page). */
  action: string;
  /** The e-form's address for a place, when the service takes online applications. */
  applyHref?: (agencyCode: string) => string;
  /** The page's own heading level for each place. */
  headingLevel?: 2 | 3;
}

export function WhereList({ ctx, service, list, action, applyHref, headingLevel = 3 }: WhereListProps) {
  const { t, locale } = ctx;
  const vi = viLang(locale);
  const n = (x: number) => formatNumber(x, locale);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const summary = list.query
    ? list.matching === 0
      ? t('whereNone', { q: list.query })
      : t('whereFound', { n: n(list.matching), q: list.query })
    : list.matching > list.shown.length
      ? t('whereShowing', { shown: n(list.shown.length), n: n(list.matching) })
      : '';
  return (
    <div class="where" id="noi-nop">
      <p>{t('whereIntro', { n: n(list.total) })}</p>
      {list.own && <p class="hint">{t('whereOwnFrom', { name: list.own.agency.name })}</p>}
      <form class="where-search" method="get" action={`${action}#noi-nop`} role="search" aria-label={t('whereTitle')}>
        <SearchBox id={`where-q-${service.code}`} label={t('whereSearchLabel')} button={t('whereSearchButton')} value={list.query} />
      </form>
      <p class="where-summary" aria-live="polite">
        {summary}
        {list.query && (
          <>
            {' '}
            <a href={`${action}#noi-nop`}>{t('whereAll')}</a>
          </>
        )}
      </p>
      <ol class="where-list" aria-label={t('whereListLabel')}>
        {list.shown.map((i) => {
          const own = list.own?.agency.code === i.agency.code;
          const takes = i.online && i.level >= 3;
          return (
            <li key={i.agency.code} class={own ? 'where-own' : undefined}>
              <H lang={vi}>
                {i.agency.name}
                {own && (
                  <>
                    {' '}
                    <span class="tag" lang={vi && locale}>
                      {t('whereOwn')}
                    </span>
                  </>
                )}
              </H>
              <Facts
                class="where-facts"
                items={[
                  (i.receivingAddress ?? i.agency.address) && { term: t('whereAddress'), value: i.receivingAddress ?? i.agency.address, lang: vi },
                  i.openingHours && { term: t('whereHours'), value: i.openingHours, lang: vi },
                  { term: t('whereTimeLimit'), value: t('whereDays', { n: i.timeLimitDays }) },
                ]}
              />
              {!i.online ? (
                <p class="where-offline">{i.offlineReason ? t('whereOfflineReason', { reason: i.offlineReason }) : t('whereOffline')}</p>
              ) : i.level < 3 ? (
                <p class="hint">{t('whereLevel')}</p>
              ) : (
                applyHref &&
                takes && (
                  <p>
                    <a class="button-link" href={applyHref(i.agency.code)}>
                      {t('whereChoose')}
                      <span class="visually-hidden" lang={vi}>
                        {' — '}
                        {i.agency.name}
                      </span>
                    </a>
                  </p>
                )
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** The step before the e-form: choose where to apply. */
export function WherePage(props: Omit<WhereListProps, 'headingLevel'>) {
  const { ctx, service } = props;
  return (
    <Layout ctx={ctx} title={`${ctx.t('whereTitle')} — ${shorten(service.name, 80)}`} description={ctx.t('whereIntro', { n: formatNumber(props.list.total, ctx.locale) })}>
      <CatalogBreadcrumbs last={{ href: `/dich-vu-cong/${service.code}`, label: shorten(service.name, 80) }} />
      <h1>{ctx.t('whereTitle')}</h1>
      <p class="lead" lang={viLang(ctx.locale)}>
        {service.name}
      </p>
      <WhereList {...props} headingLevel={2} />
    </Layout>
  );
}

/** The "Nộp tại" section of a service's page. */
export function WhereSection(props: Omit<WhereListProps, 'headingLevel'>) {
  return (
    <section class="where-section" aria-labelledby="where-heading">
      <h2 id="where-heading">{props.ctx.t('whereHeading')}</h2>
      <WhereList {...props} headingLevel={3} />
    </section>
  );
}
