// Deadlines that warn, in the database (A4; Decree 45/2020): the counts of a manager's tree for the
// dashboard, and the daily digest — set-based: one pass over the applications per kind of warning,
// grouped by unit and assignee, then one notice per person over their queue (an officer: the
// units' unassigned applications and their own; a head or leader of a unit: the whole unit),
// through the notices (in-app and email per preferences). A person gets at most one digest a day,
// whichever instance runs it and however often: the deadline_digest row decides.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { addNotice } from '../notifications/index.ts';
import { calendarSource } from './calendar-store.ts';
import { vietnamDay } from './calendar.ts';
import { CLOCK_STATUSES, deadlineWindow, digestText, type DeadlineWindow, type WarningCounts } from './deadlines.ts';

const windowAt = (db: DB, now: Date) => deadlineWindow(now, calendarSource(db).current(now));

/** The three counts over these units (the dashboard: a manager's tree). */
export async function deadlineCounts(db: DB, units: string[], now = new Date()): Promise<WarningCounts> {
  if (!units.length) return { 'reception-late': 0, 'due-soon': 0, overdue: 0 };
  const w = windowAt(db, now);
  const { rows } = await sql<{ late: string; soon: string; overdue: string }>`
    SELECT (SELECT count(*) FROM application a WHERE a.unit_code IN (${sql.join(units)}) AND a.status = 1 AND a.reception_due_at <= ${w.now}) AS late,
           count(*) FILTER (WHERE a.due_date >= ${w.today}::date) AS soon,
           count(*) FILTER (WHERE a.due_date < ${w.today}::date) AS overdue
    FROM application a
    WHERE a.unit_code IN (${sql.join(units)}) AND a.status IN (${sql.join(CLOCK_STATUSES)}) AND a.due_date <= ${w.soonUntil}::date`.execute(db);
  const r = rows[0]!;
  return { 'reception-late': Number(r.late), 'due-soon': Number(r.soon), overdue: Number(r.overdue) };
}

export interface DigestReport {
  day: string;
  /** People whose queue has something late or near. */
  people: number;
  /** Digests sent by this run (the others were sent earlier today, by this or another instance). */
  sent: number;
  ms: number;
}

interface PersonCounts {
  account_id: string;
  late: string;
  soon: string;
  overdue: string;
}

/** Each person's counts over their queue, from the per-unit-and-assignee groups of one pass per kind. */
async function countsPerPerson(db: DB, w: DeadlineWindow): Promise<PersonCounts[]> {
  const { rows } = await sql<PersonCounts>`
    WITH late AS (
      SELECT unit_code, assignee_id, count(*) AS n FROM application
      WHERE status = 1 AND reception_due_at <= ${w.now} GROUP BY unit_code, assignee_id
    ), due AS (
      SELECT unit_code, assignee_id,
             count(*) FILTER (WHERE due_date >= ${w.today}::date) AS soon,
             count(*) FILTER (WHERE due_date < ${w.today}::date) AS overdue
      FROM application WHERE status IN (${sql.join(CLOCK_STATUSES)}) AND due_date <= ${w.soonUntil}::date GROUP BY unit_code, assignee_id
    ), grp AS (
      SELECT coalesce(l.unit_code, d.unit_code) AS unit_code, coalesce(l.assignee_id, d.assignee_id) AS assignee_id,
             coalesce(l.n, 0) AS late, coalesce(d.soon, 0) AS soon, coalesce(d.overdue, 0) AS overdue
      FROM late l FULL JOIN due d ON d.unit_code = l.unit_code AND d.assignee_id IS NOT DISTINCT FROM l.assignee_id
    ), seat AS (
      -- Where each officer works (own unit and memberships), and whether they head or lead it.
      SELECT s.account_id, s.unit, EXISTS (SELECT 1 FROM agency_duty d WHERE d.account_id = s.account_id AND d.agency_code = s.unit) AS whole
      FROM (SELECT id AS account_id, agency_code AS unit FROM account WHERE role = 'officer' AND agency_code IS NOT NULL
            UNION SELECT m.account_id, m.agency_code FROM agency_membership m JOIN account x ON x.id = m.account_id AND x.role = 'officer'
            UNION SELECT d.account_id, d.agency_code FROM agency_duty d) s
    )
    SELECT seat.account_id, sum(g.late) AS late, sum(g.soon) AS soon, sum(g.overdue) AS overdue
    FROM seat JOIN grp g ON g.unit_code = seat.unit AND (seat.whole OR g.assignee_id IS NULL OR g.assignee_id = seat.account_id)
    GROUP BY seat.account_id`.execute(db);
  return rows;
}

/**
 * The daily digest (A4): one notice per person with something late or near in their queue, once
 * a Vietnam day. Safe to run twice and from several instances at once.
 */
export async function runDeadlineDigest(db: DB, now = new Date()): Promise<DigestReport> {
  const began = performance.now();
  // The year's decisions as they are now (the CLI has no running calendar of its own).
  await calendarSource(db).reload();
  const w = windowAt(db, now);
  const people = await countsPerPerson(db, w);
  let sent = 0;
  for (const p of people) {
    const counts: WarningCounts = { 'reception-late': Number(p.late), 'due-soon': Number(p.soon), overdue: Number(p.overdue) };
    const text = digestText(counts);
    if (!text) continue;
    // The row and the notice commit together: a second run (or instance) finds the row and sends nothing.
    const done = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('deadline_digest')
        .values({ account_id: p.account_id, day: w.today, counts: JSON.stringify(counts) })
        .onConflict((oc) => oc.columns(['account_id', 'day']).doNothing())
        .returning('account_id')
        .executeTakeFirst();
      if (!row) return false;
      await addNotice(trx, {
        accountId: p.account_id,
        title: `Hồ sơ cần chú ý về thời hạn (${w.today.split('-').reverse().join('/')})`,
        body: `${text} Xem tại /can-bo/ho-so?han=${counts.overdue ? 'qua-han' : counts['due-soon'] ? 'sap-den-han' : 'tiep-nhan-tre'}.`,
      });
      return true;
    });
    if (done) sent++;
  }
  return { day: w.today, people: people.filter((p) => Number(p.late) + Number(p.soon) + Number(p.overdue) > 0).length, sent, ms: Math.round(performance.now() - began) };
}

/** Whether today's digest is due: after 07:00 in Vietnam, once a day (per instance; the rows decide per person). */
export function digestDue(now: Date, lastDay: string | undefined): boolean {
  const { day, minutes } = vietnamDay(now);
  return minutes >= 7 * 60 && day !== lastDay;
}

export interface DigestTimer {
  stop(): void;
}

/** Checks every `everyMs` (10 minutes) and runs the digest once a Vietnam day after 07:00. */
export function startDigestTimer(db: DB, log: (msg: string, err?: unknown) => void, everyMs = 10 * 60_000): DigestTimer {
  let last: string | undefined;
  let running = false;
  const tick = async () => {
    const now = new Date();
    if (running || !digestDue(now, last)) return;
    running = true;
    try {
      const r = await runDeadlineDigest(db, now);
      last = r.day;
      log(`Bản tin thời hạn ngày ${r.day}: ${r.sent} người nhận (${r.people} có hồ sơ cần chú ý), ${r.ms} ms`);
    } catch (err) {
      log('Không chạy được bản tin thời hạn; sẽ thử lại.', err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  setTimeout(() => void tick(), 1_000).unref();
  return { stop: () => clearInterval(timer) };
}
