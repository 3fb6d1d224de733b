// The one-stop back office end to end in Chromium (A3–A5, Q3, V3; Art. 11.3): an officer of the
// Department of Health records a paper dossier at the counter for a new applicant, typing the
// e-form and digitising each paper with its form, copies and check against the original; the head
// of unit assigns it, it goes to the unit under the department and back, the leader approves, the
// officer issues the result and returns it. Each one-stop paper is downloaded through the page's
// links and read back with pdftotext; the rows written and the Art. 11.3 figures are checked at the
// end. Every page passes axe at 1280 and 375 px.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seedWorkflowDemo } from '../../src/applications/index.ts';
import { DEMO_PASSWORD } from '../../src/identity/index.ts';
import { dayVi, timeVi } from '../../src/web/format.ts';
import { assertAccessible } from '../helpers/browser.ts';
import { assertMoved, snapshot } from '../helpers/counts.ts';
import { PHARMACIST_ANSWERS } from '../helpers/form-answers.ts';
import { portalInBrowser, seedDemoCatalogAndAccounts } from '../helpers/portal-browser.ts';
import { openSignedIn } from '../helpers/sign-in.ts';
import { jpeg, pdf } from '../helpers/submission.ts';

const SERVICE = '1.004616';
const AGENCY = '000.00.12.H34';
const SUBUNIT = 'Phòng Nghiệp vụ Dược, Sở Y tế tỉnh Khánh Hòa';
const CCCD = PHARMACIST_ANSWERS.idNumber as string;
/** The papers on the desk: each scan, its paper form and copies. The first two are the dossier's two papers scanned first. */
const PAPERS = [
  { component: 'van-bang', file: { name: 'van-bang.pdf', mimeType: 'application/pdf', buffer: pdf(4096) }, form: 'ban-sao-chung-thuc', copies: '2', reads: 'bản sao có chứng thực, 2 bản' },
  { component: 'anh-chan-dung', file: { name: 'anh-chan-dung.jpg', mimeType: 'image/jpeg', buffer: jpeg(4096) }, form: 'ban-chinh', copies: '2', reads: 'bản chính, 2 bản' },
  { component: 'suc-khoe', file: { name: 'suc-khoe.pdf', mimeType: 'application/pdf', buffer: pdf() }, form: 'ban-chinh', copies: '1', reads: 'bản chính, 1 bản' },
  { component: 'xac-nhan-thuc-hanh', file: { name: 'xac-nhan.jpg', mimeType: 'image/jpeg', buffer: jpeg() }, form: 'ban-sao', copies: '1', reads: 'bản sao, 1 bản' },
] as const;

