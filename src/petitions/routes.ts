// Phản ánh, kiến nghị: the public list of published answers, sending (citizens and visitors),
// tracking by code and contact, the officers' list and answer, and the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { calendarSource, getApplication } from '../applications/index.ts';
import { getService } from '../catalog/index.ts';
import type { PortalIdentity } from '../config.ts';
import type { DB } from '../db/index.ts';
import { isLimited, allowHit, type Limit } from '../db/rate-limit.ts';
import { actorOf, agencyNames, GATES, getProfile, guards, type Actor } from '../identity/index.ts';
import { apiError } from '../web/api-error.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { loadPageContext, sendPage } from '../web/routes.ts';
import type { Locale } from '../web/i18n.ts';
import { explain } from '../web/problem.ts';
import { MessagePage } from '../web/views/message.tsx';
import { checkAnswer, checkHandlingDays, checkPetition, contactMatches, mayAnswer, maySetDeadline, normalizeEmail, normalizePhone, PETITION_CODE, petitionStatus, STATUS_NAMES, vietnamDay, type PetitionInput, type PetitionProblem } from './model.ts';
import { PETITION_PROBLEMS } from './problems.ts';
import { agencyNamed, answerPetition, getPetition, handlingDays, overduePetitions, petitionsFor, publishedPetitions, sendPetition, setHandlingDays, topAgency, type Petition } from './store.ts';
import { AnswerPage, OfficerListPage } from './views/officer-pages.tsx';
import { PublicListPage, PublishedPage, SendPage, SentPage, TrackPage, type SendValues } from './views/public-pages.tsx';
import { ID, LINE, PARAGRAPH, pageBody, text } from '../web/page-body.ts';

export interface PetitionDeps {
  db: DB;
  portal: PortalIdentity;
}

/** Anonymous sendings per address and hour: enough for a family, not for a flood. */
export const SEND_LIMIT: Limit = { bucket: 'petition', max: 5, windowSeconds: 3600 };
/** Failed trackings per address and minute, so codes and contacts cannot be guessed in bulk. */
export const TRACK_LIMIT: Limit = { bucket: 'petition-lookup', max: 30, windowSeconds: 60 };
export const PAGE_SIZE = 20;

const FIELDS = ['subject', 'content', 'name', 'email', 'phone', 'service', 'application'] as const;

/** Problems as the form's field → sentence map, in the page's language (the API's is Vietnamese). */
const fieldErrors = (problems: readonly PetitionProblem[], locale: Locale): FieldErrors => Object.fromEntries(problems.map((p) => [p.field ?? 'form', explain(PETITION_PROBLEMS, p, locale).message]));

const str = (body: unknown, name: string, max = 10_000): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

/** What the API and the page show of a petition to its sender: never the contact details. */
function trackingView(p: Petition, now = new Date()) {
  const status = petitionStatus(p, vietnamDay(now));
  return {
    code: p.code,
    subject: p.subject,
    status,
    statusName: STATUS_NAMES[status],
    receivedAt: p.receivedAt.toISOString(),
    dueDate: p.dueDate,
    agency: { code: p.agencyCode, name: p.agencyName },
    service: p.serviceCode,
    application: p.applicationCode,
    answer: p.answer,
    answeredAt: p.answeredAt?.toISOString() ?? null,
    published: p.published,
  };
}

