// Level-4 payment of fees (A7): the officer asks for the fee (status 6); the applicant pays
// through a gateway of their choice (VNPAY, the national payment platform: signed redirect) or by
// bank transfer (VietQR); the gateway's signed server-to-server notice settles the payment, its
// receipt is numbered, and the application goes back to processing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getService } from '../../catalog/index.ts';
import type { PaygovSettings, PaymentSettings, PortalIdentity, TransferSettings } from '../../config.ts';
import type { DB } from '../../db/index.ts';
import { actorOf, GATES, guards } from '../../identity/index.ts';
import { mayProcess } from '../workflow/model.ts';
import { loadPageContext, sendPage } from '../../web/routes.ts';
import { MessagePage } from '../../web/views/message.tsx';
import { getApplication } from '../store.ts';
import { explainForPage } from '../problems.ts';
import { gatewaysFor } from './gateways.ts';
import { gatewayRoutes } from './gateway-routes.ts';
import { receiptRoutes } from './receipt-routes.ts';
import { receiptsOf } from './receipts.ts';
import { REFUND_PROBLEMS, refundPayment } from './refunds.ts';
import { catalogFee, checkFeeRequest, newTxnRef, orderInfo } from './model.ts';
import { confirmTransfer, currentFee, paymentsOf, requestFee, settle, startPayment } from './store.ts';
import { bankName, transferMessage, vietQrImage, vietQrPayload } from './vietqr.ts';
import { vnpParamsOf } from './vnpay.ts';
import { OfficerFeePage, PaymentPage } from './views.tsx';
import { ID, LINE, PARAGRAPH, pageBody } from '../../web/page-body.ts';

export interface PaymentDeps {
  db: DB;
  portal: PortalIdentity;
  publicUrl: string;
  payment: PaymentSettings | undefined;
  paygov?: PaygovSettings | undefined;
  transfer: TransferSettings | undefined;
}

export const IPN_PATH = '/api/v1/payments/vnpay/ipn';
export const RETURN_PATH = '/thanh-toan/vnpay/ket-qua';

