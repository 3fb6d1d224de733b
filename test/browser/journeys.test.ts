// One journey per role in Chromium, on the demo data, with the database's counts read after every
// step: exactly what the step should write, and nothing more (a page that looks right can hide a
// second write). The citizen finds the pharmacist service, fills the e-form, attaches the papers
// and sends once; a visitor keeps what they typed across signing in; the officer receives and asks
// for a document; the manager reads the figures and downloads them; the administrator looks
// around. axe on every page visited (U3).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { formBodyFromAnswers } from '../../src/forms/validate.ts';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { seedDemo } from '../../src/seed.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { assertMoved, diff, snapshot, type Counts } from '../helpers/counts.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';
import { submitSignIn } from '../helpers/sign-in.ts';
import { jpeg, pdf } from '../helpers/submission.ts';

const PHARMACIST = '1.004616';
const DEF = demoDefinition(PHARMACIST)!;
const EXAMPLE = DEF.example as Record<string, unknown>;
/** The answers as the form's inputs carry them, e.g. ['permanentAddress.province', 'Tỉnh Khánh Hòa']. */
const ANSWERS = formBodyFromAnswers(DEF, EXAMPLE);
/** A file for each required paper of step 5: a photo as JPEG, the others as PDF. */
const REQUIRED_FILES = DEF.sections
  .flatMap((s) => s.fields)
  .flatMap((f) => (f.type === 'attachment' && f.required ? [f.component] : []))
  .map((component) =>
    component === 'anh-chan-dung'
      ? { component, name: `${component}.jpg`, mimeType: 'image/jpeg', buffer: jpeg(20 * 1024) }
      : { component, name: `${component}.pdf`, mimeType: 'application/pdf', buffer: pdf(30 * 1024) },
  );

/** Each notice to the demo citizen is also queued by email and SMS: both are on by default, and the account has an address and a number. */
const PER_NOTICE = 2;

