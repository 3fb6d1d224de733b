// The tracking book's unit and period: only the person's units, real days, a forward period of at most a year.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bookQuery } from './book.ts';

const NOW = new Date('2026-12-05T20:00:00Z'); // 03:00 on 6 December in Vietnam

test('by default: the own unit, this month so far in Vietnam', () => {
  assert.deepEqual(bookQuery({}, ['A', 'B'], 'B', NOW), { ok: true, value: { unit: 'B', from: '2026-12-01', to: '2026-12-06' } });
});

test('a unit not of the person, a day that does not exist, a backward or too long period are refused with the reason', () => {
  const r = bookQuery({ 'don-vi': 'C', tu: '2026-02-30', den: 'x' }, ['A'], 'A', NOW);
  assert.equal(r.ok, false);
  assert.deepEqual(Object.keys(!r.ok ? r.errors : {}).sort(), ['den', 'don-vi', 'tu']);
  const back = bookQuery({ tu: '2026-12-05', den: '2026-12-01' }, ['A'], 'A', NOW);
  assert.match(!back.ok ? back.errors.den! : '', /từ ngày bắt đầu trở đi/);
  const long = bookQuery({ tu: '2025-01-01', den: '2026-12-01' }, ['A'], 'A', NOW);
  assert.match(!long.ok ? long.errors.den! : '', /tối đa 366 ngày/);
});
