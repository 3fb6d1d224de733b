// `dvctt check <url>`: probes a deployed portal the way a visitor's browser and a validating
// resolver would, and turns what it sees into findings per article (model.ts).
import { X509Certificate } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { query, systemResolver, type Resolver } from './dns.ts';
import {
  checkFeedbackEmail,
  checkFooter,
  checkHeader,
  checkMenu,
  checkShortcuts,
  finding,
  hstsMaxAge,
  links,
  makeReport,
  sitemapLocations,
  type Finding,
  type Report,
} from './model.ts';
import { keyProblem, summarizeKey } from './tls-policy.ts';

export interface CheckOptions {
  url: URL;
  /** A validating resolver (for AD) and for the portal's addresses; default: /etc/resolv.conf's. */
  resolver?: Resolver;
  /** Extra trusted CA certificates (PEM), e.g. an agency's internal CA. */
  caFile?: string;
  /** The plain-HTTP port that should redirect; default 80 when the URL uses the default port. */
  httpPort?: number;
  maxPages?: number;
  /** Run axe in Chromium when it is installed. */
  browser?: boolean;
}

type Progress = (line: string) => void;

interface Target {
  url: URL;
  host: string;
  port: number;
  secure: boolean;
  /** Where to connect: the first address found (IPv4 first, as most visitors). */
  address: string;
  v4: string[];
  v6: string[];
  ca: string[];
}

const isIp = (h: string) => net.isIP(h) !== 0;
const bare = (h: string) => h.replace(/^\[|\]$/g, '');

async function resolveTarget(options: CheckOptions): Promise<Target> {
  const host = bare(options.url.hostname);
  const secure = options.url.protocol === 'https:';
  const port = Number(options.url.port || (secure ? 443 : 80));
  let v4: string[] = [];
  let v6: string[] = [];
  if (isIp(host)) (net.isIPv6(host) ? v6 : v4).push(host);
  else if (options.resolver) {
    const [a, aaaa] = await Promise.all([query(options.resolver, host, 'A'), query(options.resolver, host, 'AAAA')]);
    v4 = a.answers.filter((r) => r.typeName === 'A').map((r) => r.value!);
    v6 = aaaa.answers.filter((r) => r.typeName === 'AAAA').map((r) => r.value!);
  } else {
    const all = await lookup(host, { all: true }).catch(() => []);
    v4 = all.filter((a) => a.family === 4).map((a) => a.address);
    v6 = all.filter((a) => a.family === 6).map((a) => a.address);
    // RFC 6761: localhost is the loopback on both families, whatever /etc/hosts lists.
    if (host === 'localhost' && !v6.length) v6.push('::1');
  }
  const address = v4[0] ?? v6[0];
  if (!address) throw new Error(`Không phân giải được tên miền ${host}.`);
  const ca = options.caFile ? [...tls.rootCertificates, readFileSync(options.caFile, 'utf8')] : [...tls.rootCertificates];
  return { url: options.url, host, port, secure, address, v4, v6, ca };
}

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

interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** GET through a fixed address, keeping the URL's host for SNI and the Host header. */
function get(url: URL, address: string, t: Target): Promise<Fetched> {
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

async function transportFindings(t: Target, options: CheckOptions): Promise<Finding[]> {
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

/** The zone that holds a name: walk up until a SOA answers at the apex. */
async function zoneOf(resolver: Resolver, host: string): Promise<string> {
  const labels = host.replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const name = labels.slice(i).join('.');
    const r = await query(resolver, name, 'SOA');
    if (r.answers.some((a) => a.typeName === 'SOA' && a.name.toLowerCase() === `${name.toLowerCase()}.`)) return name;
    const soa = r.authority.find((a) => a.typeName === 'SOA');
    if (soa) return soa.name.replace(/\.$/, '');
  }
  return labels.slice(-2).join('.');
}

async function dnsFindings(t: Target, options: CheckOptions): Promise<Finding[]> {
  const local = isIp(t.host) || t.host === 'localhost' || t.host.endsWith('.localhost');
  const out: Finding[] = [];
  const v6Reach = async () => {
    if (!t.v6.length) return finding('ipv6-reach', 'fail', 'Không có địa chỉ IPv6 để kết nối.', 'Cấp địa chỉ IPv6 cho máy chủ (hoặc cân bằng tải) và cho cổng lắng nghe trên IPv6 (dvctt: HOST=:: mặc định).');
    for (const a of t.v6) {
      try {
        const res = await get(new URL('/', t.url), a, t);
        if (res.status < 500) return finding('ipv6-reach', 'pass', `Trang chủ trả lời qua [${a}] (mã ${res.status}).`);
      } catch {
        /* try the next address */
      }
    }
    return finding('ipv6-reach', 'fail', `Không kết nối được qua IPv6 (${t.v6.join(', ')}).`, 'Mở tường lửa cho IPv6 và cho cổng lắng nghe trên :: (dvctt: HOST=::).');
  };
  if (local) {
    const why = `${t.host} là địa chỉ cục bộ hoặc địa chỉ IP, không có tên miền để kiểm tra.`;
    out.push(finding('ipv6-aaaa', 'skip', why, 'Kiểm tra bằng tên miền công khai của cổng.'));
    out.push(isIp(t.host) && net.isIPv4(t.host) ? finding('ipv6-reach', 'skip', why, 'Kiểm tra bằng tên miền công khai của cổng.') : await v6Reach());
    out.push(finding('dnssec-signed', 'skip', why, 'Kiểm tra bằng tên miền công khai của cổng.'));
    out.push(finding('dnssec-validated', 'skip', why, 'Kiểm tra bằng tên miền công khai của cổng.'));
    return out;
  }
  const resolver = options.resolver ?? systemResolver();
  if (!resolver) {
    for (const id of ['ipv6-aaaa', 'dnssec-signed', 'dnssec-validated'] as const) out.push(finding(id, 'skip', 'Không tìm thấy máy chủ phân giải (/etc/resolv.conf).', 'Chạy lại với --resolver IP.'));
    out.push(await v6Reach());
    return out;
  }
  try {
    const aaaa = await query(resolver, t.host, 'AAAA');
    const addrs = aaaa.answers.filter((r) => r.typeName === 'AAAA').map((r) => r.value);
    out.push(addrs.length ? finding('ipv6-aaaa', 'pass', `AAAA: ${addrs.join(', ')}.`) : finding('ipv6-aaaa', 'fail', `${t.host} không có bản ghi AAAA (${aaaa.rcode}).`, 'Khai báo bản ghi AAAA với địa chỉ IPv6 của máy chủ tại nhà cung cấp DNS (HD §8a).'));
    out.push(await v6Reach());

    const zone = await zoneOf(resolver, t.host);
    const keys = await query(resolver, zone, 'DNSKEY');
    const hasKeys = keys.answers.some((r) => r.typeName === 'DNSKEY');
    const hasSigs = keys.answers.some((r) => r.typeName === 'RRSIG');
    out.push(
      hasKeys && hasSigs
        ? finding('dnssec-signed', 'pass', `Vùng ${zone} có DNSKEY và chữ ký RRSIG.`)
        : finding('dnssec-signed', 'fail', `Vùng ${zone} không có bản ghi DNSKEY${hasKeys ? ' được ký' : ''}.`, `Ký vùng ${zone} bằng DNSSEC tại máy chủ DNS (ví dụ Knot: dnssec-signing: on) và đăng bản ghi DS lên vùng cấp trên (tên miền .vn: qua nhà đăng ký/VNNIC, Đề án 1524).`),
    );
    const answer = await query(resolver, t.host, t.v4.length ? 'A' : 'AAAA');
    if (answer.ad) out.push(finding('dnssec-validated', 'pass', `Máy chủ phân giải ${resolver.host}:${resolver.port} xác thực được câu trả lời (cờ AD).`));
    else if (answer.rcode === 'SERVFAIL') out.push(finding('dnssec-validated', 'fail', `Máy chủ phân giải trả SERVFAIL: chuỗi chữ ký hỏng hoặc hết hạn.`, 'Kiểm tra chữ ký của vùng (ldns-verify-zone, kdig +dnssec) và bản ghi DS ở vùng cấp trên.'));
    else {
      out.push(
        finding(
          'dnssec-validated',
          'fail',
          `Câu trả lời cho ${t.host} không có cờ AD từ ${resolver.host}:${resolver.port}${hasKeys ? ': vùng đã ký nhưng chuỗi tin cậy chưa nối (thiếu DS ở vùng cấp trên?) hoặc máy chủ phân giải không xác thực DNSSEC' : ''}.`,
          hasKeys ? 'Đăng bản ghi DS lên vùng cấp trên; dùng máy chủ phân giải có xác thực DNSSEC (--resolver).' : `Ký vùng ${zone} bằng DNSSEC và đăng DS lên vùng cấp trên.`,
        ),
      );
    }
  } catch (err) {
    for (const id of ['ipv6-aaaa', 'dnssec-signed', 'dnssec-validated'] as const) {
      if (!out.some((f) => f.id === id)) out.push(finding(id, 'fail', `Truy vấn DNS lỗi: ${(err as Error).message}`, 'Kiểm tra máy chủ phân giải (--resolver) và máy chủ tên miền của cổng.'));
    }
    if (!out.some((f) => f.id === 'ipv6-reach')) out.push(await v6Reach());
  }
  return out;
}

const SKIP_EXT = /\.(pdf|docx?|xlsx?|odt|zip|png|jpe?g|gif|svg|ico|css|js|json|xml|txt|csv)$/i;

/** Breadth-first from the home page, following same-origin links; depth = clicks from home. */
async function crawl(t: Target, home: string, maxPages: number, progress: Progress): Promise<{ depth: Map<string, number>; fetched: number; capped: boolean }> {
  const key = (u: URL) => u.pathname + u.search;
  const depth = new Map<string, number>([['/', 0]]);
  let frontier = [{ url: new URL('/', t.url), html: home }];
  let fetched = 1;
  let capped = false;
  for (let d = 1; d <= 3 && frontier.length; d++) {
    const next: URL[] = [];
    for (const page of frontier) {
      for (const l of links(page.html)) {
        let u: URL;
        try {
          u = new URL(l.href, page.url);
        } catch {
          continue;
        }
        u.hash = '';
        if (u.origin !== t.url.origin || depth.has(key(u)) || u.pathname.startsWith('/assets/') || SKIP_EXT.test(u.pathname)) continue;
        depth.set(key(u), d);
        next.push(u);
      }
    }
    if (d === 3) break; // pages at 3 clicks need no reading: their links would be the 4th click
    frontier = [];
    const queue = [...next];
    const worker = async () => {
      for (let u = queue.shift(); u; u = queue.shift()) {
        if (fetched >= maxPages) {
          capped = true;
          return;
        }
        fetched++;
        try {
          const res = await get(u, t.address, t);
          if (res.status === 200 && String(res.headers['content-type'] ?? '').includes('html')) frontier.push({ url: u, html: res.body });
        } catch {
          /* an unreachable page is simply a dead end for the crawl */
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    progress(`  … ${fetched} trang đã đọc, ${depth.size} liên kết (độ sâu ${d})`);
  }
  return { depth, fetched, capped };
}

interface PageFindings {
  findings: Finding[];
  sitemapPaths: string[];
  /** Same-origin pages the home page's menus link to. */
  menuPaths: string[];
}

async function pageFindings(t: Target, options: CheckOptions, progress: Progress): Promise<PageFindings> {
  const out: Finding[] = [];
  let home: Fetched;
  try {
    home = await get(new URL('/', t.url), t.address, t);
    if (home.status !== 200) throw new Error(`mã trả lời ${home.status}`);
  } catch (err) {
    const why = `Không đọc được trang chủ: ${(err as Error).message}.`;
    for (const id of ['layout-header', 'layout-menu', 'layout-footer', 'feedback-email', 'shortcuts', 'sitemap-xml', 'three-clicks'] as const) out.push(finding(id, 'fail', why, 'Kiểm tra cổng có đang chạy tại địa chỉ này.'));
    return { findings: out, sitemapPaths: [], menuPaths: [] };
  }
  const menuPaths = [...home.body.matchAll(/<nav\b[^>]*>([\s\S]*?)<\/nav>/gi)]
    .flatMap((m) => links(m[1]!))
    .map((l) => new URL(l.href, t.url))
    .filter((u) => u.origin === t.url.origin && !u.search)
    .map((u) => u.pathname);
  out.push(checkHeader(home.body), checkMenu(home.body), checkFooter(home.body), checkFeedbackEmail(home.body), checkShortcuts(home.body));

  let locations: string[] = [];
  try {
    const res = await get(new URL('/sitemap.xml', t.url), t.address, t);
    locations = res.status === 200 ? sitemapLocations(res.body) : [];
    out.push(
      res.status === 200 && /<urlset\b/.test(res.body) && locations.length
        ? finding('sitemap-xml', 'pass', `/sitemap.xml liệt kê ${locations.length} trang.`)
        : finding('sitemap-xml', 'fail', `/sitemap.xml ${res.status === 200 ? 'không đúng định dạng sitemaps.org' : `trả mã ${res.status}`}.`, 'Phục vụ /sitemap.xml theo chuẩn sitemaps.org, liệt kê mọi trang và mọi thủ tục (dvctt tự tạo).'),
    );
  } catch (err) {
    out.push(finding('sitemap-xml', 'fail', `Không đọc được /sitemap.xml: ${(err as Error).message}.`, 'Phục vụ /sitemap.xml theo chuẩn sitemaps.org.'));
  }

  const paths = locations.map((l) => {
    try {
      const u = new URL(l);
      return u.pathname + u.search;
    } catch {
      return l;
    }
  });
  if (!paths.length) {
    out.push(finding('three-clicks', 'fail', 'Không có sitemap.xml để biết danh sách trang và thủ tục.', 'Phục vụ /sitemap.xml; sau đó kiểm tra lại.'));
  } else {
    progress('Đi theo liên kết từ trang chủ (tối đa 3 lần bấm)…');
    const { depth, fetched, capped } = await crawl(t, home.body, options.maxPages ?? 400, progress);
    const far = paths.filter((p) => !depth.has(p));
    if (!far.length) out.push(finding('three-clicks', 'pass', `Cả ${paths.length} trang trong sitemap.xml tới được sau tối đa 3 lần bấm (đã đọc ${fetched} trang).`));
    else {
      const sample = far.slice(0, 10).join(', ') + (far.length > 10 ? `, … (${far.length - 10} trang nữa)` : '');
      out.push(
        finding(
          'three-clicks',
          capped ? 'warn' : 'fail',
          `${far.length}/${paths.length} trang không tới được sau 3 lần bấm${capped ? ` (dừng ở ${fetched} trang; tăng --max-pages)` : ''}: ${sample}.`,
          'Liên kết mỗi thủ tục từ một trang danh sách cách trang chủ tối đa 2 lần bấm (ví dụ danh sách theo lĩnh vực, cơ quan) và giữ liên kết Sơ đồ cổng trong danh mục chính.',
        ),
      );
    }
  }
  return { findings: out, sitemapPaths: paths, menuPaths };
}

/** axe-core (WCAG 2.1 A/AA) and the phone-width check in Chromium, when both are installed. */
async function browserFindings(t: Target, pages: string[], options: CheckOptions, progress: Progress): Promise<Finding[]> {
  const skip = (why: string) => [finding('accessibility', 'skip', why, 'Cài Chromium (apt-get install chromium) và chạy lại.'), finding('mobile', 'skip', why, 'Cài Chromium và chạy lại.')];
  if (options.browser === false) return skip('Bỏ qua theo --no-browser.');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  let chromium: typeof import('playwright-core').chromium;
  let axeSource: string;
  try {
    chromium = (await import('playwright-core')).chromium;
    axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    readFileSync(executablePath, { flag: 'r' }).subarray(0, 1);
  } catch {
    return skip(`Không có Chromium (${executablePath}) hoặc gói playwright-core/axe-core.`);
  }
  progress(`Chạy axe trong Chromium trên ${pages.length} trang…`);
  const rules = t.host === t.address || isIp(t.host) ? [] : [`--host-resolver-rules=MAP ${t.host} ${net.isIPv6(t.address) ? `[${t.address}]` : t.address}`];
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', ...rules] });
  try {
    const problems: string[] = [];
    const wide: string[] = [];
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const phone = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 375, height: 740 }, isMobile: true });
    for (const p of pages) {
      const url = new URL(p, t.url).href;
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      if (violations.length) problems.push(`${p}: ${violations.join(', ')}`);
      await page.close();
      const small = await phone.newPage();
      await small.goto(url, { waitUntil: 'load' });
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 1) wide.push(`${p} (rộng hơn ${overflow} px)`);
      await small.close();
    }
    return [
      problems.length
        ? finding('accessibility', 'fail', `axe tìm thấy lỗi: ${problems.join('; ')}.`, 'Sửa các lỗi axe nêu (https://dequeuniversity.com/rules/axe/ + mã lỗi): văn bản thay thế, độ tương phản, nhãn biểu mẫu, tiêu đề bảng.')
        : finding('accessibility', 'pass', `Không có lỗi axe (WCAG 2.1 A, AA) trên ${pages.length} trang: ${pages.join(', ')}.`),
      wide.length
        ? finding('mobile', 'fail', `Phải cuộn ngang ở 375 px: ${wide.join(', ')}.`, 'Dùng bố cục co giãn (max-width: 100%, flex-wrap, bảng cuộn trong khung riêng).')
        : finding('mobile', 'pass', `Không cuộn ngang ở 375 px trên ${pages.length} trang.`),
    ];
  } finally {
    await browser.close();
  }
}

export async function runCheck(options: CheckOptions, progress: Progress = () => undefined): Promise<Report> {
  progress(`Kiểm tra ${options.url.href}…`);
  const t = await resolveTarget(options);
  progress(`Địa chỉ: ${[...t.v4, ...t.v6].join(', ')}`);
  const findings = [...(await transportFindings(t, options))];
  progress('Kiểm tra IPv6 và DNSSEC…');
  findings.push(...(await dnsFindings(t, options)));
  progress('Đọc trang chủ và sitemap.xml…');
  const pages = await pageFindings(t, options, progress);
  findings.push(...pages.findings);
  // The main pages: home, the menu's pages, and the first service page of the sitemap.
  const service = pages.sitemapPaths.find((p) => p.split('/').filter(Boolean).length >= 2);
  const chosen = [...new Set(['/', ...pages.menuPaths.slice(0, 6), ...(service ? [service] : [])])];
  findings.push(...(await browserFindings(t, chosen, options, progress)));
  return makeReport(options.url.href, findings);
}
