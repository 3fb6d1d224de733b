// P2, P6 (decision 0027): the home page, the catalog's lists and the service pages are kept
// rendered for visitors not signed in — one page per address, language and display choice, with
// its ETag and compressed bytes — and a change to what they show reaches them at once on the
// instance that made it and within a second on another instance of the same database. A signed-in
// person's pages are never kept, and no kept page carries a visitor's own form token.
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { h } from 'preact';
import { buildApp } from '../src/app.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { saveServiceFields } from '../src/catalog/admin/store.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/identity/index.ts';
import { PageCache } from '../src/web/page-cache.ts';
import { testApp, testConfig } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm } from './helpers/session.ts';

const PHARMACIST = '1.004616';
const SERVICE_PAGE = `/dich-vu-cong/${PHARMACIST}`;
const DAY = 86_400_000;

/** Asks until `check` holds, for at most `ms`; the last answer is returned for the assertion. */
async function within<T>(ms: number, ask: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + ms;
  let value = await ask();
  while (!check(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await ask();
  }
  return value;
}

describeEachDatabase('anonymous pages kept rendered', (get) => {
  let one: FastifyInstance;
  let two: FastifyInstance;
  before(async () => {
    const { db, pool } = get();
    await seedCatalogDemo(db);
    await seedDemoAccounts(db);
    const instance = async () => {
      const app = await buildApp({ config: testConfig({ DVCTT_WORKERS: '0' }), db, pool, logger: false });
      await app.ready();
      return app;
    };
    [one, two] = [await instance(), await instance()];
  });
  after(async () => {
    await one.close();
    await two.close();
  });

  const open = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
  const shows = (text: string) => (res: LightMyRequestResponse) => res.body.includes(text);

  test('a visitor gets the kept page with its ETag and 304 when unchanged, compressed once; the form token is never in it', async () => {
    const first = await open(one, SERVICE_PAGE);
    assert.equal(first.statusCode, 200);
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/"[\w-]+"$/);
    const token = first.cookies.find((c) => c.name === 'dvctt_csrf')?.value;
    assert.ok(token, 'an anonymous visitor is given a form token');
    assert.ok(!first.body.includes(token), 'the kept page does not carry the visitor’s token');
    const other = await open(one, SERVICE_PAGE, { cookie: 'lang=vi' });
    assert.equal(other.body, first.body, 'another visitor gets the same page');
    assert.equal(other.headers.etag, etag);
    assert.equal(other.headers['content-type'], 'text/html; charset=utf-8');

    const unchanged = await open(one, SERVICE_PAGE, { 'if-none-match': etag });
    assert.equal(unchanged.statusCode, 304);
    assert.equal(unchanged.body, '');

    const br = await within(2000, () => open(one, SERVICE_PAGE, { 'accept-encoding': 'gzip, br' }), (r) => r.headers['content-encoding'] === 'br');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'accept-encoding');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), first.body);
    const gzip = await open(one, SERVICE_PAGE, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
  });

  test('a kept page goes with the headers of a page rendered for the request, and its ETag', async () => {
    const fresh = await testApp(get().db);
    try {
      // What varies from one response to the next, whoever sends it, and the framing (a kept page's length is known).
      const own = new Set(['date', 'x-request-id', 'set-cookie', 'etag', 'content-length', 'transfer-encoding']);
      const headers = (res: LightMyRequestResponse) => Object.entries(res.headers).filter(([name]) => !own.has(name)).sort(([a], [b]) => a.localeCompare(b));
      for (const url of ['/', SERVICE_PAGE, '/dich-vu-cong?q=khai%20sinh', '/dich-vu-cong/9.999999', '/dich-vu-cong?level=9']) {
        for (const encoding of [{}, { 'accept-encoding': 'gzip, deflate, br' }, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
          await open(one, url, encoding);
          const kept = await within(2000, () => open(one, url, encoding), (r) => r.statusCode !== 200 || !('accept-encoding' in encoding) || r.headers['content-encoding'] !== undefined);
          const rendered = await open(fresh, url, encoding);
          assert.equal(kept.statusCode, rendered.statusCode, url);
          assert.deepEqual(headers(kept), headers(rendered), `${url} ${JSON.stringify(encoding)}`);
          assert.equal(kept.headers.etag === undefined, kept.statusCode !== 200, 'only a kept page has an ETag');
        }
      }
    } finally {
      await fresh.close();
    }
  });

  test('the kept pages stay within their bytes, the least recently used going first', async () => {
    const pages = new PageCache(get().db, { listen: get().pool.options, maxBytes: 300_000 });
    await pages.open();
    const app = Fastify({ logger: false });
    await app.register(cookie);
    const filler = 'Thủ tục hành chính '.repeat(2000);
    app.get<{ Params: { n: string } }>('/trang/:n', (req, reply) => pages.serve(req, reply, async () => ({ vnode: h('html', null, h('body', null, `${req.params.n} ${filler}`)) })));
    try {
      const first = await app.inject('/trang/0');
      for (let n = 1; n < 20; n++) {
        await app.inject(`/trang/${n}`);
        // The first page is asked for again and again: it stays.
        assert.equal((await app.inject({ url: '/trang/0', headers: { 'if-none-match': String(first.headers.etag) } })).statusCode, 304);
      }
      assert.ok(pages.size.bytes <= 300_000, `${pages.size.bytes} bytes kept`);
      assert.ok(pages.size.pages >= 5 && pages.size.pages < 20, `${pages.size.pages} pages kept`);
      const oldest = await app.inject({ url: '/trang/1', headers: { 'if-none-match': 'W/"none"' } });
      assert.equal(oldest.statusCode, 200);
    } finally {
      await app.close();
      await pages.close();
    }
  });

  test('a signed-in person gets their own page, never a kept one, and never leaves theirs behind', async () => {
    const admin = await signedIn(one, 'quantri', DEMO_PASSWORD);
    const own = await one.inject({ url: '/', cookies: admin });
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Phạm Thị Dung/);
    assert.equal(own.headers.etag, undefined, 'not served from the kept pages');
    const visitor = await open(one, '/');
    assert.doesNotMatch(visitor.body, /Phạm Thị Dung/);
    assert.match(String(visitor.headers.etag), /^W\//);
  });

  test('each language and display choice has its own page', async () => {
    const plain = await open(one, '/dich-vu-cong?q=khai%20sinh');
    const english = await open(one, '/dich-vu-cong?q=khai%20sinh', { cookie: 'lang=en' });
    const contrast = await open(one, '/dich-vu-cong?q=khai%20sinh', { cookie: 'display=contrast,large' });
    assert.match(plain.body, /<html lang="vi"/);
    assert.match(english.body, /<html lang="en"/);
    assert.match(contrast.body, /<body class="text-large contrast-high"/);
    assert.doesNotMatch(plain.body, /contrast-high/);
    assert.equal(new Set([plain.headers.etag, english.headers.etag, contrast.headers.etag]).size, 3);
    assert.match((await open(one, '/dich-vu-cong?q=khai%20sinh')).body, /<html lang="vi"/);
  });

  test('a renamed service shows on its page and in the search on this instance and on another within a second', async () => {
    const { db } = get();
    for (const app of [one, two]) {
      assert.doesNotMatch((await open(app, SERVICE_PAGE)).body, /Dược sĩ tên mới/);
      await open(app, '/dich-vu-cong?q=duoc');
    }
    const account = await db.selectFrom('account').select(['id', 'username', 'full_name']).where('username', '=', 'quantri').executeTakeFirstOrThrow();
    const actor = { id: account.id, username: account.username, fullName: account.full_name, role: 'admin' as const, agencyCode: '000.00.00.H34', agencies: new Set(['000.00.00.H34']) };
    await saveServiceFields(db, PHARMACIST, { name: 'Cấp chứng chỉ hành nghề Dược sĩ tên mới' }, { actor, ip: '127.0.0.1' });
    for (const app of [one, two]) {
      assert.ok(shows('Dược sĩ tên mới')(await within(1000, () => open(app, SERVICE_PAGE), shows('Dược sĩ tên mới'))), 'the service page shows the new name');
      assert.ok(shows('Dược sĩ tên mới')(await within(1000, () => open(app, '/dich-vu-cong?q=duoc'), shows('Dược sĩ tên mới'))), 'the search shows the new name');
    }
  });

  test('a maintenance notice shows on every kept page within a second, and one cancelled on this instance is gone at once', async () => {
    const { db } = get();
    for (const app of [one, two]) assert.doesNotMatch((await open(app, '/')).body, /Nâng cấp đường truyền/);
    const now = Date.now();
    const notice = await db
      .insertInto('maintenance_notice')
      .values({ shown_from: new Date(now - DAY), starts_at: new Date(now + 2 * DAY), ends_at: new Date(now + 2 * DAY + 3_600_000), message_vi: 'Nâng cấp đường truyền', message_en: 'Network upgrade' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const app of [one, two]) {
      for (const url of ['/', SERVICE_PAGE, '/dich-vu-cong']) assert.ok(shows('Nâng cấp đường truyền')(await within(1000, () => open(app, url), shows('Nâng cấp đường truyền'))), url);
    }
    const admin = await signedIn(one, 'quantri', DEMO_PASSWORD);
    const cancel = await submitForm(one, admin, '/quan-tri/bao-tri', `/quan-tri/bao-tri/${notice.id}/huy`, {});
    assert.equal(cancel.statusCode, 303);
    assert.equal(Number((await db.selectFrom('maintenance_notice').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n), 0);
    for (const url of ['/', SERVICE_PAGE, '/dich-vu-cong']) assert.doesNotMatch((await open(one, url)).body, /Nâng cấp đường truyền/, url);
  });

  test('guidance and a FAQ answer published for a service show on its kept page within a second', async () => {
    const { db } = get();
    await open(two, SERVICE_PAGE);
    await db.insertInto('faq').values({ service_code: PHARMACIST, question: 'Chứng chỉ có thời hạn bao lâu?', answer: 'Không thời hạn.', published: true }).execute();
    assert.ok(shows('Chứng chỉ có thời hạn bao lâu?')(await within(1000, () => open(two, SERVICE_PAGE), shows('Chứng chỉ có thời hạn bao lâu?'))));
    await db.insertInto('guidance').values({ slug: 'huong-dan-duoc-si', title: 'Chuẩn bị hồ sơ dược sĩ', body_md: 'Nội dung', service_codes: [PHARMACIST], published: true }).execute();
    assert.ok(shows('Chuẩn bị hồ sơ dược sĩ')(await within(1000, () => open(two, SERVICE_PAGE), shows('Chuẩn bị hồ sơ dược sĩ'))));
  });
});
