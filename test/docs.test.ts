// Decision records are read in order by newcomers: each has a number, a kebab-case name, the day
// it was accepted and its status, and a record that is superseded names one that exists.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const DIR = path.join(import.meta.dirname, '..', 'docs', 'decisions');
const records = readdirSync(DIR).filter((n) => n !== 'README.md');

test('every decision record is NNNN-kebab-case.md, numbered without gaps or repeats', () => {
  for (const name of records) assert.match(name, /^\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/, `${name} is not NNNN-kebab-case.md`);
  const numbers = records.map((n) => Number(n.slice(0, 4))).sort((a, b) => a - b);
  assert.deepEqual(numbers, numbers.map((_, i) => i + 1), 'decision numbers run 0001, 0002, … without a gap or a repeat');
});

test('every decision record starts with its number and title, then Date and Status', () => {
  const existing = new Set(records.map((n) => n.slice(0, 4)));
  for (const name of records) {
    const [title, blank, date, status] = readFileSync(path.join(DIR, name), 'utf8').split('\n');
    assert.ok(title?.startsWith(`# ${name.slice(0, 4)} — `), `${name}: the first line is "# ${name.slice(0, 4)} — title"`);
    assert.equal(blank, '', `${name}: a blank line after the title`);
    assert.match(date ?? '', /^Date: \d{4}-\d{2}-\d{2} {0,2}$/, `${name}: "Date: yyyy-mm-dd" on the third line`);
    const m = /^Status: (Proposed|Accepted|Superseded by (\d{4}))$/.exec(status ?? '');
    assert.ok(m, `${name}: "Status: Proposed | Accepted | Superseded by NNNN" on the fourth line`);
    if (m[2]) assert.ok(existing.has(m[2]) && m[2] !== name.slice(0, 4), `${name}: superseded by ${m[2]}, which must be another record`);
  }
});
