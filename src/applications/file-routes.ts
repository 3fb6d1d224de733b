// The files of applications (A1, A4, A5, F6): the "Thành phần hồ sơ" step and its multipart
// submission, downloads for the applicant and the agency, the request for more documents and
// the applicant's online supplement, and the apology with a new date.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getService, type Service } from '../catalog/index.ts';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { definitionForService, deleteDraft, validateAnswers, type FormDefinition } from '../forms/index.ts';
import { audit, can, csrfTokenMatches, type Actor } from '../identity/index.ts';
import { deliveriesOf } from '../notifications/index.ts';
import type { FileStore } from '../storage/index.ts';
import { acceptanceHistory, openForStaff } from '../vault/index.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import { vietnamDay, type WorkingCalendar } from './calendar.ts';
import { attachmentRule, checkUploads, cleanFileName, nextStatuses, type ReusableLookup, type ReusedDocument, type UploadSlot } from './model.ts';
import {
  apologyOf,
  attachmentsOf,
  getApplication,
  sendApology,
  submitApplication,
  supplementRequestsOf,
  supplyDocuments,
  transition,
  type ApplicationRecord,
  type NewAttachment,
  type SupplementItem,
} from './store.ts';
import { first, readMultipart, type StoredUpload } from './upload.ts';
import { ComponentsPage, SupplementPage, type ReusedNote } from './views/attachments.tsx';
import { OfficerApplicationPage, type OfficerExtras } from './views/inbox.tsx';
import { SubmittedPage } from './views/submitted.tsx';

export interface FileRouteDeps {
  db: DB;
  portal: PortalIdentity;
  files: FileStore;
  calendar: () => WorkingCalendar;
  /** The vault's answer to "is this component already provided?" (V2); absent, every file is asked for. */
  reusable?: ReusableLookup;
}

/**
 * The file inputs of a submission: on the e-form's page, one per attachment field of the form
 * (required as the form says); through the API, every dossier component of the service.
 */
export function submissionSlots(service: Service, def: FormDefinition | undefined, forPage: boolean): UploadSlot[] {
  const fields = def ? def.sections.flatMap((s) => s.fields).filter((f) => f.type === 'attachment') : [];
  const slots: UploadSlot[] = [];
  for (const c of service.components) {
    const field = fields.find((f) => f.type === 'attachment' && f.component === c.id);
    if (!field && forPage) continue;
    slots.push({ name: `component:${c.id}`, componentId: c.id, label: field?.label ?? c.name, rule: attachmentRule(c.kind), required: !!field?.required });
  }
  return slots;
}

/** Asks the vault about each slot; a satisfied slot becomes optional and says where the document came from. */
async function withReuse(deps: FileRouteDeps, actor: Actor, service: Service, slots: UploadSlot[]): Promise<{ slots: UploadSlot[]; reused: Map<string, ReusedDocument>; notes: ReusedNote[] }> {
  const reused = new Map<string, ReusedDocument>();
  if (!deps.reusable) return { slots, reused, notes: [] };
  const day = vietnamDay(new Date()).day;
  const out: UploadSlot[] = [];
  for (const slot of slots) {
    const component = service.components.find((c) => c.id === slot.componentId);
    const doc = component ? await deps.reusable({ applicantId: actor.id, agencyCode: service.agency, serviceCode: service.code, component: { id: component.id, name: component.name, kind: component.kind }, day }) : null;
    if (doc) reused.set(slot.name, doc);
    out.push(doc ? { ...slot, satisfied: true } : slot);
  }
  const notes = [...reused.entries()].map(([slot, d]) => ({ slot, text: `Đã có trong kho dữ liệu — không cần nộp lại: ${d.originalName}, được ${d.acceptedBy} chấp nhận, ${d.validUntil ? `có giá trị đến hết ngày ${d.validUntil.split('-').reverse().join('/')}` : 'không thời hạn'}. Bạn vẫn có thể tải lên bản mới hơn.` }));
  return { slots: out, reused, notes };
}

/** The rows for the files that passed the checks, and for the vault's documents used in place of an upload. */
function attachmentRows(accepted: { slot: UploadSlot; upload: StoredUpload }[], slots: UploadSlot[], reused: Map<string, ReusedDocument>): NewAttachment[] {
  const rows: NewAttachment[] = accepted.map(({ slot, upload }) => ({
    componentId: slot.componentId,
    label: slot.label,
    fileKey: upload.stored!.key,
    sha256: upload.stored!.sha256,
    size: upload.size,
    kind: upload.kind!,
    mime: upload.mime!,
    originalName: cleanFileName(upload.filename),
    source: 'upload',
    supplementItem: slot.itemId ?? null,
  }));
  for (const slot of slots) {
    const doc = reused.get(slot.name);
    if (!doc || accepted.some((a) => a.slot.name === slot.name)) continue;
    rows.push({ componentId: slot.componentId, label: slot.label, fileKey: doc.fileKey, sha256: doc.sha256, size: doc.size, kind: doc.kind, mime: doc.mime, originalName: doc.originalName, source: 'vault', vaultDocumentId: doc.documentId });
  }
  return rows;
}

