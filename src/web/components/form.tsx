// Form parts shared by every page that asks something: a labelled field with its help and error,
// and the error summary that links to each field (GOV.UK pattern, WCAG 3.3.1).
import type { ComponentChildren } from 'preact';

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
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
}

export function Field({ name, label, hint, type = 'text', value, errors = {}, autocomplete, required, maxLength = 200, inputMode }: FieldProps) {
  const id = `f-${name}`;
  const error = errors[name];
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {label}
        {required && <span class="required"> (bắt buộc)</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Lỗi: </span>
          {error}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        autoComplete={autocomplete}
        required={required}
        maxLength={maxLength}
        inputMode={inputMode}
        aria-describedby={described}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** Listed first on the page, each error linking to its field. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels?: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">Có {entries.length} lỗi cần sửa</h2>
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

/** A choice of one among a few, as radio buttons in a fieldset whose legend is the question. */
export function Radios({ name, legend, options, value, errors = {}, hint }: { name: string; legend: string; options: { value: string; label: string }[]; value?: string; errors?: FieldErrors; hint?: string }) {
  const error = errors[name];
  return (
    <fieldset class={`field radios${error ? ' field-error' : ''}`} id={`f-${name}`}>
      <legend>{legend}</legend>
      {hint && <p class="hint">{hint}</p>}
      {error && <p class="error-message">{error}</p>}
      {options.map((o, i) => (
        <div class="radio" key={o.value}>
          <input type="radio" id={`f-${name}-${i}`} name={name} value={o.value} checked={(value ?? options[0]!.value) === o.value} />
          <label for={`f-${name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
