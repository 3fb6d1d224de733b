// The officer's page of one application: what was declared and sent, its history, and what the
// officer may do next; the workflow (assignment, transfer, approval) and the one-stop papers are
// panels of their own modules.
import { AnswerList, type FormDefinition } from '../../forms/index.ts';
import { DeliveryLog, type DeliveryView } from '../../notifications/index.ts';
import type { ComponentChildren } from 'preact';
import { CsrfField, ErrorSummary, Notice, type FieldErrors } from '../../web/components/form.tsx';
import { Layout } from '../../web/components/layout.tsx';
import { Facts } from '../../web/components/facts.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { Status } from '../model.ts';
import type { ApplicationRecord } from '../store.ts';
import type { Apology } from '../transitions.ts';
import type { Attachment, SupplementRequest } from '../attachments.ts';
import { ApologyBox, ApologyForm, AttachmentList, SupplementBox, SupplementRequestForm, STYLES } from './attachments.tsx';
import { ApplicationFacts, Timeline } from './parts.tsx';
import { WorkflowPanel, type WorkflowPanelData } from '../workflow/panel.tsx';
import { PapersPanel, type PapersPanelData } from '../papers/panel.tsx';

const ACTION_LABELS: Partial<Record<Status, string>> = {
  2: 'Tiếp nhận hồ sơ',
  3: 'Không tiếp nhận',
  4: 'Bắt đầu xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** What the officer's page shows beside the application: its files, requests, apology, and the forms that use them. */
export interface OfficerExtras {
  attachments: Attachment[];
  /** Earlier acceptances of the documents taken from the applicant's store, by attachment id. */
  acceptances?: Record<string, { agencyCode: string; agencyName?: string; at: Date; applicationCode?: string | null }[]>;
  components: { id: string; name: string }[];
  /** The e-form the answers came with, and the dossier component it stands in for (not a missing file). */
  eForm?: { title: string; componentId: string | null };
  openRequest?: SupplementRequest;
  apology?: Apology;
  /** The officer may request documents (5) now. */
  canRequest: boolean;
  /** The officer may still send the one apology. */
  canApologize: boolean;
  values?: { components?: string[]; other?: string; reason?: string; date?: string; apology?: string };
  /** What reached the applicant by email, SMS and webhook (N2). */
  deliveries?: DeliveryView[];
  /** Who holds it and what the officer may do in the workflow: assign, transfer, approve (workflow/panel.tsx). */
  workflow?: WorkflowPanelData;
  /** The one-stop papers of this application, to print (papers/panel.tsx). */
  papers?: PapersPanelData;
}

export function OfficerApplicationPage({ ctx, a, actions, form, errors = {}, notice, extras }: { ctx: PageContext; a: ApplicationRecord; actions: Status[]; form?: FormDefinition; errors?: FieldErrors; notice?: ComponentChildren; extras: OfficerExtras }) {
  const generic = actions.filter((s) => s !== 5);
  return (
    <Layout ctx={ctx} title={`Hồ sơ ${a.code}`} description={`Xử lý hồ sơ ${a.code}.`} styles={STYLES}>
      <ErrorSummary errors={errors} labels={{ note: 'Ghi chú', items: 'Giấy tờ cần bổ sung', reason: 'Lý do', date: 'Ngày hẹn mới', apology: 'Lý do chậm trễ' }} />
      <p>
        <a href="/can-bo/ho-so">‹ Hồ sơ của cơ quan</a>
      </p>
      <h1>Hồ sơ {a.code}</h1>
      {notice && <Notice>{notice}</Notice>}
      <ApplicationFacts a={a} />
      <h2>Thông tin đã khai</h2>
      {form ? (
        <AnswerList def={form} values={(a.data ?? {}) as Parameters<typeof AnswerList>[0]['values']} />
      ) : (
        <Facts class="service-facts" items={Object.entries((a.data ?? {}) as Record<string, unknown>).map(([k, v]) => ({ term: k, value: typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v) }))} />
      )}
      {form && (
        <p>
          Tờ khai theo mẫu giấy: <a href={`/can-bo/ho-so/${a.code}/to-khai.pdf`}>PDF</a> · <a href={`/can-bo/ho-so/${a.code}/to-khai.docx`}>.docx</a>
        </p>
      )}
      <h2>Thành phần hồ sơ</h2>
      <AttachmentList code={a.code} attachments={extras.attachments} components={extras.components} acceptances={extras.acceptances} eForm={extras.eForm} />
      {extras.openRequest && <SupplementBox code={a.code} request={extras.openRequest} forApplicant={false} />}
      {extras.apology && <ApologyBox apology={extras.apology} />}
      {extras.workflow && <WorkflowPanel csrf={ctx.csrfToken} code={a.code} data={extras.workflow} />}
      <h2>Tiến độ xử lý</h2>
      <Timeline history={a.history} />
      {extras.papers && <PapersPanel code={a.code} data={extras.papers} />}
      {generic.length > 0 && (
        <form method="post" action={`/can-bo/ho-so/${a.code}/trang-thai`} class="form-narrow" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <h2>Xử lý</h2>
          <div class={`field${errors.note ? ' field-error' : ''}`}>
            <label for="f-note">Ghi chú</label>
            <p class="hint" id="f-note-hint">
              Bắt buộc khi không tiếp nhận, dừng xử lý (ghi lý do) hoặc yêu cầu bổ sung (liệt kê đủ một lần các giấy tờ cần bổ sung).
            </p>
            {errors.note && (
              <p class="error-message" id="f-note-error">
                {errors.note}
              </p>
            )}
            <textarea id="f-note" name="note" rows={4} maxLength={4000} aria-describedby={errors.note ? 'f-note-hint f-note-error' : 'f-note-hint'} />
          </div>
          <div class="actions">
            {generic.map((s) =>
              // A7: asking for the fee and finishing with a signed result have their own pages.
              s === 6 || s === 9 ? (
                <a key={s} class="button" href={`/can-bo/ho-so/${a.code}/${s === 6 ? 'thu-phi' : 'ket-qua'}`}>
                  {ACTION_LABELS[s]}
                </a>
              ) : (
                <button key={s} type="submit" name="status" value={String(s)} class={s === 3 || s === 8 ? 'button button-secondary' : 'button'}>
                  {ACTION_LABELS[s]}
                </button>
              ),
            )}
          </div>
        </form>
      )}
      {/* The e-form came with the application: it is not a paper to ask for again. */}
      {extras.canRequest && <SupplementRequestForm csrf={ctx.csrfToken} code={a.code} components={extras.components.filter((c) => c.id !== extras.eForm?.componentId)} errors={errors} values={extras.values} />}
      {extras.canApologize && <ApologyForm csrf={ctx.csrfToken} code={a.code} dueDate={a.dueDate} errors={errors} values={extras.values} />}
      {extras.deliveries && <DeliveryLog deliveries={extras.deliveries} />}
    </Layout>
  );
}
