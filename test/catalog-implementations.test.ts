// C1, C2, A1: one procedure implemented by many agencies — the assignment list imported as JSON
// and CSV with bad rows reported by row and field, portal edits kept on re-import, the API
// record and the agency facet, on each database; and the CLI's exit code.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import {
  communeOfAddress,
  communes,
  effectiveAgency,
  exportCatalog,
  implementationAt,
  implementationsOf,
  importCatalog,
  importCatalogCsv,
  saveImplementation,
  seedCatalogDemo,
  servicesOfAgencies,
  type CatalogFile,
} from '../src/catalog/index.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { runDvctt } from './helpers/process.ts';

const BIRTH = '1.001193';
const NHA_TRANG = '000.33.01.H34';
const BAC_NHA_TRANG = '000.33.02.H34';
const DIEN_KHANH = '000.35.01.H34';
const CAM_LAM = '000.38.01.H34';
const CENTRE = '000.00.50.H34';
const PHARMACIST = '1.004616';

interface ServiceBody {
  code: string;
  implementations: { agency: { code: string; name: string }; timeLimitDays: number; level: number; online: boolean; offlineReason: string | null }[];
}
interface ListBody {
  total: number;
  items: { code: string }[];
  facets: Record<string, { value: string; label: string; count: number }[]>;
}