export type FilesSubmission = { ok: true; attachments: NewAttachment[] } | { ok: false; errors: FieldErrors };

/** Checks the uploads of a submission against its slots (and the vault); the rows to store, or every error at once. */
export async function checkSubmissionFiles(deps: FileRouteDeps, actor: Actor, service: Service, baseSlots: UploadSlot[], uploads: StoredUpload[]): Promise<FilesSubmission & { slots: UploadSlot[]; notes: ReusedNote[] }> {
  const { slots, reused, notes } = await withReuse(deps, actor, service, baseSlots);
  const { errors, accepted } = checkUploads(slots, uploads);
  if (Object.keys(errors).length) return { ok: false, errors, slots, notes };
  return { ok: true, attachments: attachmentRows(accepted as { slot: UploadSlot; upload: StoredUpload }[], slots, reused), slots, notes };
}

/** The "Thành phần hồ sơ" step after the check page (a page of its own only when the form has attachments). */
export async function componentsStep(req: FastifyRequest, reply: FastifyReply, deps: FileRouteDeps, actor: Actor, service: Service, def: FormDefinition, answers: Record<string, unknown>): Promise<FastifyReply | undefined> {
  const base = submissionSlots(service, def, true);
  if (!base.length) return undefined;
  const { slots, notes } = await withReuse(deps, actor, service, base);
  const ctx = await loadPageContext(req, deps);
  return sendPage(reply, ComponentsPage({ ctx, service, slots, data: JSON.stringify(answers), reused: notes }));
}

/** What the officer's page shows beside the application. */
export async function officerExtras(db: DB, a: ApplicationRecord, actor: Actor, values?: OfficerExtras['values']): Promise<OfficerExtras> {
  const [attachments, requests, apology, service, deliveries] = await Promise.all([attachmentsOf(db, a.id), supplementRequestsOf(db, a.id), apologyOf(db, a.id), getService(db, a.service), deliveriesOf(db, a.code)]);
  const processes = can(actor, 'application.process', { agencyCode: a.agency });
  // V2: a document taken from the applicant's store comes with who accepted it before, and when.
  const reused = attachments.filter((f) => f.source === 'vault' && f.vaultDocumentId);
  const histories = await Promise.all(reused.map((f) => acceptanceHistory(db, f.vaultDocumentId!)));
  return {
    attachments,
    acceptances: Object.fromEntries(reused.map((f, i) => [f.id, histories[i]!])),
    components: (service?.components ?? []).map((c) => ({ id: c.id, name: c.name })),
    openRequest: requests.find((r) => !r.completedAt),
    apology,
    canRequest: processes && nextStatuses(a.status, 'officer').includes(5),
    canApologize: processes && !apology && [1, 2, 4, 5, 6].includes(a.status),
    values,
    deliveries,
  };
}

/** The applicant's page's extras: files, the open request, the apology. */
export async function applicantExtras(db: DB, a: ApplicationRecord) {
  const [attachments, requests, apology] = await Promise.all([attachmentsOf(db, a.id), supplementRequestsOf(db, a.id), apologyOf(db, a.id)]);
  return { attachments, openRequest: requests.find((r) => !r.completedAt), apology };
}

