import { DataTable } from '../../web/components/data-table.tsx';
import type { VNode } from 'preact';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { downloadFileName } from '../downloads/index.ts';
import { noticeTime, shorten } from '../../web/format.ts';
import { adminLevelName, levelExplained, levelName, methodName, type Service } from '../model.ts';
import { CatalogBreadcrumbs } from '../../web/components/breadcrumbs.tsx';
import { KeepVi, viLang } from '../../web/components/locale.tsx';
import { formatNumber } from '../../web/i18n.ts';

const money = (n: number, ctx: PageContext) => (n === 0 ? ctx.t('serviceFree') : ctx.t('serviceAmount', { n: formatNumber(n, ctx.locale) }));

/** schema.org GovernmentService, so search engines understand the page (C5). */
function jsonLd(s: Service, publicUrl: string): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    name: s.name,
    identifier: s.code,
    serviceType: `${s.sector} — ${s.field}`,
    provider: { '@type': 'GovernmentOrganization', name: s.agencyName },
    url: `${publicUrl}/dich-vu-cong/${s.code}`,
    availableChannel: { '@type': 'ServiceChannel', serviceUrl: `${publicUrl}/dich-vu-cong/${s.code}` },
  };
  // Inside <script>, "<" must not appear: "</script>" in a name would end the block.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/** A link to a form's file; screen readers hear the form's name too, since each form has the same links. */
function FormFile({ service, form, ext, label, lang }: { service: string; form: Service['forms'][number]; ext: 'docx' | 'pdf' | 'doc'; label: string; lang?: string }) {
  return (
    <a href={`/dich-vu-cong/${service}/mau/${downloadFileName(form, ext)}`} download>
      {label}
      <span class="visually-hidden" lang={lang}>
        {' — '}
        {form.name}
      </span>
    </a>
  );
}

/** Every place implementing the service is offline: until when (null: until reopened) and why, as citizens read it. */
export interface ServiceOffline {
  until: Date | null;
  reasons: string[];
}

/** The notice when no place takes online applications now: the latest end among them (null if any is open-ended) and their reasons. */
export function offlineEverywhere(places: readonly { online: boolean; offlineUntil: Date | null; offlineReason: string | null }[]): ServiceOffline | undefined {
  if (!places.length || places.some((p) => p.online)) return undefined;
  const ends = places.map((p) => p.offlineUntil);
  const until = ends.some((e) => !e) ? null : new Date(Math.max(...ends.map((e) => e!.getTime())));
  return { until, reasons: [...new Set(places.map((p) => p.offlineReason).filter((r): r is string => !!r))] };
}

