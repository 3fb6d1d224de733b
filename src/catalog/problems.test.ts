import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain, problemTableGaps } from '../web/problem.ts';
import { SYNONYM_PROBLEMS } from './problems.ts';

test('each synonym problem has a status and a sentence in Vietnamese and in English, naming what it is about', () => {
  const listed = explain(SYNONYM_PROBLEMS, { code: 'TERM_LISTED', field: 'term', params: { term: 'GPLX', expansion: 'giấy phép lái xe' } });
  const message = '“GPLX” đã có trong danh sách (nghĩa là “giấy phép lái xe”); hãy xóa mục cũ trước nếu muốn đổi.';
  assert.deepEqual(listed, { status: 400, code: 'TERM_LISTED', field: 'term', message });
  assert.equal(explain(SYNONYM_PROBLEMS, { code: 'TERM_TOO_LONG', params: { max: 100 } }, 'en').message, 'The word people type may be at most 100 characters.');
  assert.deepEqual(problemTableGaps(SYNONYM_PROBLEMS, { max: 1, term: 'X', expansion: 'Y' }), []);
});
