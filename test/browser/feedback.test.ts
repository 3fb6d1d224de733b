// Guidance, FAQ, rating and statistics pages in Chromium, each checked with axe: a citizen rates a
// finished application with the plain form, a question goes from citizen to officer to the
// public FAQ, and the managers' dashboard shows its charts with table alternatives.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import { seedFeedbackDemo } from '../../src/feedback/index.ts';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';
import { apiSubmission } from '../helpers/submission.ts';

const SHOTS = process.env.DVCTT_SCREENSHOTS;

describe('guidance, FAQ, ratings and statistics in Chromium', () => {
  const portal = portalInBrowser({
    seed: async (db) => {
      await seedCatalogDemo(db);
      await seedDemoAccounts(db);
      await seedFeedbackDemo(db);
    },
  });

  const signIn = (page: Page, username: string, next: string) => signInInBrowser(page, portal.base, username, DEMO_PASSWORD, next);

  async function check(page: Page, label: string) {
    await assertAccessible(page, label);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${label.replace(/\W+/g, '-')}.png`, fullPage: true });
  }

  test('a visitor reads guidance and the FAQ from a service page; a citizen rates a finished application and asks a question; the officer publishes the answer', async () => {
    const { app, browser, base, database } = portal;
    const db = database.db;
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'congdan', password: DEMO_PASSWORD } })).json() as { token: string }).token;
    const { code } = (await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, '1.004616', demoDefinition('1.004616')!.example))).json() as { code: string };
    const a = await db.selectFrom('application').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('application').set({ status: 10 }).where('id', '=', a.id).execute();
      await trx.insertInto('application_event').values({ application_id: a.id, status_from: 4, status_to: 9, actor_name: 'Trần Thị Bình' }).execute();
      await trx.insertInto('application_event').values({ application_id: a.id, status_from: 9, status_to: 10, actor_name: 'Trần Thị Bình' }).execute();
    });

    const visitor = await (await browser.newContext()).newPage();
    visitor.context().setDefaultTimeout(10_000);
    await visitor.goto(`${base}/dich-vu-cong/1.004616`);
    await check(visitor, 'service page with guidance, figures and FAQ');
    assert.ok(await visitor.getByRole('heading', { name: /Tình hình giải quyết năm/ }).isVisible());
    await visitor.getByRole('link', { name: 'Nộp hồ sơ cấp Chứng chỉ hành nghề dược trực tuyến' }).click();
    await check(visitor, 'guidance page');
    await visitor.goto(`${base}/huong-dan`);
    await check(visitor, 'guidance list');
    await visitor.goto(`${base}/hoi-dap`);
    await visitor.getByLabel(/Tìm trong câu hỏi/).fill('cao dang duoc');
    await visitor.getByRole('button', { name: 'Tìm', exact: true }).click();
    await check(visitor, 'faq search');
    await visitor.getByRole('link', { name: /cao đẳng dược/ }).click();
    await check(visitor, 'faq entry');

    const citizen = await (await browser.newContext()).newPage();
    citizen.context().setDefaultTimeout(10_000);
    await signIn(citizen, 'congdan', `/ho-so/${code}/danh-gia`);
    await check(citizen, 'rating form');
    await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
    assert.match((await citizen.getByRole('alert').textContent()) ?? '', /Hãy chọn mức độ hài lòng chung/);
    await check(citizen, 'rating form with error');
    await citizen.getByRole('group', { name: /Mức độ hài lòng chung/ }).getByLabel('Rất hài lòng').check();
    await citizen.getByRole('group', { name: /Thái độ cán bộ/ }).getByLabel('Hài lòng', { exact: true }).check();
    await citizen.getByLabel(/Ý kiến khác/).fill('Cán bộ hướng dẫn tận tình.');
    await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
    assert.match((await citizen.getByRole('status').textContent()) ?? '', /Cảm ơn quý khách đã đánh giá/);
    assert.ok(await citizen.getByRole('button', { name: 'Cập nhật đánh giá' }).isVisible(), 'changeable within 7 days');
    await check(citizen, 'rating given');

    await citizen.goto(`${base}/hoi-dap/dat-cau-hoi?dich-vu=1.004616`);
    await check(citizen, 'ask a question');
    await citizen.getByLabel(/^Câu hỏi/).fill('Ảnh chân dung nộp trực tuyến cần kích thước bao nhiêu?');
    await citizen.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await check(citizen, 'my questions');

    const officer = await (await browser.newContext()).newPage();
    officer.context().setDefaultTimeout(10_000);
    await signIn(officer, 'canbo.syt', '/can-bo/hoi-dap');
    await check(officer, 'officer questions');
    await officer.getByRole('link', { name: /Ảnh chân dung/ }).click();
    await officer.getByLabel(/^Câu trả lời/).fill('Ảnh 4×6 cm, nền trắng, chụp trong 6 tháng.');
    await officer.getByLabel(/Đăng thành câu hỏi thường gặp/).check();
    await check(officer, 'officer answer');
    await officer.getByRole('button', { name: 'Lưu câu trả lời' }).click();
    await officer.goto(`${base}/can-bo/tiep-nhan-truc-tiep`);
    await check(officer, 'counter counts');

    await visitor.goto(`${base}/hoi-dap?q=${encodeURIComponent('anh chan dung')}`);
    assert.ok(await visitor.getByRole('link', { name: /Ảnh chân dung/ }).isVisible(), 'the answer is now a published FAQ entry');
  });

  test('the managers’ dashboard: four charts a screen reader can read, each with a summary and a table, and CSV links', async () => {
    const { browser, database } = portal;
    const db = database.db;
    // A year of figures across several services, as the triggers keep them.
    const services = await db.selectFrom('service').select(['code', 'agency_code']).where('level', '>=', 3).limit(8).execute();
    const year = new Date().getUTCFullYear();
    const month = new Date().getUTCMonth() + 1;
    const rows = services.flatMap((s, i) =>
      Array.from({ length: month }, (_, m) => ({
        service_code: s.code,
        agency_code: s.agency_code,
        month: `${year}-${String(m + 1).padStart(2, '0')}-01`,
        online_received: 20 + ((i * 7 + m * 5) % 30),
        online_resolved: 15 + ((i * 5 + m * 3) % 20),
        resolved_on_time: 12 + ((i * 3 + m) % 8),
        resolve_seconds: (15 + ((i * 5 + m * 3) % 20)) * 86_400 * (3 + i),
        offline_received: 5 + ((i + m) % 10),
        overall_very: 4 + (i % 3),
        overall_ok: 3,
        overall_not: i % 2,
        attitude_very: 5,
        attitude_ok: 2,
        timeliness_ok: 4,
        timeliness_not: 1,
      })),
    );
    await db
      .insertInto('service_stat_month')
      .values(rows)
      .onConflict((oc) => oc.columns(['service_code', 'agency_code', 'month']).doNothing())
      .execute();
    const manager = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    manager.context().setDefaultTimeout(10_000);
    await signIn(manager, 'lanhdao', '/quan-ly/thong-ke');
    await check(manager, 'dashboard');
    const charts = manager.getByRole('img', { name: /^Biểu đồ/ });
    assert.equal(await charts.count(), 4);
    assert.ok(await manager.getByRole('table', { name: /Hồ sơ theo tháng/ }).isVisible());
    assert.ok(await manager.getByRole('table', { name: /Thủ tục giải quyết chậm nhất/ }).isVisible());
    assert.equal(await manager.getByRole('link', { name: /Tải bảng dạng CSV/ }).count(), 5);
    // Month pickers: a period that ends before it starts is refused by the server, in Vietnamese.
    await manager.getByLabel('Từ tháng', { exact: true }).fill(`${year - 1}-06`);
    await manager.getByLabel('Đến tháng', { exact: true }).fill(`${year - 1}-01`);
    await manager.getByRole('button', { name: 'Xem số liệu' }).click();
    await check(manager, 'dashboard with error');
    assert.match((await manager.getByRole('alert').textContent()) ?? '', /Tháng kết thúc phải sau tháng bắt đầu/);

    const admin = await (await browser.newContext()).newPage();
    admin.context().setDefaultTimeout(10_000);
    await signIn(admin, 'quantri', '/quan-tri/huong-dan');
    await check(admin, 'guidance admin');
    await admin.getByRole('link', { name: 'Viết hướng dẫn mới' }).click();
    await admin.getByRole('button', { name: 'Lưu hướng dẫn' }).click();
    await check(admin, 'guidance editor with errors');
  });
});