export function ServicePage({ ctx, service: s, publicUrl, eform, sections = {}, offline }: { ctx: PageContext; service: Service; publicUrl: string; eform?: 'own' | 'default'; sections?: { lead?: VNode; more?: VNode }; offline?: ServiceOffline }) {
  const { t, locale } = ctx;
  // Catalog data stays as published, in Vietnamese: marked so a screen reader reads it as such.
  const vi = viLang(locale);
  const description = shorten(t('serviceDescription', { name: s.name, code: s.code, level: levelName(s.level, locale), limit: s.timeLimitText, agency: s.agencyName }), 300);
  return (
    <Layout ctx={ctx} title={s.name} description={description}>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(s, publicUrl) }} />
      <CatalogBreadcrumbs last={{ href: `/dich-vu-cong?sector=${encodeURIComponent(s.sector)}`, label: s.sector }} />
      <h1 class="service-title" lang={vi}>
        {s.name}
      </h1>
      {vi && <p class="hint">{t('namesAsPublished')}</p>}
      <div class={`level-box level-${s.level}`}>
        <p>
          <strong>{levelName(s.level, locale)}</strong>
        </p>
        <p>{levelExplained(s.level, locale)}</p>
        {offline && (
          <div class="notice-box" role="status">
            <p>{offline.until ? t('serviceOfflineUntil', { until: noticeTime(offline.until) }) : t('serviceOffline')}</p>
            {offline.reasons.map((r) => (
              <p key={r} lang={vi}>
                {t('serviceOfflineReason', { reason: r })}
              </p>
            ))}
          </div>
        )}
        {eform && !offline && (
          <p>
            <a class="button-link" href={`/dich-vu-cong/${s.code}/to-khai`}>
              {t('serviceApply')}
            </a>
          </p>
        )}
        {eform && <p class="hint">{t(eform === 'own' ? 'serviceEFormOwn' : 'serviceEFormDefault')}</p>}
      </div>
      {sections.lead}
      <Facts
        class="service-facts"
        items={[
          { term: t('serviceCode'), value: s.code },
          { term: t('serviceSectorField'), value: <>{s.sector} — {s.field}</>, lang: vi },
          { term: t('serviceAdminLevel'), value: adminLevelName(s.adminLevel, locale) },
          { term: t('serviceReceiver'), value: s.agencyName, lang: vi },
          { term: t('serviceDecider'), value: s.decidingAgency, lang: vi },
          { term: t('serviceTimeLimit'), value: s.timeLimitText, lang: vi },
          { term: t('serviceApplicants'), value: s.applicants, lang: vi },
          { term: t('serviceResult'), value: s.result, lang: vi },
        ]}
      />

      <h2>{t('serviceSteps')}</h2>
      <ol class="steps" lang={vi}>
        {s.steps.map((step, i) => (
          <li key={i}>{step.replace(/^Bước \d+:\s*/, '')}</li>
        ))}
      </ol>

      <h2>{t('serviceMethods')}</h2>
      <ul>
        {s.methods.map((m) => (
          <li key={m}>{t('serviceSubmitBy', { method: methodName(m, locale) })}</li>
        ))}
        {s.resultMethods.map((m) => (
          <li key={'r' + m}>{t('serviceReceiveBy', { method: methodName(m, locale) })}</li>
        ))}
      </ul>

      <h2>{t('serviceDossier')}</h2>
      <DataTable
        caption={t('serviceDossierCaption', { n: s.dossierCount })}
        class="counts"
        rows={s.components}
        rowKey={(c) => c.id}
        columns={[
          { header: t('serviceDocument'), cell: (c) => c.name, lang: vi },
          { header: t('serviceOriginals'), cell: (c) => c.original },
          { header: t('serviceCopies'), cell: (c) => c.copy },
        ]}
      />

      <h2>{t('serviceFees')}</h2>
      {s.fees.length === 0 ? (
        <p>{t('serviceNoFees')}</p>
      ) : (
        <ul>
          {s.fees.map((f, i) => (
            <li key={i}>
              <KeepVi>{f.description}</KeepVi>: {money(f.amount, ctx)}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('serviceForms')}</h2>
      {s.forms.length === 0 ? (
        <p>{t('serviceNoForms')}</p>
      ) : (
        <ul class="forms">
          {s.forms.map((f) => (
            <li key={f.code}>
              <KeepVi>{f.name}</KeepVi>:{' '}
              <FormFile service={s.code} form={f} ext="docx" label={t('serviceFormDocx')} lang={vi} />
              {' · '}
              <FormFile service={s.code} form={f} ext="pdf" label={t('serviceFormPdf')} lang={vi} />
              {f.official?.ext === 'doc' && (
                <>
                  {' · '}
                  <FormFile service={s.code} form={f} ext="doc" label={t('serviceFormDoc')} lang={vi} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('serviceRequirements')}</h2>
      <p lang={vi}>{s.requirements}</p>

      <h2>{t('serviceLegalBasis')}</h2>
      <ul lang={vi}>
        {s.legalBasis.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      {s.publicationDecision && (
        <p>
          <strong>{t('servicePublication')}</strong> <KeepVi>{s.publicationDecision}</KeepVi>
        </p>
      )}
      {sections.more}
    </Layout>
  );
}
