// /quan-tri/bieu-mau/<form>/phan/<section>: a section's title and guidance, and the form that adds a
// field to it (or to one of its repeating groups), its type chosen from the field types' registry.
import { Checkbox, CsrfField, ErrorSummary, Field, TextArea, type FieldErrors } from '../../../web/components/form.tsx';
import type { PageContext } from '../../../web/page-context.ts';
import { FIELD_KINDS } from '../../fields/index.ts';
import type { Section } from '../../model.ts';
import type { Working } from '../working.ts';
import { typeOptions } from './editor.tsx';
import { DesignerLayout, formPath, Select, StaleNotice, type Stale } from './parts.tsx';

/** Every field type with its Vietnamese name and what it is for (from the field types' modules). */
export function TypeGuide({ ctx }: { ctx: PageContext }) {
  return (
    <details class="fd-types">
      <summary>{ctx.t('fdTypes')}</summary>
      <dl>
        {Object.entries(FIELD_KINDS).map(([type, kind]) => (
          <div key={type}>
            <dt>
              {kind.label} <span class="fd-ref">({type})</span>
            </dt>
            <dd>{kind.help}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The dossier components of the form's service, to choose the one an attachment field receives. */
export type Components = { id: string; name: string }[];

export function SectionPage({ ctx, w, section, components, errors = {}, values = {}, stale }: { ctx: PageContext; w: Working; section: Section; components: Components; errors?: FieldErrors; values?: Record<string, string>; stale?: Stale }) {
  const { t } = ctx;
  const groups = section.fields.filter((f) => f.type === 'group');
  const revision = <input type="hidden" name="revision" value={String(w.revision ?? '')} />;
  const base = formPath(w.formId, `/phan/${encodeURIComponent(section.id)}`);
  return (
    <DesignerLayout ctx={ctx} title={`${t('fdSection')}: ${section.title}`} form={{ id: w.formId, title: w.doc.title }}>
      <h1>
        {t('fdSection')}: {section.title}
      </h1>
      {stale && <StaleNotice ctx={ctx} stale={stale} />}
      <ErrorSummary errors={errors} />
      <p>
        <a href={formPath(w.formId)}>{t('fdBack')}</a>
      </p>
      <form method="post" action={base} class="form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {revision}
        <Field name="sectionTitle" label={t('fdSectionTitle')} value={values.sectionTitle ?? section.title} errors={errors} required />
        <TextArea name="sectionHelp" label={t('fdSectionHelp')} value={values.sectionHelp ?? section.help ?? ''} errors={errors} maxLength={1000} rows={2} />
        <button type="submit" class="button button-secondary">
          {t('fdSave')}
        </button>
      </form>
      <h2 id="fd-add-field">{t('fdAddFieldTo', { title: section.title })}</h2>
      <TypeGuide ctx={ctx} />
      <form method="post" action={`${base}/truong`} class="form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {revision}
        {groups.length > 0 && (
          <Select name="group" label={t('fdInGroup')} options={[{ value: '', label: t('fdTopLevel') }, ...groups.map((g) => ({ value: g.id, label: t('fdGroupOf', { label: g.label }) }))]} value={values.group} errors={errors} />
        )}
        <Select name="type" label={t('fdFieldType')} options={typeOptions()} value={values.type ?? 'text'} errors={errors} />
        <Field name="label" label={t('fdFieldLabel')} value={values.label} errors={errors} required maxLength={500} />
        <Field name="id" label={t('fdFieldId')} hint={t('fdFieldIdHint')} value={values.id} errors={errors} maxLength={64} />
        <TextArea name="help" label={t('fdFieldHelp')} value={values.help} errors={errors} maxLength={1000} rows={2} />
        <Checkbox name="required" label={t('fdFieldRequired')} checked={values.required === 'true'} errors={errors} />
        <TextArea name="options" label={`${t('fdOptions')} (${FIELD_KINDS.choice.label}, ${FIELD_KINDS.multichoice.label})`} hint={t('fdOptionsHint')} value={values.options} errors={errors} maxLength={20000} rows={3} />
        {components.length > 0 ? (
          <Select name="component" label={`${t('fdComponent')} (${FIELD_KINDS.attachment.label})`} options={[{ value: '', label: '—' }, ...components.map((c) => ({ value: c.id, label: c.name }))]} value={values.component} errors={errors} />
        ) : (
          <Field name="component" label={`${t('fdComponent')} (${FIELD_KINDS.attachment.label})`} value={values.component} errors={errors} maxLength={200} />
        )}
        <button type="submit" class="button">
          {t('fdAddField')}
        </button>
      </form>
    </DesignerLayout>
  );
}
