import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addMonths, bestFor, checkMetadata, connected, correctedValidUntil, groupOf, judge, parseDay, validityFromUpload, type AgencyNode, type AgencyTree, type StoredDocument } from './model.ts';
import { VAULT_PROBLEMS } from './problems.ts';
import { explain, problemTableGaps } from '../web/problem.ts';

// Two provinces; Khánh Hòa shares data between its units, Ninh Thuận does not. A ministry with a
// department under a bureau, and a legacy district with its communes.
function tree(overrides: Partial<Record<string, Partial<AgencyNode>>> = {}): AgencyTree {
  const nodes: AgencyNode[] = [
    { code: 'KH', name: 'UBND tỉnh Khánh Hòa', kind: 'province', parent: null, sharesData: true },
    { code: 'KH.SYT', name: 'Sở Y tế Khánh Hòa', kind: 'department', parent: 'KH', sharesData: false },
    { code: 'KH.NT', name: 'UBND phường Nha Trang', kind: 'commune', parent: 'KH', sharesData: false },
    { code: 'KH.DK', name: 'UBND xã Diên Khánh', kind: 'commune', parent: 'KH', sharesData: false },
    { code: 'KH.HX', name: 'UBND huyện X', kind: 'district', parent: 'KH', sharesData: false },
    { code: 'KH.HX.1', name: 'UBND xã X1', kind: 'commune', parent: 'KH.HX', sharesData: false },
    { code: 'NT', name: 'UBND tỉnh Ninh Thuận', kind: 'province', parent: null, sharesData: false },
    { code: 'NT.PR', name: 'UBND phường Phan Rang', kind: 'commune', parent: 'NT', sharesData: false },
    { code: 'NT.BA', name: 'UBND xã Bác Ái', kind: 'commune', parent: 'NT', sharesData: false },
    { code: 'BYT', name: 'Bộ Y tế', kind: 'ministry', parent: null, sharesData: true },
    { code: 'BYT.C', name: 'Cục Quản lý Dược', kind: 'department', parent: 'BYT', sharesData: false },
    { code: 'BYT.C.P', name: 'Phòng Đăng ký thuốc', kind: 'department', parent: 'BYT.C', sharesData: false },
  ];
  return new Map(nodes.map((n) => [n.code, { ...n, ...overrides[n.code] }]));
}

const at = new Date('2026-03-02T03:00:00Z');

function doc(over: Partial<StoredDocument> = {}): StoredDocument {
  return { id: 'g', kind: 'giay-khai-sinh', state: 'accepted', validUntil: null, kindExpires: false, deleted: false, acceptances: [{ agencyCode: 'KH.NT', at }], ...over };
}

const asked = (agencyCode: string, day = '2026-05-01', kind = 'giay-khai-sinh') => ({ kind, agencyCode, day });

