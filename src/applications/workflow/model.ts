// The workflow of an application (A3): how an implementation assigns and who approves, the steps,
// and who may act at each step. Pure rules, unit-tested; the store applies them under the row lock.
import type { Actor } from '../../identity/index.ts';
import type { HopKind, WorkflowStep } from '../../db/schema.ts';
import type { Problem } from '../../web/problem.ts';
import type { WorkflowProblem } from './problems.ts';

/**
 * How one service implementation runs its workflow (service_implementation.workflow). null ⇒ the
 * default: a head of the unit assigns by hand, and a leader of the unit approves every result.
 */
export interface WorkflowConfig {
  /** 'auto': on reception the officer of `assignees` with the least open work gets it, and processing starts. */
  assignment: 'manual' | 'auto';
  /** Account ids of the officers auto-assignment chooses from (in this order on a tie). */
  assignees: string[];
  /** 'leader': the result is issued (status 9) only after a leader of the unit approves it. */
  approval: 'none' | 'leader';
  /** Working days the assignee is given (the hop's due date; never after the application's). */
  processingDays: number | null;
}

export const DEFAULT_WORKFLOW: WorkflowConfig = { assignment: 'manual', assignees: [], approval: 'leader', processingDays: null };

/** The stored jsonb as a configuration; anything missing or unknown takes the default. */
export function parseWorkflow(raw: unknown): WorkflowConfig {
  const o = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const days = Number(o.processingDays);
  return {
    assignment: o.assignment === 'auto' ? 'auto' : 'manual',
    assignees: Array.isArray(o.assignees) ? o.assignees.filter((x): x is string => typeof x === 'string') : [],
    approval: o.approval === 'none' ? 'none' : 'leader',
    processingDays: Number.isInteger(days) && days >= 0 && days <= 365 && o.processingDays != null ? days : null,
  };
}

/** A configuration typed on the page: refused with the field and the reason, or the value to store. */
export function workflowFromInput(input: { assignment?: string; approval?: string; assignees?: string[]; processingDays?: string }, officers: ReadonlySet<string>): { ok: true; value: WorkflowConfig } | { ok: false; problem: Problem<WorkflowProblem> } {
  const assignment = input.assignment === 'auto' ? 'auto' : input.assignment === 'manual' || !input.assignment ? 'manual' : undefined;
  if (!assignment) return { ok: false, problem: { code: 'CONFIG_INVALID', field: 'assignment' } };
  const approval = input.approval === 'none' ? 'none' : input.approval === 'leader' || !input.approval ? 'leader' : undefined;
  if (!approval) return { ok: false, problem: { code: 'CONFIG_INVALID', field: 'approval' } };
  const assignees = [...new Set(input.assignees ?? [])];
  if (assignees.some((id) => !officers.has(id))) return { ok: false, problem: { code: 'ASSIGNEE_NOT_IN_UNIT', field: 'assignees' } };
  if (assignment === 'auto' && !assignees.length) return { ok: false, problem: { code: 'ASSIGNEES_REQUIRED', field: 'assignees' } };
  const text = (input.processingDays ?? '').trim();
  const days = Number(text);
  if (text && !(/^\d{1,3}$/.test(text) && days >= 1 && days <= 365)) return { ok: false, problem: { code: 'BAD_DAYS', field: 'processingDays', params: { max: 365 } } };
  return { ok: true, value: { assignment, assignees, approval, processingDays: text ? days : null } };
}

/** Auto-assignment: the officer with the least open work; on a tie, the first in the configured order. */
export function pickAssignee(assignees: readonly string[], openWork: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const id of assignees) if (best === undefined || (openWork.get(id) ?? 0) < (openWork.get(best) ?? 0)) best = id;
  return best;
}

/** The step an application reaches with a national status, if that status decides it. */
export function stepOfStatus(status: number): WorkflowStep | undefined {
  if (status === 2) return 'assignment';
  if (status === 9) return 'returning';
  if (status === 3 || status === 8 || status === 10) return 'closed';
  return undefined;
}

export const STEP_NAMES: Record<WorkflowStep, string> = {
  reception: 'Chờ tiếp nhận',
  assignment: 'Chờ phân công',
  processing: 'Đang xử lý',
  approval: 'Chờ lãnh đạo duyệt',
  returning: 'Chờ trả kết quả',
  closed: 'Đã kết thúc',
};

