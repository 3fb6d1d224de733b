import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain } from '../web/problem.ts';
import { NOTIFICATION_PROBLEMS } from './problems.ts';

test('each notifications problem has a status and a sentence in Vietnamese and in English, naming what it is about', () => {
  assert.deepEqual(explain(NOTIFICATION_PROBLEMS, { code: 'DELIVERY_NOT_FAILED', params: { id: 42 } }, 'vi'), {
    status: 409,
    code: 'DELIVERY_NOT_FAILED',
    message: 'DV42 không ở trạng thái gửi không thành công; không cần gửi lại.',
  });
  for (const code of Object.keys(NOTIFICATION_PROBLEMS.status) as (keyof typeof NOTIFICATION_PROBLEMS.status)[]) {
    assert.ok(NOTIFICATION_PROBLEMS.status[code] >= 400 && NOTIFICATION_PROBLEMS.status[code] < 500, code);
    assert.ok(NOTIFICATION_PROBLEMS.en?.[code], `${code} has an English sentence`);
    const [vi, en] = (['vi', 'en'] as const).map((locale) => explain(NOTIFICATION_PROBLEMS, { code, params: { id: 7, name: 'x', allowed: '{ho_ten}', events: 'y' } }, locale).message);
    for (const m of [vi, en]) assert.ok(m!.length > 10 && !m!.includes('undefined'), `${code}: ${m}`);
    assert.notEqual(vi, en, code);
  }
});
