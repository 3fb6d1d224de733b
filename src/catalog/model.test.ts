import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandSynonyms, foldQuery, foldWords, pageWindow, untelex, type Synonym } from './model.ts';

const SYNONYMS: Synonym[] = [
  { term: 'gplx', expansion: 'giấy phép lái xe' },
  { term: 'bang lai xe', expansion: 'giấy phép lái xe' },
  { term: 'giay khai sinh', expansion: 'đăng ký khai sinh' },
  { term: 'lam giay khai sinh', expansion: 'đăng ký khai sinh' },
];

test('a query folds accents, đ and case, and keeps single spaces', () => {
  assert.equal(foldQuery('  ĐĂNG   Ký khai sinh '), 'dang ky khai sinh');
  assert.equal(foldWords('Cấp (lại) GPLX, hạng A1!'), 'cap lai gplx hang a1');
});

test('an abbreviation or a citizen’s phrase is replaced by the catalog’s words, as whole words only', () => {
  assert.equal(expandSynonyms('GPLX', SYNONYMS), 'giay phep lai xe');
  assert.equal(expandSynonyms('cấp đổi gplx hạng B2', SYNONYMS), 'cap doi giay phep lai xe hang b2');
  assert.equal(expandSynonyms('Bằng lái xe', SYNONYMS), 'giay phep lai xe');
  // The longer term wins over the shorter one it contains.
  assert.equal(expandSynonyms('làm giấy khai sinh', SYNONYMS), 'dang ky khai sinh');
  // Inside another word it is not the term.
  assert.equal(expandSynonyms('gplxx', SYNONYMS), undefined);
  assert.equal(expandSynonyms('bang lai', SYNONYMS), undefined);
  assert.equal(expandSynonyms('', SYNONYMS), undefined);
});

test('a pager shows every page when there are few, else the ends and the neighbours with gaps', () => {
  assert.deepEqual(pageWindow(1, 1), [1]);
  assert.deepEqual(pageWindow(3, 7), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(pageWindow(5, 20), [1, '…', 4, 5, 6, '…', 20]);
  assert.deepEqual(pageWindow(1, 20), [1, 2, 3, 4, 5, '…', 20]);
  assert.deepEqual(pageWindow(20, 20), [1, '…', 16, 17, 18, 19, 20]);
  // A gap never stands for a single page: that page is shown instead.
  assert.deepEqual(pageWindow(5, 9), [1, '…', 4, 5, 6, '…', 9]);
  assert.deepEqual(pageWindow(4, 9), [1, 2, 3, 4, 5, '…', 9]);
  assert.deepEqual(pageWindow(6, 20), [1, '…', 5, 6, 7, '…', 20]);
  for (let pages = 1; pages <= 30; pages++) {
    for (let current = 1; current <= pages; current++) {
      const w = pageWindow(current, pages);
      assert.ok(w.includes(current) && w.includes(1) && w.includes(pages), `${current}/${pages}`);
      assert.ok(w.length <= 9, `${current}/${pages}: ${w.join(' ')}`);
      w.forEach((p, i) => p === '…' && assert.ok((w[i + 1] as number) - (w[i - 1] as number) > 2, `gap for one page in ${w.join(' ')}`));
    }
  }
});

test('keys typed for Telex with the input off are read as the letters they stand for', () => {
  const readings = {
    'ddawng kys khai sinhf': 'dang ky khai sinh',
    'caaps giaays pheps laix xe': 'cap giay phep lai xe',
    dduowngf: 'duong',
    'chuwngs chir hanhf ngheef duowjc': 'chung chi hanh nghe duoc',
    // Nothing to read differently, or typed with marks: no second reading.
    'khai sinh': undefined,
    xe: undefined,
    'đăng ký': undefined,
    // Abbreviations keep their last letter: x after l is no tone key.
    gplx: undefined,
  };
  assert.deepEqual(Object.fromEntries(Object.keys(readings).map((typed) => [typed, untelex(typed)])), readings);
});
