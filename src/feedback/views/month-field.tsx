import { ErrorMessage } from '../../web/components/form.tsx';

/**
 * A month picker (the browser's calendar); where a browser shows a plain text box instead, the
 * server's check explains the form it wants.
 */
export function MonthField({ id, name, label, value, error, max }: { id: string; name: string; label: string; value: string; error?: string; max: string }) {
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>{label}</label>
      <ErrorMessage id={id} error={error} />
      <input id={id} name={name} type="month" value={value} min="2000-01" max={max} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}
