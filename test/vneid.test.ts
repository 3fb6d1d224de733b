// S1, S5, U5: VNeID first, against a real OpenID Connect provider on loopback, on each database —
// password registration closed when the provider is configured (403 with the reason, in English
// when asked), a provider's verified personal identification number linking the password account
// after consent, refused when a staff account holds it, and an administrator merging two accounts
// of one person with everything the source owned moved to the target.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { ConfigError } from '../src/config.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { addNotice } from '../src/notifications/store.ts';
import type { DB } from '../src/db/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp, testConfig } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { signInAtProvider, startTestProvider, type TestProvider } from './helpers/oidc-provider.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const PORTAL = 'http://portal.test';
const CALLBACK = `${PORTAL}/dang-nhap/oidc/callback`;
const PHARMACIST = '1.004616';
const ANSWERS = demoDefinition(PHARMACIST)!.example as Record<string, unknown>;

/** Rows of every table that references account(id), per account, read from the catalog as the merge does. */
async function holdings(db: DB, accountId: string): Promise<Record<string, number>> {
  const { rows: refs } = await sql<{ table: string; column: string }>`
    SELECT rel.relname AS table, att.attname AS column FROM pg_constraint c
    JOIN pg_class rel ON rel.oid = c.conrelid JOIN pg_attribute att ON att.attrelid = c.conrelid AND att.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = 'account'::regclass AND cardinality(c.conkey) = 1`.execute(db);
  const out: Record<string, number> = {};
  for (const r of refs) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(r.table)} WHERE ${sql.ref(r.column)} = ${accountId}`.execute(db);
    if (rows[0]!.n) out[`${r.table}.${r.column}`] = rows[0]!.n;
  }
  // form_draft's attachments reference the draft, not the account.
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM draft_attachment WHERE account_id = ${accountId}`.execute(db);
  if (rows[0]!.n) out['draft_attachment.account_id'] = rows[0]!.n;
  return out;
}

test('DVCTT_CITIZEN_SIGNUP: true without an identity provider, false with one, and what is set wins', () => {
  const provider = { DVCTT_OIDC_ISSUER: 'https://vneid.example.vn', DVCTT_OIDC_CLIENT_ID: 'c', DVCTT_OIDC_CLIENT_SECRET: 's' };
  assert.equal(testConfig({}).citizenSignup, true);
  assert.equal(testConfig(provider).citizenSignup, false);
  assert.equal(testConfig({ ...provider, DVCTT_CITIZEN_SIGNUP: 'true' }).citizenSignup, true);
  assert.equal(testConfig({ DVCTT_CITIZEN_SIGNUP: 'false' }).citizenSignup, false);
  assert.throws(() => testConfig({ DVCTT_CITIZEN_SIGNUP: 'maybe' }), (err: unknown) => err instanceof ConfigError && err.setting === 'DVCTT_CITIZEN_SIGNUP');
});

