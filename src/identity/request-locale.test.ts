import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedLocale } from './request-locale.ts';

test('Accept-Language: the preferred of Vietnamese and English by q-value, then order; nothing when neither is named', () => {
  assert.equal(acceptedLocale('en-GB,en;q=0.9,vi;q=0.5'), 'en');
  assert.equal(acceptedLocale('vi-VN, en'), 'vi');
  assert.equal(acceptedLocale('en;q=0.4, vi'), 'vi');
  assert.equal(acceptedLocale('fr, en;q=0.2'), 'en');
  assert.equal(acceptedLocale('en;q=0, vi;q=0.1'), 'vi');
  assert.equal(acceptedLocale('fr-FR, de'), undefined);
  assert.equal(acceptedLocale(''), undefined);
  assert.equal(acceptedLocale(undefined), undefined);
});
