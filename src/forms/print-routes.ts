// Save and print (F4, F5): the paper form as PDF or .docx — of the answers being entered (the same
// form body as the e-form, or none for the blank), and of a submitted application for its
// applicant and for the officers of its agency.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getService } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { audit, can } from '../identity/index.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import { PRINT_TYPES, renderForm, type PrintFormat } from './print/index.ts';
import { formOfApplication, type FormLibrary } from './library.ts';
import { answersFromFormBody, validateAnswers } from './validate.ts';
import { pageBody } from '../web/page-body.ts';

/** What printing needs of a submitted application; given by the applications module (app.ts). */
export interface PrintableApplication {
  code: string;
  service: string;
  serviceName: string;
  agency: string;
  agencyName: string;
  applicantId: string;
  submittedAt: Date;
  data: unknown;
  /** "id@version" of the definition it was filled with, when known. */
  formVersion?: string | null;
}

export interface PrintDeps {
  db: DB;
  portal: Parameters<typeof loadPageContext>[1]['portal'];
  application: (code: string) => Promise<PrintableApplication | undefined>;
  forms: FormLibrary;
}

const CODE = /^[0-9]+\.[0-9]{6}$/;
const FORMATS: PrintFormat[] = ['pdf', 'docx'];


export async function printRoutes(app: FastifyInstance, deps: PrintDeps): Promise<void> {
  const { db } = deps;

  const send = (reply: FastifyReply, format: PrintFormat, name: string, body: Buffer) =>
    reply.type(PRINT_TYPES[format]).header('content-disposition', `attachment; filename="${name}.${format}"`).header('cache-control', 'private, no-store').send(body);

  const message = async (req: FastifyRequest, reply: FastifyReply, status: number, title: string, body: string) => sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title, body }), status);

  // The answers being entered: POST takes the e-form's own body (its check page posts here), GET
  // takes the same fields in the query, and GET without any prints the blank form.
  for (const format of FORMATS) {
    const handler = async (req: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply, body: Record<string, unknown>) => {
      const def = CODE.test(req.params.code) ? await deps.forms.forService(req.params.code) : undefined;
      const service = def && (await getService(db, req.params.code));
      if (!def || !service) return message(req, reply, 404, 'Không có biểu mẫu điện tử', 'Thủ tục này chưa có tờ khai điện tử trên cổng, hoặc mã thủ tục không đúng.');
      const fields = Object.keys(body).filter((k) => k !== '_csrf' && k !== '_action');
      // Whatever was entered is printed, even before it is complete: invalid answers stay blank lines.
      const values = fields.length ? validateAnswers(def, answersFromFormBody(def, body)).values : undefined;
      const pdf = await renderForm(format, { def, values, addressee: service.decidingAgency, serviceName: service.name });
      return send(reply, format, `${def.code}_${def.slug}${values ? '_DaKhai' : ''}`, pdf);
    };
    app.get<{ Params: { code: string }; Querystring: Record<string, unknown> }>(`/dich-vu-cong/:code/to-khai.${format}`, (req, reply) => handler(req, reply, (req.query ?? {}) as Record<string, unknown>));
    app.post<{ Params: { code: string } }>(`/dich-vu-cong/:code/to-khai.${format}`, { schema: { body: pageBody({}, { open: true }) } }, (req, reply) => handler(req, reply, (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>));
  }

  // A submitted application: its applicant (/ho-so) and the officers of its agency (/can-bo/ho-so).
  for (const format of FORMATS) {
    for (const officer of [false, true]) {
      app.get<{ Params: { code: string } }>(`${officer ? '/can-bo' : ''}/ho-so/:code/to-khai.${format}`, async (req, reply) => {
        const actor = req.actor;
        if (!actor) return reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`, 303);
        const code = req.params.code.slice(0, 60);
        const a = await deps.application(code);
        const own = !!a && a.applicantId === actor.id;
        const allowed = !!a && (officer ? !own && can(actor, 'application.read', { ownerId: a.applicantId, agencyCode: a.agency }) : own);
        // Someone else's application is answered as if it did not exist: its code reveals nothing.
        if (!a || !allowed) return message(req, reply, 404, 'Không tìm thấy hồ sơ', `Không có hồ sơ mã "${code}" trong phạm vi của bạn.`);
        const def = await formOfApplication(deps.forms, a);
        if (!def) return message(req, reply, 404, 'Hồ sơ không có tờ khai điện tử', `Hồ sơ "${code}" được nộp không kèm tờ khai điện tử, nên không có bản in tờ khai.`);
        if (officer) await audit(db, { actor, action: 'personal-data-read', targetType: 'application', targetId: a.code, agencyCode: a.agency, ip: req.ip });
        const data = (a.data && typeof a.data === 'object' ? a.data : {}) as Record<string, unknown>;
        const { values } = validateAnswers(def, data, { today: '9999-12-31' });
        const body = await renderForm(format, { def, values, addressee: a.agencyName, serviceName: a.serviceName, date: a.submittedAt });
        return send(reply, format, `ToKhai_${a.code.replace(/[^A-Za-z0-9_-]+/g, '-')}`, body);
      });
    }
  }
}