describeEachDatabase('implementations', (get) => {
  let app: FastifyInstance;
  before(async () => {
    await seedCatalogDemo(get().db);
    app = await testApp(get().db);
  });
  after(() => app.close());

  test('the demo province: civil status is received by every commune and ward, a department’s procedure at the centre and its branches too', async () => {
    const { db } = get();
    const birth = await implementationsOf(db, BIRTH);
    const wards = (await communes(db)).filter((c) => !c.replacedBy);
    assert.ok(wards.length >= 8, `${wards.length} communes`);
    assert.deepEqual(new Set(birth.map((i) => i.agency.code)), new Set(wards.map((c) => c.code)));
    // Cam Lâm offers it only at level 3, with its own receiving address; the others at the procedure's level 4.
    const camLam = birth.find((i) => i.agency.code === CAM_LAM)!;
    assert.equal(camLam.level, 3);
    assert.match(camLam.receivingAddress!, /xã Cam Lâm/);
    assert.equal(birth.find((i) => i.agency.code === NHA_TRANG)!.level, 4);
    assert.match(birth[0]!.openingHours!, /Thứ Hai/);
    const tourGuide = (await implementationsOf(db, '1.001432')).map((i) => i.agency.kind).sort();
    assert.deepEqual(tourGuide, ['branch', 'branch', 'centre', 'department']);
    // A procedure of one agency keeps exactly that one implementation.
    assert.deepEqual((await implementationsOf(db, PHARMACIST)).map((i) => i.agency.code), ['000.00.12.H34']);
    assert.equal(await implementationAt(db, PHARMACIST, NHA_TRANG), undefined);
    // An officer's pickers list what the agency receives, not only what it leads.
    const dienKhanh = (await servicesOfAgencies(db, [DIEN_KHANH])).map((s) => s.code);
    assert.ok(dienKhanh.includes(BIRTH) && dienKhanh.includes('2.000884'), dienKhanh.join());
    assert.ok(!dienKhanh.includes(PHARMACIST));
  });

  test('an implementation taken offline says so with its reason; a merged agency leads to its successor, and an old address to the new ward', async () => {
    const { db } = get();
    const offline = (await implementationAt(db, '1.004873', CAM_LAM))!;
    assert.equal(offline.online, false);
    assert.match(offline.offlineReason!, /chuyển đổi dữ liệu/);
    assert.equal((await implementationAt(db, '1.004873', NHA_TRANG))!.online, true);
    const successor = await effectiveAgency(db, '000.33.90.H34');
    assert.equal(successor?.code, BAC_NHA_TRANG);
    assert.deepEqual(successor?.replaced, ['000.33.90.H34']);
    assert.equal((await effectiveAgency(db, NHA_TRANG))?.code, NHA_TRANG);
    assert.equal(await effectiveAgency(db, '000.99.99.H34'), undefined);
    assert.equal(communeOfAddress(await communes(db), 'Tổ 3, phường Vĩnh Hải, thành phố Nha Trang')?.code, BAC_NHA_TRANG);
  });

  test('GET /api/v1/services/{code} lists who implements it; the agency facet and ?agency= count implementations', async () => {
    const res = await app.inject(`/api/v1/services/${BIRTH}`);
    assert.equal(res.statusCode, 200);
    const body = res.json() as ServiceBody;
    assert.ok(body.implementations.length >= 8);
    const dienKhanh = body.implementations.find((i) => i.agency.code === DIEN_KHANH)!;
    assert.deepEqual({ ...dienKhanh, agency: dienKhanh.agency.name }, { ...dienKhanh, agency: 'Ủy ban nhân dân xã Diên Khánh', timeLimitDays: 1, level: 4, online: true });

    const list = async (qs: string) => (await app.inject(`/api/v1/services?${qs}`)).json() as ListBody;
    const births = await list('q=khai+sinh&pageSize=100');
    const civil = births.items.length;
    assert.ok(civil >= 2);
    // Every commune implementing them appears in the facet with all of them, not only the lead ward.
    const facet = Object.fromEntries(births.facets.agency!.map((a) => [a.value, a.count]));
    for (const code of [NHA_TRANG, DIEN_KHANH, CAM_LAM]) assert.equal(facet[code], civil, code);
    const atDienKhanh = await list(`agency=${DIEN_KHANH}&pageSize=100`);
    assert.ok(atDienKhanh.items.some((i) => i.code === BIRTH), 'a commune’s list has the procedures it receives, whoever leads them');
    assert.equal(atDienKhanh.total, atDienKhanh.items.length);
    assert.equal(Object.fromEntries((await list('pageSize=1')).facets.agency!.map((a) => [a.value, a.count]))[DIEN_KHANH], atDienKhanh.total);
    // Two agencies selected: a service both implement is counted once.
    const both = await list(`agency=${DIEN_KHANH}&agency=${CAM_LAM}&pageSize=100`);
    assert.equal(new Set(both.items.map((i) => i.code)).size, both.total);
  });

  test('an assignment list loads its valid rows and reports each bad one with its row and field; nothing of a bad row is stored', async () => {
    const { db } = get();
    const file: CatalogFile = {
      format: 'dvctt-catalog/1',
      implementations: [
        { service: PHARMACIST, agency: CENTRE, timeLimitDays: 15, openingHours: 'Thứ Hai đến thứ Bảy' },
        { service: '1.888888', agency: CENTRE },
        { service: PHARMACIST, agency: '000.77.77.H34' },
        { service: PHARMACIST, agency: CENTRE, timeLimitDays: 20 },
        { service: PHARMACIST, agency: '000.50.01.H34', timeLimitDays: -1 },
        { service: PHARMACIST, agency: '000.50.02.H34', level: 5 as never },
        { service: PHARMACIST, agency: '000.00.05.H34' },
      ],
    };
    const report = await importCatalog(db, file);
    assert.deepEqual(report.implementations, { inserted: 1, updated: 0 });
    assert.deepEqual(
      report.problems.map((p) => [p.at, p.field]),
      [
        ['/implementations/4', 'timeLimitDays'],
        ['/implementations/5', 'level'],
        ['/implementations/1', 'service'],
        ['/implementations/2', 'agency'],
        ['/implementations/3', 'agency'],
        ['/implementations/6', 'agency'],
      ],
    );
    const says = Object.fromEntries(report.problems.map((p) => [p.at, p.message]));
    assert.match(says['/implementations/4']!, /"timeLimitDays" phải ≥ 0/);
    assert.match(says['/implementations/5']!, /"level" phải ≤ 4/);
    assert.match(says['/implementations/1']!, /thủ tục "1.888888" không có trong danh mục/);
    assert.match(says['/implementations/3']!, /đã được giao thủ tục này ở \/implementations\/0/);
    assert.match(says['/implementations/6']!, /đã được thay bằng "000.00.16.H34"/);
    const centre = (await implementationAt(db, PHARMACIST, CENTRE))!;
    assert.equal(centre.timeLimitDays, 15);
    assert.equal(centre.openingHours, 'Thứ Hai đến thứ Bảy');
    assert.equal(await implementationAt(db, PHARMACIST, '000.50.01.H34'), undefined);
    assert.equal(await implementationAt(db, PHARMACIST, '000.50.02.H34'), undefined);
    // The export carries it, and re-imports to the same.
    const exported = await exportCatalog(db);
    assert.deepEqual(exported.implementations!.find((i) => i.service === PHARMACIST && i.agency === CENTRE), { service: PHARMACIST, agency: CENTRE, timeLimitDays: 15, openingHours: 'Thứ Hai đến thứ Bảy' });
  });

  test('a CSV assignment list is read the same way, each refusal naming its line and column', async () => {
    const { db } = get();
    const csv = [
      'service,agency,timeLimitDays,level,online,openingHours',
      `${PHARMACIST},000.50.01.H34,12,3,có,`,
      `${PHARMACIST},000.50.02.H34,-2,,,`,
      `${PHARMACIST},000.50.02.H34,,5,,`,
      `1.888888,${CENTRE},,,,`,
      `${PHARMACIST},000.77.77.H34,,,,`,
      `${PHARMACIST},000.50.01.H34,9,,,`,
      `${PHARMACIST},000.50.02.H34,,,có lẽ,`,
    ].join('\n');
    const report = await importCatalogCsv(db, csv);
    assert.deepEqual(report.implementations, { inserted: 1, updated: 0 });
    assert.deepEqual(
      report.problems.map((p) => [p.at, p.field]),
      [
        ['dòng 3', 'timeLimitDays'],
        ['dòng 4', 'level'],
        ['dòng 8', 'online'],
        ['dòng 5', 'service'],
        ['dòng 6', 'agency'],
        ['dòng 7', 'agency'],
      ],
    );
    assert.match(report.problems[0]!.message, /^cột "timeLimitDays" phải ≥ 0/);
    const branch = (await implementationAt(db, PHARMACIST, '000.50.01.H34'))!;
    assert.deepEqual([branch.timeLimitDays, branch.level, branch.online], [12, 3, true]);
  });

  test('a re-import that meets a portal edit keeps the edit and reports the conflict, on an implementation and on a procedure', async () => {
    const { db } = get();
    await saveImplementation(db, BIRTH, DIEN_KHANH, { timeLimitDays: 2, openingHours: 'Cả tuần' }, 'quantri.dienkhanh');
    await db.updateTable('service').set({ time_limit_days: 5, local_edits: JSON.stringify({ timeLimitDays: { value: 5, by: 'quantri', at: '2026-01-05T02:00:00.000Z' } }) }).where('code', '=', '1.004884').execute();
    const demo = await exportCatalog(db);
    const file: CatalogFile = {
      format: 'dvctt-catalog/1',
      services: demo.services!.filter((s) => s.code === '1.004884').map((s) => ({ ...s, timeLimitDays: 3 })),
      implementations: [
        { service: BIRTH, agency: DIEN_KHANH, timeLimitDays: 4, openingHours: 'Cả tuần', receivingAddress: 'Bộ phận Một cửa xã Diên Khánh' },
      ],
    };
    const report = await importCatalog(db, file);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(
      report.conflicts.map((c) => [c.at, c.key, c.field, c.local.value, c.local.by, c.imported]),
      [
        ['/services/0', '1.004884', 'timeLimitDays', 5, 'quantri', 3],
        ['/implementations/0', `${BIRTH} – ${DIEN_KHANH}`, 'timeLimitDays', 2, 'quantri.dienkhanh', 4],
      ],
    );
    const kept = (await implementationAt(db, BIRTH, DIEN_KHANH))!;
    assert.equal(kept.timeLimitDays, 2, 'the edit is kept');
    assert.equal(kept.receivingAddress, 'Bộ phận Một cửa xã Diên Khánh', 'a field nobody edited is imported');
    assert.equal((await db.selectFrom('service').select('time_limit_days').where('code', '=', '1.004884').executeTakeFirstOrThrow()).time_limit_days, 5);
  });

  test('dvctt import-catalog reports refused assignment rows and exits 3; a clean list exits 0; a conflict is listed', async () => {
    const env = { DATABASE_URL: get().url, DVCTT_DEMO_DATA: 'false' };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dvctt-impl-'));
    const bad = path.join(dir, 'giao-thu-tuc.csv');
    writeFileSync(bad, `service,agency,timeLimitDays\n${BIRTH},${CENTRE},-1\n${BIRTH},${CENTRE},3\n`);
    const refused = await runDvctt(['import-catalog', bad], env);
    assert.equal(refused.code, 3, refused.output);
    assert.match(refused.output, /cơ quan thực hiện: 1 mới, 0 cập nhật/);
    assert.match(refused.output, /dòng 2 \(1\.001193 – 000\.00\.50\.H34\): cột "timeLimitDays" phải ≥ 0/);

    const clean = path.join(dir, 'giao-thu-tuc.json');
    writeFileSync(clean, JSON.stringify({ format: 'dvctt-catalog/1', implementations: [{ service: BIRTH, agency: DIEN_KHANH, timeLimitDays: 9 }] }));
    const ok = await runDvctt(['import-catalog', clean], env);
    assert.equal(ok.code, 0, ok.output);
    assert.match(ok.output, /1 trường đã sửa trên cổng được giữ nguyên/);
    assert.match(ok.output, /trường timeLimitDays: giữ 2 \(quantri\.dienkhanh/);
  });
});
