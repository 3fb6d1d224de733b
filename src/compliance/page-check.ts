// `dvctt check`, pages: the crawl of the portal from its home page, the content every page must
// carry (Art. 6–11), and accessibility in Chromium with axe (U1–U4).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { checkFeedbackEmail, checkFooter, checkHeader, checkMenu, checkShortcuts, finding, links, sitemapLocations, type Finding } from './model.ts';
import { isIp, type CheckOptions, type Progress, type Target } from './target.ts';
import { get } from './transport-check.ts';
import type { Fetched } from './transport-check.ts';

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

export async function pageFindings(t: Target, options: CheckOptions, progress: Progress): Promise<PageFindings> {
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
export async function browserFindings(t: Target, pages: string[], options: CheckOptions, progress: Progress): Promise<Finding[]> {
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
