import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../web/problem.ts';
import { SYNONYM_PROBLEMS } from './problems.ts';

test('each synonym problem has a status and a sentence in Vietnamese and in English, naming what it is about', () => {
  assert.deepEqual(explain(SYNONYM_PROBLEMS, { code: 'TERM_LISTED', field: 'term', params: { term: 'GPLX', expansion: 'giấy phép lái xe' } }), {
    status: 400,
    code: 'TERM_LISTED',
    field: 'term',
    message: '“GPLX” đã có trong danh sách (nghĩa là “giấy phép lái xe”); hãy xóa mục cũ trước nếu muốn đổi.',
  });
  assert.equal(explain(SYNONYM_PROBLEMS, { code: 'TERM_TOO_LONG', params: { max: 100 } }, 'en').message, 'The word people type may be at most 100 characters.');
  for (const code of Object.keys(SYNONYM_PROBLEMS.status) as (keyof typeof SYNONYM_PROBLEMS.status)[]) {
    assert.ok(SYNONYM_PROBLEMS.status[code] >= 400 && SYNONYM_PROBLEMS.status[code] < 500, code);
    assert.ok(SYNONYM_PROBLEMS.en?.[code], `${code} has an English sentence`);
    for (const locale of ['vi', 'en'] as const) {
      const m = explain(SYNONYM_PROBLEMS, { code, params: { max: 1, term: 'X', expansion: 'Y' } }, locale).message;
      assert.ok(m.length > 10 && !m.includes('undefined'), `${code} ${locale}: ${m}`);
    }
  }
});
