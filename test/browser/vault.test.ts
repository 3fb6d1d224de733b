// Ví dụ 1 of the guidance (V5) in Chromium: services A (1.004859) and B (1.004884) of the same
// commune both ask for the birth certificate G. The citizen does A and uploads G; once the commune
// receives A, B does not ask for G — it is attached from the store. Then the negative cases: G
// expired; B at an agency of another province; B at another unit of the same province with
// sharing switched off. The store's pages pass axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { clearSearchCache } from '../../src/catalog/cache.ts';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';

const A = '1.004859';
const B = '1.004884';
const NHA_TRANG = '000.33.01.H34';
const PROVINCE = '000.00.00.H34';
const SHOTS = process.env.DVCTT_SCREENSHOTS;
const pdf = (text: string) => ({ name: `${text}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`) });

describe('Ví dụ 1 in Chromium: a birth certificate accepted once is not asked for again', () => {
  const portal = portalInBrowser({ seed: seedDemoCatalogAndAccounts });

  const signedIn = (browser: Browser, username: string, javaScriptEnabled = true) => openSignedIn(browser, portal.base, username, DEMO_PASSWORD, '/', javaScriptEnabled);

  async function look(page: Page, label: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/vault-${label.replace(/\W+/g, '-')}.png`, fullPage: true });
    await assertAccessible(page, label);
  }

  const field = (page: Page, path: string) => page.locator(`[id="f-${path}"]`);

  /** Fills the e-form of A or B and arrives at its step "Thành phần hồ sơ". */
  async function toComponents(page: Page, service: string) {
    // C1: A is sent to Nha Trang; B to the place setService chose.
    await page.goto(`${portal.base}/dich-vu-cong/${service}/to-khai?noi-nop=${service === B ? placeOfB : NHA_TRANG}`);
    await field(page, 'requesterName').fill('Nguyễn Văn An');
    await field(page, 'requesterResidence.province').selectOption('Tỉnh Khánh Hòa');
    await field(page, 'requesterResidence.commune').fill('Phường Nha Trang');
    await field(page, 'requesterResidence.detail').fill('25 Lê Thánh Tôn');
    await field(page, 'requesterId').fill('056090001234');
    await field(page, 'relationship').fill('Bản thân');
    await field(page, 'personName').fill('Nguyễn Văn An');
    await field(page, 'personBirthDate').fill('20/05/1990');
    if (service === A) {
      await field(page, 'birthRegisterNo').fill('125/Quyển 01');
      await field(page, 'requestKind').check();
      await field(page, 'content').fill('Quê quán từ "Diên Khánh, Khánh Hòa" thành "Xã Diên Khánh, tỉnh Khánh Hòa".');
      await field(page, 'reason').fill('Ghi quê quán theo đơn vị hành chính mới.');
    } else {
      await field(page, 'birthPlace').fill('Bệnh viện Đa khoa tỉnh Khánh Hòa');
      await field(page, 'previousRegistration').fill('Ủy ban nhân dân phường Nha Trang');
      await field(page, 'parents').fill('Cha: Nguyễn Văn Bình, 1960. Mẹ: Trần Thị Cúc, 1962.');
    }
    await field(page, 'declaration').check();
    await page.getByRole('button', { name: 'Tiếp tục đến thành phần hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thành phần hồ sơ' }).waitFor();
  }

  const birthSlot = (page: Page) => page.locator('[id="f-component:giay-khai-sinh"]');
  const reuseNote = (page: Page) => page.locator('[id="f-component:giay-khai-sinh-reused"]');
  /** On to the check page, which lists the files, and one "Gửi hồ sơ". */
  const submitted = async (page: Page) => {
    await page.getByRole('button', { name: 'Tiếp tục đến kiểm tra lại' }).click();
    // A missing paper keeps the person on the files step, with the error; otherwise the check page.
    await page.locator('h1').filter({ hasText: /Kiểm tra lại thông tin|Thành phần hồ sơ/ }).waitFor();
    if ((await page.locator('h1').textContent())?.includes('Kiểm tra lại thông tin')) await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    const text = (await page.locator('main').textContent()) ?? '';
    const code = /000\.\d\d\.\d\d\.H34-\d{6}-\d{4}/.exec(text)?.[0];
    return { text, code };
  };

  let placeOfB = NHA_TRANG;
  /** B is received at `agency` (one of its places) and the citizen applies there. */
  async function setService(agency: string) {
    await portal.database.db.updateTable('service').set({ agency_code: agency }).where('code', '=', B).execute();
    await portal.database.db.insertInto('service_implementation').values({ service_code: B, agency_code: agency }).onConflict((oc) => oc.columns(['service_code', 'agency_code']).doNothing()).execute();
    placeOfB = agency;
    clearSearchCache();
  }
  const setSharing = (on: boolean) => portal.database.db.updateTable('agency').set({ shares_data: on }).where('code', '=', PROVINCE).execute();

  test('A with G uploaded; after the commune receives A, B takes G from the store; expired, other province or sharing off: asked again', async () => {
    const { browser, database } = portal;
    const { db } = database;
    // Without JavaScript: the journey must work on the plainest browser (the pages enhance it otherwise).
    const citizen = await signedIn(browser, 'congdan', false);
    // axe runs its checks with the page's timers, so pages are checked in a browser with JavaScript.
    const checker = await signedIn(browser, 'congdan');

    // A: nothing in the store yet — G is asked for, and uploaded.
    await toComponents(citizen, A);
    assert.equal(await reuseNote(citizen).count(), 0);
    await birthSlot(citizen).setInputFiles(pdf('giay-khai-sinh'));
    await field(citizen, 'component:giay-to-can-cu').setInputFiles(pdf('can-cu'));
    const a = await submitted(citizen);
    assert.match(a.text, /Thông tin của quý khách đã được tiếp nhận/);
    assert.ok(a.code, a.text);

    // Before the commune receives A, G is only "provided": B still asks for it.
    await toComponents(citizen, B);
    assert.equal(await reuseNote(citizen).count(), 0);
    await checker.goto(`${portal.base}/kho-du-lieu`);
    assert.equal(await checker.getByText('Đã cung cấp, chờ cơ quan tiếp nhận').count(), 2, 'G and the evidence of A');
    await look(checker, 'store with a provided document');

    // The commune's officer receives A (status 2).
    const officer = await signedIn(browser, 'canbo.nhatrang');
    await officer.goto(`${portal.base}/can-bo/ho-so/${a.code}`);
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    assert.match((await officer.getByRole('status').textContent()) ?? '', /Được tiếp nhận/);

    // B at the same commune: G is not asked for again; the page names it, who accepted it, until when.
    await toComponents(citizen, B);
    const note = (await reuseNote(citizen).textContent()) ?? '';
    assert.match(note, /Đã có trong kho dữ liệu — không cần nộp lại/);
    assert.match(note, /Ủy ban nhân dân phường Nha Trang/);
    assert.match(note, /không thời hạn/);
    // Still a required paper, already satisfied: the label says so instead of calling it optional.
    assert.match((await citizen.locator('label[for="f-component:giay-khai-sinh"]').textContent()) ?? '', /bắt buộc — đã có trong kho dữ liệu/);
    await toComponents(checker, B);
    await look(checker, 'components of B with G reused');
    const b = await submitted(citizen);
    assert.match(b.text, /Thông tin của quý khách đã được tiếp nhận/);
    const bRow = await db.selectFrom('application').select('id').where('code', '=', b.code!).executeTakeFirstOrThrow();
    const attached = await db.selectFrom('application_attachment').select(['component_id', 'source', 'vault_document_id']).where('application_id', '=', bRow.id).execute();
    const g = await db.selectFrom('vault_document').select(['id', 'file_key']).where('kind_code', '=', 'giay-khai-sinh').executeTakeFirstOrThrow();
    assert.deepEqual(attached, [{ component_id: 'giay-khai-sinh', source: 'vault', vault_document_id: g.id }], 'attached by reference, no new copy');

    // The store's pages: the list, the document with its acceptance, the usage log with B's reuse.
    await checker.goto(`${portal.base}/kho-du-lieu`);
    assert.equal(await checker.getByText('Đã được cơ quan chấp nhận').count(), 2);
    await look(checker, 'store');
    await checker.getByRole('link', { name: 'Giấy khai sinh' }).first().click();
    assert.ok(await checker.getByText(new RegExp(`Ủy ban nhân dân phường Nha Trang — lúc .*, cùng hồ sơ ${a.code!.replaceAll('.', '\\.')}`)).isVisible());
    await look(checker, 'document');
    // Deleting it is refused while A and B are unfinished, with the reason.
    await checker.getByRole('button', { name: 'Xóa giấy tờ này' }).click();
    assert.match((await checker.getByRole('alert').textContent()) ?? '', /Không xóa được: giấy tờ đang thuộc hồ sơ chưa giải quyết xong/);
    await look(checker, 'document with the refusal');
    await checker.goto(`${portal.base}/kho-du-lieu/nhat-ky`);
    assert.ok(await checker.getByRole('cell', { name: b.code! }).first().isVisible());
    await look(checker, 'usage log');

    // Negative: G expired yesterday — B asks for it again, and will not go without it.
    const yesterday = new Date(Date.now() - 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);
    await db.updateTable('vault_document').set({ valid_until: yesterday }).where('id', '=', g.id).execute();
    await toComponents(citizen, B);
    assert.equal(await reuseNote(citizen).count(), 0);
    const refused = await submitted(citizen);
    assert.equal(refused.code, undefined);
    assert.match((await citizen.getByRole('alert').textContent()) ?? '', /Hãy chọn tệp cho "Bản sao Giấy khai sinh được cấp trước đây"/);
    await db.updateTable('vault_document').set({ valid_until: null }).where('id', '=', g.id).execute();

    // Negative: B offered by an agency of another province — G is asked for again.
    await db.insertInto('agency').values({ code: '000.00.00.H45', name: 'Ủy ban nhân dân tỉnh Ninh Thuận', kind: 'province', parent_code: null, shares_data: true }).execute();
    await db.insertInto('agency').values({ code: '000.20.01.H45', name: 'Ủy ban nhân dân phường Phan Rang', kind: 'commune', parent_code: '000.00.00.H45' }).execute();
    await setService('000.20.01.H45');
    await toComponents(citizen, B);
    assert.equal(await reuseNote(citizen).count(), 0);

    // Another commune of the same province: G counts while the province shares data, not when it stops.
    await setService('000.35.01.H34');
    await toComponents(citizen, B);
    assert.match((await reuseNote(citizen).textContent()) ?? '', /Ủy ban nhân dân phường Nha Trang/);
    await setSharing(false);
    await toComponents(citizen, B);
    assert.equal(await reuseNote(citizen).count(), 0);
    await setSharing(true);
    await setService(NHA_TRANG);
  });

  test('the administrators’ sharing switch passes axe and turns sharing off and on', async () => {
    const admin = await signedIn(portal.browser, 'quantri');
    await admin.goto(`${portal.base}/quan-tri/chia-se-du-lieu`);
    await look(admin, 'sharing switch');
    await admin.getByRole('button', { name: 'Tắt chia sẻ của Ủy ban nhân dân tỉnh Khánh Hòa' }).click();
    assert.match((await admin.getByRole('status').textContent()) ?? '', /Đã tắt chia sẻ/);
    await admin.getByRole('button', { name: 'Bật chia sẻ của Ủy ban nhân dân tỉnh Khánh Hòa' }).click();
    assert.match((await admin.getByRole('status').textContent()) ?? '', /Đã bật chia sẻ/);
  });
});
