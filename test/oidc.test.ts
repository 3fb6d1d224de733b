// S1: sign-in through a national identity provider (OpenID Connect), against a real provider on
// loopback, through the portal's real HTTP handling on each database.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ConfigError } from '../src/config.ts';
import { createAccount } from '../src/identity/index.ts';
import { testApp, testConfig } from './helpers/app.ts';
import { describeEachDatabase, dbTarget, freshDatabase, type TestDatabase } from './helpers/db.ts';
import { HANH, signInAtProvider, startTestProvider, type TestProvider } from './helpers/oidc-provider.ts';
import { freePort } from './helpers/process.ts';

type Jar = Record<string, string>;

function remember(jar: Jar, res: LightMyRequestResponse): Jar {
  for (const c of res.cookies) {
    if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) delete jar[c.name];
    else jar[c.name] = c.value;
  }
  return jar;
}

// The portal is reached through app.inject only; this is the address it believes it has.
const PORTAL = 'http://portal.test';
const CALLBACK = `${PORTAL}/dang-nhap/oidc/callback`;

describeEachDatabase('sign-in through the identity provider', (get) => {
  let provider: TestProvider;
  let app: FastifyInstance;
  before(async () => {
    provider = await startTestProvider({
      redirectUri: CALLBACK,
      people: {
        '079192000111': HANH,
        lan: { name: 'Nguyễn Thị Lan', email: 'Lan.Nguyen@example.vn', email_verified: true },
        binh: { name: 'Trần Văn Bình', email: 'binh@example.vn', email_verified: false, id_number: '001190012345' },
        canbo: { name: 'Cán Bộ Thử', email: 'canbo.thu@example.vn', email_verified: true },
        moi: { name: 'Phan Văn Mới', email: 'moi@example.vn', email_verified: true, phone_number: '0912000222', id_number: '001190054321' },
      },
    });
    app = await testApp(get().db, { PUBLIC_URL: PORTAL, ...provider.env });
  });
  after(async () => {
    await app?.close();
    await provider?.close();
  });

  const count = async (table: 'account' | 'session' | 'oidc_login' | 'oidc_consent' | 'audit_log') =>
    Number((await get().db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  /** Opens /dang-nhap/oidc in a browser whose cookies are `jar`; returns where it is sent. */
  async function start(jar: Jar, next = '/tai-khoan'): Promise<URL> {
    const res = await app.inject({ url: `/dang-nhap/oidc?next=${encodeURIComponent(next)}`, cookies: jar });
    assert.equal(res.statusCode, 303, res.body);
    remember(jar, res);
    return new URL(res.headers.location as string);
  }

  /** The whole journey up to the provider sending the browser back: returns the callback URL. */
  async function callbackFor(jar: Jar, login: string, next?: string): Promise<URL> {
    return signInAtProvider((await start(jar, next)).href, login, CALLBACK);
  }

  const back = async (jar: Jar, url: URL) => {
    const res = await app.inject({ url: url.pathname + url.search, cookies: jar });
    remember(jar, res);
    return res;
  };

  /** Answers the consent page a first sign-in shows: ticks the box and agrees, or refuses. */
  const answer = async (jar: Jar, page: LightMyRequestResponse, choice: { consent?: boolean; action: 'agree' | 'refuse' }) => {
    const ma = /name="ma" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    assert.ok(ma, `a consent page (${page.statusCode})`);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const res = await app.inject({ method: 'POST', url: '/dang-nhap/oidc/dong-y', cookies: jar, payload: { _csrf, ma, action: choice.action, ...(choice.consent && { consent: 'true' }) } });
    remember(jar, res);
    return res;
  };
  const agree = (jar: Jar, page: LightMyRequestResponse) => answer(jar, page, { consent: true, action: 'agree' });

  test('the portal sends the browser to the provider with state, nonce and PKCE, bound to a 10-minute HttpOnly cookie', async () => {
    const jar: Jar = {};
    const res = await app.inject({ url: '/dang-nhap/oidc?next=/tai-khoan' });
    const to = new URL(res.headers.location as string);
    assert.equal(to.origin, provider.issuer);
    const q = to.searchParams;
    assert.equal(q.get('client_id'), provider.clientId);
    assert.equal(q.get('redirect_uri'), CALLBACK);
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(q.get('state') ?? '', /^[A-Za-z0-9_-]{20,}$/);
    assert.match(q.get('nonce') ?? '', /^[A-Za-z0-9_-]{20,}$/);
    assert.deepEqual(q.get('scope')?.split(' '), ['openid', 'profile', 'email', 'phone']);
    const cookie = res.cookies.find((c) => c.name === 'dvctt_oidc');
    assert.ok(cookie?.httpOnly && cookie.sameSite === 'Lax' && cookie.path === '/dang-nhap/oidc' && cookie.maxAge === 600, JSON.stringify(cookie));
    const row = await get().db.selectFrom('oidc_login').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.next, '/tai-khoan');
    assert.ok(Math.abs(row.expires_at.getTime() - Date.now() - 600_000) < 60_000, 'kept for 10 minutes');
    assert.notEqual(row.state_hash, q.get('state'), 'the state is kept only as a hash');
    remember(jar, res);
  });

  test('a citizen new to the portal signs in at the provider, reads the privacy notice and agrees, gets a citizen account from the verified claims, and lands on next', async () => {
    const jar: Jar = {};
    const before = await count('account');
    const asked = await back(jar, await callbackFor(jar, '079192000111'));
    assert.equal(asked.statusCode, 200, asked.body);
    assert.equal(asked.headers['cache-control'], 'no-store');
    assert.match(asked.body, /<h1>Đồng ý xử lý dữ liệu cá nhân<\/h1>/);
    assert.match(asked.body, /Bảo vệ dữ liệu cá nhân/, 'the privacy notice');
    assert.match(asked.body, /<a href="\/chinh-sach-bao-ve-du-lieu">/);
    assert.match(asked.body, /Đỗ Thị Hạnh/, 'what the provider sent');
    assert.doesNotMatch(/<input type="checkbox" id="f-consent"[^>]*>/.exec(asked.body)?.[0] ?? 'missing', /checked|missing/, 'an unticked box');
    assert.equal(await count('account'), before, 'no account before the answer');
    assert.ok(!asked.cookies.some((c) => c.name === 'dvctt_session' && c.value), 'not signed in yet');
    const res = await agree(jar, asked);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/tai-khoan');
    const session = res.cookies.find((c) => c.name === 'dvctt_session');
    assert.ok(session?.httpOnly && session.sameSite === 'Lax' && session.path === '/', 'the same session cookie as password sign-in');
    assert.equal(await count('account'), before + 1);

    const profile = await app.inject({ url: '/tai-khoan', cookies: jar });
    assert.equal(profile.statusCode, 200);
    assert.match(profile.body, /Đỗ Thị Hạnh<\/a> <span class="role">\(Công dân, doanh nghiệp\)/);
    const row = await get()
      .db.selectFrom('account')
      .select(['username', 'full_name', 'role', 'email', 'phone', 'id_number', 'password_hash', 'oidc_issuer', 'oidc_subject'])
      .where('oidc_subject', '=', '079192000111')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      username: 'do.thi.hanh',
      full_name: 'Đỗ Thị Hạnh',
      role: 'citizen',
      email: 'hanh.do@example.vn',
      phone: '0912000111',
      id_number: '079192000111',
      password_hash: null,
      oidc_issuer: provider.issuer,
      oidc_subject: '079192000111',
    });
    const me = (await app.inject({ url: '/api/v1/me', cookies: jar })).json() as { dateOfBirth: string };
    assert.equal(me.dateOfBirth, '1992-03-15');
    const log = await get().db.selectFrom('audit_log').select(['action', 'actor_name', 'details']).where('actor_name', '=', 'do.thi.hanh').orderBy('id').execute();
    assert.deepEqual(
      log.map((l) => l.action),
      ['register', 'consent', 'sign-in'],
    );
    assert.match(JSON.stringify(log[1]!.details), /"notice":"\d{4}-\d{2}-\d{2}"/, 'the consent row names the notice, as at registration');
    assert.equal((log[1]!.details as { via?: string }).via, 'oidc');
    assert.deepEqual(log[2]!.details, { via: 'oidc' });
    assert.equal(await count('oidc_consent'), 0, 'the waiting claims are gone');
  });

  test('the same subject signing in again gets the same account; a next outside the portal goes home', async () => {
    const jar: Jar = {};
    const before = await count('account');
    const res = await back(jar, await callbackFor(jar, '079192000111', '//evil.example/x'));
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/');
    assert.equal(await count('account'), before, 'no second account');
    const me = (await app.inject({ url: '/api/v1/me', cookies: jar })).json() as { username: string };
    assert.equal(me.username, 'do.thi.hanh');
  });

  test('a used state cannot be replayed: 400, a Vietnamese explanation, and no session or account', async () => {
    const jar: Jar = {};
    const url = await callbackFor(jar, '079192000111');
    assert.equal((await back(jar, url)).statusCode, 303);
    const [accounts, sessions] = [await count('account'), await count('session')];
    const again = await back({ ...jar, dvctt_session: '' }, url);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Phiên đăng nhập đã hết hạn hoặc không hợp lệ/);
    assert.ok(!again.cookies.some((c) => c.name === 'dvctt_session' && c.value), 'no session cookie');
    assert.equal(await count('account'), accounts);
    assert.equal(await count('session'), sessions);
  });

  test('an unknown state, a missing one, or one from another browser is refused with 400 and changes nothing', async () => {
    const jar: Jar = {};
    const url = await callbackFor(jar, '079192000111');
    const [accounts, sessions, pending] = [await count('account'), await count('session'), await count('oidc_login')];
    const forged = new URL(url);
    forged.searchParams.set('state', randomBytes(32).toString('base64url'));
    const noState = new URL(url);
    noState.searchParams.delete('state');
    for (const [cookies, u] of [
      [jar, forged],
      [jar, noState],
      [{}, url],
      [{ dvctt_oidc: randomBytes(32).toString('base64url') }, url],
    ] as const) {
      const res = await app.inject({ url: u.pathname + u.search, cookies: { ...cookies } });
      assert.equal(res.statusCode, 400, u.href);
      assert.match(res.body, /Phiên đăng nhập đã hết hạn hoặc không hợp lệ/);
      assert.match(res.body, /href="\/dang-nhap\?next=%2F"/);
    }
    assert.deepEqual([await count('account'), await count('session'), await count('oidc_login')], [accounts, sessions, pending]);
    // The browser that started it can still finish: nothing was used up by the refused attempts.
    assert.equal((await back(jar, url)).statusCode, 303);
  });

  test('a sign-in finished after its 10 minutes is refused with 400 and changes nothing', async () => {
    const jar: Jar = {};
    const url = await callbackFor(jar, '079192000111');
    await get()
      .db.updateTable('oidc_login')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const [accounts, sessions] = [await count('account'), await count('session')];
    const res = await back(jar, url);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Phiên đăng nhập đã hết hạn hoặc không hợp lệ/);
    assert.deepEqual([await count('account'), await count('session')], [accounts, sessions]);
    await get().db.deleteFrom('oidc_login').execute();
  });

  test('an existing account with the same email is linked when the provider verified that email', async () => {
    const id = await createAccount(get().db, { username: 'lan.cu', password: 'Hoa-sen-2026', fullName: 'Nguyễn Thị Lan', email: 'lan.nguyen@example.vn' });
    const before = await count('account');
    const jar: Jar = {};
    assert.equal((await back(jar, await callbackFor(jar, 'lan'))).statusCode, 303);
    assert.equal(await count('account'), before);
    const me = (await app.inject({ url: '/api/v1/me', cookies: jar })).json() as { id: string };
    assert.equal(me.id, id);
    const row = await get().db.selectFrom('account').select(['oidc_issuer', 'oidc_subject']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { oidc_issuer: provider.issuer, oidc_subject: 'lan' });
    const link = await get().db.selectFrom('audit_log').select('action').where('actor_id', '=', id).where('action', '=', 'oidc-link').execute();
    assert.equal(link.length, 1);
  });

  test('a staff account is never linked by email: the provider’s person gets a citizen account of its own', async () => {
    await get().db.insertInto('agency').values({ code: '000.00.01.H98', name: 'Sở Thử', kind: 'province', parent_code: null }).execute();
    const staff = await createAccount(get().db, { username: 'canbo.thu', password: 'Can-bo-2026!', fullName: 'Cán Bộ Thử', email: 'canbo.thu@example.vn', role: 'admin', agencyCode: '000.00.01.H98' });
    const jar: Jar = {};
    assert.equal((await agree(jar, await back(jar, await callbackFor(jar, 'canbo')))).statusCode, 303);
    const me = (await app.inject({ url: '/api/v1/me', cookies: jar })).json() as { id: string; role: string; agencies: string[] };
    assert.notEqual(me.id, staff);
    assert.equal(me.role, 'citizen');
    assert.deepEqual(me.agencies, []);
    const untouched = await get().db.selectFrom('account').select('oidc_subject').where('id', '=', staff).executeTakeFirstOrThrow();
    assert.equal(untouched.oidc_subject, null);
  });

  test('an unverified email links nothing: a new account without that email, and a CCCD held by an account linked to another subject is left out', async () => {
    const other = await createAccount(get().db, { username: 'binh.cu', password: 'Binh-mat-khau-1', fullName: 'Trần Văn Bình', email: 'binh@example.vn', idNumber: '001190012345' });
    // An unlinked account with the number would be linked after consent (test/vneid.test.ts); this one already belongs to another subject.
    await get().db.updateTable('account').set({ oidc_issuer: provider.issuer, oidc_subject: 'binh-khac' }).where('id', '=', other).execute();
    const before = await count('account');
    const jar: Jar = {};
    assert.equal((await agree(jar, await back(jar, await callbackFor(jar, 'binh')))).statusCode, 303);
    assert.equal(await count('account'), before + 1);
    const me = (await app.inject({ url: '/api/v1/me', cookies: jar })).json() as { id: string; username: string; email: string | null; idNumber: string | null };
    assert.notEqual(me.id, other);
    assert.equal(me.username, 'tran.van.binh');
    assert.equal(me.email, null);
    assert.equal(me.idNumber, null);
    const untouched = await get().db.selectFrom('account').select('oidc_subject').where('id', '=', other).executeTakeFirstOrThrow();
    assert.equal(untouched.oidc_subject, 'binh-khac');
  });

  test('refusing at the consent page keeps nothing: no account, session, waiting claims or log row, and says so', async () => {
    const jar: Jar = {};
    const asked = await back(jar, await callbackFor(jar, 'moi'));
    assert.equal(await count('oidc_consent'), 1, 'the claims wait for the answer');
    const [accounts, sessions, log] = [await count('account'), await count('session'), await count('audit_log')];
    const res = await answer(jar, asked, { action: 'refuse' });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /<h1>Chưa tạo tài khoản<\/h1>/);
    assert.match(res.body, /không lưu thông tin nào/);
    assert.deepEqual([await count('account'), await count('session'), await count('oidc_consent'), await count('audit_log')], [accounts, sessions, 0, log]);
    assert.ok(!res.cookies.some((c) => c.name === 'dvctt_session' && c.value), 'not signed in');
    const db = get().db;
    for (const [column, value] of [['email', 'moi@example.vn'], ['phone', '0912000222'], ['id_number', '001190054321']] as const) {
      assert.equal(await db.selectFrom('account').select('id').where(column, '=', value).executeTakeFirst(), undefined, `${column} not kept`);
    }
    // The same form sent again (agreeing this time) finds nothing to agree to.
    const late = await answer(jar, asked, { consent: true, action: 'agree' });
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /Phiên đăng nhập đã hết hạn hoặc không hợp lệ/);
    assert.equal(await count('account'), accounts);
  });

  test('agreeing without ticking the box asks again with a Vietnamese error and makes nothing; ticking it then makes the account', async () => {
    const jar: Jar = {};
    const asked = await back(jar, await callbackFor(jar, 'moi'));
    const accounts = await count('account');
    const unticked = await answer(jar, asked, { action: 'agree' });
    assert.equal(unticked.statusCode, 400);
    assert.match(unticked.body, /Hãy đánh dấu ô đồng ý xử lý dữ liệu cá nhân/);
    assert.equal(await count('account'), accounts);
    // Another browser cannot answer for this one.
    const stranger = await answer({ dvctt_csrf: jar.dvctt_csrf! }, unticked, { consent: true, action: 'agree' });
    assert.equal(stranger.statusCode, 400);
    assert.equal(await count('account'), accounts);
    const res = await agree(jar, unticked);
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(await count('account'), accounts + 1);
    const me = (await app.inject({ url: '/api/v1/me', cookies: jar })).json() as { id: string; username: string };
    assert.equal(me.username, 'phan.van.moi');
    const consent = await get().db.selectFrom('audit_log').select('id').where('action', '=', 'consent').where('target_id', '=', me.id).execute();
    assert.equal(consent.length, 1);
  });

  test('when the person cancels at the provider, the portal says so (400), creates nothing, and the state is used up', async () => {
    const jar: Jar = {};
    const to = await start(jar);
    const [accounts, sessions] = [await count('account'), await count('session')];
    const url = new URL(CALLBACK);
    url.searchParams.set('error', 'access_denied');
    url.searchParams.set('state', to.searchParams.get('state')!);
    url.searchParams.set('iss', provider.issuer);
    const res = await back(jar, url);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Đăng nhập chưa hoàn tất/);
    assert.match(res.body, /đã bị hủy hoặc không được chấp thuận/);
    assert.match(res.body, /href="\/dang-nhap\?next=%2Ftai-khoan"/);
    assert.deepEqual([await count('account'), await count('session')], [accounts, sessions]);
    assert.equal((await back(jar, url)).statusCode, 400);
  });
});

