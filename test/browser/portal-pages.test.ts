// The portal in a real Chromium: the Art. 16 layout, the switches, a phone-sized screen, no
// JavaScript, and zero axe-core violations (WCAG 2.1 A/AA) on every page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { seedFeedbackDemo } from '../../src/feedback/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';

const PAGES = ['/', '/gioi-thieu', '/dich-vu-cong', '/dich-vu-cong?q=khai+sinh&level=4&adminLevel=xa', '/dich-vu-cong?level=9', '/dich-vu-cong/1.004616', '/so-do-cong', '/thong-ke', '/trang-khong-ton-tai'];

describe('portal pages in Chromium', () => {
  const portal = portalInBrowser({ seed: seedCatalogDemo });

  test('every page has the menu, the footer and no axe violations, in both languages and display modes', async () => {
    const { browser, base } = portal;
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && problems.push(m.text()));
    page.on('response', (r) => r.request().resourceType() !== 'document' && r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    for (const mode of ['', 'en', 'large,contrast']) {
      await context.clearCookies();
      if (mode === 'en') await context.addCookies([{ name: 'lang', value: 'en', url: base }]);
      if (mode.includes('large')) await context.addCookies([{ name: 'display', value: mode, url: base }]);
      for (const href of PAGES) {
        await page.goto(base + href);
        const menu = page.getByRole('navigation', { name: mode === 'en' ? 'Main menu' : 'Menu chính' });
        assert.equal(await menu.getByRole('link').count(), 9, `${href}: nine menu items`);
        const footer = page.locator('footer');
        assert.match((await footer.textContent()) ?? '', /Ủy ban nhân dân tỉnh Khánh Hòa/);
        assert.equal(await page.locator('header img[alt]').count(), 1, 'emblem with a text alternative');
        await assertAccessible(page, `${href} (${mode || 'vi'})`);
      }
    }
    assert.deepEqual(problems, [], 'every stylesheet and image loads; nothing is blocked by the Content-Security-Policy');
    await context.close();
  });

  test('on a phone-sized screen nothing scrolls sideways and the menu folds under one button that opens it', async () => {
    const { browser, base } = portal;
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    for (const href of PAGES) {
      await page.goto(base + href);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${href} overflows by ${overflow}px`);
      const services = page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: /^Dịch vụ công/ });
      assert.equal(await services.isVisible(), false, `${href}: the menu is folded`);
      await page.locator('summary', { hasText: 'Menu chính' }).click();
      assert.ok(await services.isVisible(), `${href}: the button opens the menu`);
    }
    await context.close();
  });

  test('without JavaScript the language and display switches work and the search form submits', async () => {
    const { browser, base } = portal;
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base + '/gioi-thieu');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(base + '/gioi-thieu');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'About');
    await page.getByRole('link', { name: 'Larger text' }).click();
    assert.match((await page.getAttribute('body', 'class')) ?? '', /text-large/);
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.getByRole('searchbox', { name: 'Tìm dịch vụ công' }).first().fill('khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).first().click();
    await page.waitForURL(/\/dich-vu-cong\?q=khai\+sinh/);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Dịch vụ công trực tuyến');
    await context.close();
  });

  test('without JavaScript a citizen filters the catalog with checkboxes and opens a service', async () => {
    const { browser, base } = portal;
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('link', { name: 'Dịch vụ công', exact: true }).click();
    await page.getByRole('group', { name: 'Mức độ' }).getByLabel(/Toàn trình/).check();
    await page.getByRole('group', { name: 'Cấp thực hiện' }).getByLabel(/Cấp tỉnh/).check();
    await page.getByRole('button', { name: 'Áp dụng bộ lọc' }).click();
    await page.waitForURL(/adminLevel=tinh/);
    assert.match(page.url(), /level=4/);
    const heading = (await page.locator('#results-heading').textContent()) ?? '';
    assert.match(heading, /Tìm thấy \d+ dịch vụ công/);
    assert.ok(await page.getByRole('group', { name: 'Mức độ' }).getByLabel(/Toàn trình/).isChecked(), 'the filter stays checked');
    await page.getByRole('link', { name: /Cấp Chứng chỉ hành nghề dược \(bao gồm/ }).click();
    assert.match((await page.getByRole('heading', { level: 1 }).textContent()) ?? '', /^Cấp Chứng chỉ hành nghề dược/);
    await context.close();
  });

  test('keyboard users get a skip link first and access keys for home, sitemap and search', async () => {
    const { browser, base } = portal;
    const page = await browser.newPage();
    await page.goto(base + '/gioi-thieu');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
    assert.deepEqual(focused, { text: 'Bỏ qua, đến nội dung chính', href: '#main' });
    assert.equal(await page.locator('a[accesskey="1"]').getAttribute('href'), '/');
    assert.equal(await page.locator('a[accesskey="3"]').getAttribute('href'), '/so-do-cong');
    assert.equal(await page.locator('input[accesskey="4"]').getAttribute('name'), 'q');
    await page.close();
  });

  test('in English the lookup, sign-in, registration, password-reset, FAQ and guidance pages read in English, with no axe violations; Vietnamese names are marked as such', async () => {
    const { browser, base, database } = portal;
    // Guidance and questions to show (last in this file, so the other tests see the catalog alone).
    await seedFeedbackDemo(database.db);
    const context = await browser.newContext();
    await context.addCookies([{ name: 'lang', value: 'en', url: base }]);
    const page = await context.newPage();
    const pages: [string, string][] = [
      ['/tra-cuu?code=&check=12', 'Track an application'],
      ['/dang-nhap', 'Sign in'],
      ['/dang-ky', 'Create an account'],
      ['/quen-mat-khau', 'Forgotten password'],
      ['/hoi-dap', 'Frequently asked questions'],
      ['/huong-dan', 'Guidance'],
    ];
    for (const [href, heading] of pages) {
      await page.goto(base + href);
      assert.equal(await page.getAttribute('html', 'lang'), 'en', href);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), heading, href);
      await assertAccessible(page, `${href} (en)`);
    }
    await page.goto(base + '/tra-cuu?code=&check=12');
    assert.equal(await page.locator('#error-summary-title').textContent(), 'There are 2 problems');
    assert.ok(await page.getByRole('textbox', { name: /Application code \(required\)/ }).isVisible(), 'the field is named in English');
    await page.goto(base + '/dich-vu-cong/1.004616');
    assert.equal(await page.getByRole('heading', { level: 1 }).getAttribute('lang'), 'vi', 'the procedure name is read as Vietnamese');
    assert.ok(await page.getByText('Procedure names are shown as published in Vietnamese.').isVisible());
    await assertAccessible(page, '/dich-vu-cong/1.004616 (en, with guidance and questions)');
    await context.close();
  });
});
