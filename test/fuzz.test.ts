// Hostile input (S7): every route of the OpenAPI document and the main HTML forms are sent
// malformed, oversize, wrong-type and injection payloads — SQL, HTML/JS, path traversal in file
// names, CRLF in email fields, a zip bomb and a huge declared multipart, right-to-left overrides
// and NUL. The portal never answers 5xx, never shows a stack trace, stores nothing it should not,
// and renders every stored string escaped. Payloads come from a seeded generator: a failure
// reproduces with the same seed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { zipSync } from 'fflate';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { formBodyFromAnswers } from '../src/forms/validate.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/identity/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { csrfOf, remember, signedIn, submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260517);

/** mulberry32: small, fast, and the same sequence for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const XSS = `<script>alert('x')</script>`;
const IMG = `"><img src=x onerror=alert(1)>`;
const HOSTILE_STRINGS = [
  `' OR '1'='1`,
  `'; DROP TABLE account; --`,
  `1 UNION SELECT password_hash FROM account`,
  XSS,
  IMG,
  `javascript:alert(1)`,
  `../../../../etc/passwd`,
  `..\\..\\windows\\win.ini`,
  `%2e%2e%2f%2e%2e%2fetc%2fpasswd`,
  `a@b.vn\r\nBcc: victim@example.com`,
  `x\r\nSet-Cookie: admin=1`,
  `\u202Egnp.exe`,
  `ab\u0000cd`,
  `\uFEFF\u200B\u200D`,
  `𝕏👩‍👩‍👧‍👦`,
  `\uD800`,
  `${'{'.repeat(50)}`,
  `{{constructor.constructor('return process')()}}`,
  `%s%s%s%n`,
  `-1`,
  `1e309`,
  `NaN`,
  `0x7fffffff`,
  `9999-99-99`,
  ``,
  ` `,
];
const WRONG_TYPES: unknown[] = [null, true, 0, -1, 1.5, 1e308, [], [1, 2], {}, { $gt: '' }, { __proto__: { admin: true } }];

/** Percent-encodes like a browser would, and a lone surrogate as the bytes a broken client sends. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80';
  }
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** A hostile value for a field: a string from the list, a long one, or a value of the wrong type. */
function hostile(rnd: () => number): unknown {
  const r = rnd();
  if (r < 0.55) return pick(rnd, HOSTILE_STRINGS);
  if (r < 0.7) return pick(rnd, HOSTILE_STRINGS) + 'Ư'.repeat(Math.floor(rnd() * 70_000));
  return pick(rnd, WRONG_TYPES);
}

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
}

/** A body shaped like the schema, with hostile values in some or all of its fields. */
function bodyFor(schema: Schema | undefined, rnd: () => number, depth = 0): unknown {
  if (!schema || depth > 3) return hostile(rnd);
  if (schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties)) if (rnd() < 0.85) out[k] = rnd() < 0.6 ? hostile(rnd) : bodyFor(s, rnd, depth + 1);
    if (rnd() < 0.2) out[pick(rnd, HOSTILE_STRINGS) || 'extra'] = hostile(rnd);
    return out;
  }
  if (schema.items) return [bodyFor(schema.items, rnd, depth + 1)];
  return hostile(rnd);
}

const STACK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+:\d+|\.js:\d+:\d+|TypeError|ReferenceError|SyntaxError: |PostgresError|error: relation|stack/;

/** What must never be seen in an answer to hostile input. */
function problems(label: string, res: LightMyRequestResponse): string[] {
  const out: string[] = [];
  if (res.statusCode >= 500) out.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  if (STACK.test(res.body)) out.push(`${label}: a stack trace or internal error in the body: ${STACK.exec(res.body)![0]}`);
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('html') && (res.body.includes(XSS) || res.body.includes('<img src=x onerror'))) out.push(`${label}: markup from the request rendered unescaped`);
  for (const [name, value] of Object.entries(res.headers)) if (/[\r\n]/.test(String(value))) out.push(`${label}: a line break in the ${name} header`);
  if (res.headers['set-cookie'] && String(res.headers['set-cookie']).includes('admin=1')) out.push(`${label}: a cookie injected`);
  return out;
}

