import type { GroupField } from '../../model.ts';
import type { Control } from '../control.ts';

type Raw = Record<string, unknown>;

/**
 * The group's own fieldset: a row per answered row and always one blank row more (the form works
 * without JavaScript), up to maxRows; the enhancement script adds and removes rows.
 */
export const groupControl: Control<GroupField> = {
  own: true,
  render({ field, raw, errors, child }) {
    const rows = Array.isArray(raw) ? (raw as Raw[]) : [];
    const max = field.maxRows ?? 50;
    const count = Math.min(max, Math.max(rows.length + 1, field.minRows ?? 1, 2));
    const error = errors[field.id];
    const item = field.itemLabel ?? field.label;
    return (
      <fieldset class={`group${error ? ' field-error' : ''}`} data-group={field.id} data-min={field.minRows ?? (field.required ? 1 : 0)} data-max={max} data-item={item}>
        <legend>
          {field.label}
          {field.required && <span class="required"> (bắt buộc)</span>}
        </legend>
        <p class="hint" id={`f-${field.id}`} tabIndex={-1}>
          {field.help && `${field.help} `}
          Mỗi dòng một {item.toLowerCase()}
          <span class="nojs-only">; để trống những dòng không dùng. Cần thêm dòng: bấm “Tiếp tục”, trang sẽ có thêm một dòng trống</span> (tối đa {max} dòng).
        </p>
        {error && (
          <p class="error-message" id={`f-${field.id}-error`}>
            <span class="visually-hidden">Lỗi: </span>
            {error}
          </p>
        )}
        {Array.from({ length: count }, (_, i) => (
          <fieldset class="group-row" key={i} data-row={i}>
            <legend>
              {item} {i + 1}
            </legend>
            {field.fields.map((sub) => child({ field: sub, name: `${field.id}.${i}.${sub.id}`, raw: rows[i]?.[sub.id], scope: field.fields }))}
          </fieldset>
        ))}
      </fieldset>
    );
  },
};