describe('sign-in through the identity provider: configuration', () => {
  let database: TestDatabase;
  before(async () => {
    database = await freshDatabase(await dbTarget('embedded'));
  });
  after(() => database?.drop());

  test('an issuer, client id and secret given only in part stop the start with one Vietnamese line', () => {
    assert.throws(
      () => testConfig({ DVCTT_OIDC_ISSUER: 'https://sso.dichvucong.gov.vn', DVCTT_OIDC_CLIENT_ID: 'dvctt' }),
      (err: unknown) => err instanceof ConfigError && err.setting === 'DVCTT_OIDC_CLIENT_SECRET' && /cần đủ ba thiết lập/.test(err.message) && !err.message.includes('\n'),
    );
  });

  test('without DVCTT_OIDC_* there is no provider sign-in', async () => {
    const app = await testApp(database.db);
    assert.equal((await app.inject('/dang-nhap/oidc')).statusCode, 404);
    assert.equal((await app.inject('/dang-nhap/oidc/callback?state=x&code=y')).statusCode, 404);
    await app.close();
  });

  test('a provider that cannot be reached gives a 502 page in Vietnamese and keeps nothing', async () => {
    const port = await freePort();
    const app = await testApp(database.db, { DVCTT_OIDC_ISSUER: `http://127.0.0.1:${port}`, DVCTT_OIDC_CLIENT_ID: 'x', DVCTT_OIDC_CLIENT_SECRET: 'y', DVCTT_OIDC_NAME: 'VNeID thử' });
    const res = await app.inject('/dang-nhap/oidc?next=/tai-khoan');
    assert.equal(res.statusCode, 502);
    assert.match(res.body, /chưa kết nối được với VNeID thử/);
    const rows = await database.db.selectFrom('oidc_login').select('state_hash').execute();
    assert.equal(rows.length, 0);
    await app.close();
  });
});