describe('the once-only rule (V2)', () => {
  test('Ví dụ 1: a birth certificate accepted by the commune satisfies the next application to the same commune', () => {
    const j = judge(doc(), asked('KH.NT'), tree({ KH: { sharesData: false } }));
    assert.equal(j.ok, true);
    assert.equal(j.ok && j.how, 'same-agency');
    assert.equal(j.ok && j.acceptance.agencyCode, 'KH.NT');
  });

  test('accepted by another unit of the same province counts when the province shares data', () => {
    const j = judge(doc(), asked('KH.DK'), tree());
    assert.equal(j.ok && j.how, 'shared');
    assert.equal(j.ok && j.group?.code, 'KH');
    assert.equal(judge(doc(), asked('KH.SYT'), tree()).ok, true, 'a department of the province');
    assert.equal(judge(doc(), asked('KH'), tree()).ok, true, 'the province itself');
  });

  test('same province with sharing switched off: only the accepting agency itself', () => {
    const t = tree({ KH: { sharesData: false } });
    assert.deepEqual(judge(doc(), asked('KH.DK'), t), { ok: false, reason: 'unconnected-agency' });
    assert.equal(judge(doc(), asked('KH.NT'), t).ok, true);
  });

  test('an agency of another province never counts, whatever either province shares', () => {
    assert.deepEqual(judge(doc(), asked('NT.PR'), tree()), { ok: false, reason: 'unconnected-agency' });
    assert.deepEqual(judge(doc(), asked('NT.PR'), tree({ NT: { sharesData: true } })), { ok: false, reason: 'unconnected-agency' });
  });

  test("units of a province that does not share don't count for each other", () => {
    const d = doc({ acceptances: [{ agencyCode: 'NT.PR', at }] });
    assert.deepEqual(judge(d, asked('NT.BA'), tree()), { ok: false, reason: 'unconnected-agency' });
    assert.equal(judge(d, asked('NT.BA'), tree({ NT: { sharesData: true } })).ok, true);
  });

  test('a legacy district and its communes belong to their province; deep ministry units to their ministry', () => {
    assert.equal(judge(doc({ acceptances: [{ agencyCode: 'KH.HX.1', at }] }), asked('KH.HX'), tree()).ok, true);
    assert.equal(judge(doc({ acceptances: [{ agencyCode: 'KH.HX.1', at }] }), asked('KH.NT'), tree()).ok, true);
    assert.equal(groupOf('BYT.C.P', tree())?.code, 'BYT');
    assert.equal(judge(doc({ acceptances: [{ agencyCode: 'BYT.C.P', at }] }), asked('BYT.C'), tree()).ok, true);
    assert.equal(judge(doc({ acceptances: [{ agencyCode: 'BYT.C.P', at }] }), asked('KH.SYT'), tree()).ok, false, 'a ministry and a province are not one group');
  });

  test('an expired document does not count; valid through its last day', () => {
    const d = doc({ validUntil: '2026-04-30', kindExpires: true });
    assert.deepEqual(judge(d, asked('KH.NT', '2026-05-01'), tree()), { ok: false, reason: 'expired' });
    assert.equal(judge(d, asked('KH.NT', '2026-04-30'), tree()).ok, true);
  });

  test('an expiring kind without a valid-until date is not known to be valid', () => {
    assert.deepEqual(judge(doc({ kindExpires: true }), asked('KH.NT'), tree()), { ok: false, reason: 'no-validity' });
    assert.equal(judge(doc({ kindExpires: false }), asked('KH.NT'), tree()).ok, true);
  });

  test('rejected, still-provided and deleted documents do not count', () => {
    assert.deepEqual(judge(doc({ state: 'rejected', acceptances: [] }), asked('KH.NT'), tree()), { ok: false, reason: 'rejected' });
    assert.deepEqual(judge(doc({ state: 'provided', acceptances: [] }), asked('KH.NT'), tree()), { ok: false, reason: 'not-accepted' });
    assert.deepEqual(judge(doc({ deleted: true }), asked('KH.NT'), tree()), { ok: false, reason: 'deleted' });
  });

  test('papers drawn up for one application (declaration, request, pledge, authorization) are never reused', () => {
    for (const kind of ['to-khai', 'don-de-nghi', 'van-ban-cam-ket', 'van-ban-uy-quyen', 'giay-to-lien-quan']) {
      assert.deepEqual(judge(doc({ kind }), asked('KH.NT', '2026-05-01', kind), tree()), { ok: false, reason: 'case-specific' }, kind);
    }
  });

  test('a document of another kind does not satisfy the component', () => {
    assert.deepEqual(judge(doc(), asked('KH.NT', '2026-05-01', 'can-cuoc-cong-dan'), tree()), { ok: false, reason: 'wrong-kind' });
  });

  test("the agency's own acceptance is named first when there are several", () => {
    const d = doc({ acceptances: [{ agencyCode: 'KH.NT', at }, { agencyCode: 'KH.DK', at: new Date('2026-04-01T00:00:00Z') }] });
    const j = judge(d, asked('KH.DK'), tree());
    assert.equal(j.ok && j.acceptance.agencyCode, 'KH.DK');
    assert.equal(j.ok && j.how, 'same-agency');
  });

  test('an acceptance by an agency missing from the tree is not connected', () => {
    assert.equal(connected('XX', 'KH.NT', tree()), undefined);
    assert.deepEqual(judge(doc({ acceptances: [{ agencyCode: 'XX', at }] }), asked('KH.NT'), tree()), { ok: false, reason: 'unconnected-agency' });
  });

  test('of several satisfying documents, the one valid the longest is chosen; none when none satisfies', () => {
    const a = doc({ id: 'a', kindExpires: true, validUntil: '2026-12-31' });
    const b = doc({ id: 'b', kindExpires: true, validUntil: '2027-06-30' });
    const c = doc({ id: 'c', kindExpires: true, validUntil: '2025-01-01' });
    assert.equal(bestFor([a, b, c], asked('KH.NT'), tree())?.document.id, 'b');
    assert.equal(bestFor([c], asked('KH.NT'), tree()), undefined);
    assert.equal(bestFor([a, doc({ id: 'open' })], asked('KH.NT'), tree())?.document.id, 'open', 'no end date outlasts any date');
  });
});

