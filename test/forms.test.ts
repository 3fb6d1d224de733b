// F1–F3: the pharmacist's e-form through real HTTP handling, on each database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../src/identity/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';

type Jar = Record<string, string>;
const remember = (jar: Jar, res: LightMyRequestResponse) => {
  for (const c of res.cookies) jar[c.name] = c.value;
  return jar;
};
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const URL = '/dich-vu-cong/1.004616/to-khai';

const GOOD: Record<string, string | string[]> = {
  fullName: 'Nguyễn Thị Lan',
  dateOfBirth: '12/04/1990',
  sex: 'nu',
  idNumber: '079190012345',
  idIssueDate: '10/06/2021',
  idIssuePlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
  'permanentAddress.province': 'Tỉnh Khánh Hòa',
  'permanentAddress.commune': 'Phường Nha Trang',
  'permanentAddress.detail': '12 Trần Phú',
  phone: '0912 345 678',
  degree: 'dai-hoc-duoc',
  degreeNumber: 'DH-0123456',
  degreeSchool: 'Trường Đại học Dược Hà Nội',
  graduationYear: '2013',
  scope: ['nha-thuoc', 'quay-thuoc'],
  method: 'xet-ho-so',
  'practice.0.place': 'Nhà thuốc Bệnh viện Đa khoa tỉnh Khánh Hòa',
  'practice.0.from': '01/09/2013',
  'practice.0.to': '31/08/2015',
  'practice.0.content': 'Bán lẻ thuốc, tư vấn sử dụng thuốc',
  'practice.1.place': '',
  declaration: 'true',
};

const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
};