export async function petitionRoutes(app: FastifyInstance, deps: PetitionDeps): Promise<void> {
  const { db } = deps;
  const page = async (req: FastifyRequest, reply: FastifyReply, view: (ctx: Awaited<ReturnType<typeof loadPageContext>>) => VNode, status = 200) =>
    sendPage(reply, view(await loadPageContext(req, deps)), status);
  /** A problem as the portal's message page, in the page's language, under its title. */
  const message = async (req: FastifyRequest, reply: FastifyReply, title: string, problem: PetitionProblem) => {
    const ctx = await loadPageContext(req, deps);
    const e = explain(PETITION_PROBLEMS, problem, ctx.locale);
    return sendPage(reply, MessagePage({ ctx, title, body: e.message }), e.status);
  };
  const gate = guards(deps);
  const only = { staff: gate.page(GATES.staff) };
  /** Only a signed-in citizen sends as an account; anyone else fills in a name and a contact. */
  const citizen = (actor: Actor | undefined) => (actor?.role === 'citizen' ? actor : undefined);

  /**
   * The agency that answers and the records named, checked: the application must be the sender's
   * own (for a visitor: one whose applicant has the email or phone given), the service must be in
   * the catalog. The application's agency first, then the service's, else the portal's top agency.
   */
  const resolve = async (v: PetitionInput, sender: Actor | undefined): Promise<{ ok: true; agency: { code: string; name: string } } | { ok: false; problems: PetitionProblem[] }> => {
    const problems: PetitionProblem[] = [];
    let agency: { code: string; name: string } | undefined;
    if (v.application) {
      const a = await getApplication(db, v.application);
      let own = !!a && !!sender && a.applicantId === sender.id;
      if (a && !sender) {
        const applicant = await getProfile(db, a.applicantId);
        own = !!applicant && ((!!v.email && !!applicant.email && normalizeEmail(applicant.email) === v.email) || (!!v.phone && !!applicant.phone && normalizePhone(applicant.phone) === v.phone));
      }
      if (!a || !own) {
        problems.push({ code: sender ? 'application-not-yours' : 'application-not-found', field: 'application', params: { code: v.application } });
      } else agency = { code: a.agency, name: a.agencyName };
    }
    if (v.service) {
      const s = await getService(db, v.service);
      if (!s) problems.push({ code: 'service-not-found', field: 'service', params: { code: v.service } });
      else agency ??= { code: s.agency, name: s.agencyName };
    }
    if (problems.length) return { ok: false, problems };
    agency ??= await topAgency(db);
    if (!agency) return { ok: false, problems: [{ code: 'no-agency' }] };
    return { ok: true, agency };
  };

  /** Sent, or refused: every problem of the form at once, or the one that stopped it (429). */
  type SendResult = { ok: true; code: string; dueDate: string; agency: { code: string; name: string } } | { ok: false; status: number; problems: PetitionProblem[] };
  const refused = (problems: PetitionProblem[]): SendResult => ({ ok: false, status: PETITION_PROBLEMS.status[problems[0]!.code], problems });

  /** The one use case of sending, for the page and the API. */
  const send = async (req: FastifyRequest, input: Record<string, unknown>): Promise<SendResult> => {
    const sender = citizen(req.actor);
    if (!sender && (await isLimited(db, SEND_LIMIT, req.ip))) return refused([{ code: 'too-many-sends' }]);
    const checked = checkPetition(input, { signedIn: !!sender });
    if (!checked.ok) return refused(checked.problems);
    const target = await resolve(checked.value, sender);
    if (!target.ok) return refused(target.problems);
    const sent = await sendPetition(
      db,
      { ...checked.value, senderId: sender?.id ?? null, senderName: sender ? sender.fullName : checked.value.name!, agencyCode: target.agency.code, agencyName: target.agency.name },
      calendarSource(deps.db).current(),
      { limit: sender ? undefined : { limit: SEND_LIMIT, key: req.ip } },
    );
    if (!sent.ok) return refused([sent.problem]);
    return { ok: true, code: sent.value.code, dueDate: sent.value.dueDate, agency: target.agency };
  };

  // ── Public pages ──────────────────────────────────────────────────────────────────────────

  app.get<{ Querystring: { q?: string; trang?: string } }>('/phan-anh-kien-nghi', async (req, reply) => {
    const q = String(req.query.q ?? '').slice(0, 200).trim();
    const pageNo = /^\d{1,4}$/.test(String(req.query.trang ?? '')) ? Math.max(1, Number(req.query.trang)) : 1;
    const result = await publishedPetitions(db, { q, page: pageNo, pageSize: PAGE_SIZE });
    return page(req, reply, (ctx) => PublicListPage({ ctx, q, page: pageNo, pageSize: PAGE_SIZE, ...result }));
  });

  const sendForm = async (req: FastifyRequest, reply: FastifyReply, values: SendValues, problems: readonly PetitionProblem[] = [], status = 200) => {
    const sender = citizen(req.actor);
    return page(req, reply, (ctx) => SendPage({ ctx, values, errors: fieldErrors(problems, ctx.locale), senderName: sender?.fullName }), status);
  };

  app.get<{ Querystring: { 'dich-vu'?: string; 'ho-so'?: string } }>('/phan-anh-kien-nghi/gui', async (req, reply) => {
    const sender = citizen(req.actor);
    const profile = sender ? await getProfile(db, sender.id) : undefined;
    const values: SendValues = {
      email: profile?.email ?? '',
      phone: profile?.phone ?? '',
      service: String(req.query['dich-vu'] ?? '').slice(0, 20),
      application: String(req.query['ho-so'] ?? '').slice(0, 60),
    };
    return sendForm(req, reply, values);
  });

  app.post('/phan-anh-kien-nghi/gui', { schema: { body: pageBody({ ...Object.fromEntries(FIELDS.map((f) => [f, f === 'content' ? PARAGRAPH : LINE])), consent: ID }) } }, async (req, reply) => {
    const values: SendValues = Object.fromEntries(FIELDS.map((f) => [f, str(req.body, f, f === 'content' ? 8000 : 300)]));
    values.consent = str(req.body, 'consent', 10);
    const r = await send(req, { ...values });
    if (!r.ok) return sendForm(req, reply, values, r.problems, r.status);
    return reply.redirect(`/phan-anh-kien-nghi/da-gui?ma=${r.code}`, 303);
  });

  app.get<{ Querystring: { ma?: string } }>('/phan-anh-kien-nghi/da-gui', async (req, reply) => {
    const code = String(req.query.ma ?? '');
    const p = PETITION_CODE.test(code) ? await getPetition(db, code) : undefined;
    if (!p) return page(req, reply, (ctx) => MessagePage({ ctx, title: ctx.t('paknNotFoundTitle'), body: ctx.t('paknNotFoundBody') }), 404);
    // Only the code, the agency and the due date: nothing the sender wrote or gave.
    return page(req, reply, (ctx) => SentPage({ ctx, code: p.code, agencyName: p.agencyName, dueDate: p.dueDate, signedIn: !!p.senderId && p.senderId === req.actor?.id }));
  });

  app.get<{ Querystring: { ma?: string; 'lien-he'?: string } }>('/phan-anh-kien-nghi/tra-cuu', async (req, reply) => {
    const code = String(req.query.ma ?? '').trim().slice(0, 40);
    const contact = String(req.query['lien-he'] ?? '').trim().slice(0, 200);
    const found = PETITION_CODE.test(code) ? await getPetition(db, code) : undefined;
    // The sender signed in sees their own without typing the contact again.
    if (found && req.actor && found.senderId === req.actor.id) return page(req, reply, (ctx) => TrackPage({ ctx, code, found: trackingView(found) }));
    if (!code && !contact) return page(req, reply, (ctx) => TrackPage({ ctx }));
    const problems: PetitionProblem[] = [];
    if (await isLimited(db, TRACK_LIMIT, req.ip)) problems.push({ code: 'too-many-tracks', field: 'ma' });
    else {
      if (!PETITION_CODE.test(code)) problems.push({ code: 'code-format', field: 'ma' });
      if (!contact) problems.push({ code: 'contact-empty', field: 'lien-he' });
      if (!problems.length && !(found && contactMatches(found, contact))) {
        problems.push({ code: 'track-unmatched', field: 'ma' });
        await allowHit(db, TRACK_LIMIT, req.ip);
      }
    }
    if (problems.length) return page(req, reply, (ctx) => TrackPage({ ctx, code, errors: fieldErrors(problems, ctx.locale) }), PETITION_PROBLEMS.status[problems[0]!.code]);
    return page(req, reply, (ctx) => TrackPage({ ctx, code, found: trackingView(found!) }));
  });

  app.get<{ Params: { code: string } }>('/phan-anh-kien-nghi/:code', async (req, reply) => {
    const code = req.params.code.slice(0, 40);
    const p = PETITION_CODE.test(code) ? await getPetition(db, code) : undefined;
    if (!p || !p.published) return page(req, reply, (ctx) => MessagePage({ ctx, title: ctx.t('paknNotFoundTitle'), body: ctx.t('paknNotPublishedBody') }), 404);
    return page(req, reply, (ctx) => PublishedPage({ ctx, p }));
  });

  // ── Officers ──────────────────────────────────────────────────────────────────────────────

  /** The agencies whose petitions this person answers: an officer's own; an administrator's own agency. */
  const answeringAgencies = (actor: Actor) => (actor.role === 'officer' ? [...actor.agencies] : actor.role === 'admin' && actor.agencyCode ? [actor.agencyCode] : []);


  const officerList = async (req: FastifyRequest<{ Querystring: { loc?: string; luu?: string } }>, reply: FastifyReply, actor: Actor, extra: { problem?: PetitionProblem; days?: string; notice?: string } = {}) => {
    const agencies = answeringAgencies(actor);
    const overdueOnly = req.query.loc === 'qua-han';
    // An administrator sets the handling days of any agency of the tree.
    const deadlineAgencies =
      actor.role === 'admin'
        ? await agencyNames(db, actor.agencies)
        : [];
    const [items, overdue, days] = await Promise.all([petitionsFor(db, agencies, { overdueOnly }), overduePetitions(db, agencies), agencies[0] ? handlingDays(db, agencies[0]) : Promise.resolve(undefined)]);
    const notice = extra.notice ?? (req.query.luu === 'tra-loi' ? 'Đã lưu câu trả lời và báo cho người gửi.' : req.query.luu === 'sua' ? 'Đã lưu câu trả lời.' : req.query.luu === 'thoi-han' ? 'Đã lưu thời hạn trả lời.' : undefined);
    const status = extra.problem ? PETITION_PROBLEMS.status[extra.problem.code] : 200;
    return page(req, reply, (ctx) => OfficerListPage({ ctx, items, overdue: overdue.count, overdueHref: overdue.href, overdueOnly, handlingDays: days, deadlineAgencies, notice, errors: extra.problem && fieldErrors([extra.problem], ctx.locale), daysValue: extra.days }), status);
  };

  app.get<{ Querystring: { loc?: string; luu?: string } }>('/can-bo/phan-anh-kien-nghi', { preHandler: only.staff }, async (req, reply) => {
    const actor = actorOf(req);
    return officerList(req, reply, actor);
  });

  app.post<{ Querystring: { loc?: string; luu?: string } }>('/can-bo/phan-anh-kien-nghi/thoi-han', { preHandler: only.staff, schema: { body: pageBody({ agency: ID, days: ID }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const agencyCode = str(req.body, 'agency', 40);
    if (!maySetDeadline(actor, agencyCode)) return message(req, reply, 'Không có quyền', { code: 'deadline-not-allowed' });
    const checked = checkHandlingDays(str(req.body, 'days', 10));
    if (!checked.ok || !(await agencyNamed(db, agencyCode))) return officerList(req, reply, actor, { problem: checked.ok ? { code: 'agency-missing', field: 'agency' } : checked.problem, days: str(req.body, 'days', 10) });
    await setHandlingDays(db, agencyCode, checked.value, actor, req.ip);
    return reply.redirect('/can-bo/phan-anh-kien-nghi?luu=thoi-han', 303);
  });

  const petitionForStaff = async (req: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply) => {
    const actor = actorOf(req);
    const code = req.params.code.slice(0, 40);
    const p = PETITION_CODE.test(code) ? await getPetition(db, code) : undefined;
    if (!p || !mayAnswer(actor, p.agencyCode)) return void (await message(req, reply, 'Không tìm thấy phản ánh', { code: 'not-answerable', params: { code } }));
    return { actor, p };
  };

  app.get<{ Params: { code: string } }>('/can-bo/phan-anh-kien-nghi/:code', { preHandler: only.staff }, async (req, reply) => {
    const found = await petitionForStaff(req, reply);
    if (!found) return reply;
    const status = petitionStatus(found.p, vietnamDay(new Date()));
    return page(req, reply, (ctx) => AnswerPage({ ctx, p: found.p, statusName: STATUS_NAMES[status] }));
  });

  app.post<{ Params: { code: string } }>('/can-bo/phan-anh-kien-nghi/:code', { preHandler: only.staff, schema: { body: pageBody({ published: ID, answer: text(60_000) }) } }, async (req, reply) => {
    const found = await petitionForStaff(req, reply);
    if (!found) return reply;
    const published = str(req.body, 'published', 10) === 'true';
    const checked = checkAnswer(str(req.body, 'answer', 20_000));
    if (!checked.ok) {
      const status = petitionStatus(found.p, vietnamDay(new Date()));
      return page(req, reply, (ctx) => AnswerPage({ ctx, p: found.p, statusName: STATUS_NAMES[status], value: str(req.body, 'answer', 20_000), published, errors: fieldErrors([checked.problem], ctx.locale) }), PETITION_PROBLEMS.status[checked.problem.code]);
    }
    const { first } = await answerPetition(db, found.p.code, { answer: checked.value, published, by: found.actor, ip: req.ip });
    return reply.redirect(`/can-bo/phan-anh-kien-nghi?luu=${first ? 'tra-loi' : 'sua'}`, 303);
  });

  // ── API ───────────────────────────────────────────────────────────────────────────────────

  app.post(
    '/api/v1/petitions',
    {
      schema: {
        tags: ['phản ánh, kiến nghị'],
        summary: 'Gửi phản ánh, kiến nghị (công dân đăng nhập, hoặc khách ghi họ tên và thư điện tử hoặc số điện thoại)',
        description:
          'Nội dung tối đa 4.000 ký tự; `consent` phải là true (đồng ý xử lý dữ liệu cá nhân, Nghị định 13/2023/NĐ-CP). `service`: mã thủ tục trong danh mục; `application`: mã hồ sơ của chính người gửi. Khách không đăng nhập bị giới hạn số lần gửi theo địa chỉ mạng (429). Trả về mã phản ánh để tra cứu.',
        body: {
          type: 'object',
          required: ['subject', 'content', 'consent'],
          properties: {
            subject: { type: 'string', maxLength: 200 },
            content: { type: 'string', maxLength: 4000 },
            name: { type: 'string', maxLength: 100, description: 'Họ và tên (bắt buộc khi không đăng nhập).' },
            email: { type: 'string', maxLength: 200 },
            phone: { type: 'string', maxLength: 20 },
            service: { type: 'string', maxLength: 20, description: 'Mã thủ tục, ví dụ 1.004616.' },
            application: { type: 'string', maxLength: 60, description: 'Mã hồ sơ của người gửi.' },
            consent: { type: 'boolean' },
          },
        },
        response: {
          201: {
            type: 'object',
            properties: { code: { type: 'string' }, dueDate: { type: 'string', format: 'date' }, agency: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } }, message: { type: 'string' } },
          },
          400: { type: 'object', additionalProperties: true, description: 'Lỗi từng trường trong `fields`, bằng tiếng Việt.' },
          429: { type: 'object', additionalProperties: true },
        },
      },
      // Every field's problem in checkPetition's own Vietnamese words.
      attachValidation: true,
    },
    async (req, reply) => {
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const input = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, k === 'content' ? 8000 : 300) : v]));
      const r = await send(req, input);
      if (!r.ok) {
        const fields = fieldErrors(r.problems, 'vi');
        const first = Object.values(fields)[0] ?? 'Dữ liệu không hợp lệ.';
        if (r.status === 429) return reply.code(429).send(apiError('TOO_MANY', first));
        return reply.code(400).send({ ...apiError('INVALID_FIELD', first), fields });
      }
      return reply.code(201).send({ code: r.code, dueDate: r.dueDate, agency: r.agency, message: 'Phản ánh, kiến nghị đã được tiếp nhận. Hãy ghi lại mã để tra cứu.' });
    },
  );

  app.get<{ Params: { code: string }; Querystring: { check?: string } }>(
    '/api/v1/petitions/:code',
    {
      schema: {
        tags: ['phản ánh, kiến nghị'],
        summary: 'Tra cứu phản ánh, kiến nghị: mã và thư điện tử hoặc số điện thoại đã ghi khi gửi (người gửi đăng nhập không cần check)',
        params: { type: 'object', properties: { code: { type: 'string', maxLength: 40 } } },
        querystring: { type: 'object', properties: { check: { type: 'string', maxLength: 200 } } },
      },
    },
    async (req, reply) => {
      const code = req.params.code;
      const check = String(req.query.check ?? '').trim();
      const p = PETITION_CODE.test(code) ? await getPetition(db, code) : undefined;
      if (p && req.actor && p.senderId === req.actor.id) return trackingView(p);
      // The API's codes are older than the table's; each answer keeps its own.
      const answer = (problem: PetitionProblem, apiCode: string) => {
        const e = explain(PETITION_PROBLEMS, problem);
        return reply.code(e.status).send(apiError(apiCode, e.message));
      };
      if (await isLimited(db, TRACK_LIMIT, req.ip)) return answer({ code: 'too-many-tracks' }, 'TOO_MANY');
      if (!check) return answer({ code: 'check-missing' }, 'MISSING');
      if (!p || !contactMatches(p, check)) {
        await allowHit(db, TRACK_LIMIT, req.ip);
        return answer({ code: 'track-not-found' }, 'NOT_FOUND');
      }
      return trackingView(p);
    },
  );
}
