// The files of applications (A1, A4, A5, F6): the "Thành phần hồ sơ" step and its multipart
// submission, downloads for the applicant and the agency, the request for more documents and
// the applicant's online supplement, and the apology with a new date.
import { receiptsOf } from './payment/receipts.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getService } from '../catalog/index.ts';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { formOfApplication, type FormLibrary } from '../forms/index.ts';
import { actorOf, audit, can, csrfTokenMatches, GATES, guards, type Actor } from '../identity/index.ts';
import { mayProcess, mayRead } from './workflow/model.ts';
import { deliveriesOf } from '../notifications/index.ts';
import type { FileStore } from '../storage/index.ts';
import { acceptanceHistory, openForStaff } from '../vault/index.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import { vietnamDay, type WorkingCalendar } from './calendar.ts';
import { attachmentRule, checkUploads, eFormComponent, nextStatuses, type ReusableLookup, type UploadSlot } from './model.ts';
import { getApplication, type ApplicationRecord } from './store.ts';
import { apologyOf, sendApology, transition, type SupplementItem } from './transitions.ts';
import { attachmentsOf, supplementRequestsOf, supplyDocuments } from './attachments.ts';
import { discardRefusedUploads, readMultipart, type StoredUpload } from './upload.ts';
import { explainForPage, type ApplicationProblem } from './problems.ts';
import type { Problem } from '../web/problem.ts';
import { filesStepRoutes } from './files-step.ts';
import { uploadRow } from './submit.ts';
import { SupplementPage } from './views/attachments.tsx';
import { OfficerApplicationPage, type OfficerExtras } from './views/officer-application.tsx';
import { loadWorkflowPanel } from './workflow/panel.tsx';
import { loadPapersPanel } from './papers/panel.tsx';
import { sendDownload } from '../web/download.ts';
import { ID, PARAGRAPH, pageBody, texts } from '../web/page-body.ts';

export interface FileRouteDeps {
  db: DB;
  portal: PortalIdentity;
  files: FileStore;
  calendar: () => WorkingCalendar;
  /** The vault's answer to "is this component already provided?" (V2); absent, every file is asked for. */
  reusable?: ReusableLookup;
  forms: FormLibrary;
}

/** What the officer's page shows beside the application. */
export async function officerExtras(db: DB, forms: FormLibrary, a: ApplicationRecord, actor: Actor, values?: OfficerExtras['values']): Promise<OfficerExtras> {
  const [attachments, requests, apology, service, deliveries, workflow, papers] = await Promise.all([
    attachmentsOf(db, a.id),
    supplementRequestsOf(db, a.id),
    apologyOf(db, a.id),
    getService(db, a.service),
    deliveriesOf(db, a.code),
    loadWorkflowPanel(db, a, actor),
    loadPapersPanel(db, a),
  ]);
  const processes = mayProcess(actor, a);
  // V2: a document taken from the applicant's store comes with who accepted it before, and when.
  const reused = attachments.filter((f) => f.source === 'vault' && f.vaultDocumentId);
  const histories = await Promise.all(reused.map((f) => acceptanceHistory(db, f.vaultDocumentId!)));
  // The answers came through the e-form: it is the declaration itself, received with the application.
  const def = a.data ? await formOfApplication(forms, a) : undefined;
  return {
    attachments,
    eForm: def && { title: def.title, componentId: eFormComponent(def, service?.components ?? [])?.id ?? null },
    acceptances: Object.fromEntries(reused.map((f, i) => [f.id, histories[i]!])),
    components: (service?.components ?? []).map((c) => ({ id: c.id, name: c.name })),
    openRequest: requests.find((r) => !r.completedAt),
    apology,
    canRequest: processes && nextStatuses(a.status, 'officer').includes(5),
    canApologize: processes && !apology && [1, 2, 4, 5, 6].includes(a.status),
    values,
    deliveries,
    workflow,
    papers,
  };
}

/** The applicant's page's extras: files, the open request, the apology. */
export async function applicantExtras(db: DB, a: ApplicationRecord) {
  const [attachments, requests, apology, receipts] = await Promise.all([attachmentsOf(db, a.id), supplementRequestsOf(db, a.id), apologyOf(db, a.id), receiptsOf(db, a.id)]);
  return { attachments, openRequest: requests.find((r) => !r.completedAt), apology, receipts };
}

