import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDayVi, shorten } from './format.ts';

test('a long text is cut after a whole word with an ellipsis, never mid-word', () => {
  assert.equal(shorten('Đăng ký khai sinh', 40), 'Đăng ký khai sinh');
  const long = 'Cấp Chứng chỉ hành nghề dược theo hình thức xét hồ sơ trong trường hợp bị mất';
  const short = shorten(long, 30);
  assert.equal(short, 'Cấp Chứng chỉ hành nghề dược…');
  assert.ok(short.length <= 30);
  assert.ok(long.startsWith(short.slice(0, -1)));
  // No trailing comma or bracket before the ellipsis.
  assert.equal(shorten('Đăng ký nhận cha, mẹ, con và các việc khác', 17), 'Đăng ký nhận cha…');
  // A single very long word is cut where it must be.
  assert.equal(shorten('a'.repeat(50), 10), `${'a'.repeat(9)}…`);
  // Runs of spaces and line breaks read as one space.
  assert.equal(shorten('  Giấy   khai\nsinh ', 40), 'Giấy khai sinh');
});

test('a typed day is read as dd/mm/yyyy (one-digit day and month too) or ISO, and only a real day', () => {
  const read: [string, string | undefined][] = [
    ['20/05/1990', '1990-05-20'],
    [' 1/2/2003 ', '2003-02-01'],
    ['1990-05-20', '1990-05-20'],
    ['31/02/2020', undefined],
    ['05/20/1990', undefined],
    ['2026-1-2', undefined],
    ['2026-01-02x', undefined],
    ['', undefined],
  ];
  for (const [typed, day] of read) assert.equal(readDayVi(typed), day, typed);
});
