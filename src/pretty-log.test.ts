import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { PrettyLog, prettyDestination } from './pretty-log.ts';

// 01:05:09 UTC on 5 December 2026 is 08:05:09 in Vietnam.
const AT = Date.UTC(2026, 11, 5, 1, 5, 9, 400);
const json = (o: object) => JSON.stringify({ level: 30, time: AT, pid: 1, hostname: 'may-chu', service: 'dvctt', ...o });

test('a request reads as one line: Vietnam time, level, message, request id, method, address, status and milliseconds', () => {
  const log = new PrettyLog();
  assert.equal(log.format(json({ reqId: 'r-1', req: { method: 'GET', url: '/dang-ky?next=%2Fho-so', host: 'localhost' }, msg: 'incoming request' })), undefined);
  assert.equal(
    log.format(json({ reqId: 'r-1', res: { statusCode: 303 }, responseTime: 12.6, msg: 'request completed' })),
    '08:05:09  INFO   request completed  [r-1]  GET /dang-ky?next=%2Fho-so  303  13 ms\n',
  );
  // Once completed, the request is forgotten: a later line with the same id names no address.
  assert.equal(log.format(json({ reqId: 'r-1', msg: 'late' })), '08:05:09  INFO   late  [r-1]\n');
});

test('other fields follow as key=value; an error shows its message and its stack below', () => {
  const log = new PrettyLog();
  const err = new TypeError('x is undefined');
  const line = log.format(json({ level: 50, reqId: 'r-2', msg: 'request failed', database: 'PostgreSQL nhúng', ms: 41, err: { type: 'TypeError', message: err.message, stack: err.stack } }))!;
  const [first, ...stack] = line.trimEnd().split('\n');
  assert.equal(first, '08:05:09  ERROR  request failed  [r-2]  database="PostgreSQL nhúng" ms=41  — TypeError: x is undefined');
  assert.ok(stack.length > 0 && stack.every((l) => l.startsWith('    at ')), 'the stack, indented');
});

test('a line that is not JSON is passed through; colour only when asked', () => {
  const log = new PrettyLog({ color: true });
  assert.equal(log.format('not json'), 'not json\n');
  assert.equal(log.format(json({ level: 40, msg: 'slow' })), `08:05:09  ${'\u001b'}[33mWARN ${'\u001b'}[0m  slow\n`);
});

test('as pino’s destination, each event is one readable line, not JSON', () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info', base: { service: 'dvctt' } }, prettyDestination({ write: (s) => lines.push(s) }));
  logger.info({ publicUrl: 'https://dichvucong.example.vn' }, 'portal listening');
  logger.debug('not at this level');
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^\d{2}:\d{2}:\d{2} {2}INFO {3}portal listening {2}publicUrl=https:\/\/dichvucong\.example\.vn\n$/);
});
