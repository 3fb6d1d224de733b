// The e-form (F2) and its "check your answers" page, rendered from a definition. Works without
// JavaScript: conditional fields are always shown with a note saying when to fill them, and a
// repeating group always offers one blank row more than was filled.
import { AddressFields } from '../../web/components/address.tsx';
import { Checkbox, Checkboxes, CsrfField, ErrorSummary, Field as TextInput, Notice, Radios, TextArea } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { formatAddress, type Address } from '../../web/provinces.ts';
import { topFields, type Condition, type Field, type FormDefinition, type Value } from '../model.ts';
import { formBodyFromAnswers, type FormErrors } from '../validate.ts';
import { CatalogBreadcrumbs } from '../../web/components/breadcrumbs.tsx';

export interface ServiceRef {
  code: string;
  name: string;
}

type Raw = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Chỉ khai khi …": the condition of a field, in words, since without JavaScript it stays visible. */
function conditionNote(def: FormDefinition, c: Condition, scope: Field[] = []): string {
  const target = scope.find((f) => f.id === c.field) ?? topFields(def).find((f) => f.id === c.field);
  if (!target) return '';
  if (target.type === 'checkbox') return `Chỉ khai khi đã đánh dấu “${target.label}”.`;
  if (c.in && (target.type === 'choice' || target.type === 'multichoice')) {
    const labels = target.options.filter((o) => c.in!.includes(o.value)).map((o) => `“${o.label}”`);
    return `Chỉ khai khi chọn ${labels.join(' hoặc ')} ở mục “${target.label}”.`;
  }
  return `Chỉ khai khi đã khai “${target.label}”.`;
}

