// An address as Vietnamese forms ask it since 2025: province or city, then commune/ward, then
// house and street. Works without JavaScript; known communes are offered as suggestions.
import { PROVINCES, type Address } from '../provinces.ts';
import { ErrorMessage, type FieldErrors } from './form.tsx';

/**
 * `prefix` + "Province" / "Commune" / "Detail" name the parts, unless `partName` says otherwise
 * (the e-forms use "address.province").
 */
export function AddressFields({ prefix, legend, value, errors = {}, communes = [], partName, hint, required }: { prefix: string; legend: string; value?: Partial<Address>; errors?: FieldErrors; communes?: string[]; partName?: (part: string) => string; hint?: string; required?: boolean }) {
  const nameOf = partName ?? ((part: string) => `${prefix}${part}`);
  const id = (part: string) => `f-${nameOf(part)}`;
  const err = (part: string) => errors[nameOf(part)];
  const described = (part: string) => (err(part) ? `${id(part)}-error` : undefined);
  const message = (part: string) => <ErrorMessage id={id(part)} error={err(part)} />;
  return (
    <fieldset class="address">
      <legend>
        {legend}
        {required && <span class="required"> (bắt buộc)</span>}
      </legend>
      {hint && <p class="hint">{hint}</p>}
      <div class={`field${err('Province') ? ' field-error' : ''}`}>
        <label for={id('Province')}>Tỉnh, thành phố</label>
        {message('Province')}
        <select id={id('Province')} name={nameOf('Province')} aria-describedby={described('Province')} aria-invalid={err('Province') ? 'true' : undefined}>
          <option value="">— Chọn tỉnh, thành phố —</option>
          {PROVINCES.map((p) => (
            <option key={p} value={p} selected={value?.province === p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div class={`field${err('Commune') ? ' field-error' : ''}`}>
        <label for={id('Commune')}>Xã, phường, đặc khu</label>
        {message('Commune')}
        <input id={id('Commune')} name={nameOf('Commune')} value={value?.commune} maxLength={100} list={communes.length ? `${id('Commune')}-list` : undefined} aria-describedby={described('Commune')} aria-invalid={err('Commune') ? 'true' : undefined} />
        {communes.length > 0 && (
          <datalist id={`${id('Commune')}-list`}>
            {communes.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        )}
      </div>
      <div class={`field${err('Detail') ? ' field-error' : ''}`}>
        <label for={id('Detail')}>Số nhà, đường, thôn, tổ</label>
        {message('Detail')}
        <input id={id('Detail')} name={nameOf('Detail')} value={value?.detail} maxLength={200} autoComplete="street-address" aria-describedby={described('Detail')} aria-invalid={err('Detail') ? 'true' : undefined} />
      </div>
    </fieldset>
  );
}
