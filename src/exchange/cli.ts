// `dvctt exchange-simulator` and `dvctt exchange-reconcile` (A3, P3).
import { parseArgs } from 'node:util';
import type { ExchangeSettings } from '../config-exchange.ts';
import type { DB } from '../db/index.ts';
import { reconcile, reconcileReport } from './reconcile.ts';
import { ExchangeSimulator } from './simulator.ts';

export const EXCHANGE_CLI_HELP = `  exchange-simulator [--port 8096] [--secret BÍ-MẬT]
                   Cổng Dịch vụ công quốc gia mô phỏng trên máy này: chuyển hồ sơ đến dvctt,
                   nhận cập nhật trạng thái, trả lời tra cứu; in DVCTT_EXCHANGE_* cần đặt
  exchange-reconcile
                   Đối soát hằng ngày: liệt kê hồ sơ liên thông lệch trạng thái giữa dvctt và
                   Cổng Dịch vụ công quốc gia (mã thoát 1 khi có hồ sơ lệch)
`;

export async function exchangeSimulatorCommand(args: string[], publicUrl: string, out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string', default: '8096' }, secret: { type: 'string', default: 'dvctt-lien-thong-mo-phong' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    out(`Cổng "${values.port}" không hợp lệ.\n`);
    return 2;
  }
  const simulator = await new ExchangeSimulator({ secret: values.secret, port, dvcttUrl: publicUrl }).start();
  out(simulator.startMessage(publicUrl));
  return new Promise<number>(() => undefined); // runs until interrupted
}

export async function exchangeReconcileCommand(settings: ExchangeSettings | undefined, withDb: <T>(work: (db: DB) => Promise<T>) => Promise<T>, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (!settings) {
    err('Chưa cấu hình liên thông: đặt DVCTT_EXCHANGE_URL và DVCTT_EXCHANGE_SECRET.\n');
    return 2;
  }
  const result = await withDb((db) => reconcile(db, settings));
  out(reconcileReport(result));
  return result.differences.length ? 1 : 0;
}