export async function fileRoutes(app: FastifyInstance, deps: FileRouteDeps): Promise<void> {
  const { db } = deps;
  const only = { signedIn: guards(deps).page(GATES.signedIn) };
  const message = async (req: FastifyRequest, reply: FastifyReply, title: string, body: string, status: number) => sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title, body }), status);
  const problemPage = (req: FastifyRequest, reply: FastifyReply, title: string, problem: Problem<ApplicationProblem>) => {
    const p = explainForPage(req, deps.portal, problem);
    return message(req, reply, title, p.message, p.status);
  };
  const notFound = (req: FastifyRequest, reply: FastifyReply, code: string) => message(req, reply, 'Không tìm thấy hồ sơ', `Không có hồ sơ mã "${code.slice(0, 60)}" trong phạm vi của bạn.`, 404);
  const csrf = (req: FastifyRequest) => (sent: string) => csrfTokenMatches(req, sent);

  // Every multipart route of this scope (the API submission, the files step, the supplement):
  // what a refused request stored, no file stays behind (S6).
  app.addHook('onResponse', discardRefusedUploads(db, deps.files));
  await filesStepRoutes(app, deps);

  // A file of an application: for its applicant and the officers of its agency; anyone else gets 404.
  app.get<{ Params: { code: string; id: string } }>('/ho-so/:code/tep/:id', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !(can(actor, 'application.read', { ownerId: a.applicantId, agencyCode: a.agency }) || mayRead(actor, a))) return notFound(req, reply, req.params.code);
    const id = req.params.id;
    const file = /^[0-9a-f-]{36}$/.test(id) ? (await attachmentsOf(db, a.id)).find((f) => f.id === id) : undefined;
    if (!file) return message(req, reply, 'Không tìm thấy tệp', 'Hồ sơ không có tệp này.', 404);
    if (a.applicantId !== actor.id) await audit(db, { actor, action: 'personal-data-read', targetType: 'application-file', targetId: `${a.code}/${file.id}`, agencyCode: a.agency, ip: req.ip });
    // V4: a document taken from the applicant's data store shows in its owner's usage log when staff open it.
    if (a.applicantId !== actor.id && file.source === 'vault' && file.vaultDocumentId) await openForStaff(db, { documentId: file.vaultDocumentId, applicationId: a.id, applicationCode: a.code, agencyCode: a.agency, actorName: actor.fullName });
    return sendDownload(reply, { name: file.originalName, type: file.mime, personal: true })
      .header('content-length', String(file.size))
      .send(deps.files.open(file.fileKey));
  });

  const officerPage = async (req: FastifyRequest, reply: FastifyReply, actor: Actor, code: string, errors: FieldErrors, values: OfficerExtras['values'], status: number) => {
    const a = (await getApplication(db, code))!;
    const extras = await officerExtras(db, deps.forms, a, actor, values);
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, OfficerApplicationPage({ ctx, a, actions: nextStatuses(a.status, 'officer'), form: await formOfApplication(deps.forms, a), errors, extras }), status);
  };

  // A5/A4: the officer lists everything needed at once — components and any other paper — with the reason.
  app.post<{ Params: { code: string } }>('/can-bo/ho-so/:code/bo-sung', { preHandler: only.signedIn, schema: { body: pageBody({ component: texts(200), other: PARAGRAPH, reason: PARAGRAPH }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !mayProcess(actor, a)) return notFound(req, reply, req.params.code);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const chosen = ([] as unknown[]).concat(body.component ?? []).filter((v): v is string => typeof v === 'string');
    const other = typeof body.other === 'string' ? body.other.slice(0, 2000) : '';
    const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 2000) : '';
    const service = await getService(db, a.service);
    const components = (service?.components ?? []).filter((c) => chosen.includes(c.id));
    const lines = other.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 20);
    const items: SupplementItem[] = [
      ...components.map((c) => ({ id: `c-${c.id}`, componentId: c.id, label: c.name })),
      ...lines.map((l, i) => ({ id: `k${i + 1}`, componentId: null, label: l.slice(0, 300) })),
    ];
    const errors: FieldErrors = {};
    if (!items.length) errors.items = 'Hãy liệt kê đầy đủ một lần các giấy tờ cần bổ sung: chọn thành phần hồ sơ hoặc ghi giấy tờ khác.';
    if (!reason) errors.reason = 'Hãy ghi lý do yêu cầu bổ sung.';
    const values = { components: chosen, other, reason };
    if (Object.keys(errors).length) return officerPage(req, reply, actor, a.code, errors, values, 400);
    const note = `${reason} Cần bổ sung: ${items.map((i) => i.label).join('; ')}.`;
    const result = await transition(db, a.code, 5, 'officer', { id: actor.id, name: actor.fullName }, note, { items });
    if (!result.ok) {
      const p = explainForPage(req, deps.portal, result.problem);
      return officerPage(req, reply, actor, a.code, { items: p.message }, values, p.status);
    }
    return reply.redirect(`/can-bo/ho-so/${a.code}?xong=1`, 303);
  });

  // A4: the one apology, with a new date; the legal due date stays the measure of on time.
  app.post<{ Params: { code: string } }>('/can-bo/ho-so/:code/xin-loi', { preHandler: only.signedIn, schema: { body: pageBody({ date: ID, apology: PARAGRAPH }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !mayProcess(actor, a)) return notFound(req, reply, req.params.code);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rawDate = typeof body.date === 'string' ? body.date.trim().slice(0, 20) : '';
    const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(rawDate);
    const date = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : rawDate;
    const reason = typeof body.apology === 'string' ? body.apology.slice(0, 2000) : '';
    const values = { date: rawDate, apology: reason };
    const errors: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) errors.date = 'Hãy nhập ngày hẹn mới theo dạng ngày/tháng/năm.';
    if (!reason.trim()) errors.apology = explainForPage(req, deps.portal, { code: 'REASON_REQUIRED' }).message;
    if (Object.keys(errors).length) return officerPage(req, reply, actor, a.code, errors, values, 400);
    const result = await sendApology(db, a.code, { id: actor.id, name: actor.fullName }, reason, date, vietnamDay(new Date()).day);
    if (!result.ok) {
      const p = explainForPage(req, deps.portal, result.problem);
      return officerPage(req, reply, actor, a.code, { [p.field ?? 'apology']: p.message }, values, p.status);
    }
    return reply.redirect(`/can-bo/ho-so/${a.code}?xin-loi=1`, 303);
  });

  /** The applicant's open request and the slots still to fill. */
  const supplementOf = async (code: string, applicantId: string) => {
    const a = await getApplication(db, code);
    if (!a || a.applicantId !== applicantId) return undefined;
    const request = (await supplementRequestsOf(db, a.id)).find((r) => !r.completedAt);
    if (a.status !== 5 || !request) return { a };
    const service = await getService(db, a.service);
    const slots: UploadSlot[] = request.items
      .filter((i) => !request.supplied.includes(i.id))
      .map((i) => {
        const component = service?.components.find((c) => c.id === i.componentId);
        return { name: component ? `component:${component.id}` : `item:${i.id}`, componentId: component?.id ?? null, itemId: i.id, label: i.label, rule: attachmentRule(component?.kind ?? null), required: true };
      });
    return { a, request, slots };
  };

  app.get<{ Params: { code: string } }>('/ho-so/:code/bo-sung', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const found = await supplementOf(req.params.code.slice(0, 60), actor.id);
    if (!found) return notFound(req, reply, req.params.code);
    if (!found.request) return reply.redirect(`/ho-so/${found.a.code}`, 303);
    return sendPage(reply, SupplementPage({ ctx: await loadPageContext(req, deps), code: found.a.code, request: found.request, slots: found.slots }));
  });

  // A4: the applicant supplements online; once complete the application goes back and the clock resumes.
  app.post<{ Params: { code: string } }>('/ho-so/:code/bo-sung', { config: { csrfInStream: true }, preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const found = await supplementOf(req.params.code.slice(0, 60), actor.id);
    if (!found) return notFound(req, reply, req.params.code);
    if (!found.request) return problemPage(req, reply, 'Không cần bổ sung', { code: 'SUPPLY_CLOSED' });
    const body = await readMultipart(req, deps.files, { csrf: csrf(req) });
    if (!body.ok) return problemPage(req, reply, body.problem.code === 'CSRF' ? 'Biểu mẫu đã hết hạn' : 'Không nộp được giấy tờ bổ sung', body.problem);
    const { errors, accepted } = checkUploads(found.slots, body.uploads);
    if (Object.keys(errors).length) {
      return sendPage(reply, SupplementPage({ ctx: await loadPageContext(req, deps), code: found.a.code, request: found.request, slots: found.slots, errors }), 400);
    }
    const rows = (accepted as { slot: UploadSlot; upload: StoredUpload }[]).map(({ slot, upload }) => uploadRow(slot, upload));
    const result = await supplyDocuments(db, found.a.code, { id: actor.id, name: actor.fullName }, rows, deps.calendar());
    if (!result.ok) return problemPage(req, reply, 'Không nộp được giấy tờ bổ sung', result.problem);
    return reply.redirect(`/ho-so/${found.a.code}?bo-sung=${result.value.complete ? 'du' : 'mot-phan'}`, 303);
  });
}
