// Settings of the national portal exchange (A3, P3), read by config.ts: where the national
// portal takes dvctt's pushes, the secret both sides sign with, and whether citizens use dvctt's
// own web front end or file on the national portal (docs/integration.md).
type Env = Record<string, string | undefined>;

export interface ExchangeSettings {
  /** The national portal's exchange endpoint (pushes go to its /ho-so/cap-nhat). */
  url: string;
  /** The shared secret of the HMAC-SHA256 signatures, both directions. */
  secret: string;
}

export const EXCHANGE_SETTINGS = ['DVCTT_EXCHANGE_URL', 'DVCTT_EXCHANGE_SECRET', 'DVCTT_CITIZEN_PORTAL'] as const;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The exchange's address and secret come together or not at all; plain http only to this machine (the simulator). */
export function parseExchange(env: Env, fail: (key: string, message: string) => never): ExchangeSettings | undefined {
  const url = env.DVCTT_EXCHANGE_URL?.trim() ?? '';
  const secret = env.DVCTT_EXCHANGE_SECRET ?? '';
  if (!url && !secret) return undefined;
  if (!url) return fail('DVCTT_EXCHANGE_URL', 'liên thông với Cổng Dịch vụ công quốc gia cần cả DVCTT_EXCHANGE_URL và DVCTT_EXCHANGE_SECRET.');
  if (secret.length < 16) return fail('DVCTT_EXCHANGE_SECRET', 'khóa bí mật ký thông điệp liên thông quá ngắn hoặc chưa đặt (cần ít nhất 16 ký tự).');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('DVCTT_EXCHANGE_URL', `"${url}" không phải địa chỉ URL.`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname))) {
    return fail('DVCTT_EXCHANGE_URL', `"${parsed.origin}" phải dùng https:// (http:// chỉ được phép với máy này — trình mô phỏng).`);
  }
  return { url: url.replace(/\/+$/, ''), secret };
}
