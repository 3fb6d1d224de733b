import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { problemTableGaps } from '../web/problem.ts';
import { API_NAMES, INBOX_PROBLEMS, PAGE_NAMES, parseInboxQuery, parsePageSize } from './inbox-problems.ts';
import { decodeInboxCursor, encodeInboxCursor, inboxScope } from './inbox-store.ts';

const ID = '0b0c6a3e-3f1e-4c55-9a8e-2f5b7d1c9e01';

describe('the inbox’s query and who sees what (A3, A5)', () => {
  test('the page’s Vietnamese names and the API’s English names give the same filters; empty values are no filter', () => {
    const page = parseInboxQuery({ 'trang-thai': '4', 'thu-tuc': '1.004616', 'noi-nhan': '000.00.12.H34', 'nguoi-xu-ly': 'toi', han: 'qua-han', kenh: 'truc-tiep', q: ' Nguyễn An ', sau: '' }, PAGE_NAMES);
    const api = parseInboxQuery({ status: '4', service: '1.004616', agency: '000.00.12.H34', assignee: 'me', due: 'overdue', channel: 'truc-tiep', q: 'Nguyễn An' }, API_NAMES);
    assert.deepEqual(page, api);
    assert.deepEqual(page, { ok: true, value: { filters: { status: 4, service: '1.004616', agency: '000.00.12.H34', due: 'overdue', channel: 'truc-tiep', q: 'Nguyễn An' }, assignee: 'me' } });
    assert.deepEqual(parseInboxQuery({ 'trang-thai': '', kenh: '', han: '' }, PAGE_NAMES), { ok: true, value: { filters: {} } });
    assert.deepEqual(parseInboxQuery({ 'nguoi-xu-ly': 'chua' }, PAGE_NAMES), { ok: true, value: { filters: {}, assignee: 'nobody' } });
  });

  test('what it cannot use is refused with the filter’s name and what it takes', () => {
    const refused = (q: Record<string, string>, names: typeof PAGE_NAMES | typeof API_NAMES) => {
      const r = parseInboxQuery(q, names);
      return r.ok ? undefined : r.problem;
    };
    assert.deepEqual(refused({ status: '11' }, API_NAMES), { code: 'INBOX_FILTER', field: 'status', params: { name: 'status', value: '11', hint: 'dùng mã trạng thái 1–10' } });
    assert.equal(refused({ han: 'overdue' }, PAGE_NAMES)?.field, 'han', 'the page takes its own words');
    assert.equal(refused({ due: 'qua-han' }, API_NAMES)?.field, 'due', 'and the API its own');
    assert.equal(refused({ channel: 'fax' }, API_NAMES)?.code, 'INBOX_FILTER');
    assert.equal(refused({ service: "1.0'; DROP" }, API_NAMES)?.field, 'service');
    assert.equal(refused({ sau: 'xyz' }, PAGE_NAMES)?.code, 'INBOX_CURSOR');
    assert.deepEqual(parsePageSize('500'), { ok: false, problem: { code: 'INBOX_PAGE_SIZE', field: 'pageSize', params: { value: '500' } } });
    assert.deepEqual(parsePageSize('100'), { ok: true, value: 100 });
    assert.deepEqual(parsePageSize(undefined), { ok: true, value: 50 });
    assert.equal(parsePageSize('1.5').ok, false);
    assert.deepEqual(problemTableGaps(INBOX_PROBLEMS, { name: 'han', value: 'x', hint: 'dùng qua-han' }), []);
  });

  test('a cursor is opaque and round-trips; one not made here is refused', () => {
    const at = '2026-12-05 08:07:00.123456+00';
    assert.deepEqual(decodeInboxCursor(encodeInboxCursor({ at, id: ID })), { at, id: ID });
    assert.equal(decodeInboxCursor(Buffer.from(JSON.stringify(['2026-13-45 99:00:00+00', ID])).toString('base64url')), undefined);
    assert.equal(decodeInboxCursor(Buffer.from(JSON.stringify([at, 'not-a-uuid'])).toString('base64url')), undefined);
    assert.equal(decodeInboxCursor('%%%'), undefined);
  });

  test('an officer sees their units without colleagues’ assigned work, except where they head or lead; an administrator the tree', () => {
    const agencies = new Set(['A', 'B', 'C']);
    assert.deepEqual(inboxScope({ id: ID, username: 'o', fullName: 'O', role: 'officer', agencyCode: 'A', agencies, heads: new Set(['B']), leads: new Set(['C']) }), { me: ID, whole: ['B', 'C'], partial: ['A'] });
    assert.deepEqual(inboxScope({ id: ID, username: 'o', fullName: 'O', role: 'officer', agencyCode: 'A', agencies }), { me: ID, whole: [], partial: ['A', 'B', 'C'] });
    assert.deepEqual(inboxScope({ id: ID, username: 'q', fullName: 'Q', role: 'admin', agencyCode: 'A', agencies }), { me: ID, whole: ['A', 'B', 'C'], partial: [] });
  });
});
