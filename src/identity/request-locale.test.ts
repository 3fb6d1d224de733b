import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedLocale } from './request-locale.ts';

test('Accept-Language: the preferred of Vietnamese and English by q-value, then order; nothing when neither is named', () => {
  // Each header and the language it picks.
  const picked = { 'en-GB,en;q=0.9,vi;q=0.5': 'en', 'vi-VN, en': 'vi', 'en;q=0.4, vi': 'vi', 'fr, en;q=0.2': 'en', 'en;q=0, vi;q=0.1': 'vi', 'fr-FR, de': undefined, '': undefined };
  assert.deepEqual(Object.fromEntries(Object.keys(picked).map((header) => [header, acceptedLocale(header)])), picked);
  assert.equal(acceptedLocale(undefined), undefined);
});
