// Applications through the API (P3): submit, read, move through the statuses, public lookup.
// Pages for citizens and officers build on the same store and rules.
import { allowHits, isLimited, windowOf, type Limit } from '../db/rate-limit.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { answersFromFormBody, formOfApplication } from '../forms/index.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import { actorOf, audit, can, GATES, guards } from '../identity/index.ts';
import { RATEABLE_STATUSES, ratingOf } from '../feedback/index.ts';
import { calendarSource } from './calendar-store.ts';
import { isStatus, nextStatuses, STATUS_NAMES, type Mover, type Status } from './model.ts';
import { getApplication } from './store.ts';
import { apologyOf, transition } from './transitions.ts';
import { attachmentsOf, supplementRequestsOf } from './attachments.ts';
import { applicationsOf, lookupStatusCounted } from './lists.ts';
import { submit } from './submit.ts';
import { formApiRoutes } from './form-api.ts';
import { whereRoutes } from './where-routes.ts';
import { applicantExtras, fileRoutes, officerExtras } from './file-routes.ts';
import { first, readMultipart } from './upload.ts';
import { APPLICATION_PROBLEMS, sendProblem } from './problems.ts';
import { explain } from '../web/problem.ts';
import { OfficerApplicationPage } from './views/officer-application.tsx';
import { inboxRoutes } from './inbox-routes.ts';
import { calendarRoutes } from './calendar-routes.ts';
import { workflowRoutes, WORKFLOW_NOTICES } from './workflow/routes.ts';
import { mayProcess, mayRead } from './workflow/model.ts';
import { paperRoutes } from './papers/routes.ts';
import { papersOfApplication } from './papers/store.ts';
import { counterRoutes } from './counter/routes.ts';
import { counterApiSubmission } from './counter/api.ts';
import { IntakeNotice } from './counter/views/intake.tsx';
import type { ApplicationRouteDeps } from './route-deps.ts';
import { LookupPage } from './views/lookup.tsx';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../web/json-body.ts';
import { MyApplicationPage, MyApplicationsPage } from './views/my-applications.tsx';
import { SubmittedPage } from './views/submitted.tsx';
import { apiError } from '../web/api-error.ts';
import { dayVi } from '../web/format.ts';
import { ID, PARAGRAPH, pageBody } from '../web/page-body.ts';


