// C1–C5 through real HTTP handling on each database: import, search, facets, pages, sitemap.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { importCatalog, parseCatalogFile, seedCatalogDemo } from '../src/catalog/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';

interface ListBody {
  total: number;
  items: { code: string; name: string; level: number; sector: string; field: string; adminLevel: string; agency: string }[];
  facets: Record<string, { value: string; label: string; count: number }[]>;
}

const PHARMACIST = '1.004616';
const fixture = readFileSync(path.join(import.meta.dirname, 'fixtures', 'catalog-small.json'), 'utf8');

describeEachDatabase('catalog', (get) => {
  let app: FastifyInstance;
  const list = async (qs: string) => {
    const res = await app.inject(`/api/v1/services?${qs}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as ListBody;
  };
  before(async () => {
    await seedCatalogDemo(get().db);
    app = await testApp(get().db);
  });
  after(() => app.close());

  test('the demo catalog holds at least 60 real procedures over 8 sectors, all four levels and both local levels', async () => {
    const all = await list('pageSize=1');
    assert.ok(all.total >= 60, `total ${all.total}`);
    assert.ok(all.facets.sector!.length >= 8);
    assert.deepEqual(all.facets.level!.map((l) => l.value), ['1', '2', '3', '4']);
    const admin = all.facets.adminLevel!.map((a) => a.value);
    assert.ok(admin.includes('tinh') && admin.includes('xa'));
  });

  test('search ignores diacritics and case: both spellings find the pharmacist certificate first', async () => {
    for (const q of ['cap chung chi hanh nghe duoc', 'CẤP CHỨNG CHỈ HÀNH NGHỀ DƯỢC']) {
      const r = await list(`q=${encodeURIComponent(q)}`);
      assert.equal(r.items[0]?.code, PHARMACIST, q);
    }
  });

  test('đ folds to d, a typo still finds the service, and the mã TTHC finds its service first', async () => {
    const d = await list(`q=${encodeURIComponent('dang ky khai sinh')}`);
    assert.equal(d.items[0]?.name, 'Đăng ký khai sinh');
    const typo = await list(`q=${encodeURIComponent('khai sin')}`);
    assert.ok(typo.items.some((i) => i.name === 'Đăng ký khai sinh'), 'typo "khai sin"');
    const byCode = await list(`q=${PHARMACIST}`);
    assert.equal(byCode.items[0]?.code, PHARMACIST);
  });

  test('filters combine, repeat, stay in the facet counts of the other filters, and page', async () => {
    const both = await list('level=3&level=4&adminLevel=xa');
    assert.ok(both.total > 0);
    assert.ok(both.items.every((i) => i.level >= 3 && i.adminLevel === 'xa'));
    // The level facet counts ignore the level filter itself but apply adminLevel.
    const xa = await list('adminLevel=xa&pageSize=1');
    const levelCounts = Object.fromEntries(both.facets.level!.map((l) => [l.value, l.count]));
    for (const l of xa.facets.level!) assert.equal(levelCounts[l.value], l.count);
    assert.equal(both.total, (levelCounts['3'] ?? 0) + (levelCounts['4'] ?? 0));
    const page2 = await list('level=3&level=4&adminLevel=xa&pageSize=5&page=2');
    assert.equal(page2.items.length, Math.min(5, both.total - 5));
    assert.notEqual(page2.items[0]?.code, both.items[0]?.code);
  });

  test('one service has every Art. 5.1 item', async () => {
    const res = await app.inject(`/api/v1/services/${PHARMACIST}`);
    assert.equal(res.statusCode, 200);
    const s = res.json() as Record<string, unknown>;
    for (const key of ['name', 'steps', 'methods', 'components', 'dossierCount', 'timeLimitDays', 'applicants', 'decidingAgency', 'result', 'fees', 'forms', 'requirements', 'resultMethods', 'legalBasis', 'publicationDecision', 'sector', 'field', 'adminLevel', 'level', 'agency']) {
      assert.ok(s[key] !== undefined && s[key] !== '', `item ${key}`);
    }
    assert.equal(s.level, 4);
    assert.ok((s.components as { kind: string }[]).every((c) => c.kind), 'each component names its document kind');
  });

  test('bad input gets a clear Vietnamese 400 and no 500', async () => {
    const cases: [string, RegExp][] = [
      [`q=${'a'.repeat(5000)}`, /quá dài/],
      ['level=9', /Mức độ "9" không tồn tại/],
      ['adminLevel=tinhh', /Cấp thực hiện "tinhh" không tồn tại/],
      ['page=0', /"page" phải là số nguyên dương/],
      ['pageSize=abc', /"pageSize" phải là số nguyên dương/],
    ];
    for (const [qs, message] of cases) {
      const res = await app.inject(`/api/v1/services?${qs}`);
      assert.equal(res.statusCode, 400, qs);
      assert.match((res.json() as { error: { message: string } }).error.message, message, qs);
    }
    const page = await app.inject('/dich-vu-cong?level=9');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Mức độ &quot;9&quot; không tồn tại|Mức độ "9" không tồn tại/);
  });

  test('SQL and HTML in the query are only text; unknown facet values and pages past the end give empty lists', async () => {
    const before = (await list('pageSize=1')).total;
    const sqlish = await list(`q=${encodeURIComponent("'; DROP TABLE service; --")}`);
    assert.equal(sqlish.total, 0);
    const html = await app.inject(`/dich-vu-cong?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    assert.equal(html.statusCode, 200);
    assert.doesNotMatch(html.body, /<img src=x/);
    assert.equal((await list('sector=Kh%C3%B4ng%20c%C3%B3')).total, 0);
    const past = await list('page=999');
    assert.equal(past.items.length, 0);
    assert.equal(past.total, before);
    assert.equal((await list('pageSize=1')).total, before, 'nothing changed');
  });

  test('an unknown service is a 404 with a Vietnamese message, as JSON and as a page', async () => {
    const api = await app.inject('/api/v1/services/9.999999');
    assert.equal(api.statusCode, 404);
    assert.match((api.json() as { error: { message: string } }).error.message, /Không có dịch vụ công mã "9.999999"/);
    const page = await app.inject('/dich-vu-cong/9.999999');
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Không tìm thấy dịch vụ công/);
  });

  test('the service page shows every item, explains the level, and carries title, description and JSON-LD', async () => {
    const res = await app.inject(`/dich-vu-cong/${PHARMACIST}`);
    assert.equal(res.statusCode, 200);
    for (const heading of ['Trình tự thực hiện', 'Cách thức thực hiện', 'Thành phần, số lượng hồ sơ', 'Phí, lệ phí', 'Mẫu đơn, tờ khai', 'Yêu cầu, điều kiện thực hiện', 'Căn cứ pháp lý']) {
      assert.ok(res.body.includes(`>${heading}</h2>`), heading);
    }
    assert.match(res.body, /Toàn trình \(mức độ 4\)/);
    assert.match(res.body, /<title>Cấp Chứng chỉ hành nghề dược/);
    assert.match(res.body, /<meta name="description" content="Cấp Chứng chỉ hành nghề dược[^"]*Mã 1.004616/);
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)?.[1];
    assert.equal((JSON.parse(ld!) as { '@type': string; identifier: string }).identifier, PHARMACIST);
  });

  test('every level-3/4 service is at most 3 clicks from the home page (crawl from /)', async () => {
    const online = (await list('level=3&level=4&pageSize=100')).items.map((i) => `/dich-vu-cong/${i.code}`);
    assert.ok(online.length >= 30);
    const depth = new Map<string, number>([['/', 0]]);
    let frontier = ['/'];
    for (let d = 1; d <= 3; d++) {
      const next: string[] = [];
      for (const url of frontier) {
        const res = await app.inject(url);
        for (const [, href] of res.body.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)) {
          const link = href!.replaceAll('&amp;', '&');
          if (!depth.has(link) && !link.startsWith('/ngon-ngu') && !link.startsWith('/hien-thi')) {
            depth.set(link, d);
            next.push(link);
          }
        }
      }
      frontier = next;
    }
    const far = online.filter((u) => !depth.has(u));
    assert.deepEqual(far, [], 'services further than 3 clicks');
  });

  test('sitemap.xml lists the pages and every service; Sơ đồ cổng shows online services by sector', async () => {
    const xml = await app.inject('/sitemap.xml');
    assert.equal(xml.statusCode, 200);
    assert.match(xml.headers['content-type'] as string, /application\/xml/);
    const total = (await list('pageSize=1')).total;
    assert.equal(xml.body.match(/<loc>[^<]*\/dich-vu-cong\/\d+\.\d{6}<\/loc>/g)?.length, total);
    const tree = await app.inject('/so-do-cong');
    assert.ok(tree.body.includes(`href="/dich-vu-cong/${PHARMACIST}"`));
    assert.ok(tree.body.includes('>Y tế</a>'));
  });

  test('each form of a service downloads as .docx and .pdf under its official file name (level 2)', async () => {
    const page = await app.inject(`/dich-vu-cong/${PHARMACIST}`);
    for (const [file, type, magic] of [['Mau02_CapCCHNDuoc.docx', /wordprocessingml/, 'PK'], ['Mau02_CapCCHNDuoc.pdf', /application\/pdf/, '%PDF']] as const) {
      assert.ok(page.body.includes(`href="/dich-vu-cong/${PHARMACIST}/mau/${file}"`), `link to ${file}`);
      const res = await app.inject(`/dich-vu-cong/${PHARMACIST}/mau/${file}`);
      assert.equal(res.statusCode, 200, file);
      assert.match(res.headers['content-type'] as string, type);
      assert.equal(res.headers['content-disposition'], `attachment; filename="${file}"`);
      assert.equal(res.rawPayload.subarray(0, magic.length).toString('latin1'), magic);
    }
    for (const bad of ['Mau99_Khong.docx', 'Mau02_CapCCHNDuoc.exe', '..%2F..%2Fpackage.json']) {
      const res = await app.inject(`/dich-vu-cong/${PHARMACIST}/mau/${bad}`);
      assert.equal(res.statusCode, 404, bad);
      assert.match(res.body, /Không tìm thấy biểu mẫu/);
    }
  });

  test('the OpenAPI document describes the catalog API', async () => {
    const doc = (await app.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    assert.ok(doc.paths['/api/v1/services'] && doc.paths['/api/v1/services/{code}']);
  });

  test('an import file loads its valid records, reports each bad one with place, key and reason, and re-import updates', async () => {
    const { db } = get();
    const file = parseCatalogFile(fixture);
    const first = await importCatalog(db, file);
    assert.deepEqual(first.services, { inserted: 2, updated: 0 });
    assert.deepEqual(first.agencies, { inserted: 2, updated: 0 });
    const problems = first.problems.map((p) => `${p.at} ${p.key}: ${p.message}`);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('/agencies/2 000.50.01.H99: cơ quan cấp trên "000.99.99.H99"')));
    assert.ok(problems.some((p) => p.startsWith('/services/2 1.999003: thiếu trường bắt buộc')));
    assert.ok(problems.some((p) => p.startsWith('/services/3 ABC: trường "code" sai định dạng')));
    assert.ok(problems.some((p) => p.startsWith('/services/4 1.999004: cơ quan "000.77.77.H99" không có')));
    // Searchable at once, accent-insensitively.
    assert.equal((await list('q=dang%20ky%20giam%20ho')).items[0]?.code, '1.999001');

    const again = await importCatalog(db, file);
    assert.deepEqual(again.services, { inserted: 0, updated: 2 });
    const count = await db.selectFrom('service').select((eb) => eb.fn.countAll<string>().as('n')).where('code', 'like', '1.9990%').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2, 'no duplicates');
  });

  test('a file that is not the catalog format is refused as a whole with a clear reason', () => {
    assert.throws(() => parseCatalogFile('{ not json'), /không phải JSON hợp lệ/);
    assert.throws(() => parseCatalogFile('{"services": []}'), /dvctt-catalog\/1/);
    assert.throws(() => parseCatalogFile('{"format": "dvctt-catalog/1", "services": {}}'), /"services" phải là một mảng/);
  });
});
