// The portal's pages and operations endpoints through real HTTP handling (app.inject) on each database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';

const MENU = ['Trang chủ', 'Giới thiệu', 'Dịch vụ công', 'Hướng dẫn', 'Hỏi đáp', 'Tra cứu hồ sơ', 'Phản ánh, kiến nghị', 'Thống kê', 'Sơ đồ cổng'];

describeEachDatabase('portal pages', (get) => {
  let app: FastifyInstance;
  before(async () => {
    app = await testApp(get().db, { DVCTT_AGENCY_NAME: 'Ủy ban nhân dân tỉnh Thử Nghiệm', DVCTT_RESPONSIBLE_PERSON: 'Ông Nguyễn Văn A' });
  });
  after(() => app.close());

  test('the home page is in Vietnamese with the Art. 16 header, menu and footer', async () => {
    const res = await app.inject('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html; charset=utf-8/);
    const html = res.body;
    assert.match(html, /<html lang="vi">/);
    assert.match(html, /<img src="\/assets\/emblem.svg" alt="[^"]+"/);
    assert.match(html, /Ủy ban nhân dân tỉnh Thử Nghiệm/);
    for (const item of MENU) assert.ok(html.includes(`>${item}</a>`), `menu item ${item}`);
    for (const label of ['Chịu trách nhiệm chính', 'Địa chỉ', 'Điện thoại', 'Thư điện tử', 'Ông Nguyễn Văn A']) {
      assert.ok(html.includes(label), `footer shows ${label}`);
    }
    assert.match(html, /<title>Trang chủ — [^<]+<\/title>/);
    assert.match(html, /<meta name="description" content="[^"]{40,}"/);
  });

  test('every page of the menu answers, marks itself current in the menu, and has one h1', async () => {
    for (const [href, label] of [['/', 'Trang chủ'], ['/gioi-thieu', 'Giới thiệu'], ['/dich-vu-cong', 'Dịch vụ công'], ['/so-do-cong', 'Sơ đồ cổng']] as const) {
      const res = await app.inject(href);
      assert.equal(res.statusCode, 200, href);
      assert.ok(res.body.includes(`href="${href}" aria-current="page">${label}</a>`) || res.body.includes(`href="${href}" accessKey`) || res.body.includes(`aria-current="page"`), href);
      assert.equal(res.body.match(/<h1[ >]/g)?.length, 1, `${href} has one h1`);
    }
  });

  test('the sitemap page lists every menu page as a tree of links', async () => {
    const res = await app.inject('/so-do-cong');
    const tree = res.body.slice(res.body.indexOf('sitemap-tree'));
    for (const href of ['/', '/gioi-thieu', '/dich-vu-cong', '/so-do-cong']) assert.ok(tree.includes(`href="${href}"`), href);
  });

  test('the English switch sets a cookie and returns to the same page, now in English', async () => {
    const res = await app.inject('/ngon-ngu?lang=en&next=%2Fgioi-thieu');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/gioi-thieu');
    const cookie = res.cookies.find((c) => c.name === 'lang');
    assert.equal(cookie?.value, 'en');
    const page = await app.inject({ url: '/gioi-thieu', cookies: { lang: 'en' } });
    assert.match(page.body, /<html lang="en">/);
    assert.match(page.body, />About<\/a>/);
    assert.match(page.body, />Tiếng Việt<\/a>/);
  });

  test('the language switch refuses to redirect to another site', async () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example']) {
      const res = await app.inject(`/ngon-ngu?lang=en&next=${encodeURIComponent(next)}`);
      assert.equal(res.headers.location, '/', next);
    }
  });

  test('large text and high contrast are remembered and change the page', async () => {
    const res = await app.inject('/hien-thi?chu=lon&next=%2F');
    const display = res.cookies.find((c) => c.name === 'display');
    assert.equal(display?.value, 'large');
    const both = await app.inject({ url: '/hien-thi?tuong-phan=cao&next=%2F', cookies: { display: 'large' } });
    assert.equal(both.cookies.find((c) => c.name === 'display')?.value, 'large,contrast');
    const page = await app.inject({ url: '/', cookies: { display: 'large,contrast' } });
    assert.match(page.body, /<body class="text-large contrast-high">/);
    assert.match(page.body, />Chữ thường<\/a>/);
  });

  test('an unknown page gets a Vietnamese 404 page with the portal layout', async () => {
    const res = await app.inject('/khong-co-trang-nay');
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Không tìm thấy trang/);
    assert.match(res.body, />Sơ đồ cổng<\/a>/);
  });

  test('an unknown API path answers 404 as JSON with a Vietnamese message', async () => {
    const res = await app.inject('/api/v1/khong-co');
    assert.equal(res.statusCode, 404);
    const body = res.json() as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'NOT_FOUND');
    assert.match(body.error.message, /Không tìm thấy/);
  });

  test('health and readiness answer while the database is up', async () => {
    assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
  });

  test('/metrics counts requests by route pattern and status for Prometheus', async () => {
    await app.inject('/gioi-thieu');
    await app.inject('/khong-co-trang-nay');
    const res = await app.inject('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/plain; version=0.0.4/);
    assert.match(res.body, /dvctt_http_requests_total\{method="GET",route="\/gioi-thieu",status="200"\} [1-9]/);
    assert.match(res.body, /dvctt_http_request_duration_seconds_bucket\{method="GET",route="\/gioi-thieu",le="\+Inf"\} [1-9]/);
    assert.match(res.body, /status="404"/);
    assert.doesNotMatch(res.body, /khong-co-trang-nay/, 'unknown URLs do not become series');
    assert.match(res.body, /dvctt_process_resident_memory_bytes \d+/);
    const outside = await app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    assert.equal(outside.statusCode, 404, 'not for the public internet');
  });

  test('the OpenAPI document describes the operations endpoints', async () => {
    const res = await app.inject('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/healthz'] && doc.paths['/readyz']);
    assert.equal(doc.paths['/'], undefined, 'pages are not API operations');
  });

  test('the OpenAPI document declares the bearer token, names it on operations that need one, and every parameter is well formed', async () => {
    type Operation = { security?: Record<string, string[]>[]; parameters?: { name?: string; in?: string; schema?: unknown }[] };
    const doc = (await app.inject('/api/openapi.json')).json() as { components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> }; paths: Record<string, Record<string, Operation>> };
    const schemes = Object.entries(doc.components?.securitySchemes ?? {}).filter(([, s]) => s.type === 'http' && s.scheme === 'bearer');
    assert.equal(schemes.length, 1, 'one bearer scheme');
    const bearer = schemes[0]![0];
    const secured = (p: string, m: string) => (doc.paths[p]?.[m]?.security ?? []).some((s) => bearer in s);
    assert.ok(secured('/api/v1/me/notifications', 'get'), 'my notices need a token');
    assert.ok(!secured('/healthz', 'get'), 'health does not');
    const bad: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        for (const prm of op.parameters ?? []) {
          if (typeof prm.name !== 'string' || !prm.name || !['query', 'path', 'header', 'cookie'].includes(String(prm.in)) || typeof prm.schema !== 'object') bad.push(`${m} ${p} ${JSON.stringify(prm)}`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  test('every answer carries a request id and security headers; a given request id is kept', async () => {
    const res = await app.inject({ url: '/', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(res.headers['x-request-id'], 'abc-123');
    const other = await app.inject({ url: '/', headers: { 'x-request-id': '<script>' } });
    assert.match(other.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  test('a scheduled maintenance notice shows on every page from its display date until the work ends', async () => {
    const { db } = get();
    const day = 24 * 3600 * 1000;
    const now = Date.now();
    await db
      .insertInto('maintenance_notice')
      .values([
        { shown_from: new Date(now - day), starts_at: new Date(now + day), ends_at: new Date(now + day + 3600_000), message_vi: 'Bảo trì hệ thống từ 22:00 ngày mai', message_en: 'Maintenance from 22:00 tomorrow' },
        { shown_from: new Date(now + 2 * day), starts_at: new Date(now + 3 * day), ends_at: new Date(now + 4 * day), message_vi: 'Bảo trì tuần sau' },
      ])
      .execute();
    try {
      for (const href of ['/', '/gioi-thieu', '/so-do-cong']) {
        const res = await app.inject(href);
        assert.match(res.body, /Thông báo bảo trì/, href);
        assert.match(res.body, /Bảo trì hệ thống từ 22:00 ngày mai/, href);
        assert.doesNotMatch(res.body, /Bảo trì tuần sau/, `${href}: not yet shown`);
      }
      const en = await app.inject({ url: '/', cookies: { lang: 'en' } });
      assert.match(en.body, /Maintenance from 22:00 tomorrow/);
    } finally {
      await db.deleteFrom('maintenance_notice').execute();
    }
  });

  test('user text in the URL is escaped, never rendered as markup', async () => {
    const res = await app.inject('/dich-vu-cong?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(res.body, /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});
