// The newborn bundle end to end in Chromium (A3, V3; Decree 63/2024): from the life event "Sinh con"
// the citizen opens the bundle, fills its one form with one paper and sends it; the commune's civil
// status officer, the commune police and the social insurance office each receive their part on their
// own pages and finish it with a signed result; the citizen follows the combined status and sees the
// three results together. axe on every page.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { loadBundles } from '../../src/bundles/index.ts';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { seedFormsDemo } from '../../src/forms/index.ts';
import { createAccount, DEMO_PASSWORD, seedDemoAccounts } from '../../src/identity/index.ts';
import { testApp } from '../helpers/app.ts';
import { assertAccessible, launchBrowser } from '../helpers/browser.ts';
import { dbTarget, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { pdf } from '../helpers/submission.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';

const BIRTH = loadBundles().find((b) => b.slug === 'khai-sinh-lien-thong')!;
const OFFICERS = [
  ['cb.hotich', '000.33.01.H34', 'Đăng ký khai sinh'],
  ['cb.congan', '000.22.01.H34', 'Đăng ký thường trú'],
  ['cb.bhxh', '000.40.01.H34', 'Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi'],
] as const;

describe('the newborn bundle in Chromium', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base = '';
  before(async () => {
    database = await freshDatabase(await dbTarget('embedded'));
    await seedCatalogDemo(database.db);
    await seedFormsDemo(database.db);
    await seedDemoAccounts(database.db);
    for (const [username, agencyCode] of OFFICERS) await createAccount(database.db, { username, password: DEMO_PASSWORD, fullName: `Cán bộ ${username}`, role: 'officer', agencyCode });
    app = await testApp(database.db, { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'dvctt-browser-bundles-')) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  const open = async (username: string, next: string): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    page.context().setDefaultTimeout(15_000);
    await signInInBrowser(page, base, username, DEMO_PASSWORD, next);
    return page;
  };

  /** Screenshots at 1280 and 375 px when DVCTT_SCREENSHOTS names a folder. */
  async function shots(page: Page, name: string) {
    const dir = process.env.DVCTT_SCREENSHOTS;
    if (!dir) return;
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** Types the bundle form's example answers, field by field, as a person would. */
  async function fill(page: Page) {
    const example = BIRTH.form.example!;
    for (const f of BIRTH.form.sections.flatMap((s) => s.fields)) {
      const v = example[f.id];
      if (v === undefined || f.type === 'attachment') continue;
      const at = page.locator(`[id="f-${f.id}"]`);
      if (f.type === 'choice') await page.locator(`input[name="${f.id}"][value="${String(v)}"]`).check();
      else if (f.type === 'consent') await page.locator(`input[name="${f.id}"]`).check();
      else if (f.type === 'address') {
        const a = v as Record<string, string>;
        await page.locator(`[id="f-${f.id}.province"]`).selectOption(a.province!);
        await page.locator(`[id="f-${f.id}.commune"]`).fill(a.commune!);
        await page.locator(`[id="f-${f.id}.detail"]`).fill(a.detail!);
      } else await at.fill(String(v));
    }
  }

  test('the citizen files one form for three procedures; three officers finish their parts; the citizen sees the combined status and the results', async () => {
    const citizen = await open('congdan', '/');
    await citizen.locator('.home-events').getByRole('link', { name: 'Nộp hồ sơ liên thông' }).first().click();
    await citizen.waitForURL(`${base}/lien-thong/${BIRTH.slug}`);
    await citizen.getByRole('heading', { level: 1, name: BIRTH.name }).waitFor();
    await assertAccessible(citizen, 'the bundle page');
    await shots(citizen, 'lien-thong');
    await citizen.locator('main').getByRole('link', { name: 'Nộp hồ sơ liên thông' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Nộp hồ sơ liên thông' }).waitFor();
    await assertAccessible(citizen, 'the bundle form');

    // Sent without the birth certificate: the part's reason, at the paper, and nothing stored.
    await fill(citizen);
    await citizen.getByRole('button', { name: 'Nộp hồ sơ liên thông' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Nộp hồ sơ liên thông' }).waitFor();
    assert.match((await citizen.locator('.error-summary, [role="alert"]').first().textContent()) ?? '', /Đăng ký khai sinh/);
    await assertAccessible(citizen, 'the bundle form with errors');
    await shots(citizen, 'lien-thong-loi');
    assert.equal((await database.db.selectFrom('bundle').select('id').execute()).length, 0);

    await fill(citizen);
    await citizen.locator('input[name="component:giay-chung-sinh"]').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await citizen.getByRole('button', { name: 'Nộp hồ sơ liên thông' }).click();
    await citizen.waitForURL(/\/ho-so\/lien-thong\/LT-\d{6}-\d{6}\?moi=1$/);
    const code = /LT-\d{6}-\d{6}/.exec(citizen.url())![0];
    assert.ok(await citizen.getByText('Đang xử lý 0/3').isVisible());
    await assertAccessible(citizen, 'the bundle filed');
    const parts = await database.db.selectFrom('bundle_part as p').innerJoin('application as a', 'a.id', 'p.application_id').select(['a.code', 'a.agency_code']).orderBy('p.position').execute();
    assert.deepEqual(parts.map((p) => p.agency_code), OFFICERS.map((o) => o[1]));

    for (const [i, [username, , service]] of OFFICERS.entries()) {
      const officer = await open(username, '/can-bo/ho-so');
      await officer.getByRole('link', { name: parts[i]!.code }).click();
      await officer.getByRole('heading', { level: 1 }).waitFor();
      assert.ok(await officer.getByText(service).first().isVisible());
      await assertAccessible(officer, `${username}: the part`);
      await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      await officer.getByRole('status').filter({ hasText: 'Được tiếp nhận' }).waitFor();
      const start = officer.getByRole('button', { name: 'Bắt đầu xử lý' });
      if (await start.count()) {
        await start.click();
        await officer.getByRole('status').filter({ hasText: 'Đang xử lý' }).waitFor();
      }
      await officer.getByRole('link', { name: 'Đã xử lý xong' }).click();
      await officer.getByLabel('Tạo văn bản "Kết quả giải quyết" từ mẫu').check();
      await officer.getByLabel('Nội dung giải quyết').fill(`Giải quyết xong: ${service}.`);
      await assertAccessible(officer, `${username}: the result`);
      await officer.getByRole('button', { name: 'Ký số và hoàn thành xử lý' }).click();
      await officer.getByRole('status').filter({ hasText: 'Đã xử lý xong' }).waitFor();
      await officer.context().close();

      await citizen.goto(`${base}/ho-so/lien-thong/${code}`);
      assert.ok(await citizen.getByText(i === 2 ? 'Đã hoàn thành 3/3' : `Đang xử lý ${i + 1}/3`).isVisible(), `after ${username}`);
    }
    // The three results together, each in the data store, and the one notice for the bundle.
    assert.equal(await citizen.locator('main a[href$="/ket-qua.pdf"]').count(), 3);
    assert.equal(await citizen.getByText('đã lưu vào kho dữ liệu').count(), 3);
    await assertAccessible(citizen, 'the bundle done');
    await shots(citizen, 'lien-thong-xong');
    await citizen.goto(`${base}/ho-so/lien-thong`);
    assert.ok(await citizen.getByRole('link', { name: code }).isVisible());
    await assertAccessible(citizen, 'my bundles');
    const notices = await database.db.selectFrom('notice').select('title').where('title', 'like', `Hồ sơ liên thông ${code}%`).execute();
    assert.equal(notices.length, 2, JSON.stringify(notices));
  });
});
