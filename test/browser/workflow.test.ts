// A3 in Chromium: the head of unit assigns from the officer's page, the
// officer transfers to the unit under the department, its officer takes it and returns it, the
// leader sends it back (a missing reason explained next to its field) and then approves; the
// panel passes axe at 1280 and 375 px wide.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { seedWorkflowDemo } from '../../src/applications/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { demoDefinition } from '../helpers/demo-forms.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';
import { apiSubmission } from '../helpers/submission.ts';

const SERVICE = '1.004616';

describe('the workflow in Chromium', () => {
  const portal = portalInBrowser({ seed: async (db) => (await seedDemoCatalogAndAccounts(db), await seedWorkflowDemo(db)) });

  async function look(page: Page, label: string) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await assertAccessible(page, `${label} at ${width} px`);
    }
  }

  test('assigned, transferred and returned, sent back with a reason, approved', async () => {
    const { app } = portal;
    const token = async (u: string) => ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: DEMO_PASSWORD } })).json() as { token: string }).token;
    const submitted = await app.inject(apiSubmission({ authorization: `Bearer ${await token('congdan')}` }, SERVICE, demoDefinition(SERVICE)!.example));
    const code = (submitted.json() as { code: string }).code;
    const received = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: { authorization: `Bearer ${await token('canbo.syt')}` }, payload: { status: 2 } });
    assert.equal(received.statusCode, 200);
    const path = `/can-bo/ho-so/${code}`;
    const as = async (user: string) => openSignedIn(portal.browser, portal.base, user, DEMO_PASSWORD, path);

    const head = await as('truongphong.syt');
    await head.getByLabel('Cán bộ xử lý').selectOption({ label: 'Trần Thị Bình' });
    await head.getByRole('button', { name: 'Phân công' }).click();
    await head.getByText('Đã phân công xử lý hồ sơ.').waitFor();
    await head.context().close();

    const officer = await as('canbo.syt');
    await officer.getByLabel('Đơn vị nhận', { exact: true }).selectOption({ label: 'Phòng Nghiệp vụ Dược, Sở Y tế tỉnh Khánh Hòa' });
    await officer.getByLabel('Số ngày làm việc cho đơn vị nhận').fill('3');
    await officer.getByLabel('Nội dung chuyển').fill('Xin ý kiến chuyên môn');
    await officer.getByRole('button', { name: 'Chuyển hồ sơ' }).click();
    await officer.getByText('Đã chuyển hồ sơ sang đơn vị khác.').waitFor();

    const there = await as('canbo.duoc');
    await there.getByRole('button', { name: 'Nhận xử lý hồ sơ' }).click();
    await there.getByLabel('Kết quả, ý kiến của đơn vị').fill('Đủ điều kiện cấp chứng chỉ');
    await there.getByRole('button', { name: 'Trả về đơn vị chuyển' }).click();
    await there.getByRole('heading', { level: 1, name: 'Đã trả hồ sơ về đơn vị chuyển.' }).waitFor();
    await there.context().close();

    await officer.reload();
    await officer.getByRole('button', { name: 'Trình duyệt' }).click();
    await officer.getByText('Đã trình lãnh đạo duyệt.').waitFor();

    const leader = await as('lanhdao.syt');
    await leader.getByLabel('Trả lại cán bộ xử lý').check();
    await leader.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await leader.locator('.error-summary').waitFor();
    assert.match((await leader.locator('main').textContent()) ?? '', /Hãy ghi rõ lý do trả lại/);
    await look(leader, 'send-back refused');
    await leader.getByLabel('Lý do (bắt buộc khi trả lại)').fill('Ghi rõ phạm vi hành nghề');
    await leader.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await leader.getByText('Đã gửi ý kiến của lãnh đạo.').waitFor();

    await officer.reload();
    await officer.getByRole('button', { name: 'Trình duyệt' }).click();
    await officer.getByText('Đã trình lãnh đạo duyệt.').waitFor();
    await leader.reload();
    await leader.getByLabel('Duyệt', { exact: true }).check();
    await leader.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await leader.getByText('Đã gửi ý kiến của lãnh đạo.').waitFor();
    const hops = (await leader.getByRole('table', { name: 'Các bước luân chuyển' }).locator('tbody tr').allTextContents()).map((r) => r.replace(/\s+/g, ' '));
    assert.deepEqual(
      hops.map((r) => /^(Phân công|Chuyển đơn vị|Trả về đơn vị chuyển|Trình lãnh đạo duyệt|Lãnh đạo trả lại|Lãnh đạo duyệt)/.exec(r.trim())?.[1]),
      ['Phân công', 'Chuyển đơn vị', 'Phân công', 'Trả về đơn vị chuyển', 'Trình lãnh đạo duyệt', 'Lãnh đạo trả lại', 'Trình lãnh đạo duyệt', 'Lãnh đạo duyệt'],
    );
    await look(leader, 'approved');
    await leader.context().close();
    await officer.context().close();
  });
});
