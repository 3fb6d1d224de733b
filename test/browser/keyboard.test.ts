// Keyboard alone (U3, Art. 18.2): a citizen signs in, fills the pharmacist's form (1.004616) step
// by step, attaches the documents and sends the application with Tab, Shift+Tab, Space, Enter,
// the arrow keys and typing — no clicks. Every element that takes focus shows where it is; the
// skip link leads to the content; access keys open Trang chủ, Sơ đồ cổng and the search box.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';

const PHARMACIST = '1.004616';
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);

interface Focused {
  desc: string;
  matches: boolean;
  /** An outline or a box shadow drawn around it, as the browser computes it now. */
  indicator: boolean;
}

/** What has focus, whether it matches `selector`, and whether its focus can be seen. */
function focused(page: Page, selector: string): Promise<Focused> {
  return page.evaluate((selector) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { desc: 'body', matches: false, indicator: true };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== 'none';
    const desc = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    return { desc, matches: el.matches(selector), indicator: outline || shadow };
  }, selector);
}

/**
 * Alt+key, Chromium's access-key chord on Linux and Windows. Sent through the DevTools protocol
 * with the key's unmodified text, which is what the browser matches access keys against.
 */
async function accessKey(page: Page, key: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const code = `Digit${key}`;
  const vk = key.charCodeAt(0);
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', modifiers: 1, key, code, windowsVirtualKeyCode: vk, nativeVirtualKeyCode: vk, unmodifiedText: key, text: '' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', modifiers: 1, key, code, windowsVirtualKeyCode: vk, nativeVirtualKeyCode: vk });
  await cdp.detach();
}

