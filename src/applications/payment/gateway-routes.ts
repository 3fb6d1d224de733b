// The gateways' answers (A7): the payer's browser coming back from each gateway (what the gateway
// signed, and what its server-to-server notice has settled), and the national payment platform's
// signed JSON callback — checked, settled once, refused and logged when forged or wrong.
import type { FastifyInstance } from 'fastify';
import { loadPageContext, sendPage } from '../../web/routes.ts';
import { getApplication } from '../store.ts';
import type { PaymentGateway } from './gateway.ts';
import { CALLBACK_PATH, paygovParamsOf } from './paygov.ts';
import type { PaymentDeps } from './routes.ts';
import { receiptsOf } from './receipts.ts';
import { paymentByRef, settle } from './store.ts';
import { responseText } from './vnpay.ts';
import { PaymentReturnPage } from './views.tsx';

const PAYGOV_STATUS_TEXT: Record<string, string> = { CANCELLED: 'Bạn đã hủy giao dịch.', FAILED: 'Giao dịch không thành công; tài khoản của bạn không bị trừ tiền.' };

function failureText(g: PaymentGateway, code: string): string {
  return g.id === 'vnpay' ? responseText(code) : (PAYGOV_STATUS_TEXT[code] ?? `Giao dịch không thành công (mã ${code || 'không rõ'}).`);
}

export async function gatewayRoutes(app: FastifyInstance, deps: PaymentDeps & { gateways: PaymentGateway[] }): Promise<void> {
  const { db } = deps;
  for (const gateway of deps.gateways) {
    app.get(gateway.returnPath, async (req, reply) => {
      const ctx = await loadPageContext(req, deps);
      const reading = gateway.readCallback(paygovParamsOf(req.query));
      if (!reading.valid) {
        req.log.warn({ gateway: gateway.id }, 'payment return without a valid signature');
        return sendPage(reply, PaymentReturnPage({ ctx, outcome: 'invalid', message: 'Dữ liệu trả về từ cổng thanh toán không có chữ ký hợp lệ; kết quả thanh toán không được ghi nhận.' }), 400);
      }
      const p = await paymentByRef(db, reading.txnRef);
      if (!p || p.gateway !== gateway.id) return sendPage(reply, PaymentReturnPage({ ctx, outcome: 'invalid', message: 'Không có giao dịch thanh toán nào với mã tham chiếu này.' }), 404);
      const a = req.actor ? await getApplication(db, p.applicationCode) : undefined;
      const own = a?.applicantId === req.actor?.id && a !== undefined;
      const outcome = p.status === 'paid' ? 'paid' : p.status === 'failed' || !reading.success ? 'failed' : 'pending';
      const message =
        outcome === 'paid'
          ? 'Cơ quan đã nhận được khoản thanh toán; hồ sơ tiếp tục được xử lý.'
          : outcome === 'failed'
            ? failureText(gateway, reading.responseCode)
            : 'Cổng thanh toán báo giao dịch thành công; đang chờ xác nhận từ cổng thanh toán. Trạng thái hồ sơ sẽ cập nhật khi có xác nhận.';
      const receipt = own && outcome === 'paid' ? (await receiptsOf(db, a.id)).find((r) => r.gatewayTxnNo === p.gatewayTxnNo && r.amount === p.amount) : undefined;
      return sendPage(reply, PaymentReturnPage({ ctx, outcome, message, code: own ? p.applicationCode : undefined, amount: p.amount, txnRef: p.txnRef, receipt: receipt?.number }));
    });
  }

  const paygov = deps.gateways.find((g) => g.id === 'paygov');
  const FIELDS = ['version', 'merchant_code', 'order_id', 'amount', 'transaction_id', 'status', 'paid_at', 'bank_code', 'checksum'];
  app.post(
    CALLBACK_PATH,
    {
      schema: {
        tags: ['thanh toán'],
        summary: 'Thông báo kết quả thanh toán từ Nền tảng thanh toán trực tuyến (PayGov): kiểm tra checksum HMAC-SHA256, đơn hàng, số tiền; chỉ ghi nhận một lần',
        body: { type: 'object', properties: Object.fromEntries(FIELDS.map((f) => [f, { type: 'string', maxLength: 500 }])), additionalProperties: { type: 'string', maxLength: 500 } },
        response: { 200: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
      },
    },
    async (req) => {
      if (!paygov) return { code: '99', message: 'Payment platform not configured' };
      const params = paygovParamsOf(req.body);
      const answer = await settle(db, paygov, paygov.readCallback(params));
      const about = { answer, orderId: params.order_id?.slice(0, 100), amount: params.amount?.slice(0, 20) };
      if (answer === 'alreadyConfirmed') req.log.info(about, 'payment platform callback repeated; settled once already');
      else if (answer !== 'ok') req.log.warn(about, 'payment platform callback refused');
      return paygov.answer(answer);
    },
  );
}
