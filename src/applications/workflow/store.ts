// The workflow's actions (A3): assign, transfer and return, send for approval, approve or send
// back. Each in one transaction under the application's row lock, checked against the state the
// person saw: of two people acting at once one wins, the other is told and nothing changes.
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { Actor } from '../../identity/index.ts';
import type { WorkflowStep } from '../../db/schema.ts';
import type { Outcome } from '../../web/problem.ts';
import { inTransaction } from '../store.ts';
import { lockApplication, transition } from '../transitions.ts';
import { checkAction, isHead, returnTarget, stateToken, transferAllowed, type WorkflowAction, type WorkflowState } from './model.ts';
import { addHop, hopDue, hopsOf, logEvent, officersOf, workflowOf, type Hop } from './records.ts';
import type { WorkflowProblem } from './problems.ts';

export type WorkflowResult = Outcome<WorkflowState, WorkflowProblem>;

interface Locked extends WorkflowState {
  id: string;
  serviceCode: string;
  dueDate: string | null;
  hops: Hop[];
}

/** The units a transfer may go to: the service's implementing agencies and the units under the receiving agency. */
export async function handlingUnits(db: DB, serviceCode: string, receivingAgency: string): Promise<{ code: string; name: string }[]> {
  const { rows } = await sql<{ code: string; name: string }>`
    WITH RECURSIVE tree(code) AS (
      SELECT code FROM agency WHERE code = ${receivingAgency}
      UNION SELECT a.code FROM agency a JOIN tree t ON a.parent_code = t.code
    )
    SELECT a.code, a.name FROM agency a
    WHERE a.replaced_by IS NULL AND (a.code IN (SELECT code FROM tree)
      OR a.code IN (SELECT agency_code FROM service WHERE code = ${serviceCode})
      OR a.code IN (SELECT agency_code FROM service_implementation WHERE service_code = ${serviceCode}))
    ORDER BY a.name`.execute(db);
  return rows;
}

/** The application as the rules see it, read under its row lock. */
async function lockState(trx: DB, code: string): Promise<Locked | undefined> {
  const app = await lockApplication(trx, code);
  if (!app) return undefined;
  const a = await trx.selectFrom('application').select(['service_code', 'unit_code', 'assignee_id', 'step']).where('id', '=', app.id).executeTakeFirstOrThrow();
  return { id: app.id, status: app.status, agency: app.agency_code, unit: a.unit_code, assigneeId: a.assignee_id, step: a.step, serviceCode: a.service_code, dueDate: app.due_date, hops: await hopsOf(trx, app.id) };
}

const person = (actor: Actor) => ({ id: actor.id, name: actor.fullName });

/**
 * Runs one action: locks, compares the state the person saw (`seen`, the page's stateToken),
 * checks who may act, then lets `work` write. A refusal writes nothing.
 */
async function act(db: DB, code: string, actor: Actor, action: WorkflowAction | ((a: Locked) => WorkflowAction), seen: string | undefined, work: (trx: DB, a: Locked, now: Date) => Promise<WorkflowResult | undefined>): Promise<WorkflowResult> {
  return inTransaction(db, async (trx): Promise<WorkflowResult> => {
    const a = await lockState(trx, code);
    if (!a) return { ok: false, problem: { code: 'NOT_FOUND', params: { code } } };
    if (seen && seen !== stateToken(a)) return { ok: false, problem: { code: 'STALE' } };
    const refused = checkAction(actor, a, typeof action === 'function' ? action(a) : action, { returnTo: returnTarget(a.hops, a.unit) });
    if (refused) return { ok: false, problem: refused };
    const now = new Date();
    const answer = await work(trx, a, now);
    if (answer) return answer;
    const after = await trx.selectFrom('application').select(['status', 'step', 'unit_code', 'assignee_id']).where('id', '=', a.id).executeTakeFirstOrThrow();
    return { ok: true, value: { status: after.status, step: after.step, agency: a.agency, unit: after.unit_code, assigneeId: after.assignee_id } };
  });
}

async function move(trx: DB, a: Locked, set: { unit?: string; assignee: string | null; step: WorkflowStep; status?: number }, now: Date) {
  await trx
    .updateTable('application')
    .set({ unit_code: set.unit ?? a.unit, assignee_id: set.assignee, step: set.step, updated_at: now, ...(set.status && { status: set.status }) })
    .where('id', '=', a.id)
    .execute();
}

export interface AssignInput {
  /** The officer (account id or username); none: the person acting takes it. */
  assignee?: string;
  note?: string;
  seen?: string;
  /** Through the API: replace an officer already assigned (a page says so by the state it saw). */
  reassign?: boolean;
}

/**
 * Assignment by a head of the unit (or an administrator), or taking an unassigned application by
 * an officer of the unit. Processing starts: an application still at 2 moves to 4 through the
 * status rules (transitions.ts), with its notice to the applicant.
 */
