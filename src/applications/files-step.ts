// The "Thành phần hồ sơ" step of an e-form and the check page that follows it (A1, F4, F6): each
// valid file is kept with the person's draft at once; the check page lists the answers and the
// files; "Gửi hồ sơ" then goes through the one submission use case (submit.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getService, type Service } from '../catalog/index.ts';
import { adoptVisitorAnswers, CheckPage, clientBundle, definitionUrl, getDraft, hasAttachments, journeyOf, STYLE_URL, validateAnswers, type CheckedFile, type FormDefinition } from '../forms/index.ts';
import { can, csrfTokenMatches, type Actor } from '../identity/index.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import type { FileRouteDeps } from './file-routes.ts';
import { removeDraftFile, stageDraftFiles } from './draft-files.ts';
import { recentApplication } from './store.ts';
import { checkEachUpload, draftSubmissionFiles, submissionSlots } from './submit.ts';
import { first, readMultipart } from './upload.ts';
import { explainForPage } from './problems.ts';
import { FilesStepPage } from './views/attachments.tsx';
import { whereHook } from './where-routes.ts';

export async function filesStepRoutes(app: FastifyInstance, deps: FileRouteDeps): Promise<void> {
  const { db } = deps;
  const formUrl = (code: string) => `/dich-vu-cong/${code}/to-khai`;
  const stepUrl = (code: string) => `/dich-vu-cong/${code}/thanh-phan-ho-so`;
  const message = async (req: FastifyRequest, reply: FastifyReply, title: string, body: string, status: number, back?: { href: string; label: string }) => sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title, body, back }), status);

  /**
   * The service, its form and the person's draft with valid answers; otherwise the reply that
   * takes them where they can go on (sign-in, the form, or a message).
   */
  const load = async (req: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply): Promise<{ actor: Actor; service: Service; def: FormDefinition; answers: Record<string, unknown>; values: Record<string, unknown> } | FastifyReply> => {
    const code = req.params.code.slice(0, 20);
    const service = await getService(db, code);
    const def = service && (await deps.forms.forService(service.code));
    if (!service || !def || service.level < 3) return message(req, reply, 'Không có tờ khai điện tử', explainForPage(req, deps.portal, { code: 'NO_EFORM' }).message, 404);
    const actor = req.actor;
    if (!actor) {
      const next = encodeURIComponent(req.url);
      return message(req, reply, 'Cần đăng nhập để gửi hồ sơ', 'Để đính kèm giấy tờ và gửi hồ sơ, bạn cần đăng nhập hoặc đăng ký tài khoản. Mọi thông tin đã khai được giữ lại trong 24 giờ và hiện lại ngay sau khi bạn đăng nhập hoặc đăng ký.', 401, { href: `/dang-nhap?next=${next}`, label: 'Đăng nhập để tiếp tục' });
    }
    if (!can(actor, 'application.submit')) return message(req, reply, 'Không nộp được hồ sơ', explainForPage(req, deps.portal, { code: 'FORBIDDEN' }).message, 403);
    await adoptVisitorAnswers(db, req, service.code);
    const draft = await getDraft(db, actor.id, service.code);
    if (!draft) {
      // Back to a step after sending: say where the application is instead of an empty form.
      const sent = await recentApplication(db, actor.id, service.code);
      if (sent) return message(req, reply, 'Hồ sơ đã được gửi', `Hồ sơ ${sent.code} đã được gửi; các bước khai và giấy tờ đã đi cùng hồ sơ. Để nộp một hồ sơ mới cho thủ tục này, hãy mở lại tờ khai.`, 200, { href: `/ho-so/${sent.code}`, label: 'Xem hồ sơ đã gửi' });
      return reply.redirect(formUrl(service.code), 303);
    }
    const checked = validateAnswers(def, draft.answers);
    // Answers that no longer pass (another version of the form, a changed rule): back to the form, which shows where.
    if (Object.keys(checked.errors).length) return reply.redirect(formUrl(service.code), 303);
    return { actor, service, def, answers: draft.answers, values: checked.values };
  };

  const showStep = async (req: FastifyRequest, reply: FastifyReply, actor: Actor, service: Service, def: FormDefinition, extra: { errors?: FieldErrors; notice?: string }, status = 200) => {
    const { slots, notes, staged } = await draftSubmissionFiles(deps, actor, service, def);
    const journey = journeyOf(def);
    const ctx = await loadPageContext(req, deps);
    const kept = staged.map((f) => ({ componentId: f.componentId, fileName: f.originalName, size: f.size }));
    return sendPage(reply, FilesStepPage({ ctx, service, progress: `Bước ${journey.filesStep! + 1}/${journey.count}`, slots, staged: kept, reused: notes, ...extra }), status);
  };

  app.get<{ Params: { code: string }; Querystring: { thieu?: string } }>('/dich-vu-cong/:code/thanh-phan-ho-so', async (req, reply) => {
    const found = await load(req, reply);
    if (!('def' in found)) return found;
    const { actor, service, def } = found;
    if (!hasAttachments(def)) return reply.redirect(`/dich-vu-cong/${service.code}/kiem-tra`, 303);
    return showStep(req, reply, actor, service, def, { notice: req.query.thieu ? 'Hồ sơ chưa được gửi: hãy đính kèm đủ các giấy tờ bắt buộc rồi kiểm tra lại.' : undefined });
  });

  // Each valid file is kept with the draft, even when another is refused; then on to the check page.
  app.post<{ Params: { code: string } }>('/dich-vu-cong/:code/thanh-phan-ho-so', { config: { csrfInStream: true } }, async (req, reply) => {
    const found = await load(req, reply);
    if (!('def' in found)) return found;
    const { actor, service, def } = found;
    const body = await readMultipart(req, deps.files, { csrf: (sent) => csrfTokenMatches(req, sent) });
    if (!body.ok) {
      const p = explainForPage(req, deps.portal, body.problem);
      if (p.code === 'CSRF') return message(req, reply, 'Biểu mẫu đã hết hạn', p.message, p.status, { href: stepUrl(service.code), label: 'Mở lại bước Thành phần hồ sơ' });
      return showStep(req, reply, actor, service, def, { errors: { files: p.message } }, p.status);
    }
    const { rows, errors } = checkEachUpload(submissionSlots(service, def, true), body.uploads);
    await stageDraftFiles(db, actor.id, service.code, rows);
    const action = first(body.fields, '_action') || 'tiep';
    const kept = rows.length ? `Đã giữ ${rows.length} tệp hợp lệ cùng bản nháp.` : undefined;
    if (action === 'lui') return reply.redirect(`${formUrl(service.code)}?buoc=${journeyOf(def).formSteps}`, 303);
    if (action.startsWith('xoa:')) {
      const removed = await removeDraftFile(db, actor.id, service.code, action.slice(4, 104));
      return showStep(req, reply, actor, service, def, { errors, notice: [kept, removed ? 'Đã bỏ tệp.' : undefined].filter(Boolean).join(' ') || undefined }, Object.keys(errors).length ? 400 : 200);
    }
    if (Object.keys(errors).length) return showStep(req, reply, actor, service, def, { errors, notice: kept }, 400);
    const { missing } = await draftSubmissionFiles(deps, actor, service, def);
    if (missing.length) return showStep(req, reply, actor, service, def, { errors: Object.fromEntries(missing.map((s) => [s.name, `Hãy chọn tệp cho "${s.label}".`])), notice: kept }, 400);
    return reply.redirect(`/dich-vu-cong/${service.code}/kiem-tra`, 303);
  });

  // The check page, reachable again by its address: answers from the draft, the files that will go.
  app.get<{ Params: { code: string } }>('/dich-vu-cong/:code/kiem-tra', async (req, reply) => {
    const found = await load(req, reply);
    if (!('def' in found)) return found;
    const { actor, service, def, answers, values } = found;
    let files: CheckedFile[] | undefined;
    if (hasAttachments(def)) {
      const { attachments, missing, sourced, slots } = await draftSubmissionFiles(deps, actor, service, def);
      if (missing.length) return reply.redirect(`${stepUrl(service.code)}?thieu=1`, 303);
      files = attachments.map((a) => ({ label: a.label, fileName: a.originalName, source: a.source === 'vault' ? 'từ kho dữ liệu, không cần nộp lại' : 'tải lên' }));
      // Art. 15.3: what a national database stands in for, named with it.
      for (const x of sourced) files.push({ label: slots.find((s) => s.componentId === x.componentId)?.label ?? x.componentId, fileName: x.use.found ?? '', source: `lấy từ ${x.use.sourceName}, không cần nộp` });
    }
    // C1: the check page names where the application goes; with no place chosen yet, the picker first.
    const where = await whereHook(db)(req, service.code, undefined, (await getDraft(db, actor.id, service.code))?.agencyCode);
    if (where.choose) return reply.redirect(where.choose, 303);
    const ctx = await loadPageContext(req, deps);
    const assets = { script: (await clientBundle()).url, style: STYLE_URL, definition: definitionUrl(def) };
    return sendPage(reply, CheckPage({ ctx, def, service: { code: service.code, name: service.name, decidingAgency: service.agencyName, place: where.place }, raw: answers, values: values as never, assets, files }));
  });
}
