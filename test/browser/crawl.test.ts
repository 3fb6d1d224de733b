// Every page reachable from the home page, as a visitor, a citizen, an officer, an administrator
// and a manager, with the demo data — and the signed-in pages each of them works in, named below so
// they are always looked at: zero axe violations (WCAG 2.1 A and AA) at desktop width and on a
// 375 px phone, no sideways scrolling at either, every data table with header cells, and on the
// phone no table taller than ROW_BUDGET per row (U1, U2, U3, Art. 11.2a, 17–18, WCAG 1.4.10).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { seedFeedbackDemo } from '../../src/feedback/index.ts';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/identity/index.ts';
import { axeViolations, describeViolations } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';
import { apiSubmission } from '../helpers/submission.ts';

const SHOTS = process.env.DVCTT_SCREENSHOTS;
/** Pages looked at per role, at most; and how many pages of one route pattern. */
const MAX_PAGES = 45;
const PER_PATTERN = 2;
/**
 * On a 375 px phone one row of a table may take at most this much height — about 16 lines of
 * text, room for a card of six labelled fields with a long procedure name. A five-column table
 * squeezed to the phone's width instead wraps every cell to a word a line: over 1,000 px a row.
 */
const ROW_BUDGET = 400;
/** Besides its rows, a table's caption and (hidden) column headers. */
const TABLE_ALLOWANCE = 200;

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

  const signIn = (page: Page, username: string) => signInInBrowser(page, portal.base, username, DEMO_PASSWORD);

  async function sameOriginLinks(page: Page): Promise<string[]> {
    return page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href));
  }

  /** What is wrong with the page as it is now, beyond axe: sideways scrolling, tables without headers or too tall on a phone. */
  async function layoutProblems(page: Page): Promise<string[]> {
    const problems: string[] = [];
    const width = page.viewportSize()?.width ?? 0;
    const scrollWidth = await page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
    if (scrollWidth > width) problems.push(`scrolls sideways by ${scrollWidth - width}px at ${width}px`);
    if (width <= 375) {
      const tall = await page.evaluate(
        ({ budget, allowance }) =>
          [...document.querySelectorAll('table')]
            .map((t) => ({ caption: t.caption?.textContent?.trim() ?? t.querySelector('th')?.textContent?.trim() ?? '', rows: t.tBodies[0]?.rows.length ?? t.rows.length, height: Math.round(t.getBoundingClientRect().height) }))
            .filter((t) => t.rows > 0 && t.height > allowance + budget * t.rows)
            .map((t) => `table “${t.caption}”: ${t.height}px for ${t.rows} row(s)`),
        { budget: ROW_BUDGET, allowance: TABLE_ALLOWANCE },
      );
      for (const t of tall) problems.push(`${t} at ${width}px, more than ${ROW_BUDGET}px a row`);
    }
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
  async function crawl(context: BrowserContext, role: string, start: Page, perPattern: Map<string, number>, checked: Set<string>, named: string[]): Promise<{ visited: string[]; findings: Finding[] }> {
    const { base } = portal;
    const origin = new URL(base).origin;
    const queue: string[] = ['/', ...named];
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
      if ((count >= PER_PATTERN || checked.has(href)) && href !== '/' && !named.includes(href)) {
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
        // The phone's layout hides and reorders (menu and filters folded, tables as cards): axe again.
        await page.reload();
        const phoneViolations = await axeViolations(page);
        if (phoneViolations.length) findings.push({ role, url: href, problem: `at 375px: ${describeViolations(phoneViolations)}` });
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
    const submitted = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, '1.004616', demoDefinition('1.004616')!.example));
    assert.equal(submitted.statusCode, 201, submitted.body);

    const report: string[] = [];
    const all: Finding[] = [];
    const perPattern = new Map<string, number>();
    const checked = new Set<string>();
    const { code } = submitted.json() as { code: string };
    // The pages each role works in, looked at even when the crawl's breadth-first walk would stop sooner.
    const named: Record<string, string[]> = {
      anonymous: ['/thong-ke'],
      congdan: ['/ho-so', `/ho-so/${code}`, '/ho-so/ban-nhap', '/kho-du-lieu', '/kho-du-lieu/nhat-ky', '/thong-bao', '/tai-khoan'],
      'canbo.syt': ['/can-bo', '/can-bo/ho-so', `/can-bo/ho-so/${code}`],
      quantri: ['/quan-tri', '/quan-tri/can-bo', '/quan-tri/nhat-ky', '/quan-tri/chia-se-du-lieu', '/quan-tri/hang-doi', '/quan-tri/mau-thong-bao', '/quan-tri/webhook', '/quan-tri/bao-tri', '/quan-tri/huong-dan'],
      lanhdao: ['/quan-ly', '/quan-ly/thong-ke'],
    };
    for (const [role, pages] of Object.entries(named)) {
      const context = await browser.newContext();
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      if (role !== 'anonymous') await signIn(page, role);
      const { visited, findings } = await crawl(context, role, page, perPattern, checked, pages);
      report.push(`${role}: ${visited.length} pages (${visited.join(' ')})`);
      all.push(...findings);
      assert.ok(visited.length >= (role === 'lanhdao' ? 2 : 4), `${role} reaches more than a handful of pages: ${visited.join(', ')}`);
      assert.deepEqual(
        pages.filter((p) => !visited.includes(p)),
        [],
        `${role} looked at every page named for it`,
      );
      await context.close();
    }
    process.stdout.write(`# crawl: ${report.join('; ')}\n`);
    assert.deepEqual(
      all.map((f) => `[${f.role}] ${f.url}: ${f.problem}`),
      [],
    );
  });

  test('on a 375 px phone: the menu is one button, the catalog shows results before its folded filters, applications and files read as cards, the SHA-256 only for the officer, each requested paper’s box before its label', { timeout: 120_000 }, async () => {
    const { app, browser, base } = portal;
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'congdan', password: DEMO_PASSWORD } })).json() as { token: string }).token;
    const submitted = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, '1.004616', demoDefinition('1.004616')!.example));
    assert.equal(submitted.statusCode, 201, submitted.body);
    const { code } = submitted.json() as { code: string };
    const phone = { viewport: { width: 375, height: 740 } };

    const visitor = await (await browser.newContext(phone)).newPage();
    await visitor.goto(`${base}/dich-vu-cong`);
    const header = (await visitor.locator('header.site-header').boundingBox())!;
    assert.ok(header.height <= 260, `the header takes ${header.height}px`);
    assert.equal(await visitor.getByRole('link', { name: 'Đăng nhập' }).isVisible(), false, 'the account links are folded');
    assert.equal(await visitor.getByRole('navigation', { name: 'Menu chính' }).isVisible(), false, 'so is the menu');
    const layout = () =>
      visitor.evaluate(() => {
        const results = document.querySelector('.results')!;
        const filters = document.querySelector('details.facets') as HTMLDetailsElement;
        const [r, f] = [results.getBoundingClientRect(), filters.getBoundingClientRect()];
        return { resultsFirst: Boolean(results.compareDocumentPosition(filters) & Node.DOCUMENT_POSITION_FOLLOWING), open: filters.open, resultsTop: r.top, filtersTop: f.top, resultsLeft: r.left, filtersLeft: f.left };
      });
    const narrow = await layout();
    assert.ok(narrow.resultsFirst && narrow.resultsTop < narrow.filtersTop, 'results come first on a phone');
    assert.equal(narrow.open, false, 'the filters are folded');
    const levels = visitor.getByRole('group', { name: 'Mức độ' });
    assert.equal(await levels.isVisible(), false);
    await visitor.locator('summary', { hasText: /^Lọc/ }).click();
    assert.ok(await levels.isVisible(), '"Lọc" opens the filters');
    await visitor.setViewportSize({ width: 1280, height: 900 });
    await visitor.waitForFunction(() => (document.querySelector('details.site-menu') as HTMLDetailsElement).open);
    const wide = await layout();
    assert.ok(wide.open && wide.filtersLeft < wide.resultsLeft, 'on a wide screen the filters stand open on the left');
    assert.ok(await visitor.getByRole('link', { name: 'Đăng nhập' }).isVisible(), 'and the account links show');
    const above = await visitor.evaluate(() => document.querySelector('.topbar')!.getBoundingClientRect().top < document.querySelector('.brand')!.getBoundingClientRect().top);
    assert.ok(above, 'above the agency’s name');
    await visitor.context().close();

    const citizen = await (await browser.newContext(phone)).newPage();
    await signIn(citizen, 'congdan');
    await citizen.goto(`${base}/ho-so`);
    const card = await citizen.evaluate(() => {
      const row = document.querySelector('table.cards tbody tr')!;
      const labels = [...row.querySelectorAll('td')].map((td) => getComputedStyle(td, '::before').content);
      return { display: getComputedStyle(row).display, height: row.getBoundingClientRect().height, labels };
    });
    assert.equal(card.display, 'block', 'one card per application');
    assert.ok(card.height <= ROW_BUDGET, `a card of ${card.height}px`);
    assert.ok(card.labels.some((l) => l.includes('Trạng thái')), `each field says what it is: ${card.labels.join(' ')}`);
    await citizen.goto(`${base}/ho-so/${code}`);
    const files = citizen.locator('table.attachments');
    assert.ok((await files.locator('tbody a[download]').count()) >= 1, 'the applicant sees the files');
    assert.equal(await files.getByText('SHA-256').count(), 0, 'without their SHA-256');
    await citizen.context().close();

    const officer = await (await browser.newContext(phone)).newPage();
    await signIn(officer, 'canbo.syt');
    await officer.goto(`${base}/can-bo/ho-so/${code}`);
    assert.equal(await officer.locator('table.attachments th', { hasText: 'SHA-256' }).count(), 1, 'the officer sees the SHA-256');
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await officer.getByRole('heading', { name: 'Yêu cầu bổ sung giấy tờ' }).first().waitFor();
    const gaps = await officer.evaluate(() =>
      [...document.querySelectorAll('form[action$="/bo-sung"] input[type=checkbox]')].map((box) => {
        const label = document.querySelector(`label[for="${box.id}"]`)!;
        const [b, l] = [box.getBoundingClientRect(), label.getBoundingClientRect()];
        return { across: Math.round(l.left - b.right), down: Math.round(Math.abs(l.top - b.top)) };
      }),
    );
    assert.ok(gaps.length >= 3, 'the service’s papers are offered');
    for (const g of gaps) assert.ok(g.across >= 0 && g.across <= 16 && g.down <= 12, `each box right before its label: ${JSON.stringify(gaps)}`);
    await officer.context().close();
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