export async function paymentRoutes(app: FastifyInstance, deps: PaymentDeps): Promise<void> {
  const { db } = deps;
  const gateways = gatewaysFor(deps.payment, deps.paygov);
  const gateway = gateways.find((g) => g.id === 'vnpay');
  const only = { signedIn: guards(deps).page(GATES.signedIn) };
  const notFound = async (req: FastifyRequest, reply: FastifyReply, code: string) =>
    sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Không tìm thấy hồ sơ', body: `Không có hồ sơ mã "${code.slice(0, 60)}" trong phạm vi của bạn.` }), 404);

  const transferFor = async (code: string, amount: number) => {
    if (!deps.transfer) return undefined;
    const message = transferMessage(code);
    return { image: await vietQrImage(vietQrPayload(deps.transfer, amount, message)), bank: bankName(deps.transfer.bankBin), account: deps.transfer.account, accountName: deps.transfer.accountName, message };
  };

  // ── Officer: ask for the fee, confirm a transfer ───────────────────────────────────────────────
  /** The application the signed-in officer may process, with the officer; undefined when none is in their scope. */
  const processable = async (req: FastifyRequest, code: string) => {
    const actor = actorOf(req);
    const a = await getApplication(db, code.slice(0, 60));
    return a && mayProcess(actor, a) ? { actor, a } : undefined;
  };
  const officerPage = async (req: FastifyRequest, reply: FastifyReply, code: string, extra: { errors?: Record<string, string>; values?: Record<string, string>; status?: number } = {}) => {
    const { a } = (await processable(req, code)) ?? {};
    if (!a) return notFound(req, reply, code);
    const [service, fee, payments, receipts] = await Promise.all([getService(db, a.service), currentFee(db, a.id), paymentsOf(db, a.id), receiptsOf(db, a.id)]);
    return sendPage(
      reply,
      OfficerFeePage({ ctx: await loadPageContext(req, deps), a, catalogFees: service?.fees ?? [], catalogAmount: catalogFee(service?.fees), fee, payments, receipts, errors: extra.errors, values: extra.values }),
      extra.status ?? 200,
    );
  };

  app.get<{ Params: { code: string } }>('/can-bo/ho-so/:code/thu-phi', { preHandler: only.signedIn }, async (req, reply) => officerPage(req, reply, req.params.code));

  app.post<{ Params: { code: string } }>('/can-bo/ho-so/:code/thu-phi', { preHandler: only.signedIn, schema: { body: pageBody({ amount: ID, reason: PARAGRAPH }) } }, async (req, reply) => {
    const { actor, a } = (await processable(req, req.params.code)) ?? {};
    if (!actor || !a) return notFound(req, reply, req.params.code);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { amount: String(body.amount ?? '').slice(0, 30), reason: String(body.reason ?? '').slice(0, 2000) };
    const catalogAmount = catalogFee((await getService(db, a.service))?.fees);
    const checked = checkFeeRequest(values.amount, values.reason, catalogAmount);
    if (!checked.ok) {
      const p = explainForPage(req, deps.portal, checked.problem);
      return officerPage(req, reply, a.code, { errors: { [p.field ?? 'amount']: p.message }, values, status: p.status });
    }
    const result = await requestFee(db, a.code, { id: actor.id, name: actor.fullName }, { amount: checked.value, catalogAmount, reason: values.reason });
    if (!result.ok) {
      const p = explainForPage(req, deps.portal, result.problem);
      return officerPage(req, reply, a.code, { errors: { amount: p.message }, values, status: p.status });
    }
    return reply.redirect(`/can-bo/ho-so/${a.code}?xong=1`, 303);
  });

  app.post<{ Params: { code: string } }>('/can-bo/ho-so/:code/thu-phi/chuyen-khoan', { preHandler: only.signedIn, schema: { body: pageBody({ reference: LINE }) } }, async (req, reply) => {
    const { actor, a } = (await processable(req, req.params.code)) ?? {};
    if (!actor || !a) return notFound(req, reply, req.params.code);
    const reference = String((req.body as Record<string, unknown> | undefined)?.reference ?? '').slice(0, 100);
    const result = await confirmTransfer(db, a.code, { id: actor.id, name: actor.fullName }, reference);
    if (!result.ok) {
      const p = explainForPage(req, deps.portal, result.problem);
      return officerPage(req, reply, a.code, { errors: { reference: p.message }, status: p.status });
    }
    return reply.redirect(`/can-bo/ho-so/${a.code}?xong=1`, 303);
  });

  // An officer refunds a paid fee with a reason (refunds.ts); a refusal is shown beside the reason.
  app.post<{ Params: { code: string } }>('/can-bo/ho-so/:code/thu-phi/hoan-tien', { preHandler: only.signedIn, schema: { body: pageBody({ payment: ID, reason: PARAGRAPH }) } }, async (req, reply) => {
    const { actor, a } = (await processable(req, req.params.code)) ?? {};
    if (!actor || !a) return notFound(req, reply, req.params.code);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const paymentId = /^[0-9a-f-]{36}$/i.test(String(body.payment ?? '')) ? String(body.payment) : '00000000-0000-0000-0000-000000000000';
    const result = await refundPayment(db, gateways, { applicationCode: a.code, paymentId, reason: String(body.reason ?? '').slice(0, 2000), officer: { id: actor.id, username: actor.username }, ip: req.ip }, req.log);
    if (!result.ok) {
      const p = REFUND_PROBLEMS[result.problem.code];
      return officerPage(req, reply, a.code, { errors: { [`refund-${paymentId}`]: p.vi }, status: p.status });
    }
    return reply.redirect(`/can-bo/ho-so/${a.code}/thu-phi?hoan-tien=1`, 303);
  });

  // ── Applicant: pay ────────────────────────────────────────────────────────────────────────────
  const ownApplication = async (req: FastifyRequest, code: string) => {
    const a = req.actor && (await getApplication(db, code.slice(0, 60)));
    return a && a.applicantId === req.actor!.id ? a : undefined;
  };

  app.get<{ Params: { code: string } }>('/ho-so/:code/thanh-toan', { preHandler: only.signedIn }, async (req, reply) => {
    const a = await ownApplication(req, req.params.code);
    if (!a) return notFound(req, reply, req.params.code);
    const [fee, payments, receipts] = await Promise.all([currentFee(db, a.id), paymentsOf(db, a.id), receiptsOf(db, a.id)]);
    const due = a.status === 6 && fee?.state === 'open' ? fee : undefined;
    // The payment form is answered by a redirect to a gateway: this page's CSP must allow them.
    const csp = reply.getHeader('content-security-policy');
    if (gateways.length && typeof csp === 'string') reply.header('content-security-policy', csp.replace("form-action 'self'", `form-action 'self' ${gateways.map((g) => g.formOrigin).join(' ')}`));
    return sendPage(
      reply,
      PaymentPage({ ctx: await loadPageContext(req, deps), a, fee, payments, receipts, gateways: gateways.map((g) => ({ id: g.id, name: g.name })), transfer: due ? await transferFor(a.code, due.amount) : undefined }),
    );
  });

  app.post<{ Params: { code: string } }>('/ho-so/:code/thanh-toan', { preHandler: only.signedIn, schema: { body: pageBody({ gateway: ID }) } }, async (req, reply) => {
    const a = await ownApplication(req, req.params.code);
    if (!a) return notFound(req, reply, req.params.code);
    const fee = await currentFee(db, a.id);
    const ctx = await loadPageContext(req, deps);
    const chosen = String((req.body as Record<string, unknown> | undefined)?.gateway ?? '');
    const gateway = chosen ? gateways.find((g) => g.id === chosen) : gateways.length === 1 ? gateways[0] : undefined;
    if (gateways.length && !gateway) return sendPage(reply, MessagePage({ ctx, title: 'Chưa chọn cổng thanh toán', body: 'Hãy quay lại và chọn một cổng thanh toán trong danh sách; không có gì được thay đổi.' }), 400);
    if (!gateway) return sendPage(reply, MessagePage({ ctx, title: 'Chưa có thanh toán trực tuyến', body: 'Cổng chưa kết nối cổng thanh toán; hãy chuyển khoản theo mã VietQR hoặc nộp tại bộ phận một cửa.' }), 409);
    if (a.status !== 6 || !fee || fee.state !== 'open') {
      return sendPage(reply, MessagePage({ ctx, title: 'Không có khoản phí cần thanh toán', body: 'Hồ sơ này hiện không chờ thực hiện nghĩa vụ tài chính; không có gì được thay đổi.' }), 409);
    }
    const txnRef = newTxnRef();
    await startPayment(db, { applicationId: a.id, feeId: fee.id, amount: fee.amount, gateway: gateway.id, txnRef });
    const url = gateway.paymentUrl({ txnRef, amount: fee.amount, orderInfo: orderInfo(a.code), returnUrl: `${deps.publicUrl}${gateway.returnPath}`, ipAddr: req.ip, createdAt: new Date(), locale: ctx.locale === 'en' ? 'en' : 'vn' });
    return reply.redirect(url, 303);
  });

  await gatewayRoutes(app, { ...deps, gateways });
  await receiptRoutes(app, { ...deps, gateways });

  // The gateway's server-to-server notice: the source of truth, answered in its own JSON.
  const IPN_FIELDS = ['vnp_TmnCode', 'vnp_Amount', 'vnp_BankCode', 'vnp_BankTranNo', 'vnp_CardType', 'vnp_PayDate', 'vnp_OrderInfo', 'vnp_TransactionNo', 'vnp_ResponseCode', 'vnp_TransactionStatus', 'vnp_TxnRef', 'vnp_SecureHashType', 'vnp_SecureHash'];
  app.get(
    IPN_PATH,
    {
      schema: {
        tags: ['thanh toán'],
        summary: 'Thông báo kết quả thanh toán từ cổng thanh toán (IPN, giao thức VNPAY 2.1.0): kiểm tra chữ ký HMAC-SHA512, số tiền; chỉ ghi nhận một lần',
        // The fields VNPAY sends (each a string); any other is kept, as the signature covers every vnp_ field.
        querystring: { type: 'object', properties: Object.fromEntries(IPN_FIELDS.map((f) => [f, { type: 'string' }])), additionalProperties: { type: 'string' } },
        response: { 200: { type: 'object', properties: { RspCode: { type: 'string' }, Message: { type: 'string' } }, required: ['RspCode', 'Message'] } },
      },
    },
    async (req) => {
      if (!gateway) return { RspCode: '99', Message: 'Payment gateway not configured' };
      const reading = gateway.readCallback(vnpParamsOf(req.query));
      const answer = await settle(db, gateway, reading);
      if (answer !== 'ok') req.log.warn({ answer, txnRef: vnpParamsOf(req.query).vnp_TxnRef }, 'payment notice refused');
      return gateway.answer(answer);
    },
  );
}
