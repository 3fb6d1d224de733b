// /quan-tri/bieu-mau/<form>/truong/<field>: everything of one field on one plain form — label, type,
// help, required, options, the dossier component, a group's rows, the conditions (showIf,
// requireIf), the stored information it offers (prefill), its checks and its rules with other fields.
import { Checkbox, CsrfField, ErrorSummary, Field, TextArea, type FieldErrors } from '../../../web/components/form.tsx';
import type { PageContext } from '../../../web/page-context.ts';
import { DATA_FIELD_LABELS } from '../../data-fields.ts';
import { FIELD_KINDS } from '../../fields/index.ts';
import { COMPARISON_OPS, PREFILL_KEYS, type Field as FormField } from '../../model.ts';
import { allFields, type Place } from '../edit.ts';
import { optionsText } from '../field-body.ts';
import type { Working } from '../working.ts';
import { typeOptions } from './editor.tsx';
import { TypeGuide, type Components } from './section.tsx';
import { DesignerLayout, formPath, Select, StaleNotice, type Stale } from './parts.tsx';

const OPS = { gte: 'fdOpGte', gt: 'fdOpGt', lte: 'fdOpLte', lt: 'fdOpLt', eq: 'fdOpEq', ne: 'fdOpNe' } as const satisfies Record<(typeof COMPARISON_OPS)[number], string>;

/** The form's values of a field, as the page's inputs hold them. */
export function fieldValues(f: FormField): Record<string, string> {
  const r = f.rules ?? {};
  const v: Record<string, string> = {
    label: f.label,
    help: f.help ?? '',
    required: f.required ? 'true' : '',
    type: f.type,
    'show-field': f.showIf?.field ?? '',
    'show-values': f.showIf?.in?.join('\n') ?? '',
    'require-field': f.requireIf?.field ?? '',
    'require-values': f.requireIf?.in?.join('\n') ?? '',
    prefill: f.prefill ?? '',
  };
  if ('options' in f) v.options = optionsText(f.options);
  if (f.type === 'attachment') v.component = f.component;
  if (f.type === 'group') Object.assign(v, { itemLabel: f.itemLabel ?? '', minRows: f.minRows?.toString() ?? '', maxRows: f.maxRows?.toString() ?? '' });
  for (const key of ['minLength', 'maxLength', 'pattern', 'patternMessage', 'min', 'max', 'minDate', 'maxDate'] as const) if (r[key] !== undefined) v[`rule-${key}`] = String(r[key]);
  (r.compare ?? []).forEach((c, i) => Object.assign(v, { [`cmp-${i}-op`]: c.op, [`cmp-${i}-field`]: c.field, [`cmp-${i}-message`]: c.message ?? '' }));
  return v;
}

function ConditionInputs({ ctx, prefix, legend, targets, values, errors }: { ctx: PageContext; prefix: 'show' | 'require'; legend: string; targets: { value: string; label: string }[]; values: Record<string, string>; errors: FieldErrors }) {
  return (
    <fieldset class="fd-fieldset">
      <legend>{legend}</legend>
      <Select name={`${prefix}-field`} label={ctx.t('fdCondField')} options={[{ value: '', label: ctx.t('fdCondNone') }, ...targets]} value={values[`${prefix}-field`]} errors={errors} />
      <TextArea name={`${prefix}-values`} label={ctx.t('fdCondValues')} hint={ctx.t('fdCondValuesHint')} value={values[`${prefix}-values`]} errors={errors} rows={2} maxLength={2000} />
    </fieldset>
  );
}

