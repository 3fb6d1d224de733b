// `dvctt check`, transport: TLS versions and suites, the certificate, HTTP → HTTPS, HSTS and the
// headers, over IPv4 and IPv6 (S2–S4).
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { finding, hstsMaxAge, type Finding } from './model.ts';
import { keyProblem, summarizeKey } from './tls-policy.ts';
import { isIp, type CheckOptions, type Target } from './target.ts';

interface Handshake {
  ok: boolean;
  protocol?: string;
  cert?: X509Certificate;
  authorized?: boolean;
  authError?: string;
  error?: string;
}

/** One TLS handshake at exactly this version; the client offers everything (SECLEVEL 0) so the server's choice is what we see. */
function handshake(t: Target, address: string, version?: tls.SecureVersion): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: address,
      port: t.port,
      servername: isIp(t.host) ? undefined : t.host,
      ca: t.ca,
      rejectUnauthorized: false,
      ciphers: 'DEFAULT:@SECLEVEL=0',
      ...(version ? { minVersion: version, maxVersion: version } : { minVersion: 'TLSv1' as const }),
      timeout: 10_000,
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerX509Certificate();
      let authError = socket.authorizationError ? String(socket.authorizationError) : undefined;
      if (!authError && cert && !cert.checkHost(t.host) && !cert.checkIP(t.host)) authError = `chứng chỉ không dành cho ${t.host}`;
      resolve({ ok: true, protocol: socket.getProtocol() ?? undefined, cert, authorized: !authError, authError });
      socket.end();
    });
    socket.once('timeout', () => socket.destroy(new Error('hết thời gian chờ')));
    socket.once('error', (err) => resolve({ ok: false, error: err.message }));
  });
}

export interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** GET through a fixed address, keeping the URL's host for SNI and the Host header. */
export function get(url: URL, address: string, t: Target): Promise<Fetched> {
  const family = net.isIPv6(address) ? 6 : 4;
  const fixedLookup = (_h: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) =>
    opts?.all ? cb(null, [{ address, family }]) : cb(null, address, family);
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.get(
      url,
      { lookup: fixedLookup as never, ca: t.ca, rejectUnauthorized: false, ciphers: 'DEFAULT:@SECLEVEL=0', minVersion: 'TLSv1', timeout: 15_000, headers: { 'user-agent': 'dvctt-check', accept: 'text/html,application/xml;q=0.9,*/*;q=0.5' } } as https.RequestOptions,
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > 5 * 1024 * 1024) res.destroy(new Error('trang lớn hơn 5 MB'));
          else chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('hết thời gian chờ 15 giây')));
    req.on('error', reject);
  });
}