describeEachDatabase('VNeID first', (get) => {
  let provider: TestProvider;
  let app: FastifyInstance;
  const ids: Record<string, string> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    provider = await startTestProvider({
      redirectUri: CALLBACK,
      people: {
        'vneid-an': { name: 'Nguyễn Văn An', id_number: '056090001234' },
        'vneid-canbo': { name: 'Lê Văn Cán', id_number: '079085001111' },
        'vneid-mai': { name: 'Phạm Thị Mai', id_number: '001190077777' },
      },
    });
    ids.an = await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', idNumber: '056090001234' });
    ids.canbo = await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Lê Văn Cán', role: 'officer', agencyCode: '000.00.12.H34', idNumber: '079085001111' });
    ids.admin = await createAccount(db, { username: 'qt.tinh', password: TEST_PASSWORD, fullName: 'Quản trị tỉnh', role: 'admin', agencyCode: '000.00.00.H34' });
    ids.adminYte = await createAccount(db, { username: 'qt.yte', password: TEST_PASSWORD, fullName: 'Quản trị Sở Y tế', role: 'admin', agencyCode: '000.00.12.H34' });
    app = await testApp(db, { PUBLIC_URL: PORTAL, ...provider.env });
  });
  after(async () => {
    await app?.close();
    await provider?.close();
  });

  const count = async (table: 'account' | 'session' | 'audit_log' | 'oidc_consent' | 'rate_limit') =>
    Number((await get().db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({ account: await count('account'), session: await count('session'), audit: await count('audit_log'), consent: await count('oidc_consent') });

  /** Through the provider and back to the portal's callback, as `login`. */
  async function providerSignIn(jar: Jar, login: string): Promise<LightMyRequestResponse> {
    const start = await app.inject({ url: '/dang-nhap/oidc?next=/tai-khoan', cookies: jar });
    remember(jar, start);
    const back = await signInAtProvider(start.headers.location as string, login, CALLBACK);
    const res = await app.inject({ url: back.pathname + back.search, cookies: jar });
    remember(jar, res);
    return res;
  }
  const agree = async (jar: Jar, page: LightMyRequestResponse) => {
    const ma = /name="ma" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const res = await app.inject({ method: 'POST', url: '/dang-nhap/oidc/dong-y', cookies: jar, payload: { _csrf: csrfOf(page.body), ma, action: 'agree', consent: 'true' } });
    remember(jar, res);
    return res;
  };

  test('the sign-in page leads with VNeID, and the password form follows for staff and password accounts, with no registration link', async () => {
    const page = await app.inject('/dang-nhap');
    assert.equal(page.statusCode, 200);
    const lead = page.body.indexOf('Đăng nhập bằng tài khoản định danh điện tử (VNeID)</a>');
    assert.ok(lead > 0, 'the provider button');
    assert.match(page.body, /href="\/dang-nhap\/oidc\?next=/);
    assert.ok(lead < page.body.indexOf('name="password"'), 'before the password form');
    assert.match(page.body, /Dành cho cán bộ, và cho người đã có tài khoản với mật khẩu\. Cổng không nhận đăng ký tài khoản mới bằng mật khẩu\./);
    const main = /<main[\s\S]*<\/main>/.exec(page.body)?.[0] ?? '';
    assert.doesNotMatch(main, /href="\/dang-ky/, 'no invitation to register with a password');
    const english = await app.inject({ url: '/dang-nhap', cookies: { lang: 'en' } });
    assert.match(english.body, />Sign in with Tài khoản định danh điện tử \(VNeID\)<\/a>/);
    assert.match(english.body, /For staff, and for people who already have an account with a password\./);
  });

  test('registration closed: the page says to sign in with VNeID, the form and the API answer 403 with the reason, and nothing is stored', async () => {
    const before = { ...(await counts()), allowance: await count('rate_limit') };
    const page = await app.inject('/dang-ky');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Cổng này không nhận đăng ký tài khoản công dân bằng mật khẩu\. Không có gì được lưu\. Hãy đăng nhập bằng tài khoản định danh điện tử \(VNeID\)/);
    assert.match(page.body, /<a href="\/dang-nhap\/oidc\?next=%2Ftai-khoan" class="button">Đăng nhập bằng tài khoản định danh điện tử \(VNeID\)<\/a>/);
    assert.doesNotMatch(page.body, /name="password"/, 'no registration form');

    const jar: Jar = {};
    const fields = { kind: 'person', fullName: 'Người Mới', username: 'nguoi.moi', password: TEST_PASSWORD, consent: 'true' };
    const form = await submitForm(app, jar, '/dang-nhap', '/dang-ky', fields);
    assert.equal(form.statusCode, 403);
    assert.match(form.body, /không nhận đăng ký tài khoản công dân bằng mật khẩu/);

    const body = { username: 'nguoi.moi', password: TEST_PASSWORD, fullName: 'Người Mới', consent: true };
    const vi = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body });
    assert.equal(vi.statusCode, 403);
    assert.deepEqual(vi.json(), {
      error: {
        code: 'SIGNUP_CLOSED',
        message:
          'Cổng này không nhận đăng ký tài khoản công dân bằng mật khẩu. Không có gì được lưu. Hãy đăng nhập bằng tài khoản định danh điện tử (VNeID): lần đầu đăng nhập, tài khoản được tạo từ thông tin đã xác thực (hoặc liên kết với tài khoản có cùng số định danh cá nhân).',
      },
    });
    const en = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body, headers: { 'accept-language': 'en-GB,en;q=0.9,vi;q=0.5' } });
    assert.equal(en.statusCode, 403);
    assert.match((en.json() as { error: { message: string } }).error.message, /^This portal does not take citizens’ registrations with a password\. Nothing was kept\. Sign in with Tài khoản định danh điện tử \(VNeID\): the first sign-in/);
    assert.deepEqual({ ...(await counts()), allowance: await count('rate_limit') }, before, 'no account, session, log row or allowance row');
    assert.equal(await get().db.selectFrom('account').select('id').where('username', '=', 'nguoi.moi').executeTakeFirst(), undefined);
  });

  test('with registration closed, an administrator still makes staff accounts', async () => {
    const admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    const before = await count('account');
    const res = await submitForm(app, admin, '/quan-tri/can-bo', '/quan-tri/can-bo', { fullName: 'Cán bộ Mới', username: 'cb.moi', password: TEST_PASSWORD, role: 'officer', agency: '000.00.12.H34' });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(await count('account'), before + 1);
    await signedIn(app, 'cb.moi', TEST_PASSWORD);
  });

  test('the API’s 401 and 403 answers are Vietnamese by default and English when the request asks for English', async () => {
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } })).json() as { token: string }).token;
    const refused = (headers: Record<string, string>) => app.inject({ url: '/api/v1/export/applications', headers: { authorization: `Bearer ${token}`, ...headers } });
    const vi = await refused({});
    assert.equal(vi.statusCode, 403);
    assert.deepEqual(vi.json(), { error: { code: 'FORBIDDEN', message: 'Chỉ cán bộ và quản trị của cơ quan được xuất hồ sơ.' } });
    const en = await refused({ 'accept-language': 'en' });
    assert.equal(en.statusCode, 403);
    assert.deepEqual(en.json(), { error: { code: 'FORBIDDEN', message: 'This page is for officers and administrators.' } });
    const enByCookie = await app.inject({ url: '/api/v1/export/applications', headers: { authorization: `Bearer ${token}` }, cookies: { lang: 'en' } });
    assert.equal((enByCookie.json() as { error: { message: string } }).error.message, 'This page is for officers and administrators.');
    const viPreferred = await refused({ 'accept-language': 'en;q=0.4, vi' });
    assert.equal((viPreferred.json() as { error: { message: string } }).error.message, 'Chỉ cán bộ và quản trị của cơ quan được xuất hồ sơ.');
    const anonymous = await app.inject({ url: '/api/v1/export/applications', headers: { 'accept-language': 'en-US' } });
    assert.equal(anonymous.statusCode, 401);
    assert.equal((anonymous.json() as { error: { message: string } }).error.message, 'You must be signed in (session cookie or Authorization: Bearer).');
  });

  test('a VNeID sign-in proving the number of a password account links it after consent: one account, audited, the password still works', async () => {
    const { db } = get();
    const before = await counts();
    const jar: Jar = {};
    const asked = await providerSignIn(jar, 'vneid-an');
    assert.equal(asked.statusCode, 200, asked.body);
    assert.match(asked.body, /Cổng đã có tài khoản <strong>an\.dan<\/strong> với cùng số định danh cá nhân/);
    assert.match(asked.body, /Đồng ý và liên kết tài khoản/);
    assert.equal((await db.selectFrom('account').select('oidc_subject').where('id', '=', ids.an!).executeTakeFirstOrThrow()).oidc_subject, null, 'nothing linked before consent');
    const done = await agree(jar, asked);
    assert.equal(done.statusCode, 303, done.body);
    const me = (await app.inject({ url: '/api/v1/me', cookies: jar })).json() as { id: string; username: string };
    assert.deepEqual([me.id, me.username], [ids.an, 'an.dan']);
    const row = await db.selectFrom('account').select(['oidc_issuer', 'oidc_subject', 'id_number']).where('id', '=', ids.an!).executeTakeFirstOrThrow();
    assert.deepEqual(row, { oidc_issuer: provider.issuer, oidc_subject: 'vneid-an', id_number: '056090001234' });
    const after = await counts();
    assert.deepEqual(after, { ...before, session: before.session + 1, audit: before.audit + 3 }, 'no new account; link, consent and sign-in logged');
    const logged = await db.selectFrom('audit_log').select(['action', 'target_id', 'details']).where('actor_id', '=', ids.an!).orderBy('id', 'desc').limit(3).execute();
    assert.deepEqual(logged.map((l) => l.action).sort(), ['consent', 'oidc-link', 'sign-in']);
    const link = logged.find((l) => l.action === 'oidc-link')!;
    assert.equal(link.target_id, ids.an);
    assert.deepEqual(link.details, { via: 'oidc', issuer: provider.issuer, by: 'id_number' });

    // The next time, straight in; the password still signs in too.
    const again: Jar = {};
    const straight = await providerSignIn(again, 'vneid-an');
    assert.equal(straight.statusCode, 303);
    assert.equal(await count('account'), before.account);
    await signedIn(app, 'an.dan', TEST_PASSWORD);
  });

  test('a provider person whose number a staff account holds is refused with the reason, and nothing changes', async () => {
    const before = await counts();
    const jar: Jar = {};
    const res = await providerSignIn(jar, 'vneid-canbo');
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /<h1>Số định danh thuộc tài khoản cán bộ<\/h1>/);
    assert.match(res.body, /Số định danh cá nhân mà Tài khoản định danh điện tử \(VNeID\) xác nhận đang gắn với một tài khoản cán bộ/);
    assert.deepEqual(await counts(), before);
    assert.equal((await get().db.selectFrom('account').select('oidc_subject').where('id', '=', ids.canbo!).executeTakeFirstOrThrow()).oidc_subject, null);
    assert.ok(!jar.dvctt_session, 'not signed in');
  });

  test('an administrator merges a password account into the VNeID account of the same person: everything moves, sessions end, the source is disabled, audited', async () => {
    const { db } = get();
    // The person's VNeID account, made before this portal linked by number (so without the number) …
    const vneidJar: Jar = {};
    const vneid = await agree(vneidJar, await providerSignIn(vneidJar, 'vneid-mai'));
    assert.equal(vneid.statusCode, 303);
    const target = ((await app.inject({ url: '/api/v1/me', cookies: vneidJar })).json() as { id: string }).id;
    await db.updateTable('account').set({ id_number: null }).where('id', '=', target).execute();
    // … and the older password account holding it, with an application (and its data-store documents), notices, drafts, preferences and a session.
    const source = await createAccount(db, { username: 'mai.cu', password: TEST_PASSWORD, fullName: 'Phạm Thị Mai', idNumber: '001190077777', email: 'mai@example.vn' });
    const sourceJar = await signedIn(app, 'mai.cu', TEST_PASSWORD);
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'mai.cu', password: TEST_PASSWORD } })).json() as { token: string }).token;
    const submitted = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, ANSWERS));
    assert.equal(submitted.statusCode, 201, submitted.body);
    const code = (submitted.json() as { code: string }).code;
    await addNotice(db, { accountId: source, title: 'Thông báo cũ', body: 'Của tài khoản mai.cu' });
    const services = (await db.selectFrom('service').select('code').orderBy('code').limit(2).execute()).map((s) => s.code);
    for (const [account, service] of [[source, services[0]!], [source, services[1]!], [target, services[0]!]] as const) {
      await db.insertInto('form_draft').values({ account_id: account, service_code: service, form_version: '1', answers: JSON.stringify({ who: account }), step: 0 }).execute();
    }
    await db
      .insertInto('draft_attachment')
      .values({ account_id: source, service_code: services[1]!, component_id: 'c1', label: 'Tệp', file_key: 'k1', sha256: 'a'.repeat(64), size: 10, kind: 'pdf', mime: 'application/pdf', original_name: 'a.pdf' })
      .execute();
    for (const [account, locale] of [[source, 'en'], [target, 'vi']] as const) await db.insertInto('notification_preference').values({ account_id: account, locale, email: true, sms: true }).execute();

    const held = await holdings(db, source);
    const targetHeld = await holdings(db, target);
    for (const key of ['application.applicant_id', 'vault_document.owner_id', 'notice.account_id', 'session.account_id', 'api_token.account_id', 'form_draft.account_id', 'draft_attachment.account_id', 'notification_preference.account_id']) {
      assert.ok(held[key], `the source holds ${key} before (${JSON.stringify(held)})`);
    }

    const admin = await signedIn(app, 'qt.tinh', TEST_PASSWORD);
    const staffAdmin = await signedIn(app, 'qt.yte', TEST_PASSWORD);
    const auditBefore = await count('audit_log');
    // Without a reason, and with two different numbers: refused, nothing changes.
    const noReason = await submitForm(app, admin, '/quan-tri/can-bo/gop', '/quan-tri/can-bo/gop', { source: 'mai.cu', target: 'an.dan', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Hai tài khoản có số định danh cá nhân khác nhau nên không phải của cùng một người; không gộp\./);
    const short = await submitForm(app, admin, '/quan-tri/can-bo/gop', '/quan-tri/can-bo/gop', { source: 'mai.cu', target: vneidUsername(await db.selectFrom('account').select('username').where('id', '=', target).executeTakeFirstOrThrow()), reason: 'cùng' });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /hãy ghi lý do gộp/);
    const outOfScope = await submitForm(app, staffAdmin, '/quan-tri/can-bo/gop', '/quan-tri/can-bo/gop', { source: 'mai.cu', target: 'an.dan', reason: 'Đã đối chiếu CCCD bản gốc' });
    assert.equal(outOfScope.statusCode, 400);
    assert.match(outOfScope.body, /Không có tài khoản nào với tên đăng nhập này trong phạm vi bạn quản trị\./);
    assert.deepEqual(await holdings(db, source), held, 'refusals change nothing');
    assert.equal(await count('audit_log'), auditBefore);

    const targetName = vneidUsername(await db.selectFrom('account').select('username').where('id', '=', target).executeTakeFirstOrThrow());
    const merged = await submitForm(app, admin, '/quan-tri/can-bo/gop', '/quan-tri/can-bo/gop', { source: 'mai.cu', target: targetName, reason: 'Đã đối chiếu CCCD bản gốc tại bộ phận một cửa' });
    assert.equal(merged.statusCode, 200, merged.body);
    assert.match(merged.body, new RegExp(`Đã gộp tài khoản mai\\.cu vào ${targetName.replace('.', '\\.')}: `));

    // Everything the source owned is the target's; its credentials ended; the colliding draft and preference kept the target's.
    const after = await holdings(db, source);
    assert.deepEqual(after, { 'audit_log.actor_id': held['audit_log.actor_id'] }, 'the source holds nothing but its history in the audit log, as written');
    const targetAfter = await holdings(db, target);
    const ended = ['session.account_id', 'api_token.account_id'];
    const dropped: Record<string, number> = { 'form_draft.account_id': 1, 'notification_preference.account_id': 1 };
    for (const key of new Set([...Object.keys(held), ...Object.keys(targetHeld)])) {
      if (key === 'audit_log.actor_id' || ended.includes(key)) continue;
      assert.equal(targetAfter[key] ?? 0, (targetHeld[key] ?? 0) + (held[key] ?? 0) - (dropped[key] ?? 0), key);
    }
    assert.equal(targetAfter['session.account_id'], targetHeld['session.account_id'], 'the target’s own sessions stay');
    const drafts = await db.selectFrom('form_draft').select(['service_code', 'answers']).where('account_id', '=', target).orderBy('service_code').execute();
    assert.deepEqual(drafts, [{ service_code: services[0], answers: { who: target } }, { service_code: services[1], answers: { who: source } }]);
    assert.equal((await db.selectFrom('notification_preference').select('locale').where('account_id', '=', target).executeTakeFirstOrThrow()).locale, 'vi');

    // The target person sees the application; the source's browser and token are signed out; the source cannot sign in.
    const mine = await app.inject({ url: `/api/v1/applications/${code}`, cookies: vneidJar });
    assert.equal(mine.statusCode, 200);
    assert.equal((await app.inject({ url: '/api/v1/me', cookies: sourceJar })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'mai.cu', password: TEST_PASSWORD } })).statusCode, 401);
    const rows = await db.selectFrom('account').select(['id', 'password_hash', 'email', 'id_number', 'oidc_subject']).where('id', 'in', [source, target]).execute();
    const s = rows.find((r) => r.id === source)!;
    const t = rows.find((r) => r.id === target)!;
    assert.deepEqual([s.password_hash, s.email, s.id_number, s.oidc_subject], [null, null, null, null], 'the source is disabled');
    assert.deepEqual([t.email, t.id_number, t.oidc_subject], ['mai@example.vn', '001190077777', 'vneid-mai'], 'the target took the details it lacked');
    assert.ok(t.password_hash, 'and the password');

    const logged = await db.selectFrom('audit_log').select(['action', 'actor_id', 'target_id', 'details']).where('action', 'like', 'account-merge%').orderBy('id').execute();
    assert.deepEqual(logged.map((l) => [l.action, l.actor_id, l.target_id]), [['account-merge', ids.admin, target], ['account-merged', ids.admin, source]]);
    const details = logged[0]!.details as Record<string, unknown>;
    assert.equal(details.reason, 'Đã đối chiếu CCCD bản gốc tại bộ phận một cửa');
    assert.equal(details.sourceUsername, 'mai.cu');

    // Merging again: the source is already merged.
    const twice = await submitForm(app, admin, '/quan-tri/can-bo/gop', '/quan-tri/can-bo/gop', { source: 'mai.cu', target: targetName, reason: 'Đã đối chiếu CCCD bản gốc' });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /Tài khoản này đã được gộp vào tài khoản khác và đã bị khóa\./);
  });
});

const vneidUsername = (row: { username: string }) => row.username;
