// `dvctt paygov-simulator` and `dvctt payment-reconcile` (A7).
import { parseArgs } from 'node:util';
import type { PaygovSettings } from '../../config-payment.ts';
import type { DB } from '../../db/index.ts';
import { vietnamDay } from '../../web/format.ts';
import { PaygovError, PaygovGateway } from './paygov.ts';
import { callbackUrlOf, PaygovSimulator } from './paygov-simulator.ts';
import { reconcile, reconciliationText } from './reconcile.ts';

export const PAYMENT_CLI_HELP = `  paygov-simulator [--port 8096] [--merchant MÃ] [--secret BÍ-MẬT] [--bad-signature]
                   Chạy Nền tảng thanh toán trực tuyến mô phỏng (PayGov) trên máy này; in ra
                   các biến DVCTT_PAYGOV_* cần đặt; --bad-signature: gửi kết quả sai chữ ký
  payment-reconcile [--day YYYY-MM-DD]
                   Đối soát giao dịch một ngày (mặc định hôm qua) với Nền tảng thanh toán
                   trực tuyến; liệt kê chênh lệch (mã thoát 1 khi có chênh lệch)
`;

type Out = (s: string) => void;

export async function paygovSimulatorCommand(args: string[], publicUrl: string, out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string', default: '8096' }, merchant: { type: 'string', default: 'DVCTT-DEMO' }, secret: { type: 'string', default: 'dvctt-paygov-mo-phong-khong-dung-that' }, 'bad-signature': { type: 'boolean', default: false } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Cổng "${values.port}" không hợp lệ.`);
  const sim = await new PaygovSimulator({ merchant: values.merchant, secret: values.secret, port, callbackUrl: callbackUrlOf(publicUrl) }).start();
  sim.badSignature = values['bad-signature'];
  out(sim.startMessage(publicUrl));
  return new Promise<number>(() => undefined); // runs until interrupted
}

/** 0: no difference; 1: differences listed; 2: cannot reconcile (not configured, platform unreachable). */
export async function reconcileCommand(args: string[], settings: PaygovSettings | undefined, withDb: <T>(work: (db: DB) => Promise<T>) => Promise<T>, out: Out, err: Out, now = new Date()): Promise<number> {
  const { values } = parseArgs({ args, options: { day: { type: 'string' } } });
  const day = values.day ?? vietnamDay(new Date(now.getTime() - 86_400_000));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    err(`Ngày "${day}" không hợp lệ; dùng dạng YYYY-MM-DD.\n`);
    return 2;
  }
  if (!settings) {
    err('Chưa cấu hình Nền tảng thanh toán trực tuyến (DVCTT_PAYGOV_URL, DVCTT_PAYGOV_MERCHANT, DVCTT_PAYGOV_SECRET).\n');
    return 2;
  }
  try {
    const r = await withDb((db) => reconcile(db, new PaygovGateway(settings), day));
    out(reconciliationText(r));
    return r.differences.length ? 1 : 0;
  } catch (e) {
    if (!(e instanceof PaygovError) && !(e instanceof TypeError) && !(e instanceof Error && e.name === 'TimeoutError')) throw e;
    err(`Không đối soát được: ${e.message}\n`);
    return 2;
  }
}
