// S1: which `next` values may become a redirect target.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNext } from './page-context.ts';

test('safeNext keeps paths of this portal and refuses anything a browser could follow off-site', () => {
  const cases: [unknown, string][] = [
    ['/', '/'],
    ['/gioi-thieu', '/gioi-thieu'],
    ['/dich-vu-cong?q=khai+sinh#ket-qua', '/dich-vu-cong?q=khai+sinh#ket-qua'],
    ['/thủ-tục', '/th%E1%BB%A7-t%E1%BB%A5c'],
    ['//evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\nSet-Cookie: x=1', '/'],
    ['/ /evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\\\\evil.example', '/'],
    ['\\/evil.example', '/'],
    ['/%5Cevil.example', '/'],
    ['/%2F%2Fevil.example', '/'],
    ['/%2fevil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['gioi-thieu', '/'],
    ['/\u0000x', '/'],
    ['/\u00a0/evil.example', '/'],
    ['/\u2028/evil.example', '/'],
    ['', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ];
  for (const [given, expected] of cases) assert.equal(safeNext(given), expected, JSON.stringify(given));
  assert.equal(safeNext('//evil.example', '/tai-khoan'), '/tai-khoan', 'the caller’s own fallback');
});
