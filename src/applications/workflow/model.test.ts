import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor } from '../../identity/index.ts';
import { problemTableGaps } from '../../web/problem.ts';
import { actionsFor, approvalMissing, checkAction, DEFAULT_WORKFLOW, mayProcess, mayRead, parseWorkflow, pickAssignee, returnTarget, stateToken, stepOfStatus, transferAllowed, transferDays, workflowFromInput, type WorkflowState } from './model.ts';
import { WORKFLOW_PROBLEMS } from './problems.ts';

const U = 'SYT';
const SUB = 'SYT.P1';
const actor = (id: string, role: Actor['role'], agencies: string[], heads: string[] = [], leads: string[] = []): Actor => ({ id, username: id, fullName: id, role, agencyCode: agencies[0] ?? null, agencies: new Set(agencies), heads: new Set(heads), leads: new Set(leads) });
const officer = actor('officer', 'officer', [U]);
const other = actor('other', 'officer', [U]);
const head = actor('head', 'officer', [U], [U]);
const leader = actor('leader', 'officer', [U], [], [U]);
const admin = actor('admin', 'admin', ['ROOT', U, SUB]);
const subOfficer = actor('sub', 'officer', [SUB]);
const state = (s: Partial<WorkflowState> = {}): WorkflowState => ({ status: 4, step: 'processing', agency: U, unit: U, assigneeId: 'officer', ...s });

describe('workflow configuration (A3)', () => {
  test('none stored: a head assigns by hand and a leader of the unit approves', () => {
    assert.deepEqual(parseWorkflow(null), DEFAULT_WORKFLOW);
    assert.deepEqual(parseWorkflow({ assignment: 'auto', assignees: ['a', 3], approval: 'none', processingDays: 5 }), { assignment: 'auto', assignees: ['a'], approval: 'none', processingDays: 5 });
    assert.equal(parseWorkflow({ approval: 'whatever' }).approval, 'leader');
  });

  test('the page’s input: auto needs officers of the unit, days are 1–365', () => {
    const officers = new Set(['a', 'b']);
    assert.deepEqual(workflowFromInput({ assignment: 'auto', approval: 'none', assignees: ['a'], processingDays: '3' }, officers), { ok: true, value: { assignment: 'auto', assignees: ['a'], approval: 'none', processingDays: 3 } });
    assert.equal(workflowFromInput({ assignment: 'auto', assignees: [] }, officers).ok, false);
    const bad = (i: Parameters<typeof workflowFromInput>[0]) => {
      const r = workflowFromInput(i, officers);
      return r.ok ? undefined : r.problem.code;
    };
    assert.equal(bad({ assignment: 'auto' }), 'ASSIGNEES_REQUIRED');
    assert.equal(bad({ assignment: 'manual', assignees: ['x'] }), 'ASSIGNEE_NOT_IN_UNIT');
    assert.equal(bad({ processingDays: '0' }), 'BAD_DAYS');
    assert.equal(bad({ processingDays: '2,5' }), 'BAD_DAYS');
    assert.equal(bad({ approval: 'maybe' }), 'CONFIG_INVALID');
  });

  test('auto-assignment picks the officer with the least open work, the first on a tie', () => {
    assert.equal(pickAssignee(['a', 'b', 'c'], new Map([['a', 3], ['b', 1], ['c', 1]])), 'b');
    assert.equal(pickAssignee(['a', 'b'], new Map()), 'a');
    assert.equal(pickAssignee([], new Map()), undefined);
  });

  test('the national status decides the step at reception, result and end', () => {
    assert.equal(stepOfStatus(2), 'assignment');
    assert.equal(stepOfStatus(9), 'returning');
    for (const s of [3, 8, 10]) assert.equal(stepOfStatus(s), 'closed');
    assert.equal(stepOfStatus(5), undefined);
  });
});

