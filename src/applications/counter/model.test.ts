import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../identity/index.ts';
import { problemTableGaps } from '../../web/problem.ts';
import { COUNTER_PROBLEMS, parseChannel, parsePapers, receivesFor } from './model.ts';

test('a counter dossier comes at the counter or by post, nothing else', () => {
  assert.deepEqual(parseChannel('truc-tiep'), { ok: true, value: 'truc-tiep' });
  assert.deepEqual(parseChannel('buu-chinh'), { ok: true, value: 'buu-chinh' });
  for (const bad of ['truc-tuyen', '', undefined, 3]) assert.equal(parseChannel(bad).ok, false, String(bad));
});

test("each paper's form, copies and check; one copy, unchecked, when only the form is said; mistakes named", () => {
  assert.deepEqual(parsePapers(undefined), { ok: true, value: {} });
  assert.deepEqual(parsePapers([{ component: 'cccd', form: 'ban-sao-chung-thuc', copies: 2, matchesOriginal: true }, { component: 'don', form: 'ban-chinh' }]), {
    ok: true,
    value: { cccd: { form: 'ban-sao-chung-thuc', copies: 2, matchesOriginal: true }, don: { form: 'ban-chinh', copies: 1, matchesOriginal: false } },
  });
  const detail = (v: unknown) => {
    const r = parsePapers(v);
    return r.ok ? '' : String(r.problem.params?.detail);
  };
  assert.match(detail({}), /danh sách/);
  assert.match(detail([{ form: 'ban-chinh' }]), /thiếu mã thành phần/);
  assert.match(detail([{ component: 'x', form: 'ban-goc' }]), /hình thức/);
  assert.match(detail([{ component: 'x', form: 'ban-sao', copies: 0 }]), /từ 1 đến 99/);
  assert.match(detail([{ component: 'x', form: 'ban-sao', copies: 1.5 }]), /từ 1 đến 99/);
  assert.match(detail([{ component: 'x', form: 'ban-sao' }, { component: 'x', form: 'ban-chinh' }]), /hai lần/);
});

test('an officer receives for the units it works in; nobody else receives', () => {
  const actor = (role: Actor['role'], agencies: string[]) => ({ role, agencies: new Set(agencies) }) as unknown as Actor;
  assert.equal(receivesFor(actor('officer', ['A', 'B']), 'B'), true);
  assert.equal(receivesFor(actor('officer', ['A']), 'B'), false);
  assert.equal(receivesFor(actor('admin', ['A']), 'A'), false);
  assert.equal(receivesFor(actor('citizen', []), 'A'), false);
});

test('every counter refusal answers 4xx and reads whole in Vietnamese and English', () => {
  assert.deepEqual(problemTableGaps(COUNTER_PROBLEMS, { channel: 'fax', detail: 'thiếu mã thành phần.', agency: 'UBND phường Nha Trang' }), []);
});
