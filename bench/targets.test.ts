import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TARGETS, targetTable } from './targets.ts';

const cellsOf = (table: string, scenario: string) =>
  table
    .split('\n')
    .find((l) => l.startsWith(`| ${scenario}`))
    ?.split('|')
    .map((c) => c.trim());

test('a row finds its target by name and says whether it is met, with measured ÷ target', () => {
  const table = targetTable([
    '| home page HTML (/) | 2721 | 16 | 44 | 0.12 | |',
    '| catalog search API (20 different searches) | 4686 | 8 | 25 | 0.21 | errors: 0 |',
    '| about page HTML (/gioi-thieu) | 2764 | 16 | 41 | 0.13 | errors: 0 |',
  ]);
  assert.deepEqual(cellsOf(table, 'home page HTML')?.slice(6, 9), ['≥ 5,000/s', '0.54', 'no']);
  assert.deepEqual(cellsOf(table, 'catalog search API (20')?.slice(6, 9), ['≥ 4,000/s, p99 ≤ 50 ms (keep)', '1.17 / 0.50', 'yes']);
  assert.deepEqual(cellsOf(table, 'about page HTML')?.slice(6, 9), ['—', '—', '—']);
});

test('the lookup is judged against the primary-key SELECT of the same run, and figures in the notes count', () => {
  const table = targetTable([
    '| primary-key SELECT through pg, 1,000,000 applications (database baseline) | 4000 | 7 | 163 | 1.00 (db) | |',
    '| public status lookup API (code + 4 digits) | 2400 | 28 | 350 | 0.05 | errors: 0 |',
    '| peak RSS of the portal process over the whole run | | | | | 280 MB |',
    '| submissions with a 200 KB attachment (multipart API, fsync, one transaction) | 210 | 200 | 400 | 0.01 | 2100 acknowledged, 3 missing afterwards, errors: 0 |',
  ]);
  assert.deepEqual(cellsOf(table, 'public status lookup API')?.slice(7, 9), ['1.20', 'yes']);
  assert.deepEqual(cellsOf(table, 'peak RSS')?.slice(7, 9), ['0.93', 'yes']);
  assert.deepEqual(cellsOf(table, 'submissions with a 200 KB')?.slice(7, 9), ['1.05 / 3', 'no']);
});

test('every target is in the table: one whose scenario was left out is printed as not run, with its switch', () => {
  const table = targetTable(['| officer inbox API (keyset, with counts), 4 connections | 80 | 20 | 45 | 0.00 | errors: 0 |']);
  assert.deepEqual(cellsOf(table, 'officer inbox API')?.slice(6, 9), ['p99 ≤ 50 ms', '0.90', 'yes']);
  const notRun = table.split('\n').filter((l) => l.includes('| not run |'));
  assert.equal(notRun.length, TARGETS.length - 1);
  assert.match(cellsOf(table, 'receipt email at 100 submissions/s')?.[9] ?? '', /BENCH_SKIP_DELIVERY/);
  assert.match(table, /Targets: 1 of 1 rows with a target met; 13 target\(s\) not run/);
});