/** "giay-khai-sinh.pdf" as a header both old and new browsers read, with the Vietnamese name kept. */
function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function fileRoutes(app: FastifyInstance, deps: FileRouteDeps): Promise<void> {
  const { db } = deps;
  const signIn = (req: FastifyRequest, reply: FastifyReply) => reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`, 303);
  const message = async (req: FastifyRequest, reply: FastifyReply, title: string, body: string, status: number) => sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title, body }), status);
  const notFound = (req: FastifyRequest, reply: FastifyReply, code: string) => message(req, reply, 'Không tìm thấy hồ sơ', `Không có hồ sơ mã "${code.slice(0, 60)}" trong phạm vi của bạn.`, 404);
  const csrf = (req: FastifyRequest) => (sent: string) => csrfTokenMatches(req, sent);

  // The multipart submission of the "Thành phần hồ sơ" step: files first (fsynced), then one transaction.
  app.post<{ Params: { code: string } }>('/dich-vu-cong/:code/gui-ho-so', { config: { csrfInStream: true } }, async (req, reply) => {
    const actor = req.actor;
    if (!actor) return signIn(req, reply);
    const service = await getService(db, req.params.code.slice(0, 20));
    const def = service && definitionForService(service.code);
    if (!service || !def || service.level < 3) return message(req, reply, 'Không nộp được hồ sơ', 'Thủ tục này không nhận hồ sơ trực tuyến bằng tờ khai điện tử.', 400);
    if (!can(actor, 'application.submit')) return message(req, reply, 'Không nộp được hồ sơ', 'Chỉ tài khoản công dân, doanh nghiệp nộp được hồ sơ.', 403);
    const body = await readMultipart(req, deps.files, { csrf: csrf(req) });
    if (!body.ok) return message(req, reply, body.code === 'CSRF' ? 'Biểu mẫu đã hết hạn' : 'Không nộp được hồ sơ', body.message, body.code === 'CSRF' ? 403 : body.code === 'TOO_MANY_FILES' ? 413 : 400);
    let answers: Record<string, unknown>;
    try {
      answers = JSON.parse(first(body.fields, 'data') || 'null') as Record<string, unknown>;
      if (!answers || typeof answers !== 'object' || Array.isArray(answers)) throw new Error('not an object');
    } catch {
      return message(req, reply, 'Tờ khai chưa hợp lệ', 'Không đọc được tờ khai gửi kèm; không có gì được lưu. Hãy mở lại tờ khai, kiểm tra và gửi lại.', 400);
    }
    const checked = validateAnswers(def, answers);
    if (Object.keys(checked.errors).length) {
      return message(req, reply, 'Tờ khai chưa hợp lệ', 'Thông tin gửi lên chưa đầy đủ hoặc chưa đúng; không có gì được lưu. Hãy mở lại tờ khai, kiểm tra và gửi lại.', 400);
    }
    const files = await checkSubmissionFiles(deps, actor, service, submissionSlots(service, def, true), body.uploads);
    const ctx = await loadPageContext(req, deps);
    if (!files.ok) return sendPage(reply, ComponentsPage({ ctx, service, slots: files.slots, data: JSON.stringify(answers), errors: files.errors, reused: files.notes }), 400);
    const submitted = await submitApplication(
      db,
      { serviceCode: service.code, serviceName: service.name, agencyCode: service.agency, agencyName: service.agencyName, applicantId: actor.id, applicantName: actor.fullName, data: checked.values, formVersion: `${def.id}@${def.version}`, timeLimitDays: service.timeLimitDays, attachments: files.attachments },
      deps.calendar(),
    );
    // F4: the draft of this form has served its purpose once the application is in.
    await deleteDraft(db, actor.id, service.code);
    return sendPage(reply, SubmittedPage({ ctx, code: submitted.code, serviceName: service.name, dueDate: submitted.dueDate }), 201);
  });

  // A file of an application: for its applicant and the officers of its agency; anyone else gets 404.
  app.get<{ Params: { code: string; id: string } }>('/ho-so/:code/tep/:id', async (req, reply) => {
    const actor = req.actor;
    if (!actor) return signIn(req, reply);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !can(actor, 'application.read', { ownerId: a.applicantId, agencyCode: a.agency })) return notFound(req, reply, req.params.code);
    const id = req.params.id;
    const file = /^[0-9a-f-]{36}$/.test(id) ? (await attachmentsOf(db, a.id)).find((f) => f.id === id) : undefined;
    if (!file) return message(req, reply, 'Không tìm thấy tệp', 'Hồ sơ không có tệp này.', 404);
    if (a.applicantId !== actor.id) await audit(db, { actor, action: 'personal-data-read', targetType: 'application-file', targetId: `${a.code}/${file.id}`, agencyCode: a.agency, ip: req.ip });
    // V4: a document taken from the applicant's data store shows in its owner's usage log when staff open it.
    if (a.applicantId !== actor.id && file.source === 'vault' && file.vaultDocumentId) await openForStaff(db, { documentId: file.vaultDocumentId, applicationId: a.id, applicationCode: a.code, agencyCode: a.agency, actorName: actor.fullName });
    return reply
      .type(file.mime)
      .header('content-disposition', contentDisposition(file.originalName))
      .header('content-length', String(file.size))
      .header('cache-control', 'private, no-store')
      .send(deps.files.open(file.fileKey));
  });

  const officerPage = async (req: FastifyRequest, reply: FastifyReply, actor: Actor, code: string, errors: FieldErrors, values: OfficerExtras['values'], status: number) => {
    const a = (await getApplication(db, code))!;
    const extras = await officerExtras(db, a, actor, values);
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, OfficerApplicationPage({ ctx, a, actions: nextStatuses(a.status, 'officer'), form: definitionForService(a.service), errors, extras }), status);
  };

  // A5/A4: the officer lists everything needed at once — components and any other paper — with the reason.
  app.post<{ Params: { code: string } }>('/can-bo/ho-so/:code/bo-sung', async (req, reply) => {
    const actor = req.actor;
    if (!actor) return signIn(req, reply);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !can(actor, 'application.process', { agencyCode: a.agency })) return notFound(req, reply, req.params.code);
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
    if (!result.ok) return officerPage(req, reply, actor, a.code, { items: result.problem.message }, values, 409);
    return reply.redirect(`/can-bo/ho-so/${a.code}?xong=1`, 303);
  });

  // A4: the one apology, with a new date; the legal due date stays the measure of on time.
  app.post<{ Params: { code: string } }>('/can-bo/ho-so/:code/xin-loi', async (req, reply) => {
    const actor = req.actor;
    if (!actor) return signIn(req, reply);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !can(actor, 'application.process', { agencyCode: a.agency })) return notFound(req, reply, req.params.code);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const rawDate = typeof body.date === 'string' ? body.date.trim().slice(0, 20) : '';
    const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(rawDate);
    const date = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : rawDate;
    const reason = typeof body.apology === 'string' ? body.apology.slice(0, 2000) : '';
    const values = { date: rawDate, apology: reason };
    const errors: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) errors.date = 'Hãy nhập ngày hẹn mới theo dạng ngày/tháng/năm.';
    if (!reason.trim()) errors.apology = 'Hãy ghi rõ lý do chậm trễ trong thư xin lỗi.';
    if (Object.keys(errors).length) return officerPage(req, reply, actor, a.code, errors, values, 400);
    const result = await sendApology(db, a.code, { id: actor.id, name: actor.fullName }, reason, date, vietnamDay(new Date()).day);
    if (!result.ok) {
      const key = result.problem.code === 'BAD_DATE' ? 'date' : 'apology';
      return officerPage(req, reply, actor, a.code, { [key]: result.problem.message }, values, result.problem.code === 'ALREADY' || result.problem.code === 'NOT_ALLOWED' ? 409 : 400);
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

  app.get<{ Params: { code: string } }>('/ho-so/:code/bo-sung', async (req, reply) => {
    if (!req.actor) return signIn(req, reply);
    const found = await supplementOf(req.params.code.slice(0, 60), req.actor.id);
    if (!found) return notFound(req, reply, req.params.code);
    if (!found.request) return reply.redirect(`/ho-so/${found.a.code}`, 303);
    return sendPage(reply, SupplementPage({ ctx: await loadPageContext(req, deps), code: found.a.code, request: found.request, slots: found.slots }));
  });

  // A4: the applicant supplements online; once complete the application goes back and the clock resumes.
  app.post<{ Params: { code: string } }>('/ho-so/:code/bo-sung', { config: { csrfInStream: true } }, async (req, reply) => {
    const actor = req.actor;
    if (!actor) return signIn(req, reply);
    const found = await supplementOf(req.params.code.slice(0, 60), actor.id);
    if (!found) return notFound(req, reply, req.params.code);
    if (!found.request) return message(req, reply, 'Không cần bổ sung', 'Hồ sơ không ở trạng thái chờ bổ sung giấy tờ; không có gì được lưu.', 409);
    const body = await readMultipart(req, deps.files, { csrf: csrf(req) });
    if (!body.ok) return message(req, reply, body.code === 'CSRF' ? 'Biểu mẫu đã hết hạn' : 'Không nộp được giấy tờ bổ sung', body.message, body.code === 'CSRF' ? 403 : body.code === 'TOO_MANY_FILES' ? 413 : 400);
    const { errors, accepted } = checkUploads(found.slots, body.uploads);
    if (Object.keys(errors).length) {
      return sendPage(reply, SupplementPage({ ctx: await loadPageContext(req, deps), code: found.a.code, request: found.request, slots: found.slots, errors }), 400);
    }
    const rows = attachmentRows(accepted as { slot: UploadSlot; upload: StoredUpload }[], found.slots, new Map());
    const result = await supplyDocuments(db, found.a.code, { id: actor.id, name: actor.fullName }, rows, deps.calendar());
    if (!result.ok) return message(req, reply, 'Không nộp được giấy tờ bổ sung', result.problem.message, result.problem.code === 'NOT_FOUND' ? 404 : 409);
    return reply.redirect(`/ho-so/${found.a.code}?bo-sung=${result.complete ? 'du' : 'mot-phan'}`, 303);
  });
}
