import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../../web/problem.ts';
import { CATALOG_ADMIN_PROBLEMS } from './problems.ts';

test('each catalog administration problem has a status and a sentence in both languages', () => {
  for (const code of Object.keys(CATALOG_ADMIN_PROBLEMS.status) as (keyof typeof CATALOG_ADMIN_PROBLEMS.status)[]) {
    assert.ok(CATALOG_ADMIN_PROBLEMS.status[code] >= 400 && CATALOG_ADMIN_PROBLEMS.status[code] < 500, code);
    assert.ok(CATALOG_ADMIN_PROBLEMS.en?.[code], `${code} has an English sentence`);
    for (const locale of ['vi', 'en'] as const) {
      const m = explain(CATALOG_ADMIN_PROBLEMS, { code, params: { max: 1, line: 2 } }, locale).message;
      assert.ok(m.length > 10 && !m.includes('undefined'), `${code} ${locale}: ${m}`);
    }
  }
});