/** A multipart field holding JSON (a counter intake's applicant and papers); what does not parse is left for the use case to refuse. */
function jsonPart(text: string): unknown {
  if (!text || jsonTooDeep(text)) return text || undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A per-address limit on failed public lookups, shared by all instances, so codes cannot be
 * guessed in bulk; a citizen who checks a real code again and again is never slowed down.
 */
export const LOOKUP_LIMIT = 30;
const LOOKUP: Limit = { bucket: 'lookup', max: LOOKUP_LIMIT, windowSeconds: 60 };
/**
 * Failed lookups of one application code, from any address (S1): after this many in a window,
 * that code's lookup is closed to everyone until the window passes, so the four digits cannot be
 * guessed by spreading the tries over many addresses. Only misses count.
 */
export const LOOKUP_CODE_LIMIT = 10;
const LOOKUP_CODE: Limit = { bucket: 'lookup-code', max: LOOKUP_CODE_LIMIT, windowSeconds: 15 * 60 };

export async function applicationRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): Promise<void> {
  const gate = guards(deps);
  const only = { signedIn: gate.page(GATES.signedIn), staff: gate.page(GATES.staff) };
  const { db } = deps;
  // Multipart bodies are read as streams by the routes that take files (upload.ts); nothing is buffered.
  await app.register(multipart);
  await fileRoutes(app, { ...deps, calendar: () => calendarSource(db).current() });
  await formApiRoutes(app, deps);
  await whereRoutes(app, deps);
  // The back office (A3–A5): the inbox, the workflow, the one-stop papers, counter intake, the calendar.
  await inboxRoutes(app, deps);
  await workflowRoutes(app, deps);
  await paperRoutes(app, deps);
  await counterRoutes(app, deps);
  await calendarRoutes(app, deps);
  const lookupAllowed = async (ip: string) => !(await isLimited(db, LOOKUP, ip));
  // A miss counts against the visitor and the code, in one statement.
  const lookupMissed = (ip: string, code: string) => allowHits(db, [{ limit: LOOKUP, key: ip }, { limit: LOOKUP_CODE, key: code }]);
  const lookupCounted = (ip: string, code: string, check: string) => {
    const now = new Date();
    return lookupStatusCounted(db, code, check, { bucket: LOOKUP.bucket, key: ip, windowStart: windowOf(LOOKUP, now) }, { bucket: LOOKUP_CODE.bucket, windowStart: windowOf(LOOKUP_CODE, now) });
  };

  app.post(
    '/api/v1/applications',
    {
      preHandler: gate.api(GATES.signedIn),
      schema: {
        tags: ['hồ sơ'],
        summary: 'Nộp hồ sơ trực tuyến (dịch vụ mức độ 3, 4); cán bộ ghi nhận hồ sơ giấy tiếp nhận trực tiếp hoặc qua bưu chính',
        description:
          'JSON { service, data } khi không kèm tệp; hoặc multipart/form-data với trường service, trường data (tờ khai dạng JSON) và mỗi tệp một phần tên component:<id> của thành phần hồ sơ. Câu trả lời được kiểm tra theo tờ khai hiện hành của thủ tục (tờ khai riêng hoặc biểu mẫu mặc định, xem GET /api/v1/services/{mã}/form): thiếu hoặc sai thì từ chối cả hồ sơ (INVALID_ANSWERS, lỗi của từng trường), trường không có trong tờ khai bị bỏ. Tệp được kiểm tra theo nội dung (loại, dung lượng, tệp rỗng); thành phần bắt buộc của tờ khai phải có tệp. Thủ tục mức độ 1, 2: NOT_ONLINE. Nơi nộp (agency): mã một cơ quan thực hiện thủ tục (implementations của GET /api/v1/services/{mã}), nộp tại bất kỳ nơi nào trong danh sách; không bắt buộc khi chỉ một cơ quan thực hiện, thiếu khi có nhiều nơi: AGENCY_REQUIRED; cơ quan không thực hiện thủ tục: AGENCY_NOT_IMPLEMENTING; nơi đang tạm ngừng nhận hồ sơ trực tuyến: AGENCY_OFFLINE (kèm lý do). Bị từ chối thì không có gì được lưu. Cán bộ (tiếp nhận tại bộ phận một cửa): thêm channel "truc-tiep" hoặc "buu-chinh", applicant { idNumber, fullName, dateOfBirth?, phone?, email?, address? } (tìm theo số CCCD, chưa có thì tạo tài khoản công dân chưa có mật khẩu) và papers [{ component, form: ban-chinh | ban-sao | ban-sao-chung-thuc, copies, matchesOriginal }] cho từng bản quét; hồ sơ được tiếp nhận ngay (201, status 2, dueDate, receipt: đường dẫn Giấy tiếp nhận). Từ chối: APPLICANT_MISSING, CCCD_FORMAT / CCCD_PROVINCE / CCCD_YEAR, BAD_CHANNEL, BAD_PAPERS, AGENCY_NOT_COVERED (nơi tiếp nhận không thuộc đơn vị của cán bộ), AGENCY_OFFLINE, INVALID_FILES, INVALID_ANSWERS, MISSING_COMPONENTS.',
        body: {
          content: {
            'application/json': { schema: { type: 'object', required: ['service', 'data'], properties: { service: { type: 'string', maxLength: 20 }, data: { type: 'object' }, form: { type: 'string', maxLength: 80, description: 'Phiên bản tờ khai đã điền (version của GET /api/v1/services/{mã}/form); khác phiên bản hiện hành thì bị từ chối (409 FORM_CHANGED).' }, agency: { type: 'string', maxLength: 40, description: 'Mã cơ quan nơi nộp hồ sơ (một trong implementations của thủ tục); không bắt buộc khi chỉ một cơ quan thực hiện.' }, channel: { type: 'string', description: 'Chỉ cán bộ: "truc-tiep" (hồ sơ giấy nộp tại bộ phận một cửa) hoặc "buu-chinh" (qua dịch vụ bưu chính); giá trị khác: BAD_CHANNEL.' }, applicant: { type: 'object', description: 'Chỉ cán bộ: người nộp hồ sơ giấy (idNumber: số CCCD 12 chữ số, fullName, dateOfBirth YYYY-MM-DD, phone, email, address).' }, papers: { type: 'array', items: { type: 'object' }, description: 'Chỉ cán bộ: từng giấy tờ đã số hóa: { component, form: ban-chinh | ban-sao | ban-sao-chung-thuc, copies, matchesOriginal }.' } } } },
            // Read as a stream by the handler (upload.ts), so there is no parsed body to check here.
            'multipart/form-data': { schema: { description: 'Các phần: service (mã TTHC), data (tờ khai dạng JSON), form (không bắt buộc: phiên bản tờ khai đã điền), agency (mã cơ quan nơi nộp; không bắt buộc khi chỉ một cơ quan thực hiện), component:<id> (tệp của thành phần hồ sơ); cán bộ thêm channel, applicant (JSON) và papers (JSON).' } },
          },
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // An officer records a dossier received at the counter or by post (counter/api.ts).
      const counter = actor.role === 'officer';
      if (!counter && !can(actor, 'application.submit')) return sendProblem(reply, { code: 'FORBIDDEN' });
      // With files: every part is streamed into the file store first; the answers come as the `data` part.
      let body = req.body as { service: string; data: Record<string, unknown>; form?: string; agency?: string };
      let uploads: Awaited<ReturnType<typeof readMultipart>> | undefined;
      if (req.isMultipart()) {
        uploads = await readMultipart(req, deps.files);
        if (!uploads.ok) return sendProblem(reply, uploads.problem);
        let data: unknown;
        const text = first(uploads.fields, 'data') || 'null';
        if (jsonTooDeep(text)) return sendProblem(reply, { code: 'BAD_REQUEST', params: { depth: MAX_JSON_DEPTH } });
        try {
          data = JSON.parse(text);
        } catch {
          data = null;
        }
        if (!data || typeof data !== 'object' || Array.isArray(data)) return sendProblem(reply, { code: 'BAD_REQUEST' });
        body = { service: first(uploads.fields, 'service').slice(0, 20), data: data as Record<string, unknown>, form: first(uploads.fields, 'form') || undefined, agency: first(uploads.fields, 'agency') || undefined };
        if (counter) Object.assign(body, { channel: first(uploads.fields, 'channel') || undefined, applicant: jsonPart(first(uploads.fields, 'applicant')), papers: jsonPart(first(uploads.fields, 'papers')) });
      }
      if (counter) return counterApiSubmission(deps, actor, reply, { body, uploads: uploads?.ok ? uploads.uploads : [] });
      const result = await submit({ db, calendar: () => calendarSource(db).current(), workingHours: (agency) => calendarSource(db).hoursOf(agency), reusable: deps.reusable, forms: deps.forms }, { actor, serviceCode: body.service, answers: body.data, formVersion: body.form, agency: body.agency, uploads: uploads?.ok ? uploads.uploads : [] });
      if (!result.ok) {
        const p = explain(APPLICATION_PROBLEMS, result.problem);
        return reply.code(p.status).send({ ...apiError(p.code, p.message), ...(result.fields && { fields: result.fields }), ...(result.missing && { missing: result.missing }) });
      }
      const { submitted } = result;
      return reply.code(201).send({ code: submitted.code, status: submitted.status, statusName: STATUS_NAMES[1], dueDate: submitted.dueDate, message: 'Thông tin của quý khách đã được tiếp nhận.' });
    },
  );

  app.get(
    '/api/v1/me/applications',
    { preHandler: gate.api(GATES.signedIn), schema: { tags: ['hồ sơ'], summary: 'Hồ sơ của người đang đăng nhập, mới nhất trước (như trang "Hồ sơ của tôi")' } },
    async (req) => {
      const actor = actorOf(req);
      const items = await applicationsOf(db, actor.id);
      return {
        items: items.map((a) => ({ code: a.code, serviceName: a.serviceName, agencyName: a.agencyName, status: a.status, statusName: a.statusName, dueDate: a.dueDate, submittedAt: a.submittedAt, href: `/api/v1/applications/${a.code}` })),
      };
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/v1/applications/:code',
    { preHandler: gate.api(GATES.signedIn), schema: { tags: ['hồ sơ'], summary: 'Một hồ sơ: trạng thái, hạn giải quyết, lịch sử xử lý (người nộp và cán bộ của cơ quan)' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const a = await getApplication(db, req.params.code.slice(0, 60));
      // Someone else's application is "not found": its existence is not revealed.
      if (!a || !(can(actor, 'application.read', { ownerId: a.applicantId, agencyCode: a.agency }) || mayRead(actor, a))) {
        return sendProblem(reply, { code: 'NOT_FOUND', params: { code: req.params.code.slice(0, 60) } });
      }
      if (a.applicantId !== actor.id) {
        await audit(db, { actor, action: 'personal-data-read', targetType: 'application', targetId: a.code, agencyCode: a.agency, ip: req.ip });
      }
      return {
        code: a.code,
        service: a.service,
        serviceName: a.serviceName,
        agency: a.agency,
        agencyName: a.agencyName,
        status: a.status,
        statusName: a.statusName,
        dueDate: a.dueDate,
        submittedAt: a.submittedAt,
        data: a.data,
        history: a.history,
        pausedDays: a.pausedDays,
        components: (await attachmentsOf(db, a.id)).map((f) => ({
          componentId: f.componentId,
          label: f.label,
          fileName: f.originalName,
          kind: f.kind,
          mime: f.mime,
          size: f.size,
          sha256: f.sha256,
          source: f.source,
          uploadedAt: f.uploadedAt,
          href: `/ho-so/${a.code}/tep/${f.id}`,
        })),
        supplementRequests: (await supplementRequestsOf(db, a.id)).map((r) => ({ items: r.items, reason: r.reason, requestedAt: r.requestedAt, completedAt: r.completedAt, pausedDays: r.pausedDays, supplied: r.supplied })),
        apology: (await apologyOf(db, a.id)) ?? null,
      };
    },
  );

  app.post<{ Params: { code: string } }>(
    '/api/v1/applications/:code/status',
    {
      preHandler: gate.api(GATES.signedIn),
      schema: {
        tags: ['hồ sơ'],
        summary: 'Chuyển trạng thái hồ sơ theo mã trạng thái quốc gia (cán bộ: 2, 3, 4, 5, 6, 8, 9, 10; người nộp: 7)',
        body: { type: 'object', required: ['status'], properties: { status: { type: 'integer' }, note: { type: 'string', maxLength: 4000 } } },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { status, note = '' } = req.body as { status: number; note?: string };
      if (!isStatus(status)) return sendProblem(reply, { code: 'INVALID_STATUS', params: { status } });
      const a = await getApplication(db, req.params.code.slice(0, 60));
      const own = a?.applicantId === actor.id;
      const officer = a && mayProcess(actor, a);
      if (!a || (!own && !officer)) return sendProblem(reply, { code: 'NOT_FOUND', params: { code: req.params.code.slice(0, 60) } });
      const by: Mover = officer ? 'officer' : 'applicant';
      const result = await transition(db, a.code, status as Status, by, { id: actor.id, name: actor.fullName }, note);
      if (!result.ok) return sendProblem(reply, result.problem);
      return { code: a.code, status: result.value, statusName: STATUS_NAMES[result.value] };
    },
  );

  app.get<{ Querystring: { code?: string; check?: string } }>(
    '/api/v1/lookup',
    {
      schema: {
        tags: ['hồ sơ'],
        summary: 'Tra cứu trạng thái hồ sơ không cần đăng nhập: mã hồ sơ và 4 số cuối điện thoại hoặc CCCD của người nộp',
        querystring: { type: 'object', properties: { code: { type: 'string', maxLength: 60 }, check: { type: 'string', maxLength: 10 } } },
        response: { 200: { type: 'object', properties: { code: { type: 'string' }, status: { type: 'integer' }, statusName: { type: 'string' } }, required: ['code', 'status', 'statusName'] } },
      },
    },
    async (req, reply) => {
      const code = String(req.query.code ?? '').trim();
      const check = String(req.query.check ?? '').trim();
      if (!code || !check) {
        if (!(await lookupAllowed(req.ip))) return sendProblem(reply, { code: 'TOO_MANY' });
        return sendProblem(reply, { code: 'MISSING' });
      }
      // The limit and the status in one query; only a miss is counted.
      const { misses, codeMisses, found } = await lookupCounted(req.ip, code, check);
      if (misses >= LOOKUP.max) return sendProblem(reply, { code: 'TOO_MANY' });
      if (codeMisses >= LOOKUP_CODE.max) return sendProblem(reply, { code: 'TOO_MANY', params: { scope: 'code' } });
      if (!found) await lookupMissed(req.ip, code);
      if (!found) return sendProblem(reply, { code: 'NOT_FOUND', params: { via: 'lookup' } });
      return found;
    },
  );

  // ── Pages ─────────────────────────────────────────────────────────────────────────────────────
  const notFound = async (req: FastifyRequest, reply: FastifyReply, code: string) =>
    sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Không tìm thấy hồ sơ', body: `Không có hồ sơ mã "${code.slice(0, 60)}" trong phạm vi của bạn.` }), 404);

  app.get<{ Querystring: { code?: string; check?: string } }>('/tra-cuu', async (req, reply) => {
    const ctx = await loadPageContext(req, deps);
    const code = String(req.query.code ?? '').trim().slice(0, 60);
    const check = String(req.query.check ?? '').trim();
    // The page itself, before anything was asked; an empty form sent is told what to fill.
    if (req.query.code === undefined && req.query.check === undefined) return sendPage(reply, LookupPage({ ctx }));
    const errors: Record<string, string> = {};
    if (!code) errors.code = ctx.t('lookupCodeMissing');
    if (!/^\d{4}$/.test(check)) errors.check = ctx.t('lookupCheckInvalid');
    // The limit read with the status when there is something to look up, else on its own.
    const counted = Object.keys(errors).length ? undefined : await lookupCounted(req.ip, code, check);
    if (counted ? counted.misses >= LOOKUP.max : !(await lookupAllowed(req.ip))) return sendPage(reply, LookupPage({ ctx, code, errors: { code: ctx.t('lookupTooMany') } }), 429);
    if (counted && counted.codeMisses >= LOOKUP_CODE.max) {
      const p = explain(APPLICATION_PROBLEMS, { code: 'TOO_MANY', params: { scope: 'code' } }, ctx.locale);
      return sendPage(reply, LookupPage({ ctx, code, errors: { code: p.message } }), p.status);
    }
    const hit = counted?.found;
    if (!hit && !Object.keys(errors).length) {
      errors.code = ctx.t('lookupNotFound');
      await lookupMissed(req.ip, code);
    }
    const a = hit && (await getApplication(db, hit.code));
    // The steps so far with their times, nothing personal: no names, no notes.
    const found = a && { code: a.code, status: a.status, statusName: a.statusName, serviceName: a.serviceName, agencyName: a.agencyName, submittedAt: a.submittedAt, dueDate: a.dueDate, steps: a.history.filter((h) => !h.kind).map((h) => ({ status: h.status, statusName: h.statusName, at: h.at })) };
    return sendPage(reply, LookupPage({ ctx, code, errors, found }), found ? 200 : 400);
  });

  app.get('/ho-so', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    return sendPage(reply, MyApplicationsPage({ ctx: await loadPageContext(req, deps), items: await applicationsOf(db, actor.id) }));
  });

  app.get<{ Params: { code: string }; Querystring: { rut?: string; 'bo-sung'?: string } }>('/ho-so/:code', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || a.applicantId !== actor.id) return notFound(req, reply, req.params.code);
    const supplied = req.query['bo-sung'];
    const notice = req.query.rut
      ? 'Đã gửi yêu cầu rút hồ sơ; cơ quan sẽ dừng xử lý.'
      : supplied === 'du'
        ? `Đã nộp đủ giấy tờ bổ sung; hồ sơ được chuyển lại "${a.statusName}". Hạn giải quyết: ${dayVi(a.dueDate)}.`
        : supplied
          ? 'Đã nhận giấy tờ bổ sung; hãy nộp nốt những giấy tờ còn thiếu.'
          : undefined;
    return sendPage(reply, MyApplicationPage({ ctx: await loadPageContext(req, deps), a, notice, ...(await applicantExtras(db, a)), papers: await papersOfApplication(db, a), rating: RATEABLE_STATUSES.has(a.status) ? await ratingOf(db, a.id) : undefined }));
  });

  // The receipt (/ho-so/{code}/phieu-tiep-nhan.pdf) is the one-stop papers' Mẫu 01: papers/routes.ts.

  app.post<{ Params: { code: string } }>('/ho-so/:code/rut', { preHandler: only.signedIn, schema: { body: pageBody({}) } }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || a.applicantId !== actor.id) return notFound(req, reply, req.params.code);
    const result = await transition(db, a.code, 7, 'applicant', { id: actor.id, name: actor.fullName });
    if (!result.ok) {
      const ctx = await loadPageContext(req, deps);
      return sendPage(reply, MessagePage({ ctx, title: 'Không rút được hồ sơ', body: explain(APPLICATION_PROBLEMS, result.problem, ctx.locale).message }), 409);
    }
    return reply.redirect(`/ho-so/${a.code}?rut=1`, 303);
  });

  app.get<{ Params: { code: string }; Querystring: { xong?: string; 'xin-loi'?: string; 'luan-chuyen'?: string; 'tiep-nhan'?: string } }>('/can-bo/ho-so/:code', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !mayRead(actor, a) || a.applicantId === actor.id) return notFound(req, reply, req.params.code);
    await audit(db, { actor, action: 'personal-data-read', targetType: 'application', targetId: a.code, agencyCode: a.agency, ip: req.ip });
    const actions = mayProcess(actor, a) ? nextStatuses(a.status, 'officer') : [];
    const notice = req.query['tiep-nhan'] ? IntakeNotice({ code: a.code }) : req.query.xong ? `Đã chuyển hồ sơ sang "${a.statusName}".` : req.query['xin-loi'] ? 'Đã gửi thư xin lỗi và ngày hẹn trả kết quả mới cho người nộp.' : WORKFLOW_NOTICES[req.query['luan-chuyen'] ?? ''];
    return sendPage(reply, OfficerApplicationPage({ ctx: await loadPageContext(req, deps), a, actions, notice, form: await formOfApplication(deps.forms, a), extras: await officerExtras(db, deps.forms, a, actor) }));
  });

  app.post<{ Params: { code: string } }>('/can-bo/ho-so/:code/trang-thai', { preHandler: only.signedIn, schema: { body: pageBody({ status: ID, note: PARAGRAPH }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !mayProcess(actor, a)) return notFound(req, reply, req.params.code);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const to = Number(body.status);
    const note = typeof body.note === 'string' ? body.note.slice(0, 4000) : '';
    const result = isStatus(to)
      ? await transition(db, a.code, to, 'officer', { id: actor.id, name: actor.fullName }, note)
      : ({ ok: false, problem: { code: 'ACTION_MISSING' } } as const);
    if (result.ok) return reply.redirect(`/can-bo/ho-so/${a.code}?xong=1`, 303);
    const fresh = (await getApplication(db, a.code))!;
    const ctx = await loadPageContext(req, deps);
    const p = explain(APPLICATION_PROBLEMS, result.problem, ctx.locale);
    return sendPage(
      reply,
      OfficerApplicationPage({ ctx, a: fresh, actions: nextStatuses(fresh.status, 'officer'), form: await formOfApplication(deps.forms, fresh), errors: { note: p.message }, extras: await officerExtras(db, deps.forms, fresh, actor) }),
      p.status,
    );
  });

  // "Gửi hồ sơ" from the e-form's check page: the answers are validated again, whatever the
  // browser sent; the files are those staged with the draft at the "Thành phần hồ sơ" step.
  app.post<{ Params: { code: string } }>('/dich-vu-cong/:code/nop-ho-so', { preHandler: only.signedIn, schema: { body: pageBody({}, { open: true }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const code = req.params.code.slice(0, 20);
    const def = await deps.forms.forService(code);
    const answers = def ? answersFromFormBody(def, (req.body ?? {}) as Record<string, unknown>) : {};
    const result = await submit({ db, calendar: () => calendarSource(db).current(), workingHours: (agency) => calendarSource(db).hoursOf(agency), reusable: deps.reusable, forms: deps.forms }, { actor, serviceCode: code, answers, eform: true });
    const ctx = await loadPageContext(req, deps);
    if (result.ok) return sendPage(reply, SubmittedPage({ ctx, code: result.submitted.code, serviceName: result.service.name, dueDate: result.submitted.dueDate }), 201);
    const p = result.problem;
    // The same page sent twice (a double press, another tab): the one application it made, nothing more.
    if (p.code === 'ALREADY_SUBMITTED' && result.application) return sendPage(reply, SubmittedPage({ ctx, code: result.application.code, serviceName: result.service!.name, dueDate: result.application.dueDate ?? '', again: true }), 200);
    // Files missing or no longer acceptable: back to the step where they are chosen, answers kept in the draft.
    if (p.code === 'MISSING_COMPONENTS' || p.code === 'INVALID_FILES') return reply.redirect(`/dich-vu-cong/${code}/thanh-phan-ho-so?thieu=1`, 303);
    const body =
      p.code === 'INVALID_ANSWERS'
        ? 'Thông tin gửi lên chưa đầy đủ hoặc chưa đúng; không có gì được lưu. Hãy mở lại tờ khai, kiểm tra và gửi lại.'
        : explain(APPLICATION_PROBLEMS, p, ctx.locale).message;
    return sendPage(reply, MessagePage({ ctx, title: p.code === 'INVALID_ANSWERS' ? 'Tờ khai chưa hợp lệ' : 'Không nộp được hồ sơ', body, back: { href: `/dich-vu-cong/${code}/to-khai`, label: 'Mở lại tờ khai' } }), APPLICATION_PROBLEMS.status[p.code]);
  });
}
