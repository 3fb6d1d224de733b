// Every page reachable from the home page, as a visitor, a citizen, an officer and an
// administrator, with the demo data: zero axe violations (WCAG 2.1 A and AA), no sideways
// scrolling at desktop width nor on a 375 px phone, and every data table with header cells
// (U1, U2, U3, Art. 11.2a, 17–18).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { seedFeedbackDemo } from '../../src/feedback/index.ts';
import { definitionForService } from '../../src/forms/index.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/identity/index.ts';
import { axeViolations, describeViolations } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';
import { apiSubmission } from '../helpers/submission.ts';

const SHOTS = process.env.DVCTT_SCREENSHOTS;
/** Pages looked at per role, at most; and how many pages of one route pattern. */
const MAX_PAGES = 45;
const PER_PATTERN = 2;

// Not pages: actions with side effects reached by GET, switches that only redirect, and files.
const SKIP = [/^\/dang-xuat/, /^\/ngon-ngu/, /^\/hien-thi/, /^\/metrics/, /^\/api\//, /^\/assets\//, /\.(pdf|docx|zip|csv|xml|json|png|svg)(\?|$)/, /\/tep(\/|$|\?)/, /\/tai-ve/, /\/mau\//];

/** /dich-vu-cong/1.004616 and /dich-vu-cong/2.000123 are one pattern; so are numeric ids and codes. */
function routePattern(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((seg) => (/\d/.test(seg) ? ':x' : seg))
    .join('/');
  const keys = [...new Set(url.searchParams.keys())].sort().join('&');
  return keys ? `${path}?${keys}` : path;
}

interface Finding {
  role: string;
  url: string;
  problem: string;
}

describe('crawl of the portal in Chromium', () => {
  const portal = portalInBrowser({
    seed: async (db) => {
      await seedCatalogDemo(db);
      await seedDemoAccounts(db);
      await seedFeedbackDemo(db);
    },
  });

  async function signIn(page: Page, username: string) {
    await page.goto(`${portal.base}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập, thư điện tử hoặc số điện thoại').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
  }

  async function sameOriginLinks(page: Page): Promise<string[]> {
    return page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href));
  }

  /** What is wrong with the page as it is now, beyond axe: sideways scrolling, tables without headers. */
  async function layoutProblems(page: Page): Promise<string[]> {
    const problems: string[] = [];
    const overflow = await page.evaluate(() => {
      const el = document.scrollingElement ?? document.documentElement;
      return el.scrollWidth - el.clientWidth;
    });
    if (overflow > 0) problems.push(`scrolls sideways by ${overflow}px at ${page.viewportSize()?.width}px`);
    const bareTables = await page.evaluate(() => [...document.querySelectorAll('table')].filter((t) => !t.querySelector('th')).length);
    if (bareTables) problems.push(`${bareTables} table(s) without header cells`);
    const unscopedHeaders = await page.evaluate(
      () => [...document.querySelectorAll('table th')].filter((th) => !th.hasAttribute('scope') && !th.closest('table')!.querySelector('[headers]')).length,
    );
    if (unscopedHeaders) problems.push(`${unscopedHeaders} header cell(s) without scope`);
    const blinking = await page.evaluate(() => document.querySelectorAll('blink, marquee').length);
    if (blinking) problems.push('blinking or moving text');
    const imagesWithoutAlt = await page.evaluate(() => document.querySelectorAll('img:not([alt]), svg[role="img"]:not([aria-label]):not([aria-labelledby])').length);
    if (imagesWithoutAlt) problems.push(`${imagesWithoutAlt} image(s) without a text alternative`);
    return problems;
  }

  /**
   * Visits pages breadth-first from `/`. A route pattern already looked at (by this role or an
   * earlier one) is not looked at again beyond PER_PATTERN pages; the home page always is, for
   * the header of each role.
   */
  async function crawl(context: BrowserContext, role: string, start: Page, perPattern: Map<string, number>, checked: Set<string>): Promise<{ visited: string[]; findings: Finding[] }> {
    const { base } = portal;
    const origin = new URL(base).origin;
    const queue: string[] = ['/'];
    const seen = new Set<string>(queue);
    const ownPatterns = new Map<string, number>();
    const visited: string[] = [];
    const findings: Finding[] = [];
    const page = start;
    while (queue.length && visited.length < MAX_PAGES && ownPatterns.size < 4 * MAX_PAGES) {
      const href = queue.shift()!;
      const url = new URL(href, base);
      const pattern = routePattern(url);
      const mine = ownPatterns.get(pattern) ?? 0;
      if (mine >= PER_PATTERN) continue;
      ownPatterns.set(pattern, mine + 1);
      // Only HTML pages are opened in the tab; a file would start a download instead.
      const head = await context.request.get(url.href, { maxRedirects: 0 });
      const type = head.headers()['content-type'] ?? '';
      if (head.status() >= 500) findings.push({ role, url: href, problem: `answered ${head.status()}` });
      if ((head.status() >= 300 && head.status() < 400) || !type.startsWith('text/html')) continue;
      let links: string[];
      const count = perPattern.get(pattern) ?? 0;
      if ((count >= PER_PATTERN || checked.has(href)) && href !== '/') {
        // Looked at already (by an earlier role): only its links are followed.
        links = [...(await head.text()).matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1]!.replaceAll('&amp;', '&'), url).href);
      } else {
        perPattern.set(pattern, count + 1);
        checked.add(href);
        visited.push(href);
        await page.setViewportSize({ width: 1280, height: 900 });
        const response = await page.goto(url.href);
        if (!response || response.status() >= 500) findings.push({ role, url: href, problem: `answered ${response?.status()}` });
        const violations = await axeViolations(page);
        if (violations.length) findings.push({ role, url: href, problem: describeViolations(violations) });
        for (const p of await layoutProblems(page)) findings.push({ role, url: href, problem: p });
        await page.setViewportSize({ width: 375, height: 740 });
        for (const p of await layoutProblems(page)) findings.push({ role, url: href, problem: p });
        if (SHOTS) await page.screenshot({ path: `${SHOTS}/crawl-${role}-${href.replace(/\W+/g, '-').slice(0, 80)}.png`, fullPage: true });
        links = await sameOriginLinks(page);
      }

      for (const link of links) {
        const target = new URL(link);
        if (target.origin !== origin) continue;
        target.hash = '';
        const path = target.pathname + target.search;
        if (seen.has(path) || SKIP.some((re) => re.test(path))) continue;
        seen.add(path);
        queue.push(path);
      }
    }
    return { visited, findings };
  }

  test('every page reachable from the home page, for each role, passes axe and fits a phone', { timeout: 600_000 }, async () => {
    const { app, browser } = portal;
    // An application in the citizen's list and the officer's inbox, so their pages have content.
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'congdan', password: DEMO_PASSWORD } })).json() as { token: string }).token;
    const submitted = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, '1.004616', definitionForService('1.004616')!.example));
    assert.equal(submitted.statusCode, 201, submitted.body);

    const report: string[] = [];
    const all: Finding[] = [];
    const perPattern = new Map<string, number>();
    const checked = new Set<string>();
    for (const role of ['anonymous', 'congdan', 'canbo.syt', 'quantri']) {
      const context = await browser.newContext();
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      if (role !== 'anonymous') await signIn(page, role);
      const { visited, findings } = await crawl(context, role, page, perPattern, checked);
      report.push(`${role}: ${visited.length} pages (${visited.join(' ')})`);
      all.push(...findings);
      assert.ok(visited.length >= 4, `${role} reaches more than a handful of pages: ${visited.join(', ')}`);
      await context.close();
    }
    process.stdout.write(`# crawl: ${report.join('; ')}\n`);
    assert.deepEqual(
      all.map((f) => `[${f.role}] ${f.url}: ${f.problem}`),
      [],
    );
  });

  test('the font-size and contrast switches persist from page to page and in a new tab, and switch back', async () => {
    const { browser, base } = portal;
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/gioi-thieu`);
    await page.getByRole('link', { name: 'Chữ lớn' }).click();
    await page.getByRole('link', { name: 'Tương phản cao' }).click();
    assert.equal(page.url(), `${base}/gioi-thieu`, 'back on the same page');
    for (const href of ['/dich-vu-cong', '/so-do-cong', '/dich-vu-cong/1.004616', '/trang-khong-co']) {
      await page.goto(base + href);
      assert.deepEqual((await page.getAttribute('body', 'class'))?.split(' ').sort(), ['contrast-high', 'text-large'], href);
    }
    const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(fontSize >= 20, `larger text: ${fontSize}px`);
    const other = await context.newPage();
    await other.goto(`${base}/`);
    assert.match((await other.getAttribute('body', 'class')) ?? '', /contrast-high/);
    const cookie = (await context.cookies()).find((c) => c.name === 'display');
    assert.ok(cookie && cookie.expires > Date.now() / 1000 + 300 * 24 * 3600, 'kept for a year');
    await other.getByRole('link', { name: 'Chữ thường' }).click();
    await other.getByRole('link', { name: 'Tương phản thường' }).click();
    assert.equal(await other.getAttribute('body', 'class'), null);
    await context.close();
  });
});
