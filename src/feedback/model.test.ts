import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRating } from './model.ts';

test('a rating needs the overall level; the three other criteria and the comment are optional', () => {
  const ok = checkRating({ overall: 'rat-hai-long', timeliness: 'chua-hai-long', comment: '  Nhanh  ' });
  assert.deepEqual(ok, { ok: true, value: { overall: 'rat-hai-long', convenience: null, timeliness: 'chua-hai-long', attitude: null, comment: 'Nhanh' } });
  assert.deepEqual(checkRating({ convenience: 'hai-long' }), { ok: false, message: 'Hãy chọn mức độ hài lòng chung (bắt buộc).' });
  const bad = checkRating({ overall: 'tuyet-voi' });
  assert.equal(bad.ok, false);
  assert.match((bad as { message: string }).message, /"Mức độ hài lòng chung" phải là một trong/);
  assert.equal(checkRating({ overall: 'hai-long', comment: 'x'.repeat(2001) }).ok, false);
});