describe('who may act (A3)', () => {
  test('assignment: a head of the holding unit or an administrator over it; an officer only takes an unassigned one', () => {
    const waiting = state({ status: 2, step: 'assignment', assigneeId: null });
    assert.equal(checkAction(head, waiting, 'assign'), undefined);
    assert.equal(checkAction(admin, waiting, 'assign'), undefined);
    assert.equal(checkAction(officer, waiting, 'assign')?.code, 'NOT_HEAD');
    assert.equal(checkAction(officer, waiting, 'take'), undefined);
    assert.equal(checkAction(other, state(), 'take')?.code, 'ALREADY_ASSIGNED');
    assert.equal(checkAction(subOfficer, waiting, 'take')?.code, 'NOT_HOLDER');
    assert.equal(checkAction(head, state({ step: 'closed', status: 10 }), 'assign')?.code, 'WRONG_STEP');
  });

  test('transfer by the assignee or a head; sending for approval only by the assignee; deciding only by a leader', () => {
    assert.equal(checkAction(officer, state(), 'transfer'), undefined);
    assert.equal(checkAction(head, state(), 'transfer'), undefined);
    assert.equal(checkAction(other, state(), 'transfer')?.code, 'NOT_HOLDER');
    assert.equal(checkAction(officer, state(), 'request-approval'), undefined);
    assert.equal(checkAction(head, state(), 'request-approval')?.code, 'NOT_ASSIGNEE');
    const waiting = state({ step: 'approval' });
    assert.equal(checkAction(leader, waiting, 'decide'), undefined);
    assert.equal(checkAction(head, waiting, 'decide')?.code, 'NOT_LEADER');
    assert.equal(checkAction(leader, state(), 'decide')?.code, 'WRONG_STEP');
    assert.deepEqual([...actionsFor(officer, state())].sort(), ['request-approval', 'transfer']);
  });

  test('return: only where a transfer brought it, to the unit that sent it (nested transfers unwind in order)', () => {
    const hops = [
      { kind: 'assignment' as const, fromUnit: U, toUnit: U },
      { kind: 'transfer' as const, fromUnit: U, toUnit: SUB },
      { kind: 'transfer' as const, fromUnit: SUB, toUnit: 'X' },
    ];
    assert.equal(returnTarget(hops, 'X'), SUB);
    assert.equal(returnTarget([...hops, { kind: 'return', fromUnit: 'X', toUnit: SUB }], SUB), U);
    assert.equal(returnTarget(hops.slice(0, 1), U), null);
    const there = state({ unit: SUB, step: 'assignment', assigneeId: null });
    assert.equal(checkAction(subOfficer, there, 'return', { returnTo: U }), undefined);
    assert.equal(checkAction(subOfficer, there, 'return', { returnTo: null })?.code, 'NO_TRANSFER');
  });

  test('processing belongs to the holding unit; the receiving agency keeps reading it and returns the result', () => {
    const away = { agency: U, unit: SUB, step: 'processing' as const };
    assert.ok(mayProcess(subOfficer, away));
    assert.ok(!mayProcess(officer, away));
    assert.ok(mayRead(officer, away));
    assert.ok(mayProcess(officer, { ...away, step: 'returning' }));
    assert.ok(!mayProcess(admin, away));
    assert.ok(!mayRead(actor('c', 'citizen', []), away));
  });

  test('a transfer goes only to a unit handling the service, never where it already is', () => {
    const handling = new Set([U, SUB]);
    assert.equal(transferAllowed(SUB, U, handling), undefined);
    assert.equal(transferAllowed('XYZ', U, handling)?.code, 'UNIT_NOT_HANDLING');
    assert.equal(transferAllowed(U, U, handling)?.code, 'SAME_UNIT');
    assert.equal(transferAllowed('', U, handling)?.code, 'UNIT_REQUIRED');
    assert.deepEqual(transferDays(''), { ok: true, days: null });
    assert.deepEqual(transferDays(5), { ok: true, days: 5 });
    assert.equal(transferDays('61').ok, false);
    assert.equal(transferDays('-1').ok, false);
  });

  test('the result waits for approval when configured and the unit has a leader; the latest answer counts', () => {
    const c = DEFAULT_WORKFLOW;
    assert.ok(approvalMissing(c, [], true));
    assert.ok(!approvalMissing(c, [], false));
    assert.ok(!approvalMissing({ ...c, approval: 'none' }, [], true));
    assert.ok(!approvalMissing(c, [{ kind: 'approval-request' }, { kind: 'approval' }], true));
    assert.ok(approvalMissing(c, [{ kind: 'approval-request' }, { kind: 'approval' }, { kind: 'approval-request' }, { kind: 'send-back' }], true));
  });

  test('the state a page showed changes with the step, the unit and the assignee', () => {
    assert.notEqual(stateToken(state()), stateToken(state({ assigneeId: 'other' })));
    assert.notEqual(stateToken(state()), stateToken(state({ unit: SUB })));
    assert.equal(stateToken(state()), stateToken(state()));
  });

  test('each workflow problem has a status and a sentence in Vietnamese and English', () => {
    assert.deepEqual(problemTableGaps(WORKFLOW_PROBLEMS, { code: 'X', step: 'processing', action: 'transfer', unit: 'SYT', max: 60 }), []);
  });
});
