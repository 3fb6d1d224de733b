// Electronic receipts (A7): the applicant and the agency's staff list an application's receipts
// and download each as a PDF.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, audit, can, GATES, guards } from '../../identity/index.ts';
import { sendDownload } from '../../web/download.ts';
import { sendProblem } from '../problems.ts';
import { getApplication, type ApplicationRecord } from '../store.ts';
import { mayRead } from '../workflow/model.ts';
import type { PaymentGateway } from './gateway.ts';
import { GATEWAY_NAMES, renderReceipt } from './receipt-pdf.ts';
import { receiptOf, receiptsOf, type Receipt } from './receipts.ts';
import type { PaymentDeps } from './routes.ts';
import { amountInWords } from './words.ts';

export const receiptHref = (code: string, number: string) => `/api/v1/applications/${code}/receipts/${number}.pdf`;

const RECEIPT = {
  type: 'object',
  required: ['number', 'series', 'seq', 'amount', 'amountInWords', 'payer', 'feeName', 'agency', 'gateway', 'paidAt', 'lookupCode', 'refunded', 'href'],
  properties: {
    number: { type: 'string' },
    series: { type: 'string', description: 'Ký hiệu biên lai: dãy số của cơ quan trong năm.' },
    seq: { type: 'integer' },
    amount: { type: 'integer', description: 'Số tiền (đồng).' },
    amountInWords: { type: 'string' },
    payer: { type: 'string' },
    feeName: { type: 'string' },
    agency: { type: 'string' },
    gateway: { type: 'string', description: 'paygov, vnpay hoặc transfer.' },
    gatewayName: { type: 'string' },
    paidAt: { type: 'string', format: 'date-time' },
    lookupCode: { type: 'string' },
    refunded: { type: 'boolean' },
    refundedAt: { type: ['string', 'null'], format: 'date-time' },
    refundReason: { type: ['string', 'null'] },
    href: { type: 'string' },
  },
} as const;

const asJson = (r: Receipt) => ({
  number: r.number,
  series: r.series,
  seq: r.seq,
  amount: r.amount,
  amountInWords: amountInWords(r.amount),
  payer: r.payerName,
  feeName: r.feeName,
  agency: r.agencyName,
  gateway: r.gateway,
  gatewayName: GATEWAY_NAMES[r.gateway] ?? r.gateway,
  paidAt: r.paidAt.toISOString(),
  lookupCode: r.lookupCode,
  refunded: r.refundedAt !== null,
  refundedAt: r.refundedAt?.toISOString() ?? null,
  refundReason: r.refundReason,
  href: receiptHref(r.applicationCode, r.number),
});

export async function receiptRoutes(app: FastifyInstance, deps: PaymentDeps & { gateways: PaymentGateway[] }): Promise<void> {
  const { db } = deps;
  const gate = guards(deps);
  /** The applicant, or staff who may read the application (reads by staff are audited). */
  const readable = async (req: FastifyRequest, code: string): Promise<ApplicationRecord | undefined> => {
    const actor = actorOf(req);
    const a = await getApplication(db, code.slice(0, 60));
    return a && (can(actor, 'application.read', { ownerId: a.applicantId, agencyCode: a.agency }) || mayRead(actor, a)) ? a : undefined;
  };

  app.get<{ Params: { code: string } }>(
    '/api/v1/applications/:code/receipts',
    { preHandler: gate.api(GATES.signedIn), schema: { tags: ['hồ sơ'], summary: 'Biên lai điện tử của các khoản phí, lệ phí đã nộp (người nộp hồ sơ, cán bộ cơ quan giải quyết)', response: { 200: { type: 'object', required: ['receipts'], properties: { receipts: { type: 'array', items: RECEIPT } } } } } },
    async (req, reply) => {
      const a = await readable(req, req.params.code);
      if (!a) return sendProblem(reply, { code: 'NOT_FOUND', params: { code: req.params.code.slice(0, 60) } });
      return { receipts: (await receiptsOf(db, a.id)).map(asJson) };
    },
  );

  app.get<{ Params: { code: string; file: string } }>(
    '/api/v1/applications/:code/receipts/:file',
    { preHandler: gate.api(GATES.signedIn), schema: { tags: ['hồ sơ'], summary: 'Tải biên lai điện tử (PDF): …/receipts/{số biên lai}.pdf', produces: ['application/pdf'] } },
    async (req, reply) => {
      const actor = actorOf(req);
      const a = await readable(req, req.params.code);
      const m = /^(.{1,60})\.pdf$/.exec(req.params.file);
      const r = a && m ? await receiptOf(db, a.id, m[1]!) : undefined;
      if (!a || !r) return sendProblem(reply, { code: 'NOT_FOUND', params: { code: req.params.code.slice(0, 60) } });
      if (a.applicantId !== actor.id) await audit(db, { actor, action: 'personal-data-read', targetType: 'payment-receipt', targetId: r.number, agencyCode: a.agency, ip: req.ip });
      return sendDownload(reply, { name: `bien-lai-${r.number}.pdf`, type: 'application/pdf', personal: true }).send(await renderReceipt(r));
    },
  );
}