describeEachDatabase('hostile input', (get) => {
  let app: FastifyInstance;
  let token = '';
  let officerToken = '';
  let appCode = '';
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await seedDemoAccounts(db);
    app = await testApp(db);
    const tokenOf = async (username: string) => ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password: DEMO_PASSWORD } })).json() as { token: string }).token;
    token = await tokenOf('congdan');
    officerToken = await tokenOf('canbo.syt');
    const created = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, '1.004616', demoDefinition('1.004616')!.example));
    appCode = (created.json() as { code: string }).code;
  });
  after(() => app.close());

  test('every route of the OpenAPI document, anonymous and signed in, answers hostile input without a 5xx or a stack trace', async () => {
    const rnd = random(SEED);
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> };
    const found: string[] = [];
    let requests = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (let round = 0; round < 12; round++) {
          const auth = [undefined, token, officerToken][round % 3];
          const params = op.parameters ?? [];
          let url = path.replace(/\{(\w+)\}/g, () => (round === 0 ? appCode : enc(String(hostile(rnd)).slice(0, 3000))));
          const query = params.filter((p) => p.in === 'query').map((p) => `${enc(p.name)}=${enc(String(hostile(rnd)).slice(0, 5000))}`);
          if (query.length) url += `?${query.join('&')}`;
          const headers: Record<string, string> = {};
          if (auth) headers.authorization = `Bearer ${auth}`;
          let payload: string | undefined;
          if (method !== 'get') {
            const schema = op.requestBody?.content?.['application/json']?.schema;
            const r = rnd();
            headers['content-type'] = r < 0.1 ? 'text/plain' : r < 0.15 ? 'application/x-www-form-urlencoded' : 'application/json';
            payload = r < 0.2 ? '{"broken": ' : r < 0.25 ? '[' + '['.repeat(5000) : JSON.stringify(bodyFor(schema, rnd));
          }
          const res = await app.inject({ method: method.toUpperCase() as 'GET', url, headers, payload });
          requests++;
          found.push(...problems(`${method.toUpperCase()} ${url.slice(0, 120)}`, res));
        }
      }
    }
    assert.ok(requests > 150, `${requests} requests`);
    assert.deepEqual(found, []);
    // The SQL payloads changed nothing: the accounts are all there.
    const accounts = await get().db.selectFrom('account').select('username').execute();
    assert.ok(accounts.some((a) => a.username === 'congdan'));
  });

  test('the HTML forms refuse hostile input with a page, not an error, and keep stored text escaped', async () => {
    const rnd = random(SEED + 1);
    const jar = await signedIn(app, 'congdan', DEMO_PASSWORD);
    const admin = await signedIn(app, 'quantri', DEMO_PASSWORD);
    const found: string[] = [];
    const forms: { jar: Jar | undefined; page: string; action: string; fields: string[] }[] = [
      { jar: undefined, page: '/dang-nhap', action: '/dang-nhap', fields: ['login', 'password', 'next'] },
      { jar: undefined, page: '/dang-ky', action: '/dang-ky', fields: ['kind', 'username', 'fullName', 'email', 'phone', 'password', 'passwordAgain', 'idNumber'] },
      { jar, page: '/tai-khoan', action: '/tai-khoan', fields: ['fullName', 'email', 'phone', 'idNumber', 'address.province', 'address.commune', 'address.detail'] },
      { jar, page: '/tai-khoan/mat-khau', action: '/tai-khoan/mat-khau', fields: ['current', 'password', 'passwordAgain'] },
      { jar, page: '/hoi-dap/dat-cau-hoi', action: '/hoi-dap/dat-cau-hoi', fields: ['question', 'service', 'title'] },
      { jar, page: '/dich-vu-cong/1.004616/to-khai', action: '/dich-vu-cong/1.004616/to-khai', fields: ['_step', '_action', 'fullName', 'dateOfBirth', 'idNumber', 'email', 'practice.0.place'] },
      { jar, page: '/dich-vu-cong/1.004616/to-khai', action: '/dich-vu-cong/1.004616/nop-ho-so', fields: ['fullName', 'email', 'degree', 'scope'] },
      { jar, page: `/ho-so/${appCode}`, action: `/ho-so/${appCode}/danh-gia`, fields: ['overall', 'comment'] },
      { jar: admin, page: '/quan-tri/bao-tri', action: '/quan-tri/bao-tri', fields: ['startsAt', 'endsAt', 'shownFrom', 'messageVi', 'messageEn'] },
      { jar: admin, page: '/quan-tri/can-bo', action: '/quan-tri/can-bo', fields: ['fullName', 'username', 'password', 'role', 'agency'] },
      { jar: admin, page: '/quan-tri/webhook', action: '/quan-tri/webhook', fields: ['url', 'secret', 'events'] },
    ];
    for (const form of forms) {
      for (let round = 0; round < 8; round++) {
        const fields = Object.fromEntries(form.fields.map((f) => [f, String(hostile(rnd)).slice(0, round % 2 ? 100_000 : 300)]));
        const res = await submitForm(app, form.jar ?? {}, form.page, form.action, fields);
        found.push(...problems(`POST ${form.action} (${Object.values(fields).map((v) => v.slice(0, 15)).join('|')})`, res));
      }
      // Search and lookup pages take what is typed in the address too.
      for (const url of [`${form.page}?q=${encodeURIComponent(XSS)}`, `${form.page}?next=${encodeURIComponent('//evil.example')}`]) found.push(...problems(`GET ${url}`, await app.inject({ url, cookies: form.jar })));
    }
    for (const url of ['/dich-vu-cong?q=' + encodeURIComponent(`${XSS}' OR 1=1 --`), '/tra-cuu?ma=' + encodeURIComponent(IMG), '/hoi-dap?q=%00%E2%80%AE', '/dich-vu-cong/' + encodeURIComponent('../../etc/passwd'), '/dich-vu-cong?page=-1&level=x&adminLevel=' + 'a'.repeat(5000), '/%E0%A4%A', '/ho-so/%00']) {
      found.push(...problems(`GET ${url.slice(0, 80)}`, await app.inject({ url, cookies: jar })));
    }
    assert.deepEqual(found, []);
  });

  test('a name with markup and an email with a line break: the first is shown as text, the second refused and not stored', async () => {
    const jar = await signedIn(app, 'congdan', DEMO_PASSWORD);
    const named = await submitForm(app, jar, '/tai-khoan', '/tai-khoan', { fullName: `Nguyễn ${XSS} An`, email: 'an@example.vn', phone: '0912345678' });
    assert.ok(named.statusCode < 500);
    const profile = await app.inject({ url: '/tai-khoan', cookies: jar });
    assert.ok(!profile.body.includes(XSS));
    if (named.statusCode === 303) assert.ok(profile.body.includes('Nguyễn &lt;script'), 'stored, and shown as text');

    const before = await get().db.selectFrom('account').select('email').where('username', '=', 'congdan').executeTakeFirstOrThrow();
    const crlf = await submitForm(app, jar, '/tai-khoan', '/tai-khoan', { fullName: 'Nguyễn Văn An', email: 'an@example.vn\r\nBcc: victim@example.com', phone: '0912345678' });
    assert.equal(crlf.statusCode, 400, 'refused');
    assert.match(crlf.body, /thư điện tử/i);
    const after = await get().db.selectFrom('account').select('email').where('username', '=', 'congdan').executeTakeFirstOrThrow();
    assert.equal(after.email, before.email, 'nothing stored');

    const register = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'nguoi.moi', password: 'Mat-khau-2026!', fullName: 'Người Mới', email: 'moi@example.vn\r\nBcc: x@example.com' } });
    assert.equal(register.statusCode, 400);
    assert.equal(await get().db.selectFrom('account').select('id').where('username', '=', 'nguoi.moi').executeTakeFirst(), undefined);
  });

  test('a zip bomb, a traversal file name and a huge declared multipart body are refused without a 5xx', async () => {
    const jar = await signedIn(app, 'congdan', DEMO_PASSWORD);
    const page = await app.inject({ url: '/dich-vu-cong/1.004616/to-khai', cookies: jar });
    remember(jar, page);
    const csrf = csrfOf(page.body);
    // 200 MB of zeros, about 200 kB zipped.
    const bomb = Buffer.from(zipSync({ 'a.bin': new Uint8Array(200 * 1024 * 1024) }, { level: 9 }));
    const boundary = '----dvcttfuzz';
    const part = (name: string, value: string | Buffer, filename?: string, type = 'application/octet-stream') =>
      Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename !== undefined ? `; filename="${filename}"` : ''}\r\n${filename !== undefined ? `Content-Type: ${type}\r\n` : ''}\r\n`), Buffer.isBuffer(value) ? value : Buffer.from(value), Buffer.from('\r\n')]);
    const data = JSON.stringify(demoDefinition('1.004616')!.example);
    const body = Buffer.concat([
      part('_csrf', csrf),
      part('data', data),
      part('component:van-bang', bomb, '../../../../etc/cron.d/x.pdf', 'application/pdf'),
      part('component:anh-chan-dung', Buffer.from('%PDF-1.7\n'), '\u202Egpj.exe', 'image/jpeg'),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const cookieHeader = Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
    // The answers first (the draft the files join), so the files themselves are what is judged.
    const filled = await app.inject({ method: 'POST', url: '/dich-vu-cong/1.004616/to-khai', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader }, payload: new URLSearchParams([['_csrf', csrf], ...formBodyFromAnswers(demoDefinition('1.004616')!, demoDefinition('1.004616')!.example!)]).toString() });
    assert.equal(filled.statusCode, 303);
    const before = await get().db.selectFrom('application').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await app.inject({ method: 'POST', url: '/dich-vu-cong/1.004616/thanh-phan-ho-so', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookieHeader }, payload: body });
    assert.deepEqual(problems('zip bomb upload', res), []);
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `refused: ${res.statusCode}`);
    assert.ok(!res.body.includes('etc/cron.d'), 'the traversal name is not echoed as a path');
    const afterCount = await get().db.selectFrom('application').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n), 'no application stored');

    // A body that claims 10 GB: refused from the header, before it is read.
    const huge = await app.inject({ method: 'POST', url: '/dich-vu-cong/1.004616/thanh-phan-ho-so', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(10 * 1024 ** 3), cookie: cookieHeader }, payload: part('_csrf', csrf) });
    assert.deepEqual(problems('huge declared multipart', huge), []);
    // The same on the API's multipart submission, and a multipart without a boundary.
    // NUL inside the answers of a multipart submission: the guard does not parse streamed bodies.
    const nul = JSON.stringify({ ...(demoDefinition('1.004616')!.example as Record<string, unknown>), fullName: 'An\u0000\uD800' });
    const nulBody = Buffer.concat([part('service', '1.004616'), part('data', nul), Buffer.from(`--${boundary}--\r\n`)]);
    const nulRes = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` }, payload: nulBody });
    assert.deepEqual(problems('NUL in multipart answers', nulRes), []);
    for (const headers of [{ 'content-type': `multipart/form-data; boundary=${boundary}` }, { 'content-type': 'multipart/form-data' }]) {
      const api = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...headers, authorization: `Bearer ${token}` }, payload: body });
      assert.deepEqual(problems('API multipart', api), []);
    }
  });
});
