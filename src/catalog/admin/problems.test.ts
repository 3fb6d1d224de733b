import assert from 'node:assert/strict';
import { test } from 'node:test';
import { problemTableGaps } from '../../web/problem.ts';
import { CATALOG_ADMIN_PROBLEMS } from './problems.ts';

test('each catalog administration problem has a status and a sentence in both languages', () => {
  assert.deepEqual(problemTableGaps(CATALOG_ADMIN_PROBLEMS, { max: 1, line: 2 }), []);
});