const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-back-office-'));
let n = 0;
/** The text of a PDF as pdftotext reads it, spaces folded. */
function textOf(body: Buffer): string {
  const file = path.join(dir, `p${++n}.pdf`);
  writeFileSync(file, body);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
const has = (text: string, what: string, ...expected: string[]) => {
  for (const e of expected) assert.ok(text.includes(e), `${what} reads "${e}"; it reads: ${text.slice(0, 3000)}`);
};

describe('the back office in Chromium: counter intake to returned result', () => {
  const portal = portalInBrowser({ seed: async (db) => (await seedDemoCatalogAndAccounts(db), await seedWorkflowDemo(db)) });

  async function look(page: Page, label: string) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await assertAccessible(page, `${label} at ${width} px`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** Types the pharmacist's answers into the e-form's inputs by name: ticks the radio or box with the value, picks the option, or fills the box. */
  async function fillEForm(page: Page) {
    const form = page.locator('form[action="/can-bo/tiep-nhan"]');
    for (const [name, value] of Object.entries(PHARMACIST_ANSWERS)) {
      const inputs = form.locator(`[name="${name}"]:not([type=hidden])`);
      assert.ok((await inputs.count()) > 0, `the e-form has an input named ${name}`);
      const type = await inputs.first().evaluate((el) => (el.tagName === 'SELECT' ? 'select' : el.tagName === 'TEXTAREA' ? 'text' : (el as HTMLInputElement).type));
      for (const v of [value].flat()) {
        if (type === 'radio' || type === 'checkbox') await form.locator(`[name="${name}"][value="${v}"]`).check();
        else if (type === 'select') await inputs.first().selectOption(v);
        else await inputs.first().fill(v);
      }
    }
  }

  async function attach(page: Page, papers: readonly (typeof PAPERS)[number][]) {
    for (const p of papers) {
      await page.locator(`input[type=file][name="component:${p.component}"]`).setInputFiles(p.file);
      await page.locator(`select[name="paper.${p.component}.form"]`).selectOption(p.form);
      await page.locator(`input[name="paper.${p.component}.copies"]`).fill(p.copies);
      await page.locator(`input[name="paper.${p.component}.matches"]`).check();
    }
  }

  test('recorded at the counter, assigned, transferred and returned, approved, resolved and returned; the papers read back; the figures count it', { timeout: 300_000 }, async () => {
    const { db } = portal.database;
    const start = await snapshot(db);
    const as = (user: string, to: string) => openSignedIn(portal.browser, portal.base, user, DEMO_PASSWORD, to);

    // The counter: who and what, then the dossier typed from the paper form.
    const officer = await as('canbo.syt', '/can-bo/tiep-nhan');
    officer.context().setDefaultTimeout(20_000);
    await officer.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ trực tiếp' }).waitFor();
    await look(officer, 'counter, step 1');
    await officer.getByLabel('Số CCCD của người nộp').fill(CCCD);
    await officer.getByLabel('Thủ tục').selectOption(SERVICE);
    await officer.getByLabel('Nơi tiếp nhận').selectOption(AGENCY);
    await officer.getByRole('button', { name: 'Tiếp tục' }).click();
    await officer.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ (số hóa)' }).waitFor();
    assert.match(await officer.locator('main').innerText(), new RegExp(`Chưa có tài khoản với số CCCD ${CCCD}`));
    await look(officer, 'counter, step 2');
    await officer.locator('input[name="applicant.fullName"]').fill(PHARMACIST_ANSWERS.fullName as string);
    await officer.locator('input[name="applicant.dateOfBirth"]').fill(PHARMACIST_ANSWERS.dateOfBirth as string);
    await officer.locator('input[name="applicant.phone"]').fill('0935 246 810');
    await officer.locator('input[name="applicant.email"]').fill('lan.nguyen@example.vn');
    await officer.locator('input[name="applicant.address"]').fill('12 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa');
    await fillEForm(officer);

    // Two papers scanned, the procedure asks for four: refused, each missing paper named, nothing stored.
    await attach(officer, PAPERS.slice(0, 2));
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await officer.locator('.error-summary').waitFor();
    const summary = (await officer.locator('.error-summary').innerText()).replace(/\s+/g, ' ');
    assert.match(summary, /Hãy chọn tệp cho "Giấy chứng nhận đủ sức khỏe[^"]*"/);
    assert.match(summary, /Hãy chọn tệp cho "[^"]*thực hành[^"]*"/i);
    assert.doesNotMatch(summary, /văn bằng|ảnh chân dung/i);
    await look(officer, 'counter, refused');
    await assertMoved(db, start, {}, 'an intake missing two papers');

    // The four papers: each scan again (a refused intake keeps none), with its form and copies.
    await attach(officer, PAPERS);
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await officer.waitForURL(/\/can-bo\/ho-so\/[^/?]+\?tiep-nhan=1$/);
    const code = decodeURIComponent(new URL(officer.url()).pathname.split('/').pop()!);
    const home = `/can-bo/ho-so/${code}`;
    const receiptLink = officer.getByRole('link', { name: 'In Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)' });
    assert.equal(await receiptLink.getAttribute('href'), `${home}/giay-to/tiep-nhan.pdf`);
    await look(officer, 'counter, received');
    const stored = await db.selectFrom('application').select(['id', 'status', 'step', 'channel', 'due_date', 'unit_code', 'applicant_id']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.deepEqual({ status: stored.status, step: stored.step, channel: stored.channel, unit: stored.unit_code }, { status: 2, step: 'assignment', channel: 'truc-tiep', unit: AGENCY });
    const applicant = await db.selectFrom('account').select(['username', 'full_name', 'role']).where('id', '=', stored.applicant_id).executeTakeFirstOrThrow();
    assert.deepEqual(applicant, { username: `cd${CCCD}`, full_name: PHARMACIST_ANSWERS.fullName, role: 'citizen' });
    const scans = await db.selectFrom('application_attachment').select(['component_id', 'paper_form', 'paper_copies', 'matches_original', 'digitised_by_name']).where('application_id', '=', stored.id).orderBy('component_id').execute();
    assert.deepEqual(
      scans,
      PAPERS.map((p) => ({ component_id: p.component, paper_form: p.form, paper_copies: Number(p.copies), matches_original: true, digitised_by_name: 'Trần Thị Bình' })).sort((a, b) => a.component_id.localeCompare(b.component_id)),
    );
    // One application, its four scans, the notices "stored" and "received" (email and text message
    // each), its log from 1 to 2, no hop yet; counted at once as received at the counter, not online.
    const received = await assertMoved(db, start, { application: 1, application_attachment: 4, notice: 2, delivery: 4, application_event: 2, counter_received: 1 }, 'the counter intake');

    // The head of unit assigns it to the officer.
    const head = await as('truongphong.syt', home);
    await head.getByLabel('Cán bộ xử lý').selectOption({ label: 'Trần Thị Bình' });
    await head.getByRole('button', { name: 'Phân công' }).click();
    await head.getByText('Đã phân công xử lý hồ sơ.').waitFor();
    await look(head, 'assigned');
    await head.context().close();

    // The officer transfers it to the unit under the department, which takes it and returns it.
    await officer.goto(`${portal.base}${home}`);
    await officer.getByLabel('Đơn vị nhận', { exact: true }).selectOption({ label: SUBUNIT });
    await officer.getByLabel('Số ngày làm việc cho đơn vị nhận').fill('3');
    await officer.getByLabel('Nội dung chuyển').fill('Xin ý kiến thẩm định văn bằng');
    await officer.getByRole('button', { name: 'Chuyển hồ sơ' }).click();
    await officer.getByText('Đã chuyển hồ sơ sang đơn vị khác.').waitFor();
    await look(officer, 'transferred');

    const unit = await as('canbo.duoc', home);
    await unit.getByRole('button', { name: 'Nhận xử lý hồ sơ' }).click();
    await unit.getByLabel('Kết quả, ý kiến của đơn vị').waitFor();
    await look(unit, 'taken by the unit');
    await unit.getByLabel('Kết quả, ý kiến của đơn vị').fill('Văn bằng hợp lệ, đủ điều kiện cấp chứng chỉ');
    await unit.getByRole('button', { name: 'Trả về đơn vị chuyển' }).click();
    await unit.getByRole('heading', { level: 1, name: 'Đã trả hồ sơ về đơn vị chuyển.' }).waitFor();
    await look(unit, 'returned by the unit');
    await unit.context().close();

    // Sent for approval; the leader approves.
    await officer.reload();
    await officer.getByRole('button', { name: 'Trình duyệt' }).click();
    await officer.getByText('Đã trình lãnh đạo duyệt.').waitFor();
    await look(officer, 'sent for approval');
    const leader = await as('lanhdao.syt', home);
    await leader.getByLabel('Duyệt', { exact: true }).check();
    await leader.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await leader.getByText('Đã gửi ý kiến của lãnh đạo.').waitFor();
    await look(leader, 'approved');
    await leader.context().close();

    // The result, signed, then handed to the applicant.
    await officer.reload();
    await officer.getByRole('link', { name: 'Đã xử lý xong' }).click();
    await officer.getByLabel('Tạo văn bản "Kết quả giải quyết" từ mẫu').waitFor();
    await look(officer, 'result page');
    await officer.getByLabel('Tạo văn bản "Kết quả giải quyết" từ mẫu').check();
    await officer.getByLabel('Nội dung giải quyết').fill('Cấp Chứng chỉ hành nghề dược số 045/CCHN-D-SYT-KH cho bà Nguyễn Thị Lan.');
    await officer.getByRole('button', { name: 'Ký số và hoàn thành xử lý' }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã xử lý xong' }).waitFor();
    await look(officer, 'resolved');
    await officer.getByRole('button', { name: 'Đã trả kết quả' }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã trả kết quả' }).waitFor();
    await look(officer, 'returned');
    const closed = await db.selectFrom('application').select(['status', 'step']).where('code', '=', code).executeTakeFirstOrThrow();
    assert.deepEqual(closed, { status: 10, step: 'closed' });
    const hops = await db.selectFrom('application_hop').select(['kind', 'actor_name', 'to_account_name', 'to_unit', 'at', 'done_at']).where('application_id', '=', stored.id).orderBy('at').orderBy('id').execute();

    // Each one-stop paper the page links, downloaded with the officer's session and read back.
    const panel = officer.locator('section[aria-labelledby="papers-heading"]');
    await panel.waitFor();
    const links = await panel.locator('a[href$=".pdf"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    assert.ok(links.includes(`${home}/giay-to/tiep-nhan.pdf`) && links.includes(`${home}/giay-to/kiem-soat.pdf`), `the papers panel links the receipt and the control sheet: ${links.join(', ')}`);
    const papers: Record<string, string> = {};
    for (const href of links) {
      const res = await officer.request.get(`${portal.base}${href}`);
      assert.equal(res.status(), 200, href);
      assert.equal(res.headers()['content-type'], 'application/pdf', href);
      papers[href.split('/').pop()!.replace(/\.pdf$/, '')] = textOf(await res.body());
    }
    const due = dayVi(stored.due_date);
    has(papers['tiep-nhan']!, 'the receipt', 'Mẫu số 01', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', code, PHARMACIST_ANSWERS.fullName as string, 'trực tiếp tại Bộ phận Một cửa', 'Thành phần hồ sơ đã nhận', ...PAPERS.map((p) => p.reads), `Ngày hẹn trả kết quả: ${due}`, 'Trần Thị Bình');
    assert.ok(!papers['tiep-nhan']!.includes('bản điện tử:'), 'each paper received is named by its form');
    const sheet = papers['kiem-soat']!;
    has(sheet, 'the control sheet', 'Mẫu số 05', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', code, 'Xin ý kiến thẩm định văn bằng', 'Trả về 000.00.12.H34.', 'đủ điều kiện cấp chứng chỉ', 'Trạng thái: Đã trả kết quả');
    // Each hop a row of its own, in the order it happened: when (the minute and the Vietnam day), what, who handed it over and who received it.
    const rows = [
      ['Phân công xử lý', 'Võ Thị Giang, Sở Y tế Trần Thị Bình, Sở Y tế'],
      ['Chuyển xử lý', 'Trần Thị Bình, Sở Y tế Phòng Nghiệp vụ Dược,'],
      ['Phân công xử lý', 'Bùi Thị Khánh, Phòng Bùi Thị Khánh, Phòng'],
      ['Chuyển trả', 'Bùi Thị Khánh, Phòng Trần Thị Bình, Sở Y tế'],
      ['Trình phê duyệt', 'Trần Thị Bình, Sở Y tế Sở Y tế tỉnh Khánh Hòa'],
      ['Phê duyệt', 'Đặng Văn Hải, Sở Y tế Trần Thị Bình, Sở Y tế'],
    ] as const;
    assert.equal(hops.length, rows.length);
    let from = 0;
    rows.forEach(([what, who], i) => {
      const [hhmm, day] = timeVi(hops[i]!.at).split(' ngày ');
      const at = sheet.indexOf(`${hhmm} ngày ${what} ${who}`, from);
      assert.ok(at > from, `the control sheet has the row "${hhmm} ngày ${what} ${who}" after the one before; it reads: ${sheet.slice(from, from + 800)}`);
      // The cell's day wraps under its time: it follows within the row.
      assert.ok(sheet.slice(at, at + 160).includes(day!), `the row "${what} ${who}" is dated ${day}: ${sheet.slice(at, at + 160)}`);
      from = at;
    });

    // What the workflow wrote: each hop with who did it, to whom and where, each closed by the next;
    // the log beside the national statuses; three notices to the applicant (processing, resolved,
    // returned); the result signed apart from the scans; no figure moved after reception.
    assert.deepEqual(
      hops.map((h) => [h.kind, h.actor_name, h.to_account_name, h.to_unit]),
      [
        ['assignment', 'Võ Thị Giang', 'Trần Thị Bình', AGENCY],
        ['transfer', 'Trần Thị Bình', null, `${AGENCY}.01`],
        ['assignment', 'Bùi Thị Khánh', 'Bùi Thị Khánh', `${AGENCY}.01`],
        ['return', 'Bùi Thị Khánh', 'Trần Thị Bình', AGENCY],
        ['approval-request', 'Trần Thị Bình', null, AGENCY],
        ['approval', 'Đặng Văn Hải', 'Trần Thị Bình', AGENCY],
      ],
    );
    assert.ok(hops.every((h) => h.done_at), 'every hop is closed once the result is returned');
    const events = await db.selectFrom('application_event').select(['status_from', 'status_to', 'kind']).where('application_id', '=', stored.id).orderBy('at').orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => `${e.status_from ?? '-'}>${e.status_to}${e.kind ? ` ${e.kind}` : ''}`),
      ['->1', '1>2', '2>2 assignment', '2>4', '4>4 transfer', '4>4 assignment', '4>4 return', '4>4 approval-request', '4>4 approval', '4>9', '9>10'],
    );
    assert.equal((await db.selectFrom('application_result').select('id').where('application_id', '=', stored.id).execute()).length, 1, 'one signed result');
    const after = await assertMoved(db, received, { notice: 3, delivery: 6, application_event: 9, application_hop: 6 }, 'assignment to returned result');

    // Art. 11.3: the manager's dashboard counts the counter dossier.
    const manager = await as('lanhdao', '/quan-ly/thong-ke');
    await manager.getByRole('heading', { level: 1, name: /^Thống kê giải quyết hồ sơ/ }).waitFor();
    const fact = async (term: RegExp) => ((await manager.locator('dl div').filter({ has: manager.locator('dt', { hasText: term }) }).first().locator('dd').textContent()) ?? '').trim();
    assert.equal(Number(await fact(/^Hồ sơ tiếp nhận trực tiếp\/bưu chính$/)), after.counter_received);
    assert.match(await fact(/^Tổng hồ sơ tiếp nhận/), new RegExp(`^${after.online_received + after.counter_received + after.offline_received} \\(${after.counter_received + after.offline_received} trực tiếp/bưu chính`));
    await look(manager, 'dashboard');
    await manager.context().close();
    await officer.context().close();
  });
});
