// What a service's page shows from the statistics: the Art. 11.3 figures of this year, the table
// of satisfaction by criterion (also on the dashboard), the most-viewed questions, the guidance.
import { DataTable } from '../../web/components/data-table.tsx';
import { Facts } from '../../web/components/facts.tsx';
import { useLocale, viLang } from '../../web/components/locale.tsx';
import { shorten } from '../../web/format.ts';
import { CRITERIA, LEVELS } from '../model.ts';
import type { Figures, ServiceStatistics } from '../stats.ts';
import { CRITERION_KEYS, LEVEL_KEYS, numIn, pctIn } from './figures.ts';

/** Each criterion by level of satisfaction, in a table that scrolls on a phone. */
export function SatisfactionTable({ s, caption }: { s: Figures['satisfaction']; caption: string }) {
  const { t, locale } = useLocale();
  const num = (x: number) => numIn(x, locale);
  return (
    <DataTable caption={caption} region={caption} rows={CRITERIA} rowKey={(c) => c} columns={[
      { header: t('satisfactionCriterion'), cell: (c) => t(CRITERION_KEYS[c]) },
      ...LEVELS.map((l) => ({ header: t(LEVEL_KEYS[l]), cell: (c: (typeof CRITERIA)[number]) => num(s[c][l]) })),
      { header: t('satisfactionCount'), cell: (c) => num(s[c].total) },
      { header: t('satisfactionRate'), cell: (c) => pctIn(s[c].satisfiedRate, locale) },
    ]} />
  );
}

/** Art. 11.3 on a level-3/4 service's page: this year to date. */
export function ServiceFigures({ s }: { s: ServiceStatistics }) {
  const { t, locale } = useLocale();
  const num = (x: number) => numIn(x, locale);
  const pct = (x: number | null) => pctIn(x, locale);
  return (
    <section aria-labelledby="so-lieu">
      <h2 id="so-lieu">{t('serviceFiguresHeading', { year: s.year })}</h2>
      <Facts class="service-facts stat-facts" items={[
        { term: t('serviceFiguresReceived'), value: num(s.onlineReceived) },
        { term: t('serviceFiguresResolved'), value: num(s.onlineResolved) },
        { term: t('serviceFiguresOnTime'), value: pct(s.onTimeRate) },
        { term: t('serviceFiguresTotal'), value: t('serviceFiguresSplit', { total: num(s.totalReceived), online: num(s.onlineReceived), offline: num(s.counterReceived + s.offlineReceived) }) },
      ]} />
      <SatisfactionTable s={s.satisfaction} caption={t('serviceSatisfactionCaption', { year: s.year })} />
    </section>
  );
}

export function ServiceFaq({ code, items }: { code: string; items: { id: number; question: string; views: number }[] }) {
  const { t, locale } = useLocale();
  return (
    <section aria-labelledby="hoi-dap">
      <h2 id="hoi-dap">{t('serviceFaqHeading')}</h2>
      {items.length === 0 ? (
        <p>{t('serviceFaqNone')}</p>
      ) : (
        <ul lang={viLang(locale)}>
          {items.map((e) => (
            <li key={e.id}>
              <a href={`/hoi-dap/${e.id}`}>{shorten(e.question, 160)}</a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/hoi-dap?dich-vu=${code}`}>{t('serviceFaqAll')}</a> · <a href={`/hoi-dap/dat-cau-hoi?dich-vu=${code}`}>{t('serviceFaqAsk')}</a>
      </p>
    </section>
  );
}

export function GuidanceLinks({ items }: { items: { slug: string; title: string }[] }) {
  const { t, locale } = useLocale();
  if (!items.length) return null;
  return (
    <nav class="guidance-links" aria-labelledby="huong-dan-links">
      <h2 id="huong-dan-links">{t('serviceGuidanceHeading')}</h2>
      <ul lang={viLang(locale)}>
        {items.map((g) => (
          <li key={g.slug}>
            <a href={`/huong-dan/${g.slug}`}>{g.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
