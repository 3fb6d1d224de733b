// The workflow's rows (A3): an implementation's configuration, the hops with their due dates, the
// officers and leaders of a unit, and what a status change does to the step (called by
// transitions.ts inside its transaction, so it never imports it).
import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { HopKind, WorkflowStep } from '../../db/schema.ts';
import type { Problem } from '../../web/problem.ts';
import { addWorkingDays, vietnamDay } from '../calendar.ts';
import { calendarSource } from '../calendar-store.ts';
import { approvalMissing, parseWorkflow, pickAssignee, stepOfStatus, type WorkflowConfig } from './model.ts';

/** The workflow configured for a service at the agency receiving it (the default when none). */
export async function workflowOf(db: DB, serviceCode: string, agencyCode: string): Promise<WorkflowConfig> {
  const row = await db.selectFrom('service_implementation').select('workflow').where('service_code', '=', serviceCode).where('agency_code', '=', agencyCode).executeTakeFirst();
  return parseWorkflow(row?.workflow);
}

export interface Hop {
  id: string;
  kind: HopKind;
  fromUnit: string | null;
  toUnit: string | null;
  toAccountId: string | null;
  toAccountName: string | null;
  at: Date;
  dueDate: string | null;
  doneAt: Date | null;
  actorName: string | null;
  note: string | null;
}

