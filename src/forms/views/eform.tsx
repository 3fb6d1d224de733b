// The e-form's step pages (F2), rendered from a definition. Works without
// JavaScript: a long form is shown one step per page (answers of the other steps travel as hidden
// fields), conditional fields are always shown with a note saying when to fill them, and a
// repeating group always offers one blank row more than was filled. The enhancement script
// (/assets/forms/) hides what does not apply, checks as you type and adds or removes rows.
import { CsrfField, ErrorSummary, Notice, Radios, StepButton } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { timeVi } from '../../web/format.ts';
import { journeyOf, stepsOf, topFields, type Condition, type Field, type FormDefinition, type Section } from '../model.ts';
import { formBodyFromAnswers, type FormErrors } from '../validate.ts';
import { controlOf } from '../fields/controls.ts';
import { kindOf } from '../fields/index.ts';
import { Attachments, Heading, type ClientAssets, type Raw, type ServiceRef } from './eform-parts.tsx';

// The check page and the shared parts live beside this file (eform-check.tsx, eform-parts.tsx).
export { AnswerList, CheckPage, type CheckedFile } from './eform-check.tsx';
export type { ClientAssets, ServiceRef } from './eform-parts.tsx';

/** "Chỉ khai khi …": the condition of a field, in words, since without JavaScript it stays visible. */
function conditionNote(def: FormDefinition, c: Condition, scope: Field[] = []): string {
  const target = scope.find((f) => f.id === c.field) ?? topFields(def).find((f) => f.id === c.field);
  if (!target) return '';
  return kindOf(target).conditionNote?.(target, c) ?? `Chỉ khai khi đã khai “${target.label}”.`;
}

/** One field with its type's control, in a wrapper the enhancement script finds by its path ("practice.0.from"). */
function FieldView({ def, field, name, raw, errors, scope }: { def: FormDefinition; field: Field; name: string; raw: unknown; errors: FormErrors; scope?: Field[] }) {
  const control = controlOf(field);
  const note = field.showIf ? conditionNote(def, field.showIf, scope) : '';
  const hint = [field.help, note].filter(Boolean).join(' ') || undefined;
  const required = !!field.required && !field.showIf;
  const child = (p: { field: Field; name: string; raw: unknown; scope?: Field[] }) => <FieldView key={p.name} def={def} errors={errors} {...p} />;
  const input = control.render({ def, field, name, raw, errors, hint, required, scope, child });
  if (control.own) return input;
  return (
    <div class="ef-field" data-path={name} data-conditional={field.showIf ? '' : undefined}>
      {input}
    </div>
  );
}

/** Every field of a form on one page, its files aside: what an officer types from a paper form at the counter (A3). */
export function FormFields({ def, raw, errors, level = 2 }: { def: FormDefinition; raw: Raw; errors: FormErrors; level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <>
      {def.sections.map((section) => (
        <section key={section.id} aria-labelledby={`s-${section.id}`}>
          <H id={`s-${section.id}`}>{section.title}</H>
          {section.fields
            .filter((f) => f.type !== 'attachment')
            .map((f) => (
              <FieldView key={f.id} def={def} field={f} name={f.id} raw={raw[f.id]} errors={errors} />
            ))}
        </section>
      ))}
    </>
  );
}

/** One stored value a field may take, as shown to the person, and where it came from. */
export interface SavedChoice {
  /** "csdl": a national database (Art. 15.3); "tai-khoan": the account's profile; "kho": a data field an agency accepted (V1). */
  from: 'csdl' | 'tai-khoan' | 'kho';
  value: string;
  source: string;
}

export interface SavedOffer {
  /** The fields of this step with stored values; a choice to make where they differ. */
  items: { fieldId: string; label: string; choices: SavedChoice[] }[];
  /** The values were just put into the fields at the person's request. */
  used: boolean;
  /** What was put where, and from which source. */
  filled?: { label: string; value: string; source: string }[];
}

export interface DraftInfo {
  updatedAt: Date;
  /** The draft was saved from an older version of the form. */
  outdated: boolean;
}

