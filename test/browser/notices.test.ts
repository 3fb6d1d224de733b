// The notices page in Chromium at a phone's and a desktop's width: an unread notice's
// "Đánh dấu đã đọc" can be seen and read (axe's contrast check), and pressing it marks the notice
// read — then the page shows no unread notice (U1, WCAG 2.1 AA 1.4.3).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createAccount } from '../../src/identity/index.ts';
import { addNotice } from '../../src/notifications/index.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser } from '../helpers/portal-browser.ts';
import { signInInBrowser } from '../helpers/sign-in.ts';

describe('the notices page in Chromium', () => {
  const portal = portalInBrowser({
    seed: async (db) => void (await createAccount(db, { username: 'hoa.tran', password: TEST_PASSWORD, fullName: 'Trần Thị Hoa' })),
  });

  for (const width of [1280, 375]) {
    test(`at ${width} px an unread notice's "Đánh dấu đã đọc" is visible and marks it read`, async () => {
      const { db } = portal.database;
      const { id } = await db.selectFrom('account').select('id').where('username', '=', 'hoa.tran').executeTakeFirstOrThrow();
      await addNotice(db, { accountId: id, title: 'Hồ sơ đã được tiếp nhận', body: 'Hồ sơ của bạn đã được cơ quan tiếp nhận.' });
      const context = await portal.browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      page.context().setDefaultTimeout(15_000);
      await signInInBrowser(page, portal.base, 'hoa.tran', TEST_PASSWORD, '/thong-bao');
      const mark = page.getByRole('button', { name: /^Đánh dấu đã đọc\s*: Hồ sơ đã được tiếp nhận$/ });
      const colours = await mark.evaluate((el) => ({ text: getComputedStyle(el).color, page: getComputedStyle(document.body).backgroundColor }));
      assert.notEqual(colours.text, colours.page, 'the button is not written in the page’s own colour');
      await assertAccessible(page, `the notices page with an unread notice at ${width} px`);
      await mark.click();
      await page.waitForURL(`${portal.base}/thong-bao`);
      assert.equal(await page.getByRole('button', { name: /Đánh dấu đã đọc/ }).count(), 0, 'nothing is left unread');
      await context.close();
    });
  }
});
