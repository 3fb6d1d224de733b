// The one-stop papers as PDF and printable HTML, their list in the API, and a unit's tracking book (A3, A5).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formOfApplication } from '../../forms/index.ts';
import { actorOf, agencyNames, audit, can, GATES, guards, type Actor } from '../../identity/index.ts';
import { loadPageContext, sendPage } from '../../web/routes.ts';
import { MessagePage } from '../../web/views/message.tsx';
import { sendDownload } from '../../web/download.ts';
import { getApplication, type ApplicationRecord } from '../store.ts';
import { sendProblem } from '../problems.ts';
import type { ApplicationRouteDeps } from '../route-deps.ts';
import { forApplicant, paperBySlug, PAPERS } from './model.ts';
import { paperContent, receiptOf } from './content.ts';
import { renderPaper } from './pdf.ts';
import { BOOK_LIMIT, loadPaperData, papersOfApplication, trackingBook } from './store.ts';
import { BOOK_TITLE, bookContent, bookQuery } from './book.ts';
import { PaperPage } from './views/paper.tsx';
import { BookPage } from './views/book.tsx';

/** Staff of the receiving agency or of the unit holding it now (never the applicant through the officers' pages). */
export function staffMayRead(actor: Actor, a: Pick<ApplicationRecord, 'applicantId' | 'agency' | 'unit'>): boolean {
  if (actor.role === 'citizen' || a.applicantId === actor.id) return false;
  return can(actor, 'application.read', { ownerId: a.applicantId, agencyCode: a.agency }) || can(actor, 'application.read', { ownerId: a.applicantId, agencyCode: a.unit });
}

type Format = 'pdf' | 'html';
const PAPER_PATH = /^([a-z0-9-]{1,30})\.(pdf|html)$/;