describe('the portal by keyboard alone', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });
  const withoutIndicator = new Set<string>();

  /** Presses Tab (or Shift+Tab) until the element matching `selector` has focus. */
  async function tabTo(page: Page, selector: string, backwards = false): Promise<void> {
    for (let i = 0; i < 250; i++) {
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
      const f = await focused(page, selector);
      if (!f.indicator) withoutIndicator.add(`${new URL(page.url()).pathname}: ${f.desc}`);
      if (f.matches) return;
    }
    throw new Error(`${selector} never received focus on ${page.url()}`);
  }
  const id = (path: string) => `[id="f-${path}"]`;
  async function typeInto(page: Page, selector: string, text: string) {
    await tabTo(page, selector);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(text);
  }
  /** Space on a focused checkbox or radio ticks it. */
  async function tick(page: Page, selector: string) {
    await tabTo(page, selector);
    await page.keyboard.press('Space');
    assert.ok(await page.locator(selector).isChecked(), `${selector} ticked`);
  }
  /** Enter on a focused button or link, then waits for the next page. */
  async function activate(page: Page, selector: string) {
    await tabTo(page, selector);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  }
  const progress = async (page: Page) => (await page.locator('.step-progress').textContent())?.trim() ?? '';

  test('a citizen signs in, fills every step, attaches the documents and sends the application without a click', { timeout: 120_000 }, async () => {
    const { browser, base } = portal;
    const page = await (await browser.newContext()).newPage();
    page.context().setDefaultTimeout(10_000);
    await page.goto(`${base}/dang-nhap?next=${encodeURIComponent(`/dich-vu-cong/${PHARMACIST}`)}`);
    await typeInto(page, 'input[name="login"]', 'congdan');
    await typeInto(page, 'input[type="password"]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/dich-vu-cong/${PHARMACIST}`), page.keyboard.press('Enter')]);

    // The skip link is the first stop and takes focus to the content.
    await page.keyboard.press('Tab');
    assert.match((await focused(page, '.skip-link')).desc, /Bỏ qua, đến nội dung chính/);
    assert.ok((await page.locator('.skip-link').boundingBox())!.x >= 0, 'the skip link is on screen when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    await activate(page, 'main a[href$="/to-khai"]');
    await page.waitForURL(`${base}/dich-vu-cong/${PHARMACIST}/to-khai`);
    await page.locator('form#eform[data-ready]').waitFor({ state: 'attached' });

    assert.equal(await progress(page), 'Bước 1/6: Người đề nghị');
    await typeInto(page, id('fullName'), 'Nguyễn Văn An');
    await typeInto(page, id('dateOfBirth'), '20/05/1990');
    // A radio group: Tab enters it, the arrow keys choose, Space confirms.
    await tabTo(page, 'input[name="sex"]');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('input[name="sex"]:checked').getAttribute('value'), 'nam');
    await typeInto(page, id('idNumber'), '056090001234');
    await typeInto(page, id('idIssueDate'), '10/06/2021');
    await typeInto(page, id('idIssuePlace'), 'Cục Cảnh sát quản lý hành chính về trật tự xã hội');
    await tabTo(page, id('permanentAddress.province'));
    for (let i = 0; i < 80 && (await page.locator(id('permanentAddress.province')).inputValue()) !== 'Tỉnh Khánh Hòa'; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator(id('permanentAddress.province')).inputValue(), 'Tỉnh Khánh Hòa');
    await typeInto(page, id('permanentAddress.commune'), 'Phường Nha Trang');
    await typeInto(page, id('permanentAddress.detail'), '12 Trần Phú');
    await typeInto(page, id('phone'), '0912345678');
    // Shift+Tab goes back to a field already filled, and it can be corrected.
    await tabTo(page, id('permanentAddress.detail'), true);
    await page.keyboard.press('End');
    await page.keyboard.type(', phường Nha Trang');
    await activate(page, 'button[name="_action"][value="tiep"]');

    assert.equal(await progress(page), 'Bước 2/6: Văn bằng và nội dung đề nghị', 'step 1 accepted');
    await tabTo(page, 'input[name="degree"]');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('input[name="degree"]:checked').getAttribute('value'), 'dai-hoc-duoc');
    await typeInto(page, id('degreeNumber'), 'DH-0123456');
    await typeInto(page, id('degreeSchool'), 'Trường Đại học Dược Hà Nội');
    await typeInto(page, id('graduationYear'), '2013');
    await tick(page, 'input[name="scope"][value="nha-thuoc"]');
    await tabTo(page, 'input[name="method"]');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('input[name="method"]:checked').getAttribute('value'), 'xet-ho-so');
    await activate(page, 'button[name="_action"][value="tiep"]');

    assert.equal(await progress(page), 'Bước 3/6: Quá trình thực hành', 'step 2 accepted');
    await typeInto(page, id('practice.0.place'), 'Nhà thuốc Bình An');
    await typeInto(page, id('practice.0.from'), '01/09/2013');
    await typeInto(page, id('practice.0.to'), '31/08/2015');
    await typeInto(page, id('practice.0.content'), 'Bán lẻ thuốc');
    await activate(page, 'button[name="_action"][value="tiep"]');

    assert.equal(await progress(page), 'Bước 4/6: Giấy tờ kèm theo và cam đoan', 'step 3 accepted');
    await tick(page, 'input[name="declaration"]');
    await activate(page, 'button[name="_action"][value="tiep"]');
    await page.getByRole('heading', { level: 1, name: 'Thành phần hồ sơ' }).waitFor();
    assert.equal(await progress(page), 'Bước 5/6: Thành phần hồ sơ', 'step 4 accepted');
    // Each file picker opens from the keyboard; the files are chosen in the system's dialog.
    const files: Record<string, { name: string; mimeType: string; buffer: Buffer }> = {
      'anh-chan-dung': { name: 'anh.jpg', mimeType: 'image/jpeg', buffer: jpeg(50 * 1024) },
      'van-bang': { name: 'van-bang.pdf', mimeType: 'application/pdf', buffer: pdf(100 * 1024) },
      'suc-khoe': { name: 'suc-khoe.pdf', mimeType: 'application/pdf', buffer: pdf(100 * 1024) },
      'xac-nhan-thuc-hanh': { name: 'thuc-hanh.pdf', mimeType: 'application/pdf', buffer: pdf(100 * 1024) },
    };
    for (const [slot, file] of Object.entries(files)) {
      const input = `input[name="component:${slot}"]`;
      await tabTo(page, input);
      // Space opens the picker; under load a press can be lost, and a person presses again (or Enter).
      let chooser;
      for (const key of ['Space', 'Enter', 'Space']) {
        if (!(await focused(page, input)).matches) await tabTo(page, input, true);
        chooser = await Promise.all([page.waitForEvent('filechooser', { timeout: 5_000 }), page.keyboard.press(key)]).then(
          ([c]) => c,
          () => undefined,
        );
        if (chooser) break;
      }
      assert.ok(chooser, `the picker of ${slot} opens from the keyboard`);
      await chooser.setFiles(file);
    }
    await tabTo(page, 'form[data-upload] button[value="tiep"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    assert.ok(await page.getByText('Nhà thuốc Bình An').first().isVisible());
    await activate(page, 'button[formaction$="/nop-ho-so"]');
    await page.getByRole('heading', { level: 1, name: 'Thông tin của quý khách đã được tiếp nhận' }).waitFor();
    assert.match((await page.locator('.application-code').textContent()) ?? '', /^\s*000\.00\.12\.H34-\d{6}-\d{4}\s*$/);

    assert.deepEqual([...withoutIndicator], [], 'every element that took focus showed a focus indicator');
    await page.context().close();
  });

  test('access keys open Trang chủ and Sơ đồ cổng and put the cursor in the search box', async () => {
    const { browser, base } = portal;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/gioi-thieu`);
    assert.equal(await page.getAttribute('a[accesskey="1"]', 'href'), '/');
    assert.equal(await page.getAttribute('a[accesskey="3"]', 'href'), '/so-do-cong');
    await Promise.all([page.waitForURL(`${base}/so-do-cong`), accessKey(page, '3')]);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sơ đồ cổng');
    await Promise.all([page.waitForURL(`${base}/`), accessKey(page, '1')]);
    await accessKey(page, '4');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'header-q');
    await page.keyboard.type('khai sinh');
    await Promise.all([page.waitForURL(/\/dich-vu-cong\?q=khai\+sinh/), page.keyboard.press('Enter')]);
    // The shortcuts are told on every page.
    assert.match((await page.locator('footer').textContent()) ?? '', /Phím tắt \(accesskey\): 1 Trang chủ · 3 Sơ đồ cổng · 4 Tìm kiếm/);
    await page.context().close();
  });
});
