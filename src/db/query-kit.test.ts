import assert from 'node:assert/strict';
import { test } from 'node:test';
import { named } from './query-kit.ts';

test('named reads each column under its camelCase name, in the order given', () => {
  assert.deepEqual(named('p', ['id', 'sender_name', 'answered_at', 'key_id']), ['p.id as id', 'p.sender_name as senderName', 'p.answered_at as answeredAt', 'p.key_id as keyId']);
  assert.deepEqual(named('application', ['sha256', 'line_2_text']), ['application.sha256 as sha256', 'application.line_2_text as line2Text']);
});
