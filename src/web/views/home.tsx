import { Layout } from '../components/layout.tsx';
import { Facts } from '../components/facts.tsx';
import { SearchBox } from '../components/search-box.tsx';
import type { PageContext } from '../page-context.ts';
import { viLang } from '../components/locale.tsx';

/** What the home page shows from the domain modules (given by app.ts). */
export interface HomeData {
  year: number;
  /** The most used services; `by` says whether by this year's applications or, without any, level 4. */
  popular: { by: 'use' | 'level4'; items: { code: string; name: string; count?: number }[] };
  /** Life events the catalog has services for: the search each stands for, and how many it finds. */
  lifeEvents: { query: string; label: string; count: number; bundle?: string }[];
  /** The catalog's sectors and its largest fields, each with its number of services. */
  sectors: { value: string; label: string; count: number }[];
  fields: { value: string; label: string; count: number }[];
  figures: { received: number; resolved: number; onTimeRate: number | null };
}

const num = (x: number) => x.toLocaleString('vi-VN');
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);

/** Where to find more help, in the order the home page lists them. */
const HELP_LINKS = [
  ['/huong-dan', 'homeGuidanceLink'],
  ['/hoi-dap', 'homeFaqLink'],
  ['/phan-anh-kien-nghi', 'homeFeedbackLink'],
  ['/tra-cuu', 'homeLookup'],
] as const;

/** The catalog's sectors or fields, each a link to its services with their number. */
function FacetBox({ ctx, id, heading, param, facets }: { ctx: PageContext; id: string; heading: string; param: 'sector' | 'field'; facets: HomeData['fields'] }) {
  return (
    <nav class="home-box" aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      <ul class="home-facets">
        {facets.map((f) => (
          <li key={f.value}>
            <a href={`/dich-vu-cong?${param}=${encodeURIComponent(f.value)}`} lang={viLang(ctx.locale)}>
              {f.label}
            </a> <span class="home-count">({num(f.count)} {ctx.t('homeServicesCount')})</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function HomePage({ ctx, data }: { ctx: PageContext; data?: HomeData }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('homeTitle')} description={t('homeDescription')}>
      <section class="hero" aria-labelledby="home-heading">
        <h1 id="home-heading" lang={viLang(ctx.locale)}>
          {ctx.portal.portalName}
        </h1>
        <p class="lead">{t('homeLead')}</p>
        <form class="hero-search" action="/dich-vu-cong" method="get">
          <SearchBox id="home-q" label={t('searchLabel')} button={t('searchButton')} placeholder={t('searchPlaceholder')} />
        </form>
      </section>

      <div class="home-grid">
        <section class="home-box home-lookup" aria-labelledby="lookup-heading">
          <h2 id="lookup-heading">{t('homeLookupHeading')}</h2>
          <p>{t('homeLookupIntro')}</p>
          <form action="/tra-cuu" method="get">
            <div class="field">
              <label for="home-code">{t('homeLookupCode')}</label>
              <input id="home-code" name="code" maxLength={60} autocomplete="off" />
            </div>
            <div class="field">
              <label for="home-check">{t('homeLookupCheck')}</label>
              <input id="home-check" name="check" type="password" maxLength={4} inputMode="numeric" autocomplete="off" />
            </div>
            <button type="submit" class="button">
              {t('homeLookupButton')}
            </button>
          </form>
        </section>

        {data && (
          <section class="home-box home-figures" aria-labelledby="figures-heading">
            <h2 id="figures-heading">
              {t('homeFiguresHeading')} {data.year}
            </h2>
            <Facts
              class="stat-facts"
              items={[
                { term: t('homeFiguresReceived'), value: num(data.figures.received) },
                { term: t('homeFiguresResolved'), value: num(data.figures.resolved) },
                { term: t('homeFiguresOnTime'), value: pct(data.figures.onTimeRate) },
              ]}
            />
            <p>
              <a href="/thong-ke">{t('homeFiguresMore')}</a>
            </p>
          </section>
        )}
      </div>

      {data && data.popular.items.length > 0 && (
        <section aria-labelledby="popular-heading">
          <h2 id="popular-heading">{t('homePopularHeading')}</h2>
          <p class="hint">{data.popular.by === 'use' ? t('homePopularByUse') : t('homePopularLevel4')}</p>
          <ul class="home-services">
            {data.popular.items.map((s) => (
              <li key={s.code}>
                <a href={`/dich-vu-cong/${s.code}`} lang={viLang(ctx.locale)}>
                  {s.name}
                </a>
                {s.count !== undefined && (
                  <span class="home-count">
                    {' '}
                    ({num(s.count)} {t('homeApplications')})
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {data && data.lifeEvents.length > 0 && (
        <nav class="home-box home-events" aria-labelledby="events-heading">
          <h2 id="events-heading">{t('homeByLifeEvent')}</h2>
          <ul class="home-facets">
            {data.lifeEvents.map((e) => (
              <li key={e.query}>
                <a href={`/dich-vu-cong?q=${encodeURIComponent(e.query)}`}>{e.label}</a> <span class="home-count">({num(e.count)} {t('homeServicesCount')})</span>
                {e.bundle && (
                  <>
                    {' · '}
                    <a href={`/lien-thong/${e.bundle}`}>{t('homeBundle')}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}

      {data && data.sectors.length > 0 && (
        <section aria-labelledby="sectors-heading">
          <h2 id="sectors-heading">{t('homeBySectorHeading')}</h2>
          <div class="home-grid">
            <FacetBox ctx={ctx} id="sectors-list-heading" heading={t('homeBySector')} param="sector" facets={data.sectors} />
            <FacetBox ctx={ctx} id="fields-list-heading" heading={t('homeByField')} param="field" facets={data.fields} />
          </div>
        </section>
      )}

      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t('homeStepsHeading')}</h2>
        <ol class="steps">
          <li>{t('homeStep1')}</li>
          <li>{t('homeStep2')}</li>
          <li>{t('homeStep3')}</li>
          <li>{t('homeStep4')}</li>
        </ol>
        <p>
          <a class="button-link" href="/dich-vu-cong">
            {t('homeBrowse')}
          </a>
        </p>
      </section>

      <section aria-labelledby="help-heading">
        <h2 id="help-heading">{t('homeMoreHeading')}</h2>
        <ul class="home-help">
          {HELP_LINKS.map(([href, key]) => (
            <li key={href}>
              <a href={href}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