describeEachDatabase('the pharmacist e-form (Mẫu số 02)', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    await seedDemoAccounts(get().db);
    app = await testApp(get().db);
  });
  after(() => app.close());

  async function post(jar: Jar, fields: Record<string, string | string[]>) {
    const page = await app.inject({ url: URL, cookies: jar });
    remember(jar, page);
    return app.inject({ method: 'POST', url: URL, cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: csrfOf(page.body), ...fields }) });
  }

  test('the form shows every field of Mẫu số 02 with its label and help', async () => {
    const res = await app.inject({ url: URL });
    assert.equal(res.statusCode, 200);
    for (const text of ['Đơn đề nghị cấp Chứng chỉ hành nghề dược', 'Kính gửi: Sở Y tế', 'Họ và tên', 'Ngày, tháng, năm sinh', 'Giới tính', 'Số Căn cước công dân', 'Nơi cấp', 'Địa chỉ thường trú', 'Số điện thoại', 'Văn bằng chuyên môn', 'Phạm vi hoạt động chuyên môn đề nghị cấp', 'Hình thức đề nghị cấp', 'Cơ sở thực hành 1', 'Tôi xin cam đoan', 'Giấy xác nhận thời gian thực hành chuyên môn']) {
      assert.ok(res.body.includes(text), `missing: ${text}`);
    }
    assert.match(res.body, /Chỉ khai khi chọn “Văn bằng, chứng chỉ, giấy chứng nhận khác về y dược cổ truyền”/);
    assert.doesNotMatch(res.body, /<script(?! type="application\/ld\+json")/, 'no script is needed');
  });

  test('the API gives the form, its dossier components with their document kinds, and an example that validates', async () => {
    const res = await app.inject('/api/v1/services/1.004616/form');
    assert.equal(res.statusCode, 200);
    const body = res.json() as { version: string; definition: { sections: unknown[] }; components: { id: string; kind: string }[]; example: Record<string, unknown> };
    assert.match(body.version, /@/);
    assert.ok(body.definition.sections.length > 0);
    assert.ok(body.components.some((c) => c.id === 'van-bang' && c.kind === 'van-bang-chuyen-mon'));
    assert.equal(typeof body.example.fullName, 'string');
    const missing = await app.inject('/api/v1/services/9.999999/form');
    assert.equal(missing.statusCode, 404);
    assert.match((missing.json() as { error: { message: string } }).error.message, /không có tờ khai điện tử/);
  });

  test('a service without an e-form, or an unknown code, gets a Vietnamese 404 page', async () => {
    for (const url of ['/dich-vu-cong/1.001193/to-khai', '/dich-vu-cong/9.999999/to-khai', '/dich-vu-cong/abc/to-khai']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /chưa có tờ khai điện tử/);
    }
  });

  test('an incomplete form comes back with every error listed and linked, and what was typed kept', async () => {
    const res = await post({}, { fullName: 'Trần Văn Bình', idNumber: '12345', phone: '123', scope: 'khong-co', degree: 'khac' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Có \d+ lỗi cần sửa/);
    assert.match(res.body, /<a href="#f-dateOfBirth">Hãy nhập ngày, tháng, năm sinh\.<\/a>/);
    assert.match(res.body, /Số CCCD gồm 12 chữ số/);
    assert.match(res.body, /Số điện thoại di động không hợp lệ/);
    assert.match(res.body, /Hãy nhập tên văn bằng, chứng chỉ khác/);
    assert.match(res.body, /href="#f-declaration"/);
    assert.match(res.body, /href="#f-practice"/);
    assert.match(res.body, /value="Trần Văn Bình"/);
    assert.match(res.body, /aria-invalid="true"/);
  });

  test('complete answers lead to the check page listing every answer, and back to edit keeps them', async () => {
    const jar: Jar = {};
    const res = await post(jar, { ...GOOD, unknownField: 'bỏ qua' });
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    assert.match(res.body, /<h1>Kiểm tra lại thông tin<\/h1>/);
    for (const text of ['Nguyễn Thị Lan', '12/04/1990', 'Nữ', '079190012345', '12 Trần Phú, Phường Nha Trang, Tỉnh Khánh Hòa', '0912345678', 'Bằng tốt nghiệp đại học ngành dược (Dược sĩ)', '2013', 'Người chịu trách nhiệm chuyên môn về dược của nhà thuốc', 'Xét hồ sơ', 'Cơ sở thực hành 1', '01/09/2013', 'Đã xác nhận']) {
      assert.ok(res.body.includes(text), `missing: ${text}`);
    }
    assert.doesNotMatch(res.body, /bỏ qua/);
    assert.doesNotMatch(res.body, /Gửi hồ sơ/, 'no submit button that does nothing');
    const back = await app.inject({ method: 'POST', url: URL, cookies: jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: csrfOf(res.body), _action: 'sua', ...GOOD }) });
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /value="Nguyễn Thị Lan"/);
    assert.match(back.body, /value="nha-thuoc" checked/);
    assert.doesNotMatch(back.body, /lỗi cần sửa/);
  });

  test('a post without the form token is refused', async () => {
    const res = await app.inject({ method: 'POST', url: URL, payload: { fullName: 'X' } });
    assert.equal(res.statusCode, 403);
  });

  test('signed in, stored profile data is offered and filled only when the person asks', async () => {
    const jar: Jar = {};
    const citizen = DEMO_ACCOUNTS.find((a) => a.role === 'citizen')!;
    const page = await app.inject({ url: '/dang-nhap', cookies: jar });
    remember(jar, page);
    const signIn = await app.inject({ method: 'POST', url: '/dang-nhap', cookies: jar, payload: { _csrf: csrfOf(page.body), login: citizen.username, password: DEMO_PASSWORD } });
    assert.equal(signIn.statusCode, 303, signIn.body);
    remember(jar, signIn);
    const offer = await app.inject({ url: URL, cookies: jar });
    assert.match(offer.body, /Thông tin đã lưu trong tài khoản/);
    assert.match(offer.body, /Dùng thông tin đã lưu/);
    assert.doesNotMatch(offer.body, new RegExp(`id="f-fullName"[^>]*value="${citizen.fullName}"`), 'not filled silently');
    const used = await app.inject({ url: `${URL}?dung-thong-tin-da-luu=1`, cookies: jar });
    assert.match(used.body, new RegExp(`value="${citizen.fullName}"`));
    assert.match(used.body, /đã được điền vào các ô tương ứng/);
  });
});