/** An application's hops in order. */
export async function hopsOf(db: DB, applicationId: string): Promise<Hop[]> {
  const rows = await db
    .selectFrom('application_hop')
    .select(['id', 'kind', 'from_unit', 'to_unit', 'to_account_id', 'to_account_name', 'at', 'due_date', 'done_at', 'actor_name', 'note'])
    .where('application_id', '=', applicationId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((h) => ({ id: h.id, kind: h.kind, fromUnit: h.from_unit, toUnit: h.to_unit, toAccountId: h.to_account_id, toAccountName: h.to_account_name, at: h.at, dueDate: h.due_date, doneAt: h.done_at, actorName: h.actor_name, note: h.note }));
}

export interface NewHop {
  kind: HopKind;
  fromUnit: string | null;
  toUnit: string;
  to?: { id: string; name: string } | null;
  dueDate: string | null;
  actor: { id: string; name: string } | null;
  note?: string | null;
  now: Date;
}

/** Closes the open hop (the next one begins) and records the new one. */
export async function addHop(trx: DB, applicationId: string, h: NewHop): Promise<void> {
  await closeHops(trx, applicationId, h.now);
  await trx
    .insertInto('application_hop')
    .values({ application_id: applicationId, kind: h.kind, from_unit: h.fromUnit, to_unit: h.toUnit, to_account_id: h.to?.id ?? null, to_account_name: h.to?.name ?? null, at: h.now, due_date: h.dueDate, actor_id: h.actor?.id ?? null, actor_name: h.actor?.name ?? null, note: h.note || null })
    .execute();
}

export async function closeHops(trx: DB, applicationId: string, now: Date): Promise<void> {
  await trx.updateTable('application_hop').set({ done_at: now }).where('application_id', '=', applicationId).where('done_at', 'is', null).execute();
}

/** The process log's entry of a workflow action: the status stays, `kind` says what happened. */
export async function logEvent(trx: DB, applicationId: string, status: number, kind: HopKind, actor: { id: string; name: string } | null, note: string, now: Date): Promise<void> {
  await trx.insertInto('application_event').values({ application_id: applicationId, status_from: status, status_to: status, actor_id: actor?.id ?? null, actor_name: actor?.name ?? null, note: note || null, at: now, kind }).execute();
}

/** A hop's due date: `days` working days from today, never after the application's own due date; else the application's. */
export function hopDue(db: DB, applicationDue: string | null, days: number | null, now: Date): string | null {
  if (days == null) return applicationDue;
  const due = addWorkingDays(vietnamDay(now).day, days, calendarSource(db).current(now));
  return applicationDue && applicationDue < due ? applicationDue : due;
}

export interface UnitOfficer {
  id: string;
  username: string;
  name: string;
}

/** The officers of a unit: its own staff and the members added to it. */
export async function officersOf(db: DB, unit: string): Promise<UnitOfficer[]> {
  return db
    .selectFrom('account')
    .select(['id', 'username', 'full_name as name'])
    .where('role', '=', 'officer')
    .where((eb) => eb.or([eb('agency_code', '=', unit), eb('id', 'in', eb.selectFrom('agency_membership').select('account_id').where('agency_code', '=', unit))]))
    .orderBy('full_name')
    .execute();
}

export async function unitHasLeader(db: DB, unit: string): Promise<boolean> {
  return !!(await db.selectFrom('agency_duty').select('account_id').where('agency_code', '=', unit).where('duty', '=', 'leader').executeTakeFirst());
}

/** A4→9 guard: the result waits for a leader's approval when the implementation asks for it. */
export async function approvalGuard(trx: DB, applicationId: string, to: number): Promise<Problem<'APPROVAL_REQUIRED'> | undefined> {
  if (to !== 9) return undefined;
  const a = await trx.selectFrom('application').select(['service_code', 'agency_code', 'unit_code']).where('id', '=', applicationId).executeTakeFirstOrThrow();
  const [config, hops, leader] = await Promise.all([workflowOf(trx, a.service_code, a.agency_code), hopsOf(trx, applicationId), unitHasLeader(trx, a.unit_code)]);
  return approvalMissing(config, hops, leader) ? { code: 'APPROVAL_REQUIRED', params: { unit: a.unit_code } } : undefined;
}

/**
 * What a status change does to the workflow, in the same transaction: received (2) waits for
 * assignment — or, with automatic assignment, gets its officer and answers 'start' (the caller
 * then moves it on to 4); processing started (2 → 4) by an officer who takes it; the result (9)
 * waits to be returned; 3, 8, 10 close it. Open hops end with the application's turn.
 */
export async function workflowAfterMove(trx: DB, applicationId: string, from: number, to: number, actor: { id: string; name: string } | null, now: Date): Promise<'start' | undefined> {
  const a = await trx.selectFrom('application').select(['service_code', 'agency_code', 'unit_code', 'assignee_id', 'step', 'due_date']).where('id', '=', applicationId).executeTakeFirstOrThrow();
  const set = (step: WorkflowStep, assignee = a.assignee_id) => trx.updateTable('application').set({ step, assignee_id: assignee }).where('id', '=', applicationId).execute();
  const step = stepOfStatus(to);
  if (to === 2) {
    const config = await workflowOf(trx, a.service_code, a.agency_code);
    const officers = config.assignment === 'auto' ? new Map((await officersOf(trx, a.unit_code)).map((o) => [o.id, o])) : new Map();
    const chosen = pickAssignee(config.assignees.filter((id) => officers.has(id)), await openWork(trx, config.assignees));
    if (!chosen) return void (await set('assignment'));
    const who = officers.get(chosen)!;
    await set('assignment', chosen);
    await addHop(trx, applicationId, { kind: 'assignment', fromUnit: a.unit_code, toUnit: a.unit_code, to: { id: who.id, name: who.name }, dueDate: hopDue(trx, a.due_date, config.processingDays, now), actor: null, note: 'Phân công tự động', now });
    await logEvent(trx, applicationId, 2, 'assignment', null, `Phân công tự động cho ${who.name}.`, now);
    return 'start';
  }
  if (to === 4 && from === 2 && a.step === 'assignment') {
    // Processing started without an assignment: the officer who started it takes it.
    await set('processing', a.assignee_id ?? actor?.id ?? null);
    return undefined;
  }
  if (step) {
    await closeHops(trx, applicationId, now);
    await set(step);
  }
  return undefined;
}

/** Open applications per officer, for the least-loaded choice. */
async function openWork(trx: DB, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await trx
    .selectFrom('application')
    .select(['assignee_id', sql<number>`count(*)::int`.as('n')])
    .where('assignee_id', 'in', ids)
    .where('step', 'not in', ['returning', 'closed'])
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id!, r.n]));
}