export const HOP_NAMES: Record<HopKind, string> = {
  reception: 'Tiếp nhận',
  assignment: 'Phân công',
  transfer: 'Chuyển đơn vị',
  return: 'Trả về đơn vị chuyển',
  'approval-request': 'Trình lãnh đạo duyệt',
  approval: 'Lãnh đạo duyệt',
  'send-back': 'Lãnh đạo trả lại',
  result: 'Trả kết quả',
};

/** The process log's workflow entries (application_event.kind): their label on the timeline. */
export const WORKFLOW_EVENT_LABELS: Readonly<Record<string, string>> = {
  assignment: 'Phân công xử lý',
  transfer: 'Chuyển đơn vị xử lý',
  return: 'Trả về đơn vị chuyển',
  'approval-request': 'Trình lãnh đạo duyệt',
  approval: 'Lãnh đạo đã duyệt',
  'send-back': 'Lãnh đạo trả lại',
};

/** What the rules need of an application. */
export interface WorkflowState {
  status: number;
  step: WorkflowStep;
  /** The receiving agency. */
  agency: string;
  /** The unit holding it now. */
  unit: string;
  assigneeId: string | null;
}

/** The state a page showed, posted back with its form: a change since refuses the action (two officers at once). */
export function stateToken(s: WorkflowState): string {
  return `${s.status}.${s.step}.${s.unit}.${s.assigneeId ?? '-'}`;
}

const officerOf = (actor: Actor, unit: string) => actor.role === 'officer' && actor.agencies.has(unit);
export const isHead = (actor: Actor, unit: string) => !!actor.heads?.has(unit);
export const isLeader = (actor: Actor, unit: string) => !!actor.leads?.has(unit);

/**
 * May this person process (move statuses, files, fees, results) the application? The officers of
 * the unit holding it; while it is at reception or its result is returned (the one-stop counter),
 * also the receiving agency's. Officers of a unit that transferred it away only read it.
 */
export function mayProcess(actor: Actor, a: Pick<WorkflowState, 'agency' | 'unit' | 'step'>): boolean {
  return officerOf(actor, a.unit) || (officerOf(actor, a.agency) && (a.step === 'reception' || a.step === 'returning' || a.step === 'closed'));
}

/** May this person read it on the officer's page: staff of the receiving agency or of the unit holding it. */
export function mayRead(actor: Actor, a: Pick<WorkflowState, 'agency' | 'unit'>): boolean {
  const staff = actor.role === 'officer' || actor.role === 'admin';
  return staff && (actor.agencies.has(a.agency) || actor.agencies.has(a.unit));
}

export type WorkflowAction = 'assign' | 'take' | 'transfer' | 'return' | 'request-approval' | 'decide';

const OPEN_STEPS: readonly WorkflowStep[] = ['assignment', 'processing'];

/**
 * Whether `actor` may take `action` now; the problem if not.
 * - assign: a head of the holding unit, or an administrator over it; while waiting for assignment or processing.
 * - take: an officer of the holding unit, for an application nobody works on yet (assigns it to themselves).
 * - transfer: the assignee or a head of the holding unit, while processing.
 * - return: back from a transfer, by the assignee, a head, or any officer of the unit while nobody is assigned there.
 * - request-approval: the assignee, while processing.
 * - decide (approve or send back): a leader of the holding unit, while it waits for approval.
 */
