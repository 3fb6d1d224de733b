// What `dvctt check` reports: one finding per requirement, each naming its article of
// Circular 32/2017/TT-BTTTT (or section of guidance 1778/BTTTT-THH) and how to fix it.

export type Status = 'pass' | 'fail' | 'warn' | 'skip';

export interface Finding {
  id: string;
  /** e.g. "Điều 20" or "Điều 15.4". */
  article: string;
  title: string;
  status: Status;
  /** What was seen. */
  detail: string;
  /** How to fix it; empty when it passes. */
  fix: string;
}

export interface Report {
  url: string;
  checkedAt: string;
  findings: Finding[];
  summary: Record<Status, number>;
}

/** The requirements checked, in report order; `article` and `title` are fixed here once. */
export const REQUIREMENTS = {
  https: { article: 'Điều 20', title: 'Phục vụ qua HTTPS' },
  'tls-versions': { article: 'Điều 20; HD §7', title: 'Phiên bản TLS: từ chối TLS 1.0/1.1, nhận TLS 1.2 (và 1.3)' },
  'tls-key': { article: 'Điều 20; HD §7', title: 'Khóa chứng chỉ: RSA ≥ 2048 bit hoặc EC ≥ P-256' },
  'tls-chain': { article: 'Điều 20; HD §7', title: 'Chứng chỉ do CA tin cậy cấp, đúng tên miền' },
  'tls-expiry': { article: 'Điều 20', title: 'Chứng chỉ còn hạn' },
  hsts: { article: 'Điều 20', title: 'HSTS (Strict-Transport-Security) ≥ 1 năm' },
  'http-redirect': { article: 'Điều 20', title: 'HTTP chuyển hướng sang HTTPS' },
  'ipv6-aaaa': { article: 'Điều 15.4; HD §8a', title: 'Tên miền có bản ghi AAAA (IPv6)' },
  'ipv6-reach': { article: 'Điều 15.4; HD §8a', title: 'Truy cập được cổng qua IPv6' },
  'dnssec-signed': { article: 'Điều 15.4; HD §8b', title: 'Vùng tên miền được ký DNSSEC' },
  'dnssec-validated': { article: 'Điều 15.4; HD §8b', title: 'Xác thực DNSSEC thành công (cờ AD từ máy chủ phân giải)' },
  'layout-header': { article: 'Điều 16.3a', title: 'Đầu trang: Quốc huy/biểu trưng và tên đầy đủ của cơ quan' },
  'layout-menu': { article: 'Điều 16.3a', title: 'Danh mục: Trang chủ, Giới thiệu, Dịch vụ công trực tuyến, Sơ đồ cổng' },
  'layout-footer': { article: 'Điều 16.3c', title: 'Chân trang: tên đơn vị, người chịu trách nhiệm, địa chỉ, điện thoại, thư điện tử' },
  'sitemap-xml': { article: 'Điều 16.4b', title: 'Sơ đồ cổng dạng XML (sitemap.xml) cho máy tìm kiếm' },
  'three-clicks': { article: 'Điều 11.2b', title: 'Mọi trang trong sitemap.xml tới được sau tối đa 3 lần bấm từ trang chủ' },
  'feedback-email': { article: 'Điều 11.2g', title: 'Địa chỉ thư điện tử tiếp nhận góp ý' },
  'online-forms': { article: 'Điều 8, 13.1', title: 'Mọi thủ tục mức độ 3, 4 nhận hồ sơ bằng tờ khai điện tử (tờ khai riêng hoặc biểu mẫu mặc định)' },
  shortcuts: { article: 'Điều 18.2', title: 'Phím tắt tới Trang chủ, Sơ đồ cổng, Tìm kiếm' },
  accessibility: { article: 'Điều 18.1', title: 'Không lỗi tiếp cận (axe-core, WCAG 2.1 A và AA) trên các trang chính' },
  mobile: { article: 'Điều 17', title: 'Hiển thị trên điện thoại (rộng 375 px) không cuộn ngang' },
} as const satisfies Record<string, { article: string; title: string }>;

export type RequirementId = keyof typeof REQUIREMENTS;

export function finding(id: RequirementId, status: Status, detail: string, fix = ''): Finding {
  return { id, ...REQUIREMENTS[id], status, detail, fix: status === 'pass' ? '' : fix };
}