/** Hidden fields carrying the answers that are not on this page, so no step loses another's. */
function Carried({ def, raw, except }: { def: FormDefinition; raw: Raw; except: Set<string> }) {
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !except.has(k)));
  return (
    <>
      {formBodyFromAnswers(def, kept).map(([name, value], i) => (
        <input key={i} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function SectionView({ def, section, raw, errors }: { def: FormDefinition; section: Section; raw: Raw; errors: FormErrors }) {
  const attachments = section.fields.filter((f) => f.type === 'attachment');
  return (
    <section aria-labelledby={`s-${section.id}`}>
      <h2 id={`s-${section.id}`}>{section.title}</h2>
      {section.help && <p class="hint">{section.help}</p>}
      {section.fields.map((f) => (
        <FieldView key={f.id} def={def} field={f} name={f.id} raw={raw[f.id]} errors={errors} />
      ))}
      {attachments.length > 0 && (
        <>
          <p>Giấy tờ nộp kèm theo đơn:</p>
          <Attachments fields={attachments} />
        </>
      )}
    </section>
  );
}

/** The offer in the fields' order: consecutive single values share a list; a choice stands alone. */
function runs(items: SavedOffer['items']): SavedOffer['items'][] {
  const out: SavedOffer['items'][] = [];
  for (const it of items) {
    const last = out[out.length - 1];
    if (it.choices.length === 1 && last && last[0]!.choices.length === 1) last.push(it);
    else out.push([it]);
  }
  return out;
}

export interface EFormProps {
  ctx: PageContext;
  def: FormDefinition;
  service: ServiceRef;
  raw: Raw;
  errors?: FormErrors;
  saved?: SavedOffer;
  /** 0-based page of a form with steps. */
  step?: number;
  draft?: DraftInfo;
  /** A short message after an action ("Đã lưu bản nháp lúc …"). */
  notice?: string;
  assets?: ClientAssets;
  /** Where the steps post; the form designer's preview posts to itself. */
  action?: string;
}

export function EFormPage({ ctx, def, service, raw, errors = {}, saved, step = 0, draft, notice, assets, action = `/dich-vu-cong/${service.code}/to-khai` }: EFormProps) {
  const steps = stepsOf(def);
  const current = steps[Math.min(step, steps.length - 1)]!;
  const index = steps.indexOf(current);
  const journey = journeyOf(def);
  const multi = journey.count > 1;
  const onPage = new Set(current.sections.flatMap((s) => s.fields.map((f) => f.id)));
  const progress = multi ? `Bước ${index + 1}/${journey.count}` : '';
  const title = `${Object.keys(errors).length ? 'Lỗi: ' : ''}${multi ? `${progress}: ${current.title} — ` : ''}${def.title}`;
  return (
    <Layout ctx={ctx} title={title} description={`${def.title} — khai trực tuyến cho thủ tục ${service.name}`} styles={assets ? [assets.style] : []} scripts={assets ? [assets.script] : []}>
      <Heading def={def} service={service} />
      <h1>{def.title}</h1>
      {def.addressee && index === 0 && <p>Kính gửi: {def.addressee}</p>}
      {multi && (
        <p class="step-progress" id="step-progress">
          <strong>{progress}:</strong> {current.title}
        </p>
      )}
      <ErrorSummary errors={errors} />
      {!ctx.viewer && index === 0 && (
        <Notice>
          <p>
            Để gửi hồ sơ, bạn cần đăng nhập (hoặc đăng ký tài khoản). Bạn có thể khai trước: khi bấm “Đăng nhập và giữ thông tin đã khai”, mọi thông tin đã khai được giữ lại sau khi đăng nhập hoặc đăng ký.
          </p>
        </Notice>
      )}
      {notice && (
        <Notice>
          <p>{notice}</p>
        </Notice>
      )}
      {draft && (
        <div class="draft-box">
          <p>
            Bạn đang khai tiếp bản nháp đã lưu lúc {timeVi(draft.updatedAt)}.
            {draft.outdated && ' Biểu mẫu đã được cập nhật từ khi bạn lưu; hãy kiểm tra lại từng bước.'}
          </p>
          <form method="post" action={`/ho-so/ban-nhap/${service.code}/xoa`}>
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" class="button button-secondary">
              Xóa bản nháp và khai lại từ đầu
            </button>
          </form>
        </div>
      )}
      {saved && saved.used && (
        <Notice>
          <p>Thông tin đã lưu trong tài khoản và kho dữ liệu đã được điền vào các ô tương ứng. Hãy kiểm tra lại trước khi tiếp tục.</p>
          {saved.filled && (
            <ul class="saved-filled">
              {saved.filled.map((f) => (
                <li key={f.label}>
                  {f.label}: {f.value} <span class="saved-source">(nguồn: {f.source})</span>
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      {saved && !saved.used && saved.items.length > 0 && (
        <section class="saved-offer" aria-labelledby="saved-title">
          <h2 id="saved-title">Thông tin đã lưu trong tài khoản và kho dữ liệu</h2>
          <p class="hint">Các ô chỉ được điền khi bạn bấm “Dùng thông tin đã lưu”. Nơi có hai giá trị khác nhau, hãy chọn giá trị muốn dùng.</p>
          {/* Its own form, so the page's main button stays the one Enter presses; it carries the answers. */}
          <form method="post" action={action} class="saved-offer-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="_step" value={String(index)} />
            <Carried def={def} raw={raw} except={new Set()} />
            {runs(saved.items).map((run) =>
              run.length === 1 && run[0]!.choices.length > 1 ? (
                <Radios key={run[0]!.fieldId} name={`_nguon.${run[0]!.fieldId}`} legend={`${run[0]!.label}: chọn giá trị muốn dùng`} options={run[0]!.choices.map((c) => ({ value: c.from, label: `${c.value} (nguồn: ${c.source})` }))} />
              ) : (
                <dl class="summary-list" key={run[0]!.fieldId}>
                  {run.map((it) => (
                    <div key={it.fieldId}>
                      <dt>{it.label}</dt>
                      <dd>
                        {it.choices[0]!.value} <span class="saved-source">(nguồn: {it.choices[0]!.source})</span>
                      </dd>
                    </div>
                  ))}
                </dl>
              ),
            )}
            <StepButton value="dung-thong-tin" secondary>Dùng thông tin đã lưu</StepButton>
          </form>
        </section>
      )}
      <p>
        Các mục ghi <span class="required">(bắt buộc)</span> phải khai. Ngày viết theo dạng ngày/tháng/năm.
      </p>
      <form method="post" action={action} novalidate id="eform" class="eform" data-definition={assets?.definition} data-step={index}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="_step" value={String(index)} />
        {service.place && <input type="hidden" name="_noi_nop" value={service.place.code} />}
        <Carried def={def} raw={raw} except={onPage} />
        {current.sections.map((section) => (
          <SectionView key={section.id} def={def} section={section} raw={raw} errors={errors} />
        ))}
        <div class="actions">
          <StepButton value="tiep">
            {index < steps.length - 1 ? 'Tiếp tục' : journey.filesStep !== null ? 'Tiếp tục đến thành phần hồ sơ' : 'Tiếp tục đến kiểm tra thông tin'}
          </StepButton>
          {index > 0 && (
            <StepButton value="lui" secondary>Quay lại bước trước</StepButton>
          )}
          {ctx.viewer && (
            <StepButton value="luu" secondary>Lưu nháp</StepButton>
          )}
        </div>
        {ctx.viewer ? (
          <p class="hint">
            Tờ khai được lưu nháp mỗi lần bạn chuyển bước. Xem <a href="/ho-so/ban-nhap">các bản nháp của bạn</a>.
          </p>
        ) : (
          <div class="actions">
            <StepButton value="dang-nhap" secondary>Đăng nhập và giữ thông tin đã khai</StepButton>
          </div>
        )}
      </form>
    </Layout>
  );
}