export function checkAction(actor: Actor, a: WorkflowState, action: WorkflowAction, context: { returnTo?: string | null } = {}): Problem<WorkflowProblem> | undefined {
  const inStep = (steps: readonly WorkflowStep[]) => steps.includes(a.step) && (a.status === 2 || a.status === 4);
  const wrongStep: Problem<WorkflowProblem> = { code: 'WRONG_STEP', params: { step: a.step, action } };
  const head = isHead(actor, a.unit);
  switch (action) {
    case 'assign':
      if (!inStep(OPEN_STEPS)) return wrongStep;
      return head || (actor.role === 'admin' && actor.agencies.has(a.unit)) ? undefined : { code: 'NOT_HEAD', params: { unit: a.unit } };
    case 'take':
      if (!inStep(OPEN_STEPS)) return wrongStep;
      if (!officerOf(actor, a.unit)) return { code: 'NOT_HOLDER', params: { unit: a.unit } };
      return a.assigneeId && a.assigneeId !== actor.id ? { code: 'ALREADY_ASSIGNED' } : undefined;
    case 'transfer':
      if (!inStep(['processing']) || a.status !== 4) return wrongStep;
      return a.assigneeId === actor.id || head ? undefined : { code: 'NOT_HOLDER', params: { unit: a.unit } };
    case 'return':
      if (!inStep(OPEN_STEPS) || a.status !== 4) return wrongStep;
      if (!context.returnTo) return { code: 'NO_TRANSFER' };
      return a.assigneeId === actor.id || head || (!a.assigneeId && officerOf(actor, a.unit)) ? undefined : { code: 'NOT_HOLDER', params: { unit: a.unit } };
    case 'request-approval':
      if (!inStep(['processing']) || a.status !== 4) return wrongStep;
      return a.assigneeId === actor.id ? undefined : { code: 'NOT_ASSIGNEE' };
    case 'decide':
      if (a.step !== 'approval' || a.status !== 4) return wrongStep;
      return isLeader(actor, a.unit) ? undefined : { code: 'NOT_LEADER', params: { unit: a.unit } };
  }
}

/** The actions `actor` may take now, for the panel's forms. */
export function actionsFor(actor: Actor, a: WorkflowState, context: { returnTo?: string | null } = {}): Set<WorkflowAction> {
  const all: WorkflowAction[] = ['assign', 'take', 'transfer', 'return', 'request-approval', 'decide'];
  return new Set(all.filter((x) => !checkAction(actor, a, x, context) && !(x === 'take' && a.assigneeId === actor.id)));
}

/**
 * Where a transfer may go: an agency implementing the service, or a unit under the receiving
 * agency (its departments); never the unit holding it now. Anything else is refused.
 */
export function transferAllowed(target: string, current: string, handling: ReadonlySet<string>): Problem<WorkflowProblem> | undefined {
  if (!target) return { code: 'UNIT_REQUIRED', field: 'unit' };
  if (target === current) return { code: 'SAME_UNIT', field: 'unit', params: { unit: target } };
  return handling.has(target) ? undefined : { code: 'UNIT_NOT_HANDLING', field: 'unit', params: { unit: target } };
}

/** Days a sender gives with a transfer: empty ⇒ the application's remaining time; else 1–60 working days. */
export function transferDays(text: string | number | undefined): { ok: true; days: number | null } | { ok: false; problem: Problem<WorkflowProblem> } {
  const s = String(text ?? '').trim();
  if (!s) return { ok: true, days: null };
  const n = Number(s);
  return /^\d{1,2}$/.test(s) && n >= 1 && n <= 60 ? { ok: true, days: n } : { ok: false, problem: { code: 'BAD_DAYS', field: 'days', params: { max: 60 } } };
}

/**
 * The unit a transfer came from, to return it to: transfers and returns taken in order as a
 * stack (A → B → C, C returns to B, B to A). None when the holding unit did not get it by transfer.
 */
export function returnTarget(hops: readonly { kind: HopKind; fromUnit: string | null; toUnit: string | null }[], current: string): string | null {
  const stack: { from: string | null; to: string | null }[] = [];
  for (const h of hops) {
    if (h.kind === 'transfer') stack.push({ from: h.fromUnit, to: h.toUnit });
    else if (h.kind === 'return') stack.pop();
  }
  const top = stack.at(-1);
  return top && top.to === current ? top.from : null;
}

/**
 * The result needs a leader's approval and the latest answer to a request for it is not an
 * approval. Approval is asked of a leader of the holding unit: a unit with no leader named
 * (agency_duty) issues its results without it, so nothing waits for nobody.
 */
export function approvalMissing(config: WorkflowConfig, hops: readonly { kind: HopKind }[], unitHasLeader: boolean): boolean {
  if (config.approval !== 'leader' || !unitHasLeader) return false;
  const last = [...hops].reverse().find((h) => h.kind === 'approval-request' || h.kind === 'approval' || h.kind === 'send-back');
  return last?.kind !== 'approval';
}