export function FieldPage({ ctx, w, place, refName, components, values, errors = {}, stale }: { ctx: PageContext; w: Working; place: Place; refName: string; components: Components; values: Record<string, string>; errors?: FieldErrors; stale?: Stale }) {
  const { t } = ctx;
  const field = place.field;
  const kind = FIELD_KINDS[field.type];
  // What a condition or a rule may name: the fields of the same row first, then the form's top-level ones.
  const others = allFields(w.doc).filter((x) => x.field !== field && (x.group ? x.group === place.group : true));
  const targets = others.filter((x) => FIELD_KINDS[x.field.type].conditionTarget).map((x) => ({ value: x.field.id, label: `${x.field.label} (${x.field.id})` }));
  const comparable = others.filter((x) => FIELD_KINDS[x.field.type].compareAs !== 'none').map((x) => ({ value: x.field.id, label: `${x.field.label} (${x.field.id})` }));
  const rows = Math.max(1, ...Object.keys(values).filter((k) => /^cmp-\d+-field$/.test(k) && values[k]).map((k) => Number(k.split('-')[1]) + 2));
  const types = place.group ? typeOptions().filter((o) => FIELD_KINDS[o.value as FormField['type']].inGroup) : typeOptions();
  const title = `${field.label} (${field.id})`;
  return (
    <DesignerLayout ctx={ctx} title={title} form={{ id: w.formId, title: w.doc.title }}>
      <h1>{title}</h1>
      {stale && <StaleNotice ctx={ctx} stale={stale} />}
      <ErrorSummary errors={errors} />
      <p>
        <a href={formPath(w.formId)}>{t('fdBack')}</a>
      </p>
      <p class="hint">
        {kind.label}: {kind.help}
      </p>
      <form method="post" action={formPath(w.formId, `/truong/${encodeURIComponent(refName)}`)} class="form-narrow" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="revision" value={String(w.revision ?? '')} />
        <input type="hidden" name="seen" value={JSON.stringify(field)} />
        <Field name="label" label={t('fdFieldLabel')} value={values.label} errors={errors} required maxLength={500} />
        <Select name="type" label={t('fdFieldType')} options={types} value={values.type} errors={errors} />
        <TypeGuide ctx={ctx} />
        <TextArea name="help" label={t('fdFieldHelp')} value={values.help} errors={errors} maxLength={1000} rows={2} />
        <Checkbox name="required" label={t('fdFieldRequired')} checked={values.required === 'true'} errors={errors} />
        {(values.type === 'choice' || values.type === 'multichoice') && <TextArea name="options" label={t('fdOptions')} hint={t('fdOptionsHint')} value={values.options} errors={errors} required maxLength={20000} rows={5} />}
        {values.type === 'attachment' &&
          (components.length ? (
            <Select name="component" label={t('fdComponent')} options={components.map((c) => ({ value: c.id, label: c.name }))} value={values.component} errors={errors} />
          ) : (
            <Field name="component" label={t('fdComponent')} value={values.component} errors={errors} required />
          ))}
        {values.type === 'group' && (
          <fieldset class="fd-fieldset">
            <legend>{kind.label}</legend>
            <Field name="itemLabel" label={t('fdItemLabel')} value={values.itemLabel} errors={errors} />
            <Field name="minRows" label={t('fdMinRows')} value={values.minRows} errors={errors} inputMode="numeric" maxLength={3} />
            <Field name="maxRows" label={t('fdMaxRows')} value={values.maxRows} errors={errors} inputMode="numeric" maxLength={3} />
          </fieldset>
        )}
        <h2>{t('fdConditions')}</h2>
        <ConditionInputs ctx={ctx} prefix="show" legend={t('fdShowIf')} targets={targets} values={values} errors={errors} />
        <ConditionInputs ctx={ctx} prefix="require" legend={t('fdRequireIf')} targets={targets} values={values} errors={errors} />
        {kind.prefill && (
          <Select name="prefill" label={t('fdPrefill')} options={[{ value: '', label: t('fdPrefillNone') }, ...PREFILL_KEYS.map((k) => ({ value: k, label: DATA_FIELD_LABELS[k] }))]} value={values.prefill} errors={errors} />
        )}
        <h2>{t('fdRules')}</h2>
        <div class="fd-rules">
          <Field name="rule-minLength" label={t('fdRuleMinLength')} value={values['rule-minLength']} errors={errors} inputMode="numeric" maxLength={6} />
          <Field name="rule-maxLength" label={t('fdRuleMaxLength')} value={values['rule-maxLength']} errors={errors} inputMode="numeric" maxLength={6} />
          <Field name="rule-pattern" label={t('fdRulePattern')} value={values['rule-pattern']} errors={errors} maxLength={500} />
          <Field name="rule-patternMessage" label={t('fdRulePatternMessage')} value={values['rule-patternMessage']} errors={errors} maxLength={300} />
          <Field name="rule-min" label={t('fdRuleMin')} value={values['rule-min']} errors={errors} inputMode="decimal" maxLength={20} />
          <Field name="rule-max" label={t('fdRuleMax')} value={values['rule-max']} errors={errors} inputMode="decimal" maxLength={20} />
          <Field name="rule-minDate" label={t('fdRuleMinDate')} value={values['rule-minDate']} errors={errors} maxLength={10} />
          <Field name="rule-maxDate" label={t('fdRuleMaxDate')} value={values['rule-maxDate']} errors={errors} maxLength={10} />
        </div>
        {kind.compareAs !== 'none' &&
          Array.from({ length: rows }, (_, i) => (
            <fieldset class="fd-fieldset" key={i}>
              <legend>
                {t('fdCompare')} {i + 1}
              </legend>
              <Select name={`cmp-${i}-op`} label={t('fdCmpOp')} options={COMPARISON_OPS.map((op) => ({ value: op, label: t(OPS[op]) }))} value={values[`cmp-${i}-op`]} errors={errors} />
              <Select name={`cmp-${i}-field`} label={t('fdCmpField')} options={[{ value: '', label: t('fdCondNone') }, ...comparable]} value={values[`cmp-${i}-field`]} errors={errors} />
              <Field name={`cmp-${i}-message`} label={t('fdCmpMessage')} value={values[`cmp-${i}-message`]} errors={errors} maxLength={300} />
            </fieldset>
          ))}
        <button type="submit" class="button">
          {t('fdSave')}
        </button>
      </form>
    </DesignerLayout>
  );
}
