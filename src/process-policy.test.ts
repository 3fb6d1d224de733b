import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import pino from 'pino';
import { installProcessPolicy, isDatabaseConnectionError } from './process-policy.ts';

const errorWith = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('database connection errors are told apart from programming errors (P1, P6)', () => {
  for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08001', '53300']) assert.ok(isDatabaseConnectionError(errorWith(code)), code);
  assert.ok(isDatabaseConnectionError(new Error('Connection terminated unexpectedly')));
  assert.ok(isDatabaseConnectionError(new AggregateError([errorWith('ECONNREFUSED'), errorWith('ECONNREFUSED')])));
  assert.ok(isDatabaseConnectionError(new Error('query failed', { cause: errorWith('57P01') })));
  assert.ok(!isDatabaseConnectionError(new TypeError("Cannot read properties of undefined (reading 'id')")));
  assert.ok(!isDatabaseConnectionError(errorWith('23505', 'duplicate key value')));
  assert.ok(!isDatabaseConnectionError(errorWith('42P01', 'relation "x" does not exist')));
  assert.ok(!isDatabaseConnectionError(undefined));
  assert.ok(!isDatabaseConnectionError('ECONNREFUSED'));
});

test('a database error is logged and the process keeps running; a programming error stops the server and exits 1', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
  let stopped = 0;
  const exits: number[] = [];
  // A stand-in for `process`: the test runner itself listens to the real one's events.
  const proc = new EventEmitter();
  const uninstall = installProcessPolicy(logger, async () => void (stopped += 1), { exit: (code) => exits.push(code), target: proc });
  try {
    proc.emit('unhandledRejection', errorWith('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), Promise.resolve());
    assert.equal(stopped, 0);
    assert.deepEqual(exits, []);
    const logged = JSON.parse(lines.at(-1)!) as { level: number; kind: string; err: { code: string } };
    assert.equal(logged.level, 50);
    assert.equal(logged.kind, 'unhandledRejection');
    assert.equal(logged.err.code, 'ECONNREFUSED');

    proc.emit('uncaughtException', new TypeError('boom'));
    proc.emit('unhandledRejection', new RangeError('also'), Promise.resolve());
    await new Promise((r) => setImmediate(r));
    assert.equal(stopped, 1, 'the server is closed first');
    assert.deepEqual(exits, [1], 'once, however many errors follow');
    assert.equal(proc.listenerCount('uncaughtException'), 1);
    const fatal = lines.map((l) => JSON.parse(l) as { level: number; kind: string; err: { message: string } }).slice(1);
    assert.deepEqual(fatal.map((l) => [l.level, l.kind, l.err.message]), [[50, 'uncaughtException', 'boom'], [50, 'unhandledRejection', 'also']]);
  } finally {
    uninstall();
  }
  assert.equal(proc.listenerCount('uncaughtException') + proc.listenerCount('unhandledRejection'), 0);
});
