// /quan-tri/bieu-mau/<form>: the outline of the form being designed — its steps, sections, fields
// and repeating groups — each with plain buttons to edit, move up or down and remove (no JavaScript,
// no dragging), the forms to add a step or a section, and the way to preview, print and publish.
import { PostButton } from '../../../web/components/post-button.tsx';
import { CsrfField, ErrorSummary, Field, Notice, type FieldErrors } from '../../../web/components/form.tsx';
import { noticeTime } from '../../../web/format.ts';
import type { PageContext } from '../../../web/page-context.ts';
import { FIELD_KINDS } from '../../fields/index.ts';
import { FIELD_TYPES, type Field as FormField, type FormDefinition } from '../../model.ts';
import type { Working } from '../working.ts';
import { DesignerLayout, formPath, Select, StaleNotice, type Stale } from './parts.tsx';

export const typeOptions = (types: readonly string[] = FIELD_TYPES) => types.map((t) => ({ value: t, label: FIELD_KINDS[t as FormField['type']].label }));

/** The buttons of one item of the outline: each a POST of one operation, naming which item for a screen reader. */
function Ops({ ctx, w, target, kind, name, first, last }: { ctx: PageContext; w: Working; target: string; kind: 'section' | 'field' | 'step'; name: string; first: boolean; last: boolean }) {
  const { t } = ctx;
  const action = formPath(w.formId, '/thao-tac');
  const hidden = { revision: w.revision ?? '', target };
  const which = <span class="visually-hidden"> “{name}”</span>;
  return (
    <span class="fd-ops">
      {!first && (
        <PostButton action={action} csrfToken={ctx.csrfToken} hidden={{ ...hidden, op: `${kind}-up` }} variant="secondary" inline>
          {t('fdUp')}
          {which}
        </PostButton>
      )}
      {!last && (
        <PostButton action={action} csrfToken={ctx.csrfToken} hidden={{ ...hidden, op: `${kind}-down` }} variant="secondary" inline>
          {t('fdDown')}
          {which}
        </PostButton>
      )}
      <PostButton action={action} csrfToken={ctx.csrfToken} hidden={{ ...hidden, op: `${kind}-remove` }} variant="danger" inline>
        {t('fdRemove')}
        {which}
      </PostButton>
    </span>
  );
}

function FieldLine({ ctx, w, field, refName, first, last }: { ctx: PageContext; w: Working; field: FormField; refName: string; first: boolean; last: boolean }) {
  const { t } = ctx;
  const tags = [FIELD_KINDS[field.type].label, field.required && t('fdRequiredTag'), (field.showIf || field.requireIf) && t('fdConditional'), field.type === 'attachment' && field.component].filter(Boolean);
  return (
    <li>
      <span class="fd-item">
        <a href={formPath(w.formId, `/truong/${encodeURIComponent(refName)}`)}>
          {field.label}
          <span class="visually-hidden"> — {t('fdEdit')}</span>
        </a>{' '}
        <span class="fd-meta">({tags.join(', ')})</span>
      </span>
      <Ops ctx={ctx} w={w} target={refName} kind="field" name={field.label} first={first} last={last} />
      {field.type === 'group' && (
        <ol class="fd-fields fd-group">
          {field.fields.map((g, j) => (
            <FieldLine key={g.id} ctx={ctx} w={w} field={g} refName={`${field.id}.${g.id}`} first={j === 0} last={j === field.fields.length - 1} />
          ))}
        </ol>
      )}
    </li>
  );
}

function StepsPart({ ctx, w, def, errors, values }: { ctx: PageContext; w: Working; def: FormDefinition; errors: FieldErrors; values: Record<string, string> }) {
  const { t } = ctx;
  const steps = def.steps ?? [];
  const title = (id: string) => def.sections.find((s) => s.id === id)?.title ?? id;
  return (
    <section aria-labelledby="fd-steps">
      <h2 id="fd-steps">{t('fdSteps')}</h2>
      {steps.length === 0 && <p>{t('fdStepsNone')}</p>}
      <ol class="fd-steps">
        {steps.map((st, k) => (
          <li key={st.id}>
            <form method="post" action={formPath(w.formId, `/buoc/${encodeURIComponent(st.id)}`)} class="fd-inline-edit">
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="revision" value={String(w.revision ?? '')} />
              <label for={`f-step-${st.id}`}>
                {t('fdStepTitle')} {k + 1}
              </label>
              <input id={`f-step-${st.id}`} name="title" value={st.title} maxLength={200} />
              <button type="submit" class="button button-secondary">
                {t('fdRename')}
                <span class="visually-hidden"> “{st.title}”</span>
              </button>
            </form>
            <span class="fd-meta">{st.sections.map(title).join(' · ')}</span>
            <Ops ctx={ctx} w={w} target={st.id} kind="step" name={st.title} first={k === 0} last={k === steps.length - 1} />
          </li>
        ))}
      </ol>
      <h3>{t('fdAddStep')}</h3>
      <form method="post" action={formPath(w.formId, '/buoc')} class="form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="revision" value={String(w.revision ?? '')} />
        <Field name="stepTitle" label={t('fdStepTitle')} value={values.stepTitle} errors={errors} required />
        <Select name="stepAt" label={t('fdStepStart')} options={def.sections.map((s) => ({ value: s.id, label: s.title }))} value={values.stepAt} errors={errors} />
        <button type="submit" class="button button-secondary">
          {t('fdAddStep')}
        </button>
      </form>
    </section>
  );
}

