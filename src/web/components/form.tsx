// Form parts shared by every page that asks something: a labelled field with its help and error,
// and the error summary that links to each field (GOV.UK pattern, WCAG 3.3.1).
import type { ComponentChildren } from 'preact';
import { useLocale } from './locale.tsx';

export type FieldErrors = Record<string, string>;

export interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date';
  value?: string;
  errors?: FieldErrors;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel';
}

/** " (bắt buộc)" after a label, in the page's language. */
function Required() {
  return <span class="required">{useLocale().t('formRequired')}</span>;
}

/** "Lỗi: " before an error message, heard by screen readers only. */
export function ErrorPrefix() {
  return <span class="visually-hidden">{useLocale().t('formErrorPrefix')}</span>;
}

export function Field({ name, label, hint, type = 'text', value, errors = {}, autocomplete, required, maxLength = 200, inputMode }: FieldProps) {
  const id = `f-${name}`;
  const error = errors[name];
  return (
    <Framed id={id} label={label} hint={hint} error={error} required={required}>
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        autoComplete={autocomplete}
        required={required}
        maxLength={maxLength}
        inputMode={inputMode}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </Framed>
  );
}

/** Listed first on the page, each error linking to its field. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels?: Record<string, string> }) {
  const { t } = useLocale();
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{entries.length === 1 ? t('formErrorSummaryOne') : t('formErrorSummary', { n: entries.length })}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={name === 'form' ? '#main' : `#f-${name}`}>{labels?.[name] ? `${labels[name]}: ${message}` : message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice-box" role="status">
      {children}
    </div>
  );
}

/** The ids a field's input is described by: its hint and its error, when present. */
function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

/** A field's frame: its label, help and error above the control, and the error's colour. */
function Framed({ id, label, hint, error, required, children }: { id: string; label: string; hint?: string; error?: string; required?: boolean; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {children}
    </div>
  );
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label for={id}>
      {label}
      {required && <Required />}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

/** A field's error, above its input; the input names it in aria-describedby (`${id}-error`). */
export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p class="error-message" id={`${id}-error`}>
      <ErrorPrefix />
      {error}
    </p>
  ) : null;
}

/**
 * A choice of one among a few, as radio buttons in a fieldset whose legend is the question.
 * `preselect` (the default) checks the first option when there is no value; a question the
 * person must answer themselves passes false.
 */
export function Radios({ name, legend, options, value, errors = {}, hint, required, preselect = true }: { name: string; legend: string; options: { value: string; label: string }[]; value?: string; errors?: FieldErrors; hint?: string; required?: boolean; preselect?: boolean }) {
  const current = value ?? (preselect ? options[0]!.value : undefined);
  return <ChoiceGroup type="radio" name={name} legend={legend} options={options} isChecked={(v) => current === v} errors={errors} hint={hint} required={required} />;
}

/** Several choices, as checkboxes sharing one name. */
export function Checkboxes({ name, legend, options, values = [], errors = {}, hint, required }: { name: string; legend: string; options: { value: string; label: string }[]; values?: string[]; errors?: FieldErrors; hint?: string; required?: boolean }) {
  return <ChoiceGroup type="checkbox" name={name} legend={legend} options={options} isChecked={(v) => values.includes(v)} errors={errors} hint={hint} required={required} />;
}

/** Radios and checkboxes alike: a fieldset whose legend is the question. */
function ChoiceGroup({ type, name, legend, options, isChecked, errors, hint, required }: { type: 'radio' | 'checkbox'; name: string; legend: string; options: { value: string; label: string }[]; isChecked: (value: string) => boolean; errors: FieldErrors; hint?: string; required?: boolean }) {
  const error = errors[name];
  const id = `f-${name}`;
  return (
    <fieldset class={`field radios${error ? ' field-error' : ''}`} aria-describedby={describedBy(id, hint, error)}>
      <legend>
        {legend}
        {required && <Required />}
      </legend>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {options.map((o, i) => (
        <div class="radio" key={o.value}>
          {/* The first option carries the field's id, so the error summary's link lands on it. */}
          <input type={type} id={i === 0 ? id : `${id}-${i}`} name={name} value={o.value} checked={isChecked(o.value)} />
          <label for={i === 0 ? id : `${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** One box to tick: a yes/no question or a declaration. */
export function Checkbox({ name, label, checked, errors = {}, hint }: { name: string; label: string; checked?: boolean; errors?: FieldErrors; hint?: string }) {
  const error = errors[name];
  const id = `f-${name}`;
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <ErrorMessage id={id} error={error} />
      <div class="radio">
        <input type="checkbox" id={id} name={name} value="true" checked={checked} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? 'true' : undefined} />
        <label for={id}>{label}</label>
      </div>
      <Hint id={id} hint={hint} />
    </div>
  );
}

/** Longer text over several lines. */
export function TextArea({ name, label, hint, value, errors = {}, required, maxLength = 2000, rows = 4 }: { name: string; label: string; hint?: string; value?: string; errors?: FieldErrors; required?: boolean; maxLength?: number; rows?: number }) {
  const id = `f-${name}`;
  const error = errors[name];
  return (
    <Framed id={id} label={label} hint={hint} error={error} required={required}>
      <textarea id={id} name={name} rows={rows} maxLength={maxLength} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? 'true' : undefined}>
        {value}
      </textarea>
    </Framed>
  );
}

/** A file to upload; `accept` lists the types the browser offers (the server checks again). */
export function FileField({ name, label, hint, errors = {}, accept, required }: { name: string; label: string; hint?: string; errors?: FieldErrors; accept: string; required?: boolean }) {
  const id = `f-${name}`;
  const error = errors[name];
  return (
    <Framed id={id} label={label} hint={hint} error={error} required={required}>
      <input type="file" id={id} name={name} accept={accept} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? 'true' : undefined} />
    </Framed>
  );
}

/** One of many in a drop-down list (an agency, a service); `choose` is the empty first option. */
export function Select({ name, label, options, value, errors = {}, hint, required, choose }: { name: string; label: string; options: { value: string; label: string }[]; value?: string; errors?: FieldErrors; hint?: string; required?: boolean; choose?: string }) {
  const id = `f-${name}`;
  const error = errors[name];
  return (
    <Framed id={id} label={label} hint={hint} error={error} required={required}>
      <select id={id} name={name} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? 'true' : undefined}>
        {choose !== undefined && <option value="">{choose}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Framed>
  );
}

/**
 * One of a step's buttons (continue, back, save a draft): the form's `_action` says which was
 * pressed, so one form can go either way.
 */
export function StepButton({ value, secondary, children }: { value: string; secondary?: boolean; children: ComponentChildren }) {
  return (
    <button type="submit" name="_action" value={value} class={secondary ? 'button button-secondary' : 'button'}>
      {children}
    </button>
  );
}