describe('helpers of the store', () => {
  test('months are added to a day and clamped to the end of the month', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addMonths('2026-11-15', 6), '2027-05-15');
  });

  test('days in dd/mm/yyyy or ISO; impossible ones refused', () => {
    assert.equal(parseDay('05/03/2020'), '2020-03-05');
    assert.equal(parseDay('2020-03-05'), '2020-03-05');
    assert.equal(parseDay('31/02/2020'), undefined);
  });

  test('metadata corrections: every problem at once, one per field, each with its Vietnamese sentence', () => {
    const r = checkMetadata({ title: ' ', number: 'x'.repeat(61), issuer: '', issuedOn: '01/01/2030', validUntil: '32/01/2020' }, '2026-05-01');
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => p.field).sort(), ['issuedOn', 'number', 'title', 'validUntil']);
    assert.match(explain(VAULT_PROBLEMS, r.problems.find((p) => p.field === 'issuedOn')!).message, /sau hôm nay/);
    const ok = checkMetadata({ title: 'Giấy khai sinh', number: ' 123/2020 ', issuer: '', issuedOn: '05/03/2020', validUntil: '' }, '2026-05-01');
    assert.deepEqual(ok, { ok: true, value: { title: 'Giấy khai sinh', number: '123/2020', issuer: null, issuedOn: '2020-03-05', validUntil: null } });
    const before = checkMetadata({ title: 'A', number: '', issuer: '', issuedOn: '05/03/2020', validUntil: '01/01/2020' }, '2026-05-01');
    assert.ok(!before.ok);
    assert.deepEqual(before.problems, [{ code: 'VALID_UNTIL_BEFORE_ISSUE', field: 'validUntil' }]);
    assert.match(explain(VAULT_PROBLEMS, before.problems[0]!).message, /sau ngày cấp/);
  });

  test('each vault problem has a status and a sentence in Vietnamese and in English, naming what it is about', () => {
    assert.deepEqual(explain(VAULT_PROBLEMS, { code: 'REUSE_REFUSED', field: 'giay-khai-sinh', params: { title: 'Giấy khai sinh', reason: 'expired' } }), {
      status: 400,
      code: 'REUSE_REFUSED',
      field: 'giay-khai-sinh',
      message: 'Không dùng lại được "Giấy khai sinh": giấy tờ đã hết hạn. Hãy tải tệp lên.',
    });
    assert.equal(explain(VAULT_PROBLEMS, { code: 'IN_USE', params: { applications: 'A-1, A-2' } }, 'en').status, 409);
    assert.match(explain(VAULT_PROBLEMS, { code: 'IN_USE', params: { applications: 'A-1, A-2' } }, 'en').message, /\(A-1, A-2\)/);
    assert.deepEqual(problemTableGaps(VAULT_PROBLEMS, { applications: 'X', title: 'Y', reason: 'deleted', max: 1, code: 'Z' }), []);
  });
});

describe('validity counted from the issue date (V1)', () => {
  const up = '2026-11-20';
  test('without an issue date the upload day stands in, and that is known to be an estimate', () => {
    assert.equal(validityFromUpload({ source: 'upload', issuedOn: null, validUntil: '2027-05-20', months: 6, uploadedOn: up }), true);
    assert.equal(validityFromUpload({ source: 'upload', issuedOn: '2026-10-01', validUntil: '2027-04-01', months: 6, uploadedOn: up }), false);
    assert.equal(validityFromUpload({ source: 'upload', issuedOn: null, validUntil: '2027-01-31', months: 6, uploadedOn: up }), false, 'a date the owner typed');
    assert.equal(validityFromUpload({ source: 'result', issuedOn: null, validUntil: '2027-05-20', months: 6, uploadedOn: up }), false);
  });
  test('an issue date re-counts a counted date left as it was, or an empty one; a typed date stays', () => {
    const before = { issuedOn: null, validUntil: '2027-05-20' };
    assert.equal(correctedValidUntil(before, { issuedOn: '2026-09-15', validUntil: '2027-05-20' }, 6, up), '2027-03-15');
    assert.equal(correctedValidUntil(before, { issuedOn: '2026-09-15', validUntil: null }, 6, up), '2027-03-15');
    assert.equal(correctedValidUntil(before, { issuedOn: '2026-09-15', validUntil: '2027-01-01' }, 6, up), '2027-01-01');
    // A new issue date moves a date counted from the old one; removing it goes back to the estimate.
    assert.equal(correctedValidUntil({ issuedOn: '2026-09-15', validUntil: '2027-03-15' }, { issuedOn: '2026-10-01', validUntil: '2027-03-15' }, 6, up), '2027-04-01');
    assert.equal(correctedValidUntil({ issuedOn: '2026-09-15', validUntil: '2027-03-15' }, { issuedOn: null, validUntil: '2027-03-15' }, 6, up), '2027-05-20');
    assert.equal(correctedValidUntil(before, { issuedOn: '2026-09-15', validUntil: null }, null, up), null, 'a kind without a usual validity keeps what was typed');
  });
});
