// S1: accounts, sign-in, sessions, CSRF and locks, through real HTTP handling on each database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAccount } from '../src/identity/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, submitForm, type Jar } from './helpers/session.ts';

describeEachDatabase('accounts and sign-in', (get) => {
  let app: FastifyInstance;
  before(async () => {
    app = await testApp(get().db);
  });
  after(() => app.close());

  const submit = (jar: Jar, page: string, action: string, fields: Record<string, string>, token?: string) => submitForm(app, jar, page, action, fields, token);

  const accounts = async () => Number((await get().db.selectFrom('account').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  test('a citizen registers, lands on the profile signed in, with a secure session cookie', async () => {
    const jar: Jar = {};
    const res = await submit(jar, '/dang-ky', '/dang-ky', {
      fullName: 'Nguyễn Thị Lan',
      username: 'lan.nguyen',
      password: 'Hoa-sen-2026',
      email: 'lan@example.vn',
      phone: '0912 345 678',
      idNumber: '001190012345',
      dateOfBirth: '1990-04-12',
      consent: 'true',
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/tai-khoan?moi=1');
    const cookie = res.cookies.find((c) => c.name === 'dvctt_session');
    assert.ok(cookie?.httpOnly && cookie.sameSite === 'Lax');
    const profile = await app.inject({ url: '/tai-khoan?moi=1', cookies: jar });
    assert.equal(profile.statusCode, 200);
    assert.match(profile.body, /Tài khoản đã được tạo và bạn đã đăng nhập/);
    assert.match(profile.body, /value="Nguyễn Thị Lan"/);
    assert.match(profile.body, /Nguyễn Thị Lan<\/a> <span class="role">\(Công dân, doanh nghiệp\)/);
  });

  test('pages of a signed-in person are never cached; public pages may be', async () => {
    const jar: Jar = {};
    const res = await submit(jar, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'Hoa-sen-2026' });
    assert.equal(res.statusCode, 303);
    const profile = await app.inject({ url: '/tai-khoan', cookies: jar });
    assert.equal(profile.statusCode, 200);
    assert.equal(profile.headers['cache-control'], 'private, no-store');
    const publicPage = await app.inject({ url: '/gioi-thieu' });
    assert.equal(publicPage.headers['cache-control'], undefined);
  });

  test('a business registers with a checked tax code and its legal representative', async () => {
    const bad = await submit({}, '/dang-ky', '/dang-ky', { kind: 'business', fullName: 'Công ty TNHH Biển Xanh', username: 'bienxanh', password: 'Bien-xanh-2026', taxCode: '0100107519', consent: 'true' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /chữ số kiểm tra không khớp/);
    assert.match(bad.body, /Hãy nhập tên người đại diện theo pháp luật/);
    const jar: Jar = {};
    const ok = await submit(jar, '/dang-ky', '/dang-ky', { kind: 'business', fullName: 'Công ty TNHH Biển Xanh', username: 'bienxanh', password: 'Bien-xanh-2026', taxCode: '0100107518', representative: 'Trần Hải', consent: 'true' });
    assert.equal(ok.statusCode, 303, ok.body);
    const profile = await app.inject({ url: '/tai-khoan', cookies: jar });
    assert.match(profile.body, /Tổ chức, doanh nghiệp/);
    assert.match(profile.body, /value="0100107518"/);
    const row = await get().db.selectFrom('account').select(['kind', 'tax_code', 'representative']).where('username', '=', 'bienxanh').executeTakeFirstOrThrow();
    assert.deepEqual(row, { kind: 'business', tax_code: '0100107518', representative: 'Trần Hải' });
  });

  test('a form without its token, or with a forged one, is refused and changes nothing', async () => {
    const before = await accounts();
    const jar: Jar = {};
    for (const token of ['', 'gia-mao-0123456789012345678901234567890123']) {
      const res = await submit(jar, '/dang-ky', '/dang-ky', { fullName: 'Kẻ Giả Mạo', username: 'gia.mao', password: 'Mat-khau-2026' }, token);
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Biểu mẫu đã hết hạn/);
    }
    assert.equal(await accounts(), before);
  });

  test('registration errors are listed at the top and at each field, in Vietnamese, and nothing is created', async () => {
    const before = await accounts();
    const jar: Jar = {};
    const res = await submit(jar, '/dang-ky', '/dang-ky', { fullName: '', username: 'lan.nguyen', password: '12345', idNumber: '003190012345', email: 'khong-phai-email' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Có \d+ lỗi cần sửa/);
    assert.match(res.body, /href="#f-fullName">Họ và tên: Hãy nhập họ và tên./);
    assert.match(res.body, /Mật khẩu cần ít nhất 12 ký tự/);
    assert.match(res.body, /mã tỉnh &quot;003&quot;|mã tỉnh "003"/);
    assert.match(res.body, /aria-invalid="true"/);
    const dup = await submit(jar, '/dang-ky', '/dang-ky', { fullName: 'Lan khác', username: 'LAN.NGUYEN', password: 'Mat-khau-2026', consent: 'true' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /Tên đăng nhập này đã có người dùng/);
    assert.equal(await accounts(), before);
  });

  test('sign-in by username, email or phone; wrong password and unknown user get the same answer', async () => {
    for (const login of ['lan.nguyen', 'LAN@example.vn', '0912345678']) {
      const jar: Jar = {};
      const res = await submit(jar, '/dang-nhap', '/dang-nhap', { login, password: 'Hoa-sen-2026', next: '/so-do-cong' });
      assert.equal(res.statusCode, 303, login);
      assert.equal(res.headers.location, '/so-do-cong');
    }
    const wrong = await submit({}, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'sai-mat-khau-1' });
    const unknown = await submit({}, '/dang-nhap', '/dang-nhap', { login: 'khong.ai', password: 'sai-mat-khau-1' });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Tên đăng nhập hoặc mật khẩu không đúng/);
    }
    const log = await get().db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', '=', 'sign-in').execute();
    assert.ok(log.length >= 3, 'every sign-in is in the audit log');
  });

  test('wrong passwords never lock the account: the browser that signed in before still gets in, new ones wait and are told how long', async () => {
    await submit({}, '/dang-ky', '/dang-ky', { fullName: 'Trần Văn Khóa', username: 'van.khoa', password: 'Dung-mat-khau-1', consent: 'true' });
    const own: Jar = {};
    assert.equal((await submit(own, '/dang-nhap', '/dang-nhap', { login: 'van.khoa', password: 'Dung-mat-khau-1' })).statusCode, 303);
    assert.ok(own.dvctt_device, 'a signed-in browser is remembered by a long-lived cookie');
    // Guesses from other addresses, as an attacker with many would make them.
    const from = async (remoteAddress: string, fields: Record<string, string>, cookies: Jar = {}) => {
      const form = await app.inject({ url: '/dang-nhap', cookies, remoteAddress });
      const csrf = form.cookies.find((c) => c.name === 'dvctt_csrf')?.value ?? cookies.dvctt_csrf ?? '';
      return app.inject({ method: 'POST', url: '/dang-nhap', remoteAddress, cookies: { ...cookies, dvctt_csrf: csrf }, payload: { _csrf: csrfOf(form.body), ...fields } });
    };
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 6; i++) {
      last = await from(`198.51.100.${i + 1}`, { login: 'van.khoa', password: `sai-lan-${i}-abc` });
      assert.equal(last.statusCode, 400);
    }
    const right = await from('198.51.100.50', { login: 'van.khoa', password: 'Dung-mat-khau-1' });
    assert.equal(right.statusCode, 429);
    assert.equal(right.headers['retry-after'], '1');
    assert.match(right.body, /Tài khoản này đang bị thử mật khẩu sai nhiều lần, nên đăng nhập từ thiết bị chưa từng dùng tạm thời bị làm chậm; vui lòng thử lại sau 1 giây/);
    const api = await app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: '198.51.100.51', payload: { username: 'van.khoa', password: 'Dung-mat-khau-1' } });
    assert.equal(api.statusCode, 429);
    assert.equal(api.json().error.code, 'SIGN_IN_THROTTLED');
    const back = await from('198.51.100.52', { login: 'van.khoa', password: 'Dung-mat-khau-1' }, { dvctt_device: own.dvctt_device! });
    assert.equal(back.statusCode, 303);
    const apiBack = await app.inject({ method: 'POST', url: '/api/v1/auth/token', remoteAddress: '198.51.100.52', cookies: { dvctt_device: own.dvctt_device! }, payload: { username: 'van.khoa', password: 'Dung-mat-khau-1' } });
    assert.equal(apiBack.statusCode, 200);
  });

  test('signing out ends the session; a tampered cookie is just a visitor', async () => {
    const jar: Jar = {};
    await submit(jar, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'Hoa-sen-2026' });
    const session = jar.dvctt_session!;
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: jar })).statusCode, 200);
    const page = await app.inject({ url: '/', cookies: jar });
    const out = await app.inject({ method: 'POST', url: '/dang-xuat', cookies: jar, payload: { _csrf: csrfOf(page.body) } });
    assert.equal(out.statusCode, 303);
    const again = await app.inject({ url: '/tai-khoan', cookies: { dvctt_session: session } });
    assert.equal(again.statusCode, 303);
    assert.match(again.headers.location as string, /^\/dang-nhap\?next=/);
    const tampered = await app.inject({ url: '/', cookies: { dvctt_session: session.slice(0, -2) + 'xx' } });
    assert.equal(tampered.statusCode, 200);
    assert.match(tampered.body, />Đăng nhập<\/a>/);
  });

  test('sign out everywhere ends every session and API token of the account', async () => {
    const a: Jar = {};
    const b: Jar = {};
    await submit(a, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'Hoa-sen-2026' });
    await submit(b, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'Hoa-sen-2026' });
    const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'lan.nguyen', password: 'Hoa-sen-2026' } })).json() as { token: string };
    const res = await submit(a, '/tai-khoan', '/tai-khoan/dang-xuat-moi-noi', {});
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Đã kết thúc \d+ phiên đăng nhập/);
    assert.equal((await app.inject({ url: '/tai-khoan', cookies: b })).statusCode, 303);
    assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token.token}` } })).statusCode, 401);
  });

  test('the profile can be corrected; a bad value is refused and the stored value stays', async () => {
    const jar: Jar = {};
    await submit(jar, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'Hoa-sen-2026' });
    const bad = await submit(jar, '/tai-khoan', '/tai-khoan', { fullName: 'Nguyễn Thị Lan', phone: '12345', email: 'lan@example.vn' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Số điện thoại di động không hợp lệ/);
    const ok = await submit(jar, '/tai-khoan', '/tai-khoan', { fullName: 'Nguyễn Thị Ngọc Lan', phone: '0987654321', email: 'lan@example.vn', idNumber: '001190012345', dateOfBirth: '1990-04-12' });
    assert.equal(ok.statusCode, 303);
    const row = await get().db.selectFrom('account').select(['full_name', 'phone']).where('username', '=', 'lan.nguyen').executeTakeFirstOrThrow();
    assert.deepEqual(row, { full_name: 'Nguyễn Thị Ngọc Lan', phone: '0987654321' });
  });

  test('typing another account’s email on the profile is refused, its holder is told each time, and after five tries a day the page answers 429 and changes nothing', async () => {
    const { db } = get();
    await createAccount(db, { username: 'hoa.pham', password: 'Hoa-sen-2026-x', fullName: 'Phạm Thị Hoa', email: 'hoa.pham@example.vn' });
    const holder = await db.selectFrom('account').select('id').where('username', '=', 'hoa.pham').executeTakeFirstOrThrow();
    const noticesOfHolder = async () => (await db.selectFrom('notice').select('title').where('account_id', '=', holder.id).execute()).length;
    const jar: Jar = {};
    await submit(jar, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'Hoa-sen-2026' });
    const before = await db.selectFrom('account').select(['email', 'full_name']).where('username', '=', 'lan.nguyen').executeTakeFirstOrThrow();
    for (let i = 1; i <= 5; i++) {
      const res = await submit(jar, '/tai-khoan', '/tai-khoan', { fullName: 'Tên Khác', email: 'hoa.pham@example.vn' });
      assert.equal(res.statusCode, 400, `try ${i}`);
      assert.match(res.body, /Địa chỉ thư điện tử này đã gắn với một tài khoản khác/);
      assert.equal(await noticesOfHolder(), i, 'the holder is told each time');
    }
    const sixth = await submit(jar, '/tai-khoan', '/tai-khoan', { fullName: 'Tên Khác', email: 'hoa.pham@example.vn' });
    assert.equal(sixth.statusCode, 429);
    assert.match(sixth.body, /trùng với tài khoản khác quá nhiều lần\. Không có gì thay đổi/);
    assert.doesNotMatch(sixth.body, /đã gắn với một tài khoản khác/, 'past the allowance the page no longer says what is held');
    assert.ok(Number(sixth.headers['retry-after']) > 0);
    assert.equal(await noticesOfHolder(), 5);
    assert.deepEqual(await db.selectFrom('account').select(['email', 'full_name']).where('username', '=', 'lan.nguyen').executeTakeFirstOrThrow(), before, 'nothing of the person changed');
    const held = await db.selectFrom('audit_log').select('target_id').where('action', '=', 'profile-held').execute();
    assert.deepEqual(held.map((r) => r.target_id), Array(5).fill(holder.id));
  });

  test('addresses are province → commune → street; a province not in the list is refused', async () => {
    const jar: Jar = {};
    await submit(jar, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'Hoa-sen-2026' });
    const base = { fullName: 'Nguyễn Thị Ngọc Lan', phone: '0987654321', email: 'lan@example.vn', idNumber: '001190012345', dateOfBirth: '12/04/1990' };
    const bad = await submit(jar, '/tai-khoan', '/tai-khoan', { ...base, permanentProvince: 'Tỉnh Hà Tây', permanentCommune: '', permanentDetail: '12 Lê Lợi' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#f-permanentProvince">[^<]*Hãy chọn tỉnh, thành phố trong danh sách/);
    assert.match(bad.body, /Hãy nhập xã, phường, đặc khu/);
    const ok = await submit(jar, '/tai-khoan', '/tai-khoan', { ...base, permanentProvince: 'Tỉnh Khánh Hòa', permanentCommune: 'Phường Nha Trang', permanentDetail: '12 Lê Lợi' });
    assert.equal(ok.statusCode, 303, ok.body);
    const me = (await app.inject({ url: '/api/v1/me', cookies: jar })).json() as { permanentAddress: unknown; currentAddress: unknown };
    assert.deepEqual(me.permanentAddress, { province: 'Tỉnh Khánh Hòa', commune: 'Phường Nha Trang', detail: '12 Lê Lợi' });
    assert.equal(me.currentAddress, null);
    const page = await app.inject({ url: '/tai-khoan', cookies: jar });
    assert.match(page.body, /<option value="Tỉnh Khánh Hòa" selected="">|<option selected="" value="Tỉnh Khánh Hòa">|value="Tỉnh Khánh Hòa" selected/);
  });

  test('the API registers (201), refuses duplicates (409) and bad fields (400), and gives a bearer token', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'api.user', password: 'Api-mat-khau-1', fullName: 'Lê Văn Api', consent: true } });
    assert.equal(created.statusCode, 201);
    const dup = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'api.user', password: 'Api-mat-khau-1', fullName: 'X', consent: true } });
    assert.equal(dup.statusCode, 409);
    assert.match((dup.json() as { error: { message: string } }).error.message, /đã có người dùng/);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'x', password: 'a', fullName: 'Y' } });
    assert.equal(bad.statusCode, 400);
    const long = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'a'.repeat(500), password: 'Api-mat-khau-1', fullName: 'Y' } });
    assert.equal(long.statusCode, 400);
    assert.equal((long.json() as { error: { message: string } }).error.message, 'Dữ liệu gửi lên không hợp lệ: trường "username" dài quá 40 ký tự.');

    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'api.user', password: 'sai-roi-123' } });
    assert.equal(wrong.statusCode, 401);
    const t = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'api.user', password: 'Api-mat-khau-1' } });
    assert.equal(t.statusCode, 200);
    const { token, expiresAt } = t.json() as { token: string; expiresAt: string };
    assert.ok(Date.parse(expiresAt) > Date.now());
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal((me.json() as { fullName: string }).fullName, 'Lê Văn Api');
    assert.equal((await app.inject('/api/v1/me')).statusCode, 401);
  });

  test('a personal access token is shown once, works as a Bearer token, and stops working when revoked', async () => {
    const jar: Jar = {};
    await submit(jar, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'Hoa-sen-2026' });
    const bad = await submit(jar, '/tai-khoan', '/tai-khoan/ma-truy-cap', { tokenName: '', tokenDays: '30' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Hãy đặt tên gợi nhớ cho mã/);
    const res = await submit(jar, '/tai-khoan', '/tai-khoan/ma-truy-cap', { tokenName: 'Phần mềm kế toán', tokenDays: '90' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const token = /<code class="token">([^<]+)<\/code>/.exec(res.body)?.[1];
    assert.ok(token);
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal((me.json() as { username: string }).username, 'lan.nguyen');
    const profile = await app.inject({ url: '/tai-khoan', cookies: jar });
    assert.doesNotMatch(profile.body, new RegExp(token!), 'never shown again');
    assert.match(profile.body, /<th scope="row">Phần mềm kế toán<\/th>/);
    const id = /name="id" value="([^"]+)"/.exec(profile.body)?.[1];
    const revoke = await app.inject({ method: 'POST', url: '/tai-khoan/ma-truy-cap/thu-hoi', cookies: jar, payload: { _csrf: csrfOf(profile.body), id: id! } });
    assert.equal(revoke.statusCode, 303);
    assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
  });

  test('an API write that rides on a browser session needs the session’s token in X-CSRF-Token', async () => {
    const jar: Jar = {};
    await submit(jar, '/dang-nhap', '/dang-nhap', { login: 'lan.nguyen', password: 'Hoa-sen-2026' });
    const page = await app.inject({ url: '/', cookies: jar });
    const payload = { username: 'qua.phien', password: 'Qua-phien-2026', fullName: 'Qua Phiên', consent: true };
    const bare = await app.inject({ method: 'POST', url: '/api/v1/auth/register', cookies: jar, payload });
    assert.equal(bare.statusCode, 403);
    assert.match((bare.json() as { error: { message: string } }).error.message, /X-CSRF-Token/);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/register', cookies: jar, headers: { 'x-csrf-token': csrfOf(page.body) }, payload });
    assert.equal(ok.statusCode, 201);
  });
});
