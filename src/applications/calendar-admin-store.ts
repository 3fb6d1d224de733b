// The calendar's administration in the database (A4): each year's decisions with their days, and
// the agencies' working hours. A day belongs to one decision (calendar_day's key is the day): of
// two decisions entered at once naming one day, the second is refused with nothing stored.
import type { DB } from '../db/index.ts';
import type { WorkingHours } from './calendar.ts';
import type { DecisionDay, NewDecision } from './calendar-decision.ts';

export interface StoredDecision {
  id: number;
  year: number;
  reference: string;
  title: string;
  createdBy: string | null;
  createdAt: Date;
  days: DecisionDay[];
}

/** The decisions of a year, oldest first, each with its days in order. */
export async function decisionsOf(db: DB, year: number): Promise<StoredDecision[]> {
  const [decisions, days] = await Promise.all([
    db.selectFrom('calendar_decision').selectAll().where('year', '=', year).orderBy('id').execute(),
    db.selectFrom('calendar_day').innerJoin('calendar_decision as d', 'd.id', 'calendar_day.decision_id').select(['calendar_day.day', 'calendar_day.kind', 'calendar_day.name', 'calendar_day.decision_id']).where('d.year', '=', year).orderBy('calendar_day.day').execute(),
  ]);
  return decisions.map((d) => ({
    id: d.id,
    year: d.year,
    reference: d.reference,
    title: d.title,
    createdBy: d.created_by,
    createdAt: d.created_at,
    days: days.filter((x) => x.decision_id === d.id).map((x) => ({ day: x.day, kind: x.kind, name: x.name })),
  }));
}

/** The days some decision already holds among these: day → that decision's reference. */
export async function takenDays(db: DB, days: readonly string[]): Promise<Map<string, string>> {
  if (!days.length) return new Map();
  const rows = await db.selectFrom('calendar_day').innerJoin('calendar_decision as d', 'd.id', 'calendar_day.decision_id').select(['calendar_day.day', 'd.reference']).where('calendar_day.day', 'in', [...days]).execute();
  return new Map(rows.map((r) => [r.day, r.reference]));
}

const UNIQUE_VIOLATION = '23505';

/** Stores a checked decision and its days in one transaction; undefined when a day was taken meanwhile. */
export async function insertDecision(db: DB, d: NewDecision, createdBy: string): Promise<number | undefined> {
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('calendar_decision').values({ year: d.year, reference: d.reference, title: d.title, created_by: createdBy }).returning('id').executeTakeFirstOrThrow();
      await trx
        .insertInto('calendar_day')
        .values(d.days.map((x) => ({ day: x.day, kind: x.kind, name: x.name, decision_id: id })))
        .execute();
      return id;
    });
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) return undefined;
    throw err;
  }
}

/** Deletes a decision with its days; what it was, or undefined when there was none. */
export async function deleteDecision(db: DB, id: number): Promise<{ year: number; reference: string; days: string[] } | undefined> {
  return db.transaction().execute(async (trx) => {
    const days = await trx.deleteFrom('calendar_day').where('decision_id', '=', id).returning('day').execute();
    const row = await trx.deleteFrom('calendar_decision').where('id', '=', id).returning(['year', 'reference']).executeTakeFirst();
    return row && { ...row, days: days.map((d) => d.day) };
  });
}

export interface AgencyHours {
  code: string;
  name: string;
  hours: WorkingHours | null;
}

/** The agencies among `codes`, by name, with their own working hours (null: the usual ones). */
export async function agencyHours(db: DB, codes: readonly string[]): Promise<AgencyHours[]> {
  if (!codes.length) return [];
  const rows = await db.selectFrom('agency').select(['code', 'name', 'working_hours']).where('code', 'in', [...codes]).where('replaced_by', 'is', null).execute();
  return rows.map((r) => ({ code: r.code, name: r.name, hours: r.working_hours })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Sets an agency's working hours (null: back to the usual ones); what they were, or undefined for no such agency. */
export async function setWorkingHours(db: DB, code: string, hours: WorkingHours | null): Promise<{ before: WorkingHours | null } | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('agency').select('working_hours').where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) return undefined;
    await trx
      .updateTable('agency')
      .set({ working_hours: hours ? JSON.stringify(hours) : null, updated_at: new Date() })
      .where('code', '=', code)
      .execute();
    return { before: row.working_hours };
  });
}