function FieldView({ def, field, name, raw, errors, scope }: { def: FormDefinition; field: Field; name: string; raw: unknown; errors: FormErrors; scope?: Field[] }) {
  const note = field.showIf ? conditionNote(def, field.showIf, scope) : '';
  const hint = [field.help, note].filter(Boolean).join(' ') || undefined;
  const required = !!field.required && !field.showIf;
  switch (field.type) {
    case 'textarea':
      return <TextArea name={name} label={field.label} hint={hint} value={str(raw)} errors={errors} required={required} maxLength={field.rules?.maxLength} />;
    case 'choice':
      return <Radios name={name} legend={field.label} hint={hint} options={field.options} value={str(raw)} errors={errors} required={required} preselect={false} />;
    case 'multichoice':
      return <Checkboxes name={name} legend={field.label} hint={hint} options={field.options} values={(Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string')} errors={errors} required={required} />;
    case 'checkbox':
    case 'consent':
      return <Checkbox name={name} label={field.label} hint={hint} checked={raw === true || raw === 'true'} errors={errors} />;
    case 'address': {
      const a = (raw && typeof raw === 'object' ? raw : {}) as Partial<Address>;
      return <AddressFields prefix={name} legend={field.label} hint={hint} required={required} value={a} errors={errors} partName={(part) => `${name}.${part.toLowerCase()}`} />;
    }
    case 'attachment':
    case 'group':
      return null;
    default: {
      const input = {
        date: { inputMode: 'numeric' as const, hint: hint ?? 'Theo dạng ngày/tháng/năm, ví dụ 20/05/1990.', maxLength: 10 },
        integer: { inputMode: 'numeric' as const },
        decimal: { inputMode: 'decimal' as const },
        idNumber: { inputMode: 'numeric' as const, maxLength: 12 },
        phone: { type: 'tel' as const, autocomplete: 'tel' },
        email: { type: 'email' as const, autocomplete: 'email' },
        taxCode: { maxLength: 14 },
        text: field.prefill === 'fullName' ? { autocomplete: 'name' } : {},
      }[field.type];
      return <TextInput name={name} label={field.label} hint={hint} value={str(raw)} errors={errors} required={required} maxLength={field.rules?.maxLength ?? 200} {...input} />;
    }
  }
}

function GroupView({ def, field, raw, errors }: { def: FormDefinition; field: Field & { type: 'group' }; raw: unknown; errors: FormErrors }) {
  const rows = Array.isArray(raw) ? (raw as Raw[]) : [];
  const max = field.maxRows ?? 50;
  const count = Math.min(max, Math.max(rows.length + 1, field.minRows ?? 1, 2));
  const error = errors[field.id];
  return (
    <fieldset class={`group${error ? ' field-error' : ''}`}>
      <legend>
        {field.label}
        {field.required && <span class="required"> (bắt buộc)</span>}
      </legend>
      <p class="hint" id={`f-${field.id}`} tabIndex={-1}>
        {[field.help, `Mỗi dòng một ${(field.itemLabel ?? 'mục').toLowerCase()}; để trống những dòng không dùng. Cần thêm dòng: bấm “Tiếp tục”, trang sẽ có thêm một dòng trống (tối đa ${max} dòng).`].filter(Boolean).join(' ')}
      </p>
      {error && (
        <p class="error-message">
          <span class="visually-hidden">Lỗi: </span>
          {error}
        </p>
      )}
      {Array.from({ length: count }, (_, i) => (
        <fieldset class="group-row" key={i}>
          <legend>
            {field.itemLabel ?? field.label} {i + 1}
          </legend>
          {field.fields.map((sub) => (
            <FieldView key={sub.id} def={def} field={sub} name={`${field.id}.${i}.${sub.id}`} raw={rows[i]?.[sub.id]} errors={errors} scope={field.fields} />
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}

function Attachments({ fields }: { fields: Field[] }) {
  return (
    <ul class="attachments">
      {fields.map((f) => (
        <li key={f.id}>
          {f.label}
          {f.required ? ' (bắt buộc)' : ' (nếu có)'}
          {f.help && <span class="hint"> — {f.help}</span>}
        </li>
      ))}
    </ul>
  );
}

function Heading({ def, service }: { def: FormDefinition; service: ServiceRef }) {
  return (
    <>
      <CatalogBreadcrumbs last={{ href: `/dich-vu-cong/${service.code}`, label: service.name.length > 80 ? `${service.name.slice(0, 77)}…` : service.name }} />
      <p class="form-number">
        {[def.number, def.legalBasis].filter(Boolean).join(' — ')}
      </p>
    </>
  );
}

export interface SavedOffer {
  /** Label of the field → the stored value, as shown to the person. */
  items: { label: string; value: string }[];
  /** The values were just put into the fields at the person's request. */
  used: boolean;
}

export function EFormPage({ ctx, def, service, raw, errors = {}, saved }: { ctx: PageContext; def: FormDefinition; service: ServiceRef; raw: Raw; errors?: FormErrors; saved?: SavedOffer }) {
  const action = `/dich-vu-cong/${service.code}/to-khai`;
  const title = Object.keys(errors).length ? `Lỗi: ${def.title}` : def.title;
  return (
    <Layout ctx={ctx} title={title} description={`${def.title} — khai trực tuyến cho thủ tục ${service.name}`}>
      <Heading def={def} service={service} />
      <h1>{def.title}</h1>
      {def.addressee && <p>Kính gửi: {def.addressee}</p>}
      <ErrorSummary errors={errors} />
      {saved && saved.used && (
        <Notice>
          <p>Thông tin đã lưu trong tài khoản đã được điền vào các ô tương ứng. Hãy kiểm tra lại trước khi tiếp tục.</p>
        </Notice>
      )}
      {saved && !saved.used && saved.items.length > 0 && (
        <section class="saved-offer" aria-labelledby="saved-title">
          <h2 id="saved-title">Thông tin đã lưu trong tài khoản</h2>
          <dl class="summary-list">
            {saved.items.map((it) => (
              <div key={it.label}>
                <dt>{it.label}</dt>
                <dd>{it.value}</dd>
              </div>
            ))}
          </dl>
          <form method="get" action={action}>
            <input type="hidden" name="dung-thong-tin-da-luu" value="1" />
            <button type="submit" class="button button-secondary">
              Dùng thông tin đã lưu
            </button>
          </form>
        </section>
      )}
      <p>
        Các mục ghi <span class="required">(bắt buộc)</span> phải khai. Ngày viết theo dạng ngày/tháng/năm.
      </p>
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        {def.sections.map((section) => {
          const attachments = section.fields.filter((f) => f.type === 'attachment');
          return (
            <section key={section.id} aria-labelledby={`s-${section.id}`}>
              <h2 id={`s-${section.id}`}>{section.title}</h2>
              {section.help && <p class="hint">{section.help}</p>}
              {section.fields.map((f) => (f.type === 'group' ? <GroupView key={f.id} def={def} field={f} raw={raw[f.id]} errors={errors} /> : <FieldView key={f.id} def={def} field={f} name={f.id} raw={raw[f.id]} errors={errors} />))}
              {attachments.length > 0 && (
                <>
                  <p>Giấy tờ nộp kèm theo đơn:</p>
                  <Attachments fields={attachments} />
                </>
              )}
            </section>
          );
        })}
        <button type="submit" class="button">
          Tiếp tục
        </button>
      </form>
    </Layout>
  );
}

/** A value as the person reads it: dates dd/mm/yyyy, options by their label. */
export function showValue(field: Field, v: Value | undefined): string {
  if (v === undefined) return '';
  if (field.type === 'date' && typeof v === 'string') return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
  if (field.type === 'choice') return field.options.find((o) => o.value === v)?.label ?? String(v);
  if (field.type === 'multichoice' && Array.isArray(v)) return (v as string[]).map((x) => field.options.find((o) => o.value === x)?.label ?? x).join('; ');
  if (field.type === 'checkbox' || field.type === 'consent') return v ? 'Có' : 'Không';
  if (field.type === 'address') return formatAddress(v as Address);
  if (typeof v === 'number') return String(v).replace('.', ',');
  return String(v);
}

/** Every answer of a form, by section, with the form's own labels (check page, officers' view). */
export function AnswerList({ def, values }: { def: FormDefinition; values: Record<string, Value> }) {
  return (
    <>
      {def.sections.map((section) => {
        const shown = section.fields.filter((f) => f.type !== 'attachment' && values[f.id] !== undefined);
        const attachments = section.fields.filter((f) => f.type === 'attachment');
        if (!shown.length && !attachments.length) return null;
        return (
          <section key={section.id} aria-labelledby={`s-${section.id}`}>
            <h2 id={`s-${section.id}`}>{section.title}</h2>
            {shown.length > 0 && (
              <dl class="summary-list">
                {shown.map((f) =>
                  f.type === 'group' ? (
                    (values[f.id] as Record<string, Value>[]).map((row, i) => (
                      <div key={`${f.id}-${i}`}>
                        <dt>
                          {f.itemLabel ?? f.label} {i + 1}
                        </dt>
                        <dd>
                          <ul class="plain">
                            {f.fields
                              .filter((sub) => row[sub.id] !== undefined)
                              .map((sub) => (
                                <li key={sub.id}>
                                  {sub.label}: {showValue(sub, row[sub.id])}
                                </li>
                              ))}
                          </ul>
                        </dd>
                      </div>
                    ))
                  ) : (
                    <div key={f.id}>
                      <dt>{f.type === 'consent' ? 'Lời cam đoan' : f.label}</dt>
                      <dd>{f.type === 'consent' ? `Đã xác nhận: ${f.label}` : showValue(f, values[f.id]) || '—'}</dd>
                    </div>
                  ),
                )}
              </dl>
            )}
            {attachments.length > 0 && <Attachments fields={attachments} />}
          </section>
        );
      })}
    </>
  );
}

export function CheckPage({ ctx, def, service, raw, values }: { ctx: PageContext; def: FormDefinition; service: ServiceRef; raw: Raw; values: Record<string, Value> }) {
  const action = `/dich-vu-cong/${service.code}/to-khai`;
  return (
    <Layout ctx={ctx} title={`Kiểm tra lại thông tin — ${def.title}`} description={`Kiểm tra lại thông tin đã khai trong ${def.title}`}>
      <Heading def={def} service={service} />
      <h1>Kiểm tra lại thông tin</h1>
      <p>
        {cap(def.title)}: đây là toàn bộ thông tin bạn đã khai. Nếu có gì chưa đúng, hãy bấm “Sửa thông tin”; những gì đã khai được giữ nguyên.
      </p>
      <AnswerList def={def} values={values} />
      <form method="post" action={action}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="_action" value="sua" />
        {formBodyFromAnswers(def, raw).map(([name, value], i) => (
          <input key={i} type="hidden" name={name} value={value} />
        ))}
        <div class="actions">
          {ctx.viewer ? (
            // The same answers go to submission; the server validates them again there.
            <button type="submit" class="button" formAction={`/dich-vu-cong/${service.code}/nop-ho-so`}>
              Gửi hồ sơ
            </button>
          ) : null}
          <button type="submit" class="button button-secondary">
            Sửa thông tin
          </button>
        </div>
      </form>
      {!ctx.viewer && (
        <p>
          Để gửi hồ sơ, hãy <a href={`/dang-nhap?next=${encodeURIComponent(`/dich-vu-cong/${service.code}/to-khai`)}`}>đăng nhập</a> rồi khai lại; thông tin đã lưu trong tài khoản sẽ được đề xuất để bạn không phải gõ lại.
        </p>
      )}
      <p>
        <a href={`/dich-vu-cong/${service.code}`}>Về trang thủ tục</a>
      </p>
    </Layout>
  );
}
