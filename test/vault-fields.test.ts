// V1, V4, F3 on each database: the data fields of an application (name, CCCD, addresses, degree …)
// enter the applicant's store when the agency receives it; the next e-form offers them with their
// source and fills them only when asked; a submission that gives them again is logged as their
// reuse; the owner sees and deletes them; nobody else ever sees them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { formBody } from './helpers/form-answers.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const SERVICE = '1.004616'; // Cấp chứng chỉ hành nghề dược — Sở Y tế; its e-form declares the data fields
const FORM = `/dich-vu-cong/${SERVICE}/to-khai`;
const example = demoDefinition(SERVICE)!.example!;
// What Lan wrote in her first application: the phone differs from her account's, the rest agrees or is new.
const FIRST = { ...example, phone: '0987654321', idIssuePlace: 'Cục Cảnh sát QLHC về TTXH' };

/** The value an input of the e-form shows, by its id. */
const valueOf = (html: string, id: string) => new RegExp(`<input[^>]*id="${id.replace('.', '\\.')}"[^>]*>`).exec(html)?.[0].match(/value="([^"]*)"/)?.[1];

describeEachDatabase('data fields in the user’s data store (V1, V4, F3)', (get) => {
  let app: FastifyInstance;
  let agency = '';
  const tokens: Record<string, string> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    agency = (await db.selectFrom('service').select('agency_code').where('code', '=', SERVICE).executeTakeFirstOrThrow()).agency_code;
    await createAccount(db, { username: 'lan.duoc', password: TEST_PASSWORD, fullName: 'Nguyễn Thị Lan', phone: '0912345678', idNumber: '079190012345' });
    await createAccount(db, { username: 'khac.dan', password: TEST_PASSWORD, fullName: 'Lê Văn Khác' });
    await createAccount(db, { username: 'cb.syt', password: TEST_PASSWORD, fullName: 'Cán bộ Sở Y tế', role: 'officer', agencyCode: agency });
    app = await testApp(db);
    for (const u of ['lan.duoc', 'khac.dan', 'cb.syt']) {
      tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
    }
  });
  after(() => app.close());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const submit = async (user: string, data: Record<string, unknown>) => {
    const res = await app.inject(apiSubmission(as(user), SERVICE, data));
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { code: string }).code;
  };
  const fields = async (user: string) =>
    ((await app.inject({ url: '/api/v1/me/documents', headers: as(user) })).json() as { fields: { key: string; label: string; value: string; agencyName: string; application: string }[] }).fields;
  const usage = async (user: string) => ((await app.inject({ url: '/api/v1/me/documents/usage', headers: as(user) })).json() as { items: { field: string | null; fieldLabel: string | null; application: string; agency: string; action: string }[] }).items;
  async function post(jar: Jar, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const page = await app.inject({ url: FORM, cookies: jar });
    remember(jar, page);
    const res = await app.inject({ method: 'POST', url: FORM, cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfOf(page.body), ...fields }) });
    remember(jar, res);
    return res;
  }

  let first = '';

  test('an application’s data fields enter the store only when the agency receives it, with that agency and application', async () => {
    first = await submit('lan.duoc', FIRST);
    assert.deepEqual(await fields('lan.duoc'), [], 'nothing before reception');
    const moved = await app.inject({ method: 'POST', url: `/api/v1/applications/${first}/status`, headers: as('cb.syt'), payload: { status: 2 } });
    assert.equal(moved.statusCode, 200, moved.body);
    const stored = Object.fromEntries((await fields('lan.duoc')).map((f) => [f.key, f]));
    assert.equal(stored.fullName?.value, 'Nguyễn Thị Lan');
    assert.equal(stored.sex?.value, 'Nữ');
    assert.equal(stored.dateOfBirth?.value, '12/04/1990');
    assert.equal(stored.permanentAddress?.value, '12 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa');
    assert.equal(stored.phone?.value, '0987654321');
    assert.equal(stored.degreeNumber?.label, 'Số hiệu văn bằng');
    assert.equal(stored.degreeNumber?.value, 'DH-0123456');
    for (const f of Object.values(stored)) assert.equal(f.application, first);
    assert.ok(Object.values(stored).every((f) => /Sở Y tế/.test(f.agencyName)), 'the agency that accepted them');
    assert.deepEqual(await fields('khac.dan'), [], 'nobody else’s store');
  });

  test('the next e-form offers them with their source, fills nothing silently, and asks which value where they differ', async () => {
    const jar = await signedIn(app, 'lan.duoc', TEST_PASSWORD);
    const page = await app.inject({ url: FORM, cookies: jar });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Thông tin đã lưu trong tài khoản và kho dữ liệu/);
    assert.match(page.body, new RegExp(`Cục Cảnh sát QLHC về TTXH <span class="saved-source">\\(nguồn: kho dữ liệu — Sở Y tế[^)]*đã tiếp nhận lúc [^)]* cùng hồ sơ ${first.replace(/\./g, '\\.')}\\)`));
    assert.match(page.body, /Nguyễn Thị Lan <span class="saved-source">\(nguồn: thông tin tài khoản; Sở Y tế/, 'the same value in both: one line naming both sources');
    // The phone differs: one radio per source, the account's chosen unless the person picks another.
    assert.match(page.body, /<legend>Số điện thoại: chọn giá trị muốn dùng/);
    assert.match(page.body, /name="_nguon\.phone" value="tai-khoan" checked/);
    assert.match(page.body, /name="_nguon\.phone" value="kho"/);
    assert.equal(valueOf(page.body, 'f-idIssuePlace') ?? '', '', 'nothing filled silently');
    assert.equal(valueOf(page.body, 'f-phone') ?? '', '');
    await get().db.deleteFrom('form_draft').execute();
  });

  test('choosing the stored values fills each field from the chosen source and says where each came from', async () => {
    const jar = await signedIn(app, 'lan.duoc', TEST_PASSWORD);
    const used = await post(jar, { _step: '0', _action: 'dung-thong-tin', '_nguon.phone': 'kho', degreeNumber: 'GIU-LAI' });
    assert.equal(used.statusCode, 200);
    assert.match(used.body, /đã được điền vào các ô tương ứng/);
    assert.equal(valueOf(used.body, 'f-phone'), '0987654321', 'the store’s phone, as chosen');
    assert.equal(valueOf(used.body, 'f-idIssuePlace'), 'Cục Cảnh sát QLHC về TTXH');
    assert.equal(valueOf(used.body, 'f-idIssueDate'), '10/06/2021');
    assert.equal(valueOf(used.body, 'f-permanentAddress.detail'), '12 Trần Phú');
    assert.match(used.body, /<input type="radio" id="f-sex-1" name="sex" value="nu" checked/);
    assert.match(used.body, /Số điện thoại: 0987654321 <span class="saved-source">\(nguồn: kho dữ liệu — Sở Y tế/);
    assert.match(used.body, /name="degreeNumber" value="GIU-LAI"/, 'what was typed on another step stays');
    // Without a choice, the account's value; by link too (no JavaScript, no form).
    const byDefault = await post(jar, { _step: '0', _action: 'dung-thong-tin' });
    assert.equal(valueOf(byDefault.body, 'f-phone'), '0912345678');
    const byLink = await app.inject({ url: `${FORM}?dung-thong-tin-da-luu=1&buoc=2`, cookies: jar });
    assert.equal(valueOf(byLink.body, 'f-degreeSchool'), 'Trường Đại học Dược Hà Nội', 'step 2’s fields from the store');
    // A made-up source is no source: the first one is used.
    const odd = await post(jar, { _step: '0', _action: 'dung-thong-tin', '_nguon.phone': "kho' OR 1=1" });
    assert.equal(valueOf(odd.body, 'f-phone'), '0912345678');
    await get().db.deleteFrom('form_draft').execute();
  });

  test('a submission that gives stored fields again logs each reuse with the application and the agency; changed values are not reuses', async () => {
    const second = await submit('lan.duoc', { ...FIRST, degreeNumber: 'DH-MOI-999' });
    const log = (await usage('lan.duoc')).filter((u) => u.application === second);
    const keys = log.map((u) => u.field).sort();
    assert.ok(keys.includes('fullName') && keys.includes('phone') && keys.includes('idIssuePlace') && keys.includes('degree'), keys.join());
    assert.ok(!keys.includes('degreeNumber'), 'a new degree number is not a reuse');
    assert.ok(log.every((u) => u.action === 'reuse' && u.agency === agency));
    assert.equal(log.find((u) => u.field === 'idIssuePlace')?.fieldLabel, 'Nơi cấp CCCD, CMND');
    assert.deepEqual((await usage('lan.duoc')).filter((u) => u.application === first), [], 'the first application reused nothing');
    const jar = await signedIn(app, 'lan.duoc', TEST_PASSWORD);
    const page = await app.inject({ url: '/kho-du-lieu/nhat-ky', cookies: jar });
    assert.match(page.body, /Thông tin: Nơi cấp CCCD, CMND/);
    assert.ok(page.body.includes(second));
  });

  test('“Kho dữ liệu của tôi” lists the fields with their source; the owner deletes one and the form stops offering it', async () => {
    const jar = await signedIn(app, 'lan.duoc', TEST_PASSWORD);
    const store = await app.inject({ url: '/kho-du-lieu', cookies: jar });
    assert.match(store.body, /Thông tin từ hồ sơ đã được tiếp nhận/);
    assert.match(store.body, /<th scope="row">Nơi cấp CCCD, CMND<\/th><td[^>]*>Cục Cảnh sát QLHC về TTXH<\/td><td[^>]*>[^<]*Sở Y tế[^<]* tiếp nhận lúc /);
    const res = await submitForm(app, jar, '/kho-du-lieu', '/kho-du-lieu/thong-tin/idIssuePlace/xoa', {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/kho-du-lieu?da-xoa-thong-tin=1#thong-tin-da-tiep-nhan');
    assert.ok(!(await fields('lan.duoc')).some((f) => f.key === 'idIssuePlace'));
    assert.ok((await fields('lan.duoc')).some((f) => f.key === 'idIssueDate'), 'only that one');
    const after = await app.inject({ url: '/kho-du-lieu?da-xoa-thong-tin=1', cookies: jar });
    assert.match(after.body, /Đã xóa thông tin khỏi kho dữ liệu/);
    assert.doesNotMatch((await app.inject({ url: FORM, cookies: jar })).body, /Cục Cảnh sát QLHC về TTXH/, 'no longer offered');
    // The log keeps its past uses, saying the field has left the store.
    assert.match((await app.inject({ url: '/kho-du-lieu/nhat-ky', cookies: jar })).body, /Thông tin: idIssuePlace \(đã xóa khỏi kho\)/);
  });

  test('someone else’s fields never appear and cannot be deleted by them; a missing field or a form without its token changes nothing', async () => {
    const other = await signedIn(app, 'khac.dan', TEST_PASSWORD);
    const page = await app.inject({ url: FORM, cookies: other });
    assert.doesNotMatch(page.body, /Nguyễn Thị Lan|0987654321|Sở Y tế[^<]*tiếp nhận/);
    assert.doesNotMatch((await app.inject({ url: '/kho-du-lieu', cookies: other })).body, /Nguyễn Thị Lan|DH-0123456/);
    const before = (await fields('lan.duoc')).length;
    const theirs = await submitForm(app, other, '/kho-du-lieu', '/kho-du-lieu/thong-tin/degreeNumber/xoa', {});
    assert.equal(theirs.statusCode, 404);
    assert.match(theirs.body, /Không có thông tin này trong kho dữ liệu của bạn/);
    assert.equal((await fields('lan.duoc')).length, before);
    const owner = await signedIn(app, 'lan.duoc', TEST_PASSWORD);
    assert.equal((await submitForm(app, owner, '/kho-du-lieu', `/kho-du-lieu/thong-tin/${encodeURIComponent("x' OR '1'='1")}/xoa`, {})).statusCode, 404);
    assert.equal((await app.inject({ method: 'POST', url: '/kho-du-lieu/thong-tin/degreeNumber/xoa', cookies: owner, payload: { _csrf: 'sai' } })).statusCode, 403);
    assert.equal((await fields('lan.duoc')).length, before);
    const visitor = await app.inject({ method: 'POST', url: '/kho-du-lieu/thong-tin/degreeNumber/xoa' });
    assert.ok([303, 403].includes(visitor.statusCode));
    assert.equal((await fields('lan.duoc')).length, before);
  });
});