export async function transportFindings(t: Target, options: CheckOptions): Promise<Finding[]> {
  const out: Finding[] = [];
  const fixTls = 'Bật HTTPS cho cổng: với dvctt đặt TLS_CERT_FILE và TLS_KEY_FILE (chứng chỉ do CA tin cậy cấp), hoặc kết thúc TLS ở proxy phía trước.';
  if (!t.secure) {
    out.push(finding('https', 'fail', `Địa chỉ kiểm tra dùng http:// (${t.url.origin}).`, fixTls));
    for (const id of ['tls-versions', 'tls-key', 'tls-chain', 'tls-expiry', 'hsts', 'http-redirect'] as const) {
      out.push(finding(id, 'fail', 'Cổng không phục vụ HTTPS tại địa chỉ này.', fixTls));
    }
    return out;
  }
  const main = await handshake(t, t.address);
  if (!main.ok || !main.cert) {
    out.push(finding('https', 'fail', `Không bắt tay TLS được với ${t.host}:${t.port}: ${main.error}.`, fixTls));
    return out;
  }
  out.push(finding('https', 'pass', `Bắt tay TLS thành công (${main.protocol}).`));

  const versions = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
  const accepted: string[] = [];
  for (const v of versions) if ((await handshake(t, t.address, v)).ok) accepted.push(v);
  const old = accepted.filter((v) => v === 'TLSv1' || v === 'TLSv1.1');
  const list = accepted.length ? accepted.join(', ').replace('TLSv1,', 'TLSv1.0,') : 'không có';
  if (old.length) out.push(finding('tls-versions', 'fail', `Chấp nhận: ${list}.`, 'Tắt TLS 1.0 và 1.1 trên máy chủ (với dvctt: mặc định đã tắt; kiểm tra proxy phía trước, ví dụ nginx ssl_protocols TLSv1.2 TLSv1.3).'));
  else if (!accepted.includes('TLSv1.2')) out.push(finding('tls-versions', 'warn', `Chấp nhận: ${list}; không nhận TLS 1.2 nên trình duyệt cũ không vào được.`, 'Bật TLS 1.2 cùng TLS 1.3.'));
  else out.push(finding('tls-versions', accepted.includes('TLSv1.3') ? 'pass' : 'warn', `Chấp nhận: ${list}.`, 'Bật thêm TLS 1.3 (ưu tiên).'));

  const key = summarizeKey(main.cert.publicKey);
  const weak = keyProblem(key);
  out.push(weak ? finding('tls-key', 'fail', `Chứng chỉ dùng ${weak}.`, 'Xin cấp lại chứng chỉ với khóa RSA 2048 bit trở lên hoặc EC P-256.') : finding('tls-key', 'pass', `${key.label}.`));

  out.push(
    main.authorized
      ? finding('tls-chain', 'pass', `Chuỗi chứng chỉ hợp lệ, cấp bởi ${main.cert.issuer.replace(/\n/g, ', ')}.`)
      : finding('tls-chain', 'fail', `Chứng chỉ không được tin cậy: ${main.authError}.`, 'Dùng chứng chỉ do CA tin cậy cấp cho đúng tên miền, và gửi kèm chứng chỉ trung gian (tệp TLS_CERT_FILE chứa cả chuỗi).'),
  );

  const daysLeft = Math.floor((new Date(main.cert.validTo).getTime() - Date.now()) / 86_400_000);
  if (daysLeft < 0) out.push(finding('tls-expiry', 'fail', `Hết hạn từ ${main.cert.validTo}.`, 'Gia hạn chứng chỉ; dvctt nạp lại tệp chứng chỉ mới mà không cần khởi động lại (SIGHUP hoặc ghi đè tệp).'));
  else if (daysLeft < 30) out.push(finding('tls-expiry', 'warn', `Còn ${daysLeft} ngày (hết hạn ${main.cert.validTo}).`, 'Gia hạn chứng chỉ trước khi hết hạn; dvctt nạp lại tệp mới không cần khởi động lại.'));
  else out.push(finding('tls-expiry', 'pass', `Còn ${daysLeft} ngày (hết hạn ${main.cert.validTo}).`));

  try {
    const home = await get(new URL('/', t.url), t.address, t);
    const maxAge = hstsMaxAge(home.headers['strict-transport-security'] as string | undefined);
    if (maxAge === undefined) out.push(finding('hsts', 'fail', 'Không có tiêu đề Strict-Transport-Security.', 'Gửi "Strict-Transport-Security: max-age=31536000; includeSubDomains" trên mọi trả lời HTTPS (dvctt tự gửi khi phục vụ HTTPS hoặc sau proxy tin cậy với X-Forwarded-Proto: https).'));
    else if (maxAge < 31_536_000) out.push(finding('hsts', 'fail', `max-age=${maxAge} giây, dưới 1 năm.`, 'Đặt max-age tối thiểu 31536000 (1 năm).'));
    else out.push(finding('hsts', 'pass', `max-age=${maxAge}.`));
  } catch (err) {
    out.push(finding('hsts', 'fail', `Không đọc được trang chủ qua HTTPS: ${(err as Error).message}.`, 'Kiểm tra máy chủ HTTPS.'));
  }

  const httpPort = options.httpPort ?? (t.url.port === '' ? 80 : undefined);
  if (httpPort === undefined) {
    out.push(finding('http-redirect', 'skip', 'Cổng HTTPS không phải 443; không biết cổng HTTP tương ứng.', 'Chạy lại với --http-port N.'));
  } else {
    const plain = new URL(t.url.href);
    plain.protocol = 'http:';
    plain.port = httpPort === 80 ? '' : String(httpPort);
    try {
      const res = await get(plain, t.address, t);
      const location = String(res.headers.location ?? '');
      if ([301, 302, 307, 308].includes(res.status) && location.startsWith('https://')) {
        out.push(finding('http-redirect', res.status === 301 || res.status === 308 ? 'pass' : 'warn', `${plain.origin} trả ${res.status} → ${location}.`, 'Dùng chuyển hướng vĩnh viễn (301 hoặc 308).'));
      } else {
        out.push(finding('http-redirect', 'fail', `${plain.origin} trả ${res.status} không chuyển sang HTTPS.`, 'Cho cổng HTTP chuyển hướng 301 sang HTTPS (với dvctt: DVCTT_HTTP_REDIRECT_PORT=80).'));
      }
    } catch (err) {
      out.push(finding('http-redirect', 'fail', `Không kết nối được ${plain.origin}: ${(err as Error).message}.`, 'Mở cổng HTTP chỉ để chuyển hướng sang HTTPS (với dvctt: DVCTT_HTTP_REDIRECT_PORT=80), để người gõ địa chỉ không có https:// vẫn vào được.'));
    }
  }
  return out;
}