describe('a journey per role in Chromium, with the database counted after every step', () => {
  const portal = portalInBrowser({ seed: (db) => seedDemo(db, { info: () => undefined }).then(() => undefined) });
  /** The application the citizen sends, handled by the officer afterwards. */
  let code = '';

  async function context(width: number): Promise<BrowserContext> {
    const ctx = await portal.browser.newContext({ viewport: { width, height: 900 } });
    ctx.setDefaultTimeout(15_000);
    return ctx;
  }
  const counts = () => snapshot(portal.database.db);
  const moved = (before: Counts, expected: Partial<Counts>, step: string) => assertMoved(portal.database.db, before, expected, step);

  /** Opens a page and checks it with axe; fails on an error status. */
  async function visit(page: Page, path: string, label: string): Promise<void> {
    const response = await page.goto(`${portal.base}${path}`);
    assert.ok(response && response.status() < 400, `${label}: ${path} answered ${response?.status()}`);
    await assertAccessible(page, label);
  }

  /** Through the sign-in page (checked with axe), back to `next`. */
  async function signIn(page: Page, username: string, next: string): Promise<void> {
    await visit(page, `/dang-nhap?next=${encodeURIComponent(next)}`, `sign-in page (${username})`);
    await submitSignIn(page, username, DEMO_PASSWORD);
    await page.waitForURL(`${portal.base}${next}`);
  }

  /**
   * Types the example's answers into the inputs of the step shown, as a person would: ticks the
   * radio or box with the answer's value, picks the option, or fills the box. Returns the names filled.
   */
  async function fillStep(page: Page): Promise<string[]> {
    const filled: string[] = [];
    for (const [name, value] of ANSWERS) {
      const inputs = page.locator(`form#eform [name="${name}"]:not([type=hidden])`);
      if (!(await inputs.count())) continue;
      const first = inputs.first();
      const type = await first.evaluate((el) => (el.tagName === 'SELECT' ? 'select' : ((el as HTMLInputElement).type ?? 'text')));
      if (type === 'radio' || type === 'checkbox') await page.locator(`form#eform [name="${name}"][value="${value}"]`).check();
      else if (type === 'select') await first.selectOption(value);
      else await first.fill(value);
      filled.push(name);
    }
    return filled;
  }
  const stepTitle = async (page: Page) => ((await page.locator('.step-progress').textContent()) ?? '').trim();
  const formReady = (page: Page) => page.locator('form#eform[data-ready]').waitFor({ state: 'attached' });

  /**
   * From the form's first step to "Bước 6/6": the four steps filled from the example, the required
   * papers attached at "Bước 5/6". `after(label)` runs after each step (the counts), axe on each page.
   */
  async function throughTheForm(page: Page, after: (step: string) => Promise<void>): Promise<void> {
    const filled: string[] = [];
    const titles = ['Bước 1/6: Người đề nghị', 'Bước 2/6: Văn bằng và nội dung đề nghị', 'Bước 3/6: Quá trình thực hành', 'Bước 4/6: Giấy tờ kèm theo và cam đoan'];
    for (const title of titles) {
      await formReady(page);
      assert.equal(await stepTitle(page), title);
      filled.push(...(await fillStep(page)));
      await assertAccessible(page, title);
      await page.getByRole('button', { name: /^Tiếp tục/ }).click();
      await page.locator('.step-progress').filter({ hasNotText: title }).waitFor();
      await after(title);
    }
    assert.deepEqual([...new Set(filled)].sort(), [...new Set(ANSWERS.map(([name]) => name))].sort(), 'every answer of the example had its input on one of the four steps');

    await page.getByRole('heading', { level: 1, name: 'Thành phần hồ sơ' }).waitFor();
    assert.match(await page.title(), /^Bước 5\/6: Thành phần hồ sơ/);
    await assertAccessible(page, 'step 5, the papers');
    for (const f of REQUIRED_FILES) await page.locator(`input[name="component:${f.component}"]`).setInputFiles({ name: f.name, mimeType: f.mimeType, buffer: f.buffer });
    await page.getByRole('button', { name: 'Tiếp tục đến kiểm tra lại' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    assert.match(await page.title(), /^Bước 6\/6: Kiểm tra lại và gửi/);
    for (const f of REQUIRED_FILES) assert.ok(await page.getByText(f.name).first().isVisible(), `the check page lists ${f.name}`);
    await assertAccessible(page, 'step 6, the check page');
    await after('step 5, the papers');
  }

  test('citizen at 1280 px: finds the service, fills the four steps, attaches the papers, sends once; Back and a second “Gửi hồ sơ” write nothing', async () => {
    const { base } = portal;
    const start = await counts();
    const page = await (await context(1280)).newPage();
    await signIn(page, 'congdan', '/');
    await assertAccessible(page, 'home, signed in');
    let now = await moved(start, {}, 'signing in');

    // C: the search, written without diacritics, finds the service.
    await page.locator('main').getByLabel('Tìm dịch vụ công').fill('chung chi hanh nghe duoc');
    await page.locator('main').getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/\/dich-vu-cong\?q=/);
    await assertAccessible(page, 'search results');
    await page.getByRole('listitem').filter({ hasText: `Mã ${PHARMACIST} ·` }).getByRole('link').click();
    await page.waitForURL(`${base}/dich-vu-cong/${PHARMACIST}`);
    await assertAccessible(page, 'service page');
    now = await moved(now, {}, 'search and service page');

    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến', exact: true }).click();
    await page.waitForURL(`${base}/dich-vu-cong/${PHARMACIST}/to-khai`);
    // F4: the answers are kept as the account's one draft from the first step on; the papers are staged with it.
    await throughTheForm(page, async (step) => {
      now = await moved(now, step === 'Bước 1/6: Người đề nghị' ? { form_draft: 1 } : step === 'step 5, the papers' ? { draft_attachment: REQUIRED_FILES.length } : {}, `after ${step}`);
    });

    // The same check page, left open in a second tab: pressed later, it sends the same answers again.
    const stale = await page.context().newPage();
    await stale.goto(`${base}/dich-vu-cong/${PHARMACIST}/kiem-tra`);
    await stale.getByRole('heading', { level: 1, name: 'Kiểm tra lại thông tin' }).waitFor();
    await assertAccessible(stale, 'the check page in a second tab');
    now = await moved(now, {}, 'the check page in a second tab');

    // A1/A2: one press of "Gửi hồ sơ", one application with its four files, one notice, one event.
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông tin của quý khách đã được tiếp nhận' }).waitFor();
    await assertAccessible(page, 'submitted');
    code = ((await page.locator('.application-code').textContent()) ?? '').trim();
    assert.match(code, /^[\d.]+\.H\d+-\d{6}-\d{4}$/);
    now = await moved(
      now,
      { application: 1, application_attachment: REQUIRED_FILES.length, notice: 1, delivery: PER_NOTICE, application_event: 1, online_received: 1, form_draft: -1, draft_attachment: -REQUIRED_FILES.length },
      'Gửi hồ sơ',
    );
    // Since the journey began: the application and what goes with it; the draft and its staged papers are gone again.
    assert.deepEqual(diff(start, now), { application: 1, application_attachment: REQUIRED_FILES.length, notice: 1, delivery: PER_NOTICE, application_event: 1, online_received: 1 });
    assert.deepEqual(await portal.database.db.selectFrom('delivery').select(['channel', 'recipient']).orderBy('channel').execute(), [
      { channel: 'email', recipient: 'congdan@example.vn' },
      { channel: 'sms', recipient: '84912345678' },
    ]);
    const sent = await portal.database.db.selectFrom('application').select(['code', 'status', 'service_code']).execute();
    assert.deepEqual(sent, [{ code, status: 1, service_code: PHARMACIST }]);

    // The receipt (A1): a PDF behind the link on the page.
    const receiptHref = await page.getByRole('link', { name: 'Phiếu tiếp nhận (PDF)' }).getAttribute('href');
    const receipt = await page.context().request.get(`${base}${receiptHref}`);
    assert.equal(receipt.status(), 200);
    assert.match(receipt.headers()['content-type'] ?? '', /^application\/pdf/);
    assert.equal((await receipt.body()).subarray(0, 5).toString(), '%PDF-');
    now = await moved(now, {}, 'the receipt');

    // The browser's Back: the check page (/kiem-tra) has no draft behind it any more; it says the
    // application was sent and links to it — nothing on it to send again.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ đã được gửi' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Xem hồ sơ đã gửi' }).isVisible());
    assert.equal(await page.getByRole('button', { name: 'Gửi hồ sơ' }).count(), 0);
    await assertAccessible(page, 'the check page again, after Back');
    now = await moved(now, {}, 'Back after sending');

    // "Gửi hồ sơ" on the stale check page: the draft went with the application, so the answer is
    // that same application — no second one.
    await stale.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await stale.getByText('Hồ sơ này đã được gửi trước đó; không có hồ sơ thứ hai nào được tạo.').waitFor();
    assert.equal(((await stale.locator('.application-code').textContent()) ?? '').trim(), code);
    await assertAccessible(stale, 'the stale check page, sent again');
    now = await moved(now, {}, 'Gửi hồ sơ again from the stale check page');
    await stale.close();

    // "Hồ sơ của tôi" lists the application once.
    await page.getByRole('link', { name: 'Hồ sơ của tôi' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    await assertAccessible(page, 'my applications');
    assert.equal(await page.getByRole('link', { name: code, exact: true }).count(), 1, 'the application is listed once');
    await moved(now, {}, 'my applications');
    await page.context().close();
  });

  test('a visitor at 375 px starts the form, signs in with “Đăng nhập và giữ thông tin đã khai” and finds the answers again', async () => {
    const { base, database } = portal;
    const start = await counts();
    const page = await (await context(375)).newPage();
    await visit(page, `/dich-vu-cong/${PHARMACIST}`, 'service page at 375 px');
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến', exact: true }).click();
    await page.waitForURL(`${base}/dich-vu-cong/${PHARMACIST}/to-khai`);
    await formReady(page);
    assert.equal(await stepTitle(page), 'Bước 1/6: Người đề nghị');
    assert.ok(await page.getByText('Để gửi hồ sơ, bạn cần đăng nhập').isVisible(), 'the visitor is told at step 1 that sending needs an account');
    await assertAccessible(page, 'visitor, step 1 at 375 px');
    let now = await moved(start, {}, 'visitor opens the form');

    await fillStep(page);
    await page.getByRole('button', { name: 'Đăng nhập và giữ thông tin đã khai' }).click();
    await page.waitForURL(/\/dang-nhap\?/);
    await assertAccessible(page, 'sign-in page at 375 px');
    now = await moved(now, { visitor_draft: 1 }, 'answers kept while the visitor signs in');

    await submitSignIn(page, 'congdan', DEMO_PASSWORD);
    await page.waitForURL(`${base}/dich-vu-cong/${PHARMACIST}/to-khai`);
    await formReady(page);
    assert.equal(await page.locator('[id="f-fullName"]').inputValue(), EXAMPLE.fullName);
    assert.equal(await page.locator('[id="f-permanentAddress.province"]').inputValue(), 'Tỉnh Khánh Hòa');
    await assertAccessible(page, 'the form after signing in, at 375 px');
    // F4: the visitor's answers became the account's draft; nothing of them is left under the cookie.
    await moved(now, { visitor_draft: -1, form_draft: 1 }, 'signed in, answers taken into the account');
    assert.equal((await database.db.selectFrom('visitor_draft').select('token_hash').execute()).length, 0);
    await page.context().close();
  });

  test('officer: finds the application in the inbox, receives it, asks for a document', async () => {
    assert.ok(code, 'the citizen sent an application');
    const { db } = portal.database;
    const status = async () => (await db.selectFrom('application').select('status').where('code', '=', code).executeTakeFirstOrThrow()).status;
    const start = await counts();
    const page = await (await context(1280)).newPage();
    await signIn(page, 'canbo.syt', '/can-bo/ho-so');
    await assertAccessible(page, 'officer inbox');
    await page.getByRole('link', { name: code }).click();
    await page.waitForURL(`${portal.base}/can-bo/ho-so/${code}`);
    await assertAccessible(page, 'officer, the application');
    let now = await moved(start, {}, 'officer opens the application');

    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByRole('status').filter({ hasText: 'Được tiếp nhận' }).waitFor();
    await assertAccessible(page, 'officer, received');
    assert.equal(await status(), 2);
    now = await moved(now, { application_event: 1, notice: 1, delivery: PER_NOTICE }, 'Tiếp nhận hồ sơ');

    await page.locator('input[name=component][value=van-bang]').check();
    await page.getByLabel('Lý do (bắt buộc)').fill('Văn bằng chụp mờ, cần bản rõ.');
    await page.getByRole('button', { name: 'Yêu cầu bổ sung giấy tờ' }).click();
    await page.getByRole('status').filter({ hasText: 'Yêu cầu bổ sung giấy tờ' }).waitFor();
    await assertAccessible(page, 'officer, documents requested');
    assert.equal(await status(), 5);
    await moved(now, { application_event: 1, notice: 1, delivery: PER_NOTICE }, 'Yêu cầu bổ sung giấy tờ');
    const notices = await db.selectFrom('notice').innerJoin('account', 'account.id', 'notice.account_id').select(['account.username', 'notice.title']).where('notice.application_code', '=', code).orderBy('notice.created_at').execute();
    assert.equal(notices.length, 3, 'sent, received, documents requested');
    assert.ok(notices.every((n) => n.username === 'congdan'), 'every notice is for the citizen');
    await page.context().close();
  });

  test('manager: the figures show what the database counted, and download as CSV', async () => {
    const start = await counts();
    const page = await (await context(1280)).newPage();
    await signIn(page, 'lanhdao', '/quan-ly');
    await assertAccessible(page, 'manager home');
    await page.locator('main').getByRole('link', { name: /^Thống kê giải quyết hồ sơ/ }).click();
    await page.waitForURL(`${portal.base}/quan-ly/thong-ke`);
    await page.getByRole('heading', { level: 1, name: /^Thống kê giải quyết hồ sơ/ }).waitFor();
    await assertAccessible(page, 'manager statistics');
    const shown = await page.locator('dl.stat-facts div').filter({ has: page.locator('dt', { hasText: /^Hồ sơ trực tuyến tiếp nhận$/ }) }).locator('dd').textContent();
    assert.equal(Number(shown?.trim()), start.online_received, 'the page shows the sum of service_stat_month.online_received');
    assert.equal(start.online_received, 1, 'the one application sent in this file');

    const href = await page.getByRole('link', { name: /^Tải bảng dạng CSV — tổng hợp/ }).getAttribute('href');
    const csv = await page.context().request.get(`${portal.base}${href}`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
    assert.ok((await csv.text()).length > 0);
    await moved(start, {}, 'manager reads and downloads');
    await page.context().close();
  });

  test('administrator: the admin home and one of its pages change nothing', async () => {
    const start = await counts();
    const page = await (await context(1280)).newPage();
    await signIn(page, 'quantri', '/quan-tri');
    await page.getByRole('heading', { level: 1, name: 'Trang quản trị' }).waitFor();
    await assertAccessible(page, 'admin home');
    await page.locator('main').getByRole('link', { name: /^Nhật ký hệ thống/ }).click();
    await page.waitForURL(`${portal.base}/quan-tri/nhat-ky`);
    await assertAccessible(page, 'audit log');
    await moved(start, {}, 'administrator looks around');
    await page.context().close();
  });
  // Two presses 0.3 s apart on a slow connection reach the server together: the submission claims
  // the draft inside its transaction, so one stores and the other shows that same application.
  test('two presses of “Gửi hồ sơ” that reach the server together store one application', async () => {
    const page = await (await context(1280)).newPage();
    await signIn(page, 'congdan', `/dich-vu-cong/${PHARMACIST}/to-khai`);
    await throughTheForm(page, async () => undefined);
    const before = await counts();
    // A slow network: each "Gửi hồ sơ" request is held until the second one comes (at most 3 s),
    // then both reach the server at once. The browser gives up on the first request when the
    // second press makes a new one; the server, which had it already, still answers it.
    const handled: Promise<void>[] = [];
    let bothSent!: () => void;
    const together = new Promise<void>((resolve) => (bothSent = resolve));
    await page.route('**/nop-ho-so', (route) => {
      const done = (async () => {
        await Promise.race([together, delay(3000)]);
        const response = await route.fetch().catch(() => undefined);
        if (response) await route.fulfill({ response }).catch(() => undefined);
      })();
      handled.push(done);
      if (handled.length === 2) bothSent();
      return done;
    });
    // Pressed where the button is, twice, as a hand does; the second press is not held back by the page.
    const button = page.getByRole('button', { name: 'Gửi hồ sơ' });
    await button.scrollIntoViewIfNeeded();
    const box = (await button.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await delay(300);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await Promise.race([together, delay(3000)]);
    assert.equal(handled.length, 2, 'the browser sent the form twice');
    await Promise.all(handled);
    await page.waitForLoadState('load');
    await moved(before, { application: 1, application_attachment: REQUIRED_FILES.length, notice: 1, delivery: PER_NOTICE, application_event: 1, online_received: 1, form_draft: -1, draft_attachment: -REQUIRED_FILES.length }, 'two presses of Gửi hồ sơ');
    await page.context().close();
  });
});
