// Bank transfer by VietQR (NAPAS 247's EMVCo payload): the portal's account, the amount and the
// application code as the transfer's message, drawn as an SVG for the payment page.
import QRCode from 'qrcode';
import { QRPay } from 'vietnam-qr-pay';
import type { TransferSettings } from '../../config.ts';

/** The EMVCo purpose field holds at most 25 characters; a longer code loses its dots first. */
export function transferMessage(code: string): string {
  return code.length <= 25 ? code : code.replaceAll('.', '').slice(0, 25);
}

export function vietQrPayload(account: TransferSettings, amount: number, message: string): string {
  return QRPay.initVietQR({ bankBin: account.bankBin, bankNumber: account.account, amount: String(amount), purpose: message }).build();
}

/** The payload as an SVG image (a data: URL, allowed by the page's CSP). */
export async function vietQrImage(payload: string): Promise<string> {
  const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Names of the banks the demo and common deployments use, by NAPAS BIN. */
const BANKS: Record<string, string> = {
  '970415': 'VietinBank',
  '970436': 'Vietcombank',
  '970418': 'BIDV',
  '970405': 'Agribank',
};
export const bankName = (bin: string) => BANKS[bin] ?? `Ngân hàng mã BIN ${bin}`;