export function makeReport(url: string, findings: Finding[], now = new Date()): Report {
  const order = Object.keys(REQUIREMENTS);
  const sorted = [...findings].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const summary: Record<Status, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const f of sorted) summary[f.status]++;
  return { url, checkedAt: now.toISOString(), findings: sorted, summary };
}

/** HSTS max-age in seconds, or undefined when the header is missing or malformed. */
export function hstsMaxAge(header: string | undefined): number | undefined {
  const m = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(header ?? '');
  return m ? Number(m[1]) : undefined;
}

// --- Reading a home page without a DOM: enough to find regions, links and text ---

export function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (named[e.toLowerCase()] ?? all),
  );
}

export function textOf(html: string): string {
  return decodeEntities(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** The first element with this tag name (not nested in itself), or undefined. */
export function region(html: string, tag: string): string | undefined {
  return new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'i').exec(html)?.[1];
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : undefined;
}

export interface Link {
  href: string;
  text: string;
  accessKey: string | undefined;
}

export function links(html: string): Link[] {
  const out: Link[] = [];
  for (const m of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
    const href = attr(m[1]!, 'href');
    if (href === undefined) continue;
    const inner = m[2]!;
    const alt = [...inner.matchAll(/<img\b[^>]*>/gi)].map((i) => attr(i[0], 'alt') ?? '').join(' ');
    out.push({ href, text: `${textOf(inner)} ${alt}`.trim() || (attr(m[1]!, 'aria-label') ?? ''), accessKey: attr(m[1]!, 'accesskey') });
  }
  return out;
}

export function images(html: string): { src: string; alt: string | undefined }[] {
  return [...html.matchAll(/<img\b[^>]*>/gi)].map((m) => ({ src: attr(m[0], 'src') ?? '', alt: attr(m[0], 'alt') }));
}

/** Inputs of type search (or named q) and their access keys. */
export function searchInputs(html: string): { accessKey: string | undefined }[] {
  return [...html.matchAll(/<input\b[^>]*>/gi)]
    .filter((m) => attr(m[0], 'type') === 'search' || attr(m[0], 'name') === 'q')
    .map((m) => ({ accessKey: attr(m[0], 'accesskey') }));
}

export const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

const AGENCY = /(ủy ban nhân dân|uỷ ban nhân dân|ubnd|bộ |sở |văn phòng|cục |tổng cục|ban quản lý|thành phố|tỉnh )/i;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const PHONE = /(\+84|\b0)[\d .-]{8,14}\d/;

/** Art. 16.3a: emblem or logo and the agency's full name in the header. */
export function checkHeader(html: string): Finding {
  const header = region(html, 'header');
  if (!header) return finding('layout-header', 'fail', 'Trang chủ không có phần đầu trang (<header>).', 'Đặt Quốc huy hoặc biểu trưng và tên đầy đủ của cơ quan trong <header> ở đầu trang chủ.');
  const logo = images(header).find((i) => i.alt && i.alt.trim()) ?? (/<svg\b[^>]*(role="img"|aria-label)/i.test(header) ? { alt: 'svg' } : undefined);
  const text = textOf(header);
  const agency = AGENCY.exec(text);
  const missing = [!logo && 'Quốc huy hoặc biểu trưng (ảnh có văn bản thay thế)', !agency && 'tên đầy đủ của cơ quan'].filter(Boolean);
  if (missing.length) return finding('layout-header', 'fail', `Đầu trang thiếu: ${missing.join('; ')}.`, 'Thêm vào đầu trang hình Quốc huy/biểu trưng (có thuộc tính alt) và tên đầy đủ của cơ quan bằng tiếng Việt (DVCTT_AGENCY_NAME).');
  return finding('layout-header', 'pass', `Có biểu trưng ("${logo!.alt}") và tên cơ quan.`);
}

/** Art. 16.3a: the menu's four functions. */
export function checkMenu(html: string): Finding {
  const nav = [...html.matchAll(/<nav\b[^>]*>([\s\S]*?)<\/nav>/gi)].map((m) => m[1]!).join(' ') || region(html, 'header') || '';
  const texts = links(nav).map((l) => fold(l.text));
  const wanted = [
    ['Trang chủ', /trang chủ/],
    ['Giới thiệu', /giới thiệu/],
    ['Dịch vụ công trực tuyến', /dịch vụ công/],
    ['Sơ đồ cổng', /sơ đồ (cổng|trang)|site ?map/],
  ] as const;
  const missing = wanted.filter(([, re]) => !texts.some((t) => re.test(t))).map(([label]) => label);
  if (missing.length) return finding('layout-menu', 'fail', `Danh mục chức năng thiếu: ${missing.join(', ')}.`, 'Thêm các mục còn thiếu vào danh mục chính (<nav>) ngay dưới đầu đề giới thiệu.');
  return finding('layout-menu', 'pass', 'Danh mục có Trang chủ, Giới thiệu, Dịch vụ công trực tuyến, Sơ đồ cổng.');
}

/** Art. 16.3c: the owner's details in the footer. */
export function checkFooter(html: string): Finding {
  const footer = region(html, 'footer');
  if (!footer) return finding('layout-footer', 'fail', 'Trang chủ không có phần chân trang (<footer>).', 'Thêm chân trang với tên đơn vị, người chịu trách nhiệm, địa chỉ, số điện thoại và thư điện tử (DVCTT_AGENCY_NAME, DVCTT_RESPONSIBLE_PERSON, DVCTT_ADDRESS, DVCTT_PHONE, DVCTT_EMAIL).');
  const text = textOf(footer);
  const f = fold(text);
  const missing = [
    !AGENCY.test(text) && 'tên đơn vị',
    !/chịu trách nhiệm/.test(f) && 'người chịu trách nhiệm',
    !/địa chỉ/.test(f) && 'địa chỉ',
    !PHONE.test(text) && 'số điện thoại',
    !EMAIL.test(text) && 'thư điện tử',
  ].filter(Boolean);
  if (missing.length) return finding('layout-footer', 'fail', `Chân trang thiếu: ${missing.join(', ')}.`, 'Bổ sung vào chân trang các thông tin còn thiếu của cơ quan chủ quản (biến DVCTT_* tương ứng, xem README).');
  return finding('layout-footer', 'pass', 'Chân trang có tên đơn vị, người chịu trách nhiệm, địa chỉ, điện thoại, thư điện tử.');
}

/** Art. 11.2g: an email address for feedback, shown next to the word "góp ý". */
export function checkFeedbackEmail(html: string): Finding {
  const text = textOf(html);
  const m = /(góp ý|phản ánh|kiến nghị)[^@]{0,200}?([\w.+-]+@[\w-]+(\.[\w-]+)+)/i.exec(text);
  if (!m) return finding('feedback-email', 'fail', 'Trang chủ không có địa chỉ thư điện tử gắn với "góp ý".', 'Hiển thị địa chỉ thư nhận góp ý trên trang chủ, ví dụ ở chân trang (DVCTT_FEEDBACK_EMAIL).');
  return finding('feedback-email', 'pass', `Thư góp ý: ${m[2]}.`);
}

/** Art. 18.2 (encouraged): access keys for home, sitemap and search. */
export function checkShortcuts(html: string): Finding {
  const all = links(html);
  const home = all.some((l) => l.accessKey && (l.href === '/' || /trang chủ/i.test(l.text)));
  const sitemap = all.some((l) => l.accessKey && /sơ đồ|site ?map/i.test(l.text));
  const search = searchInputs(html).some((i) => i.accessKey);
  const missing = [!home && 'Trang chủ', !sitemap && 'Sơ đồ cổng', !search && 'Tìm kiếm'].filter(Boolean);
  if (missing.length) return finding('shortcuts', 'warn', `Chưa có phím tắt (accesskey) cho: ${missing.join(', ')}.`, 'Thêm thuộc tính accesskey cho liên kết Trang chủ, Sơ đồ cổng và ô Tìm kiếm, và ghi các phím tắt ở chân trang.');
  return finding('shortcuts', 'pass', 'Có phím tắt cho Trang chủ, Sơ đồ cổng và Tìm kiếm.');
}

/** The page URLs a sitemap.xml lists. */
export function sitemapLocations(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/gi)].map((m) => decodeEntities(m[1]!));
}