export interface EditorProps {
  ctx: PageContext;
  w: Working;
  errors?: FieldErrors;
  values?: Record<string, string>;
  notice?: string;
  /** Several lines to read first (what a paper form gave). */
  notes?: string[];
  stale?: Stale;
}

export function EditorPage({ ctx, w, errors = {}, values = {}, notice, notes, stale }: EditorProps) {
  const { t } = ctx;
  const def = w.doc;
  const status = [
    w.published && `${t('fdStatusPublished')}: ${t('fdVersionV', { v: w.published.version })}`,
    w.draft && `${t('fdStatusDraft')}: ${t('fdVersionV', { v: w.draft.version })}, ${t('fdRevision', { revision: w.draft.revision, time: noticeTime(w.draft.updatedAt) })}`,
    !w.published && !w.draft && t('fdStatusRetired'),
  ].filter(Boolean);
  return (
    <DesignerLayout ctx={ctx} title={def.title} form={{ id: w.formId, title: def.title }}>
      <h1>{def.title}</h1>
      <p class="fd-meta">
        {w.formId} · {def.services.join(', ')}
      </p>
      {stale && <StaleNotice ctx={ctx} stale={stale} />}
      <ErrorSummary errors={errors} />
      {notice && (
        <Notice>
          <p>{notice}</p>
        </Notice>
      )}
      {notes && (
        <Notice>
          <ul class="fd-notes">
            {notes.map((n, i) => (
              <li key={i}>{n.trim()}</li>
            ))}
          </ul>
        </Notice>
      )}
      <ul class="fd-status">
        {status.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <ul class="fd-actions">
        <li>
          <a href={formPath(w.formId, '/xem-truoc')}>{t('fdPreview')}</a>
        </li>
        <li>
          <a href={formPath(w.formId, '/ban-in.pdf')}>{t('fdPrintPreview')}</a>
        </li>
        <li>
          <a href={formPath(w.formId, '/json')}>{t('fdJson')}</a>
        </li>
        <li>
          <a href={formPath(w.formId, '/cong-bo')}>
            {t('fdPublish')} / {t('fdRetire')}
          </a>
        </li>
      </ul>
      <StepsPart ctx={ctx} w={w} def={def} errors={errors} values={values} />
      <section aria-labelledby="fd-sections">
        <h2 id="fd-sections">{t('fdSections')}</h2>
        {def.sections.map((s, i) => (
          <section key={s.id} class="fd-section" aria-labelledby={`fd-s-${s.id}`}>
            <h3 id={`fd-s-${s.id}`}>
              {t('fdSection')} {i + 1}: {s.title}
            </h3>
            <div class="fd-section-ops">
              <a href={formPath(w.formId, `/phan/${encodeURIComponent(s.id)}`)}>
                {t('fdEdit')} / {t('fdAddField')}
                <span class="visually-hidden"> — “{s.title}”</span>
              </a>{' '}
              <Ops ctx={ctx} w={w} target={s.id} kind="section" name={s.title} first={i === 0} last={i === def.sections.length - 1} />
            </div>
            <ol class="fd-fields">
              {s.fields.map((f, j) => {
                // A field at a section's edge moves into the next section, unless it is its section's only one.
                const alone = s.fields.length === 1;
                return <FieldLine key={f.id} ctx={ctx} w={w} field={f} refName={f.id} first={j === 0 && (i === 0 || alone)} last={j === s.fields.length - 1 && (i === def.sections.length - 1 || alone)} />;
              })}
            </ol>
          </section>
        ))}
      </section>
      <section aria-labelledby="fd-add-section">
        <h2 id="fd-add-section">{t('fdAddSection')}</h2>
        <form method="post" action={formPath(w.formId, '/phan')} class="form-narrow" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="revision" value={String(w.revision ?? '')} />
          <Field name="title" label={t('fdSectionTitle')} value={values.title} errors={errors} required />
          <Field name="help" label={t('fdSectionHelp')} value={values.help} errors={errors} maxLength={1000} />
          <Select name="type" label={`${t('fdFirstField')}: ${t('fdFieldType')}`} options={typeOptions()} value={values.type ?? 'text'} errors={errors} />
          <Field name="label" label={`${t('fdFirstField')}: ${t('fdFieldLabel')}`} value={values.label} errors={errors} required maxLength={500} />
          <button type="submit" class="button button-secondary">
            {t('fdAddSection')}
          </button>
        </form>
      </section>
    </DesignerLayout>
  );
}
