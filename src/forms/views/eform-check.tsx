// The e-form's last step, "check your answers" (F2): every answer by step with a button to change
// it, the files that go with the application, then submit (or sign in first), the filled paper form
// to download (F4) and, for printing from the browser, the form itself.
import { CsrfField, StepButton } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { journeyOf, stepsOf, type Field, type FormDefinition, type Section, type Value } from '../model.ts';
import { formBodyFromAnswers } from '../validate.ts';
import { kindOf } from '../fields/index.ts';
import { PrintedForm } from '../../web/paper/html.tsx';
import { buildSheet } from '../print/layout.ts';
import { Attachments, Heading, type ClientAssets, type Raw, type ServiceRef } from './eform-parts.tsx';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A value as the person reads it: dates dd/mm/yyyy, options by their label. */
export function showValue(field: Field, v: Value | undefined): string {
  return v === undefined ? '' : kindOf(field).read(field, v);
}

/** Every answer of a form, by section, with the form's own labels (check page, officers' view). */
export function AnswerList({ def, values, sections = def.sections, level = 2 }: { def: FormDefinition; values: Record<string, Value>; sections?: Section[]; level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <>
      {sections.map((section) => {
        const shown = section.fields.filter((f) => f.type !== 'attachment' && values[f.id] !== undefined);
        const attachments = section.fields.filter((f) => f.type === 'attachment');
        if (!shown.length && !attachments.length) return null;
        return (
          <section key={section.id} aria-labelledby={`s-${section.id}`}>
            <H id={`s-${section.id}`}>{section.title}</H>
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

/** A file that goes with the application, as the check page lists it. */
export interface CheckedFile {
  label: string;
  fileName: string;
  /** Where it comes from: "tải lên" or "kho dữ liệu". */
  source: string;
}

export function CheckPage({ ctx, def, service, raw, values, assets, files }: { ctx: PageContext; def: FormDefinition; service: ServiceRef; raw: Raw; values: Record<string, Value>; assets?: ClientAssets; files?: CheckedFile[] }) {
  const action = `/dich-vu-cong/${service.code}/to-khai`;
  const steps = stepsOf(def);
  const journey = journeyOf(def);
  const multi = steps.length > 1 || journey.filesStep !== null;
  const progress = `Bước ${journey.count}/${journey.count}`;
  return (
    <Layout ctx={ctx} title={`${progress}: Kiểm tra lại và gửi — ${def.title}`} description={`Kiểm tra lại thông tin đã khai trong ${def.title}`} styles={assets ? [assets.style] : []}>
      <Heading def={def} service={service} />
      <h1>Kiểm tra lại thông tin</h1>
      <p class="step-progress" id="step-progress">
        <strong>{progress}:</strong> Kiểm tra lại và gửi
      </p>
      <p>
        {cap(def.title)}: đây là toàn bộ thông tin bạn đã khai. Nếu có gì chưa đúng, hãy bấm “Thay đổi” ở phần đó; những gì đã khai được giữ nguyên.
      </p>
      {steps.map((st, k) => (
        <section key={st.id} class="check-step" aria-labelledby={multi ? `b-${st.id}` : undefined}>
          {multi && (
            <div class="check-step-head">
              <h2 id={`b-${st.id}`}>
                Bước {k + 1}: {st.title}
              </h2>
              <button type="submit" form="check-form" name="_action" value={`buoc-${k}`} class="change-button">
                Thay đổi<span class="visually-hidden"> bước {k + 1}: {st.title}</span>
              </button>
            </div>
          )}
          <AnswerList def={def} values={values} sections={st.sections} level={multi ? 3 : 2} />
        </section>
      ))}
      {journey.filesStep !== null && files && (
        <section class="check-step" aria-labelledby="b-thanh-phan">
          <div class="check-step-head">
            <h2 id="b-thanh-phan">Bước {journey.filesStep + 1}: Thành phần hồ sơ</h2>
            <a href={`/dich-vu-cong/${service.code}/thanh-phan-ho-so`} class="change-button">
              Thay đổi<span class="visually-hidden"> bước {journey.filesStep + 1}: Thành phần hồ sơ</span>
            </a>
          </div>
          {files.length ? (
            <dl class="summary-list check-files">
              {files.map((f) => (
                <div key={f.label}>
                  <dt>{f.label}</dt>
                  <dd>
                    {f.fileName} <span class="saved-source">({f.source})</span>
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <p>Không đính kèm giấy tờ nào.</p>
          )}
        </section>
      )}
      <form method="post" action={action} id="check-form">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="_step" value={String(steps.length - 1)} />
        {formBodyFromAnswers(def, raw).map(([name, value], i) => (
          <input key={i} type="hidden" name={name} value={value} />
        ))}
        <div class="actions">
          {ctx.viewer ? (
            // The same answers go to submission; the server validates them again there.
            <button type="submit" class="button" formAction={`/dich-vu-cong/${service.code}/nop-ho-so`}>
              Gửi hồ sơ
            </button>
          ) : (
            // A visitor's answers are kept while they sign in or register, then shown again here.
            <StepButton value="dang-nhap">Đăng nhập để gửi hồ sơ</StepButton>
          )}
          {!multi && (
            <StepButton value="buoc-0" secondary>Sửa thông tin</StepButton>
          )}
        </div>
        {/* F4: the answers as the official paper form, to keep or to print and sign. */}
        <div class="actions print-actions">
          <button type="submit" class="button button-secondary" formAction={`/dich-vu-cong/${service.code}/to-khai.pdf`}>
            Tải tờ khai đã điền (PDF)
          </button>
          <button type="submit" class="button button-secondary" formAction={`/dich-vu-cong/${service.code}/to-khai.docx`}>
            Tải tờ khai đã điền (.docx)
          </button>
        </div>
      </form>
      <p class="print-hint">Khi in trang này từ trình duyệt, bản in là tờ khai theo mẫu giấy với thông tin đã điền.</p>
      {!ctx.viewer && <p>Để gửi hồ sơ cần đăng nhập (hoặc đăng ký tài khoản); mọi thông tin đã khai được giữ lại để bạn không phải khai lại.</p>}
      <p>
        <a href={`/dich-vu-cong/${service.code}`}>Về trang thủ tục</a>
      </p>
      <PrintedForm sheet={buildSheet({ def, values, addressee: service.decidingAgency, serviceName: service.name })} />
    </Layout>
  );
}
