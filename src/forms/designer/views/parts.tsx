// What every page of the form designer shares: its layout and breadcrumbs, a labelled select,
// the stale-draft notice, and the status of a form in words.
import type { ComponentChildren } from 'preact';
import { Breadcrumbs } from '../../../web/components/breadcrumbs.tsx';
import { ErrorPrefix, type FieldErrors } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/components/layout.tsx';
import { noticeTime } from '../../../web/format.ts';
import type { PageContext } from '../../../web/page-context.ts';
import type { FieldChange } from '../diff.ts';

export const DESIGNER = '/quan-tri/bieu-mau';
export const DESIGNER_STYLE = '/assets/thiet-ke-bieu-mau.css';

export const formPath = (formId: string, rest = '') => `${DESIGNER}/${encodeURIComponent(formId)}${rest}`;

/** The designer's pages: Trang chủ › Trang quản trị › Thiết kế biểu mẫu › (the form) › (the page). */
export function DesignerLayout({ ctx, title, form, children }: { ctx: PageContext; title: string; form?: { id: string; title: string }; children: ComponentChildren }) {
  const { t } = ctx;
  const crumbs = [{ href: '/', label: t('menuHome') }, { href: '/quan-tri', label: t('fdAdmin') }];
  // The list itself ends the trail with its own name, not a link to itself and the name again.
  if (form || title !== t('fdTitle')) crumbs.push({ href: DESIGNER, label: t('fdTitle') });
  if (form && title !== form.title) crumbs.push({ href: formPath(form.id), label: form.title });
  return (
    <Layout ctx={ctx} title={title} description={t('fdDescription')} styles={[DESIGNER_STYLE]}>
      <Breadcrumbs items={[...crumbs, { label: title }]} />
      {children}
    </Layout>
  );
}

/** A select with its label, hint and error, as the portal's other fields draw them. */
export function Select({ name, label, options, value, errors = {}, hint }: { name: string; label: string; options: { value: string; label: string }[]; value?: string; errors?: FieldErrors; hint?: string }) {
  const id = `f-${name}`;
  const error = errors[name];
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          <ErrorPrefix />
          {error}
        </p>
      )}
      <select id={id} name={name} aria-describedby={described} aria-invalid={error ? 'true' : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Someone saved the draft since this page was opened: when, and what changed, if known. */
export interface Stale {
  revision: number;
  at: Date;
  /** What changed in what the person was editing; undefined when it cannot be told. */
  changes?: FieldChange[];
}

export function StaleNotice({ ctx, stale }: { ctx: PageContext; stale: Stale }) {
  const { t } = ctx;
  return (
    <div class="error-summary" role="alert" aria-labelledby="stale-title" tabIndex={-1}>
      <h2 id="stale-title">{t('fdStaleTitle', { time: noticeTime(stale.at) })}</h2>
      <p>{t('fdStaleBody', { revision: stale.revision })}</p>
      {stale.changes && (stale.changes.length ? <ChangeList ctx={ctx} changes={stale.changes} intro={t('fdStaleChanged')} /> : <p>{t('fdStaleNothing')}</p>)}
    </div>
  );
}

export function ChangeList({ ctx, changes, intro }: { ctx: PageContext; changes: FieldChange[]; intro?: string }) {
  const { t } = ctx;
  const tag = { added: t('fdAdded'), removed: t('fdRemoved'), changed: t('fdChanged') };
  return (
    <>
      {intro && <p>{intro}</p>}
      <ul class="fd-changes">
        {changes.map((c) => (
          <li key={`${c.kind}-${c.ref}`}>
            <strong class={`fd-tag fd-tag-${c.kind}`}>{tag[c.kind]}</strong> “{c.label}” <span class="fd-ref">({c.ref})</span>
            {c.details.length > 0 && `: ${c.details.join('; ')}`}
          </li>
        ))}
      </ul>
    </>
  );
}