export async function assign(db: DB, code: string, actor: Actor, input: AssignInput): Promise<WorkflowResult> {
  const self = !input.assignee || input.assignee === actor.id || input.assignee === actor.username;
  // Oneself: an officer takes it; a head assigns it to themselves (and may replace another).
  const action = (a: Locked): WorkflowAction => (self && !isHead(actor, a.unit) ? 'take' : 'assign');
  return act(db, code, actor, action, input.seen, async (trx, a, now) => {
    const officers = await officersOf(trx, a.unit);
    const who = officers.find((o) => (self ? o.id === actor.id : o.id === input.assignee || o.username === input.assignee));
    if (!who) return { ok: false, problem: { code: 'ASSIGNEE_NOT_IN_UNIT', field: 'assignee' } };
    // Through the API no state was seen: an assignment made meanwhile by someone else is not replaced unasked.
    if (a.assigneeId && a.assigneeId !== who.id && !input.seen && !input.reassign) return { ok: false, problem: { code: 'ALREADY_ASSIGNED' } };
    if (a.assigneeId === who.id && a.step === 'processing') return { ok: false, problem: { code: 'ALREADY_ASSIGNED' } };
    const config = await workflowOf(trx, a.serviceCode, a.agency);
    await addHop(trx, a.id, { kind: 'assignment', fromUnit: a.unit, toUnit: a.unit, to: { id: who.id, name: who.name }, dueDate: hopDue(trx, a.dueDate, config.processingDays, now), actor: person(actor), note: input.note, now });
    await logEvent(trx, a.id, a.status, 'assignment', person(actor), `${self ? 'Nhận xử lý' : `Phân công cho ${who.name}`}${input.note ? `. ${input.note}` : ''}`, now);
    await move(trx, a, { assignee: who.id, step: a.status === 2 ? 'assignment' : 'processing' }, now);
    if (a.status === 2) {
      const moved = await transition(trx, code, 4, 'officer', person(actor), '');
      if (!moved.ok) throw new Error(`processing did not start for ${code}: ${moved.problem.code}`);
    }
    return undefined;
  });
}

export interface TransferInput {
  unit: string;
  days: number | null;
  note?: string;
  seen?: string;
}

/** Sends the application to another unit that handles the service, with the days it is given there. */
export async function transfer(db: DB, code: string, actor: Actor, input: TransferInput): Promise<WorkflowResult> {
  return act(db, code, actor, 'transfer', input.seen, async (trx, a, now) => {
    const handling = new Set((await handlingUnits(trx, a.serviceCode, a.agency)).map((u) => u.code));
    const refused = transferAllowed(input.unit, a.unit, handling);
    if (refused) return { ok: false, problem: refused };
    await addHop(trx, a.id, { kind: 'transfer', fromUnit: a.unit, toUnit: input.unit, dueDate: hopDue(trx, a.dueDate, input.days, now), actor: person(actor), note: input.note, now });
    await logEvent(trx, a.id, a.status, 'transfer', person(actor), `Chuyển từ ${a.unit} đến ${input.unit}${input.days ? ` (${input.days} ngày làm việc)` : ''}${input.note ? `. ${input.note}` : ''}`, now);
    await move(trx, a, { unit: input.unit, assignee: null, step: 'assignment' }, now);
    return undefined;
  });
}

/** Back from a transfer to the unit that sent it, to the officer who held it there (if any). */
export async function returnBack(db: DB, code: string, actor: Actor, input: { note?: string; seen?: string }): Promise<WorkflowResult> {
  return act(db, code, actor, 'return', input.seen, async (trx, a, now) => {
    const to = returnTarget(a.hops, a.unit)!;
    // The officer who held it in that unit before it left.
    const before = [...a.hops].reverse().find((h) => h.toUnit === to && h.toAccountId && (h.kind === 'assignment' || h.kind === 'return' || h.kind === 'approval' || h.kind === 'send-back'));
    const back = before && (await officersOf(trx, to)).find((o) => o.id === before.toAccountId);
    await addHop(trx, a.id, { kind: 'return', fromUnit: a.unit, toUnit: to, to: back ? { id: back.id, name: back.name } : null, dueDate: a.dueDate, actor: person(actor), note: input.note, now });
    await logEvent(trx, a.id, a.status, 'return', person(actor), `Trả về ${to}${input.note ? `. ${input.note}` : ''}`, now);
    await move(trx, a, { unit: to, assignee: back?.id ?? null, step: back ? 'processing' : 'assignment' }, now);
    return undefined;
  });
}

/** The assignee sends the application to the unit's leaders for approval. */
export async function requestApproval(db: DB, code: string, actor: Actor, input: { note?: string; seen?: string }): Promise<WorkflowResult> {
  return act(db, code, actor, 'request-approval', input.seen, async (trx, a, now) => {
    await addHop(trx, a.id, { kind: 'approval-request', fromUnit: a.unit, toUnit: a.unit, dueDate: a.dueDate, actor: person(actor), note: input.note, now });
    await logEvent(trx, a.id, a.status, 'approval-request', person(actor), input.note ?? '', now);
    await move(trx, a, { assignee: a.assigneeId, step: 'approval' }, now);
    return undefined;
  });
}

/** A leader of the unit approves (the result may be issued) or sends it back with the reason. */
export async function decide(db: DB, code: string, actor: Actor, input: { decision: string; reason?: string; seen?: string }): Promise<WorkflowResult> {
  const reason = (input.reason ?? '').trim();
  if (input.decision !== 'approve' && input.decision !== 'send-back') return { ok: false, problem: { code: 'DECISION_REQUIRED', field: 'decision' } };
  if (input.decision === 'send-back' && !reason) return { ok: false, problem: { code: 'REASON_REQUIRED', field: 'reason' } };
  return act(db, code, actor, 'decide', input.seen, async (trx, a, now) => {
    const kind = input.decision === 'approve' ? 'approval' : 'send-back';
    const assignee = a.assigneeId ? (await officersOf(trx, a.unit)).find((o) => o.id === a.assigneeId) : undefined;
    await addHop(trx, a.id, { kind, fromUnit: a.unit, toUnit: a.unit, to: assignee ? { id: assignee.id, name: assignee.name } : null, dueDate: a.dueDate, actor: person(actor), note: reason, now });
    await logEvent(trx, a.id, a.status, kind, person(actor), kind === 'approval' ? reason : `Lý do: ${reason}`, now);
    await move(trx, a, { assignee: a.assigneeId, step: 'processing' }, now);
    return undefined;
  });
}
