// The encoding a kept page is sent in: the one the compression plugin would choose for the same
// Accept-Encoding (brotli before gzip at equal weight), or none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chosenEncoding } from './page-cache.ts';

test('brotli is preferred at equal weight, and a weight of 0 refuses an encoding', () => {
  assert.equal(chosenEncoding('gzip, deflate, br'), 'br');
  assert.equal(chosenEncoding('gzip'), 'gzip');
  assert.equal(chosenEncoding('x-gzip'), 'gzip');
  assert.equal(chosenEncoding('br;q=0.5, gzip'), 'gzip');
  assert.equal(chosenEncoding('br;q=0, gzip;q=0'), undefined);
  assert.equal(chosenEncoding('*'), 'br');
  assert.equal(chosenEncoding('*;q=0, gzip'), 'gzip');
});

test('no header, identity or an unknown encoding: the page goes as it is', () => {
  assert.equal(chosenEncoding(undefined), undefined);
  assert.equal(chosenEncoding(''), undefined);
  assert.equal(chosenEncoding('identity'), undefined);
  assert.equal(chosenEncoding('deflate, zstd'), undefined);
  assert.equal(chosenEncoding(['gzip']), undefined);
});