export async function paperRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): Promise<void> {
  const { db } = deps;
  const gate = guards(deps);
  const only = { signedIn: gate.page(GATES.signedIn), staff: gate.page(GATES.staff) };
  const options = async (a: ApplicationRecord) => ({ publicUrl: deps.publicUrl, eFormTitle: a.data ? (await formOfApplication(deps.forms, a))?.title : undefined });
  const missing = async (req: FastifyRequest, reply: FastifyReply, title: string, body: string) => sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title, body }), 404);
  const noApplication = (req: FastifyRequest, reply: FastifyReply, code: string) => missing(req, reply, 'Không tìm thấy hồ sơ', `Không có hồ sơ mã "${code.slice(0, 60)}" trong phạm vi của bạn.`);

  /** One paper of one application, as PDF or as a page; `staff` says whose address it was asked at. */
  const serve = async (req: FastifyRequest<{ Params: { code: string; file: string } }>, reply: FastifyReply, staff: boolean) => {
    const actor = actorOf(req);
    const code = req.params.code.slice(0, 60);
    const a = await getApplication(db, code);
    if (!a || !(staff ? staffMayRead(actor, a) : a.applicantId === actor.id)) return noApplication(req, reply, code);
    const m = PAPER_PATH.exec(req.params.file);
    const data = await loadPaperData(db, a);
    const paper = m && paperBySlug(data.papers, m[1]!);
    if (!m || !paper || (!staff && !forApplicant(paper.kind))) {
      return missing(req, reply, 'Không có giấy tờ này', `Hồ sơ ${a.code} không có giấy tờ "${(m?.[1] ?? req.params.file).slice(0, 40)}". Các giấy tờ của hồ sơ được liệt kê ở trang hồ sơ.`);
    }
    if (staff) await audit(db, { actor, action: 'personal-data-read', targetType: 'application', targetId: a.code, agencyCode: a.agency, ip: req.ip });
    const content = paperContent(data, paper, await options(a));
    const base = `${staff ? '/can-bo' : ''}/ho-so/${a.code}`;
    if ((m[2] as Format) === 'html') return sendPage(reply, PaperPage({ ctx: await loadPageContext(req, deps), p: content, pdf: `${base}/giay-to/${paper.slug}.pdf`, back: { href: base, label: `Hồ sơ ${a.code}` } }));
    sendDownload(reply, { name: `${paper.title} ${a.code}.pdf`, type: 'application/pdf', inline: true, personal: true });
    return reply.send(await renderPaper(content));
  };

  app.get<{ Params: { code: string; file: string } }>('/can-bo/ho-so/:code/giay-to/:file', { preHandler: only.staff }, (req, reply) => serve(req, reply, true));
  app.get<{ Params: { code: string; file: string } }>('/ho-so/:code/giay-to/:file', { preHandler: only.signedIn }, (req, reply) => serve(req, reply, false));

  // The receipt's first address (A1), kept for the links already given: the Mẫu 01 receipt, also
  // while an online application still waits for reception (it then says so).
  app.get<{ Params: { code: string } }>('/ho-so/:code/phieu-tiep-nhan.pdf', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const a = await getApplication(db, req.params.code.slice(0, 60));
    if (!a || !(a.applicantId === actor.id || staffMayRead(actor, a))) return noApplication(req, reply, req.params.code);
    const pdf = await renderPaper(receiptOf(await loadPaperData(db, a), await options(a)));
    sendDownload(reply, { name: `PhieuTiepNhan_${a.code}.pdf`, type: 'application/pdf', inline: true, personal: true });
    return reply.send(pdf);
  });

  app.get<{ Params: { code: string } }>(
    '/api/v1/applications/:code/papers',
    { preHandler: gate.api(GATES.signedIn), schema: { tags: ['hồ sơ'], summary: 'Giấy tờ một cửa của hồ sơ (giấy tiếp nhận và hẹn trả, yêu cầu bổ sung, từ chối, xin lỗi, dừng xử lý; cán bộ: cả phiếu kiểm soát) với đường dẫn PDF và bản in HTML' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const code = req.params.code.slice(0, 60);
      const a = await getApplication(db, code);
      const own = a?.applicantId === actor.id;
      if (!a || !(own || staffMayRead(actor, a))) return sendProblem(reply, { code: 'NOT_FOUND', params: { code } });
      const base = `${own ? '' : '/can-bo'}/ho-so/${a.code}/giay-to`;
      const papers = (await papersOfApplication(db, a)).filter((p) => !own || forApplicant(p.kind));
      return { items: papers.map((p) => ({ kind: p.kind, title: p.title, form: PAPERS[p.kind].form || null, issuedAt: p.issuedAt, pdf: `${base}/${p.slug}.pdf`, html: `${base}/${p.slug}.html` })) };
    },
  );

  // Sổ theo dõi hồ sơ (Mẫu 06): a unit of the person's, a period; the page and the PDF.
  const book = async (req: FastifyRequest<{ Querystring: { 'don-vi'?: string; tu?: string; den?: string } }>, reply: FastifyReply, pdf: boolean) => {
    const actor = actorOf(req);
    const units = await agencyNames(db, actor.agencies);
    const q = bookQuery(req.query, units.map((u) => u.code), actor.agencyCode);
    if (!q.ok) return sendPage(reply, BookPage({ ctx: await loadPageContext(req, deps), q: q.value, units, errors: q.errors }), 400);
    const rows = await trackingBook(db, q.value.unit, q.value.from, q.value.to);
    const content = bookContent(units.find((u) => u.code === q.value.unit)!.name, q.value, rows);
    if (!pdf) return sendPage(reply, BookPage({ ctx: await loadPageContext(req, deps), q: q.value, units, book: content, truncated: rows.length >= BOOK_LIMIT ? rows.length : undefined }));
    sendDownload(reply, { name: `${BOOK_TITLE} ${q.value.unit} ${q.value.from} ${q.value.to}.pdf`, type: 'application/pdf', inline: true, personal: true });
    return reply.send(await renderPaper(content));
  };
  app.get<{ Querystring: { 'don-vi'?: string; tu?: string; den?: string } }>('/can-bo/so-theo-doi', { preHandler: only.staff }, (req, reply) => book(req, reply, false));
  app.get<{ Querystring: { 'don-vi'?: string; tu?: string; den?: string } }>('/can-bo/so-theo-doi.pdf', { preHandler: only.staff }, (req, reply) => book(req, reply, true));
}
