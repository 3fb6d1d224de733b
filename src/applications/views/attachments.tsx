// Files of an application: the "Thành phần hồ sơ" step of a submission, the list officers and
// the applicant read, the officer's request for more documents, the applicant's supplement and
// the apology with a new date (A1, A4, A5, F6).
import { DataTable } from '../../web/components/data-table.tsx';
import { formatBytes } from '../../storage/index.ts';
import { CsrfField, ErrorSummary, Notice, StepButton, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { kindLabel, type UploadSlot } from '../model.ts';
import type { Apology } from '../transitions.ts';
import type { Attachment, SupplementRequest } from '../attachments.ts';
import { dateVi, dayVi } from './parts.tsx';

export const STYLES = ['/assets/attachments.css'];
const SCRIPTS = ['/assets/upload.js'];
const MIME_OF: Record<string, string> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png', docx: '.docx', odt: '.odt' };
const acceptAttr = (slot: UploadSlot) => slot.rule.accept.flatMap((k) => [MIME_OF[k] ?? `.${k}`, k === 'jpeg' ? '.jpg' : `.${k}`]).join(',');

/** Where the vault says a component is already provided (V2), shown beside its file input. */
export interface ReusedNote {
  slot: string;
  text: string;
}

/** One file input per slot, with the accepted kinds and the largest size at the picker (Art. 7.3c). */
function FileSlot({ slot, errors, reused, staged }: { slot: UploadSlot; errors: FieldErrors; reused?: string; staged?: StagedFile }) {
  const id = `f-${slot.name}`;
  const error = errors[slot.name];
  const hint = `Nhận tệp ${slot.rule.accept.map(kindLabel).join(', ')}; tối đa ${formatBytes(slot.rule.maxBytes)}.`;
  const describedBy = [`${id}-hint`, staged && `${id}-staged`, reused && !staged && `${id}-reused`, error && `${id}-error`].filter(Boolean).join(' ');
  // A required paper stays required; what already satisfies it is said beside it.
  const state = staged ? ' (đã tải lên)' : slot.required && slot.satisfied ? ' (bắt buộc — đã có trong kho dữ liệu)' : slot.required ? ' (bắt buộc)' : ' (nếu có)';
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {slot.label}
        {state}
      </label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {staged && (
        <p class="staged-file" id={`${id}-staged`}>
          Đã tải lên: <strong>{staged.fileName}</strong> ({formatBytes(staged.size)}). Chọn tệp khác nếu muốn thay.{' '}
          <button type="submit" name="_action" value={`xoa:${slot.componentId}`} class="link-button">
            Bỏ tệp này<span class="visually-hidden"> của “{slot.label}”</span>
          </button>
        </p>
      )}
      {reused && !staged && (
        <p class="hint reused" id={`${id}-reused`}>
          {reused}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input type="file" id={id} name={slot.name} accept={acceptAttr(slot)} data-max-bytes={String(slot.rule.maxBytes)} aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

/** Every slot's file input, the error about the files as a whole, and the upload's progress. */
function FileSlots({ slots, errors, reusedText, stagedFile }: { slots: UploadSlot[]; errors: FieldErrors; reusedText?: (slot: UploadSlot) => string | undefined; stagedFile?: (slot: UploadSlot) => StagedFile | undefined }) {
  return (
    <>
      {slots.map((slot) => (
        <FileSlot key={slot.name} slot={slot} errors={errors} reused={reusedText?.(slot)} staged={stagedFile?.(slot)} />
      ))}
      {errors.files && (
        <p class="error-message" id="f-files">
          {errors.files}
        </p>
      )}
      <UploadProgress />
    </>
  );
}

/** The progress of an upload (U4): shown and announced by /assets/upload.js; hidden without JavaScript. */
function UploadProgress() {
  return (
    <div class="upload-progress" hidden>
      <label for="upload-progress">Tiến độ tải lên</label>
      <progress id="upload-progress" max={100} value={0} />
      <p class="upload-status" role="status" aria-live="polite" />
    </div>
  );
}

/** A file kept with the draft at the "Thành phần hồ sơ" step. */
export interface StagedFile {
  componentId: string;
  fileName: string;
  size: number;
}

/**
 * "Bước k/N: Thành phần hồ sơ" of the e-form: each valid file is kept with the draft as soon as it
 * arrives, so an error in another file, a reload or a step back loses nothing (A1, F4, F6).
 */
export function FilesStepPage({
  ctx,
  service,
  progress,
  slots,
  staged = [],
  errors = {},
  reused = [],
  notice,
}: {
  ctx: PageContext;
  service: { code: string; name: string };
  /** "Bước 5/6" */
  progress: string;
  slots: UploadSlot[];
  staged?: StagedFile[];
  errors?: FieldErrors;
  reused?: ReusedNote[];
  notice?: string;
}) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Lỗi: ' : ''}${progress}: Thành phần hồ sơ — ${service.name}`} description="Đính kèm các giấy tờ của hồ sơ." styles={STYLES} scripts={SCRIPTS}>
      <ErrorSummary errors={errors} labels={Object.fromEntries(slots.map((s) => [s.name, s.label]))} />
      <p class="service-ref">{service.name}</p>
      <h1>Thành phần hồ sơ</h1>
      <p class="step-progress" id="step-progress">
        <strong>{progress}:</strong> Thành phần hồ sơ
      </p>
      {notice && (
        <Notice>
          <p>{notice}</p>
        </Notice>
      )}
      <p>
        Đính kèm bản chụp hoặc bản điện tử của từng giấy tờ. Tệp được kiểm tra theo nội dung (không theo tên tệp). Mỗi tệp hợp lệ được giữ lại cùng bản nháp; ở bước sau, bạn kiểm tra lại toàn bộ rồi mới gửi hồ sơ.
      </p>
      <form method="post" action={`/dich-vu-cong/${service.code}/thanh-phan-ho-so`} enctype="multipart/form-data" class="form-narrow" data-upload="" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <FileSlots slots={slots} errors={errors} reusedText={(slot) => reused.find((r) => r.slot === slot.name)?.text} stagedFile={(slot) => staged.find((f) => f.componentId === slot.componentId)} />
        <div class="actions">
          <StepButton value="tiep">Tiếp tục đến kiểm tra lại</StepButton>
          <StepButton value="lui" secondary>Quay lại bước trước</StepButton>
        </div>
      </form>
    </Layout>
  );
}

/** Attachments with kind and size, each a download link (for the applicant and the agency only); the SHA-256 for the agency's officers. */
export function AttachmentList({
  code,
  attachments,
  components,
  acceptances,
  eForm,
  forApplicant = false,
}: {
  code: string;
  attachments: Attachment[];
  components?: { id: string; name: string }[];
  acceptances?: Record<string, { agencyCode: string; agencyName?: string; at: Date; applicationCode?: string | null }[]>;
  /** The e-form received with the application and the component it stands in for. */
  eForm?: { title: string; componentId: string | null };
  forApplicant?: boolean;
}) {
  const formPaper = eForm?.componentId ? components?.find((c) => c.id === eForm.componentId) : undefined;
  const missing = (components ?? []).filter((c) => c.id !== formPaper?.id && !attachments.some((a) => a.componentId === c.id));
  return (
    <>
      {eForm && (
        <p class="eform-received">
          <strong>{formPaper?.name ?? eForm.title}</strong>: Tờ khai điện tử — đã nhận.
        </p>
      )}
      <DataTable caption={`${attachments.length} tệp đính kèm`} class="attachments" cards rows={attachments} rowKey={(a) => a.id} empty="Hồ sơ chưa có tệp đính kèm." columns={[
        {
          header: 'Thành phần hồ sơ',
          cell: (a) => (
            <>
              {a.label}
              {a.supplementRequestId && <span class="tag"> (bổ sung)</span>}
              {a.source === 'vault' && <span class="tag"> (từ kho dữ liệu)</span>}
              {(acceptances?.[a.id] ?? []).length > 0 && (
                <ul class="plain acceptances">
                  {acceptances![a.id]!.map((h, i) => (
                    <li key={i}>
                      <small>
                        Đã được {h.agencyName ?? h.agencyCode} tiếp nhận lúc {dateVi(h.at)}
                        {h.applicationCode ? ` (hồ sơ ${h.applicationCode})` : ''}
                      </small>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ),
        },
        {
          header: 'Tệp',
          cell: (a) => (
            <>
              <a href={`/ho-so/${code}/tep/${a.id}`} download={a.originalName}>
                {a.originalName}
              </a>
              <br />
              <small>{dateVi(a.uploadedAt)}</small>
            </>
          ),
        },
        { header: 'Loại', cell: (a) => kindLabel(a.kind) },
        { header: 'Dung lượng', cell: (a) => formatBytes(a.size) },
        !forApplicant && { header: 'SHA-256', cell: (a) => <code class="sha256">{a.sha256}</code> },
      ]} />
      {missing.length > 0 && (
        <p>
          Thành phần chưa có tệp: {missing.map((c) => c.name).join('; ')}.
        </p>
      )}
    </>
  );
}

/** The request for more documents the applicant sees (and a link to supplement online). */
export function SupplementBox({ code, request, forApplicant }: { code: string; request: SupplementRequest; forApplicant: boolean }) {
  return (
    <section class="supplement-box" aria-labelledby="supplement-heading">
      <h2 id="supplement-heading">Yêu cầu bổ sung giấy tờ</h2>
      <p>
        {request.requestedBy ?? 'Cán bộ'} yêu cầu lúc {dateVi(request.requestedAt)}. Lý do: {request.reason}
      </p>
      <p>Cần bổ sung (toàn bộ, một lần):</p>
      <ul>
        {request.items.map((i) => (
          <li key={i.id}>
            {i.label}
            {request.supplied.includes(i.id) ? ' — đã nộp' : ' — chưa nộp'}
          </li>
        ))}
      </ul>
      <p>Thời gian chờ bổ sung không tính vào thời hạn giải quyết.</p>
      {forApplicant && (
        <p>
          <a class="button" href={`/ho-so/${code}/bo-sung`}>
            Bổ sung giấy tờ trực tuyến
          </a>
        </p>
      )}
    </section>
  );
}

export function ApologyBox({ apology }: { apology: Apology }) {
  return (
    <section class="apology-box" aria-labelledby="apology-heading">
      <h2 id="apology-heading">Thư xin lỗi và hẹn lại ngày trả kết quả</h2>
      <p>
        {apology.officerName}, {dateVi(apology.sentAt)}: {apology.reason}
      </p>
      <p>
        Hạn giải quyết theo quy định: {dayVi(apology.previousDueDate)}. <strong>Ngày hẹn trả kết quả mới: {dayVi(apology.newDueDate)}</strong>.
      </p>
    </section>
  );
}

export function SupplementPage({ ctx, code, request, slots, errors = {}, notice }: { ctx: PageContext; code: string; request: SupplementRequest; slots: UploadSlot[]; errors?: FieldErrors; notice?: string }) {
  return (
    <Layout ctx={ctx} title={`Bổ sung giấy tờ — hồ sơ ${code}`} description={`Nộp bổ sung giấy tờ cho hồ sơ ${code}.`} styles={STYLES} scripts={SCRIPTS}>
      <ErrorSummary errors={errors} labels={Object.fromEntries(slots.map((s) => [s.name, s.label]))} />
      <p>
        <a href={`/ho-so/${code}`}>‹ Hồ sơ {code}</a>
      </p>
      <h1>Bổ sung giấy tờ</h1>
      {notice && <Notice>{notice}</Notice>}
      <SupplementBox code={code} request={request} forApplicant={false} />
      {slots.length > 0 && (
        <form method="post" action={`/ho-so/${code}/bo-sung`} enctype="multipart/form-data" class="form-narrow" data-upload="" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <FileSlots slots={slots} errors={errors} />
          <div class="actions">
            <button type="submit" class="button">
              Nộp bổ sung
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}

/** The officer's request: components of the service and any other paper, with the reason — everything at once. */
export function SupplementRequestForm({ csrf, code, components, errors, values }: { csrf: string; code: string; components: { id: string; name: string }[]; errors: FieldErrors; values?: { components?: string[]; other?: string; reason?: string } }) {
  const err = (name: string) => errors[name];
  return (
    <form method="post" action={`/can-bo/ho-so/${code}/bo-sung`} class="form-narrow" novalidate>
      <CsrfField token={csrf} />
      <h2>Yêu cầu bổ sung giấy tờ</h2>
      <p>Liệt kê đầy đủ một lần mọi giấy tờ cần bổ sung; thời gian chờ người nộp bổ sung không tính vào thời hạn giải quyết.</p>
      <fieldset class={`field${err('items') ? ' field-error' : ''}`} aria-describedby={err('items') ? 'f-items-error' : undefined}>
        <legend>Thành phần hồ sơ cần nộp lại hoặc bổ sung</legend>
        {err('items') && (
          <p class="error-message" id="f-items-error">
            {err('items')}
          </p>
        )}
        {components.map((c, i) => (
          <div class="radio" key={c.id}>
            <input type="checkbox" id={i === 0 ? 'f-items' : `f-items-${i}`} name="component" value={c.id} checked={values?.components?.includes(c.id)} />
            <label for={i === 0 ? 'f-items' : `f-items-${i}`}>{c.name}</label>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="f-other">Giấy tờ khác (mỗi dòng một giấy tờ)</label>
        <textarea id="f-other" name="other" rows={3} maxLength={2000}>
          {values?.other ?? ''}
        </textarea>
      </div>
      <div class={`field${err('reason') ? ' field-error' : ''}`}>
        <label for="f-reason">Lý do (bắt buộc)</label>
        {err('reason') && (
          <p class="error-message" id="f-reason-error">
            {err('reason')}
          </p>
        )}
        <textarea id="f-reason" name="reason" rows={3} maxLength={2000} aria-describedby={err('reason') ? 'f-reason-error' : undefined} aria-invalid={err('reason') ? 'true' : undefined}>
          {values?.reason ?? ''}
        </textarea>
      </div>
      <div class="actions">
        <button type="submit" class="button">
          Yêu cầu bổ sung giấy tờ
        </button>
      </div>
    </form>
  );
}

export function ApologyForm({ csrf, code, dueDate, errors, values }: { csrf: string; code: string; dueDate: string | null; errors: FieldErrors; values?: { date?: string; apology?: string } }) {
  return (
    <form method="post" action={`/can-bo/ho-so/${code}/xin-loi`} class="form-narrow" novalidate>
      <CsrfField token={csrf} />
      <h2>Thư xin lỗi, hẹn lại ngày trả kết quả</h2>
      <p>Khi hồ sơ có thể trễ hạn {dayVi(dueDate)}: gửi thư xin lỗi với ngày hẹn mới. Mỗi hồ sơ chỉ được hẹn lại một lần.</p>
      <div class={`field${errors.date ? ' field-error' : ''}`}>
        <label for="f-date">Ngày hẹn trả kết quả mới</label>
        <p class="hint" id="f-date-hint">
          Sau hạn giải quyết hiện tại.
        </p>
        {errors.date && (
          <p class="error-message" id="f-date-error">
            {errors.date}
          </p>
        )}
        <input type="date" id="f-date" name="date" value={values?.date ?? ''} aria-describedby={errors.date ? 'f-date-hint f-date-error' : 'f-date-hint'} aria-invalid={errors.date ? 'true' : undefined} />
      </div>
      <div class={`field${errors.apology ? ' field-error' : ''}`}>
        <label for="f-apology">Lý do chậm trễ</label>
        {errors.apology && (
          <p class="error-message" id="f-apology-error">
            {errors.apology}
          </p>
        )}
        <textarea id="f-apology" name="apology" rows={3} maxLength={2000} aria-describedby={errors.apology ? 'f-apology-error' : undefined} aria-invalid={errors.apology ? 'true' : undefined}>
          {values?.apology ?? ''}
        </textarea>
      </div>
      <div class="actions">
        <button type="submit" class="button button-secondary">
          Gửi thư xin lỗi
        </button>
      </div>
    </form>
  );
}
