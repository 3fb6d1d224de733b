// The working calendar in force (A4): the public holidays computed for each year, and each year's
// decision on extra days off and make-up working days, with the agencies' working hours. Every
// deadline (due dates, pauses, reception within 8 working hours, warnings, on-time statistics,
// the maintenance notice's lead time, petitions) asks here, synchronously: the decisions and the
// hours are held in memory. A change on any instance is announced on `dvctt_calendar` (the
// triggers of migration 0034); without a listening connection, or while it is down, a cheap stamp
// is re-checked every `pollMs`, so every instance uses a decision within a second either way.
import { sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/index.ts';
import { DEFAULT_WORKING_HOURS, type WorkingCalendar, type WorkingHours } from './calendar.ts';
import { vietnamCalendar } from './holidays.ts';

export const CALENDAR_CHANNEL = 'dvctt_calendar';

export interface CalendarSource {
  /** The calendar of last year, this year and next year, with the decisions entered. */
  current(now?: Date): WorkingCalendar;
  /** An agency's working hours (its own, or the civil service's usual ones). */
  hoursOf(agencyCode: string): WorkingHours;
  /** Reads the decisions and hours now (after a change made here, to use it at once). */
  reload(): Promise<void>;
  /** Loads the calendar and keeps it fresh (listening where `listen` says) until the handle is closed. */
  open(options?: CalendarOptions): Promise<{ close(): Promise<void> }>;
}

export interface CalendarOptions {
  /** Where to LISTEN for changes (pg connection settings); without it, the stamp is polled. */
  listen?: pg.ClientConfig | string | false;
  /** How often the stamp is re-checked when nothing can be heard (ms). */
  pollMs?: number;
}

/** Even while listening, the stamp is re-checked now and then: a notice lost in a reconnect is caught. */
const LISTENING_RECHECK_MS = 30_000;
const POLL_MS = 500;
const RECONNECT_MS = 1000;

interface Loaded {
  daysOff: string[];
  workingDays: string[];
  hours: Map<string, WorkingHours>;
  stamp: string;
}

/** One value that changes with any row of the decisions or any agency's own hours. */
async function stampOf(db: DB): Promise<string> {
  const r = await sql<{ stamp: string }>`
    SELECT coalesce((SELECT md5(string_agg(day::text || kind || name || decision_id, ',' ORDER BY day)) FROM calendar_day), '') || ':' ||
           coalesce((SELECT md5(string_agg(code || working_hours::text, ',' ORDER BY code)) FROM agency WHERE working_hours IS NOT NULL), '') AS stamp`.execute(db);
  return r.rows[0]!.stamp;
}

async function load(db: DB): Promise<Loaded> {
  const stamp = await stampOf(db);
  const [days, agencies] = await Promise.all([
    db.selectFrom('calendar_day').select(['day', 'kind']).execute(),
    db.selectFrom('agency').select(['code', 'working_hours']).where('working_hours', 'is not', null).execute(),
  ]);
  return {
    daysOff: days.filter((d) => d.kind === 'day-off').map((d) => d.day),
    workingDays: days.filter((d) => d.kind === 'working-day').map((d) => d.day),
    hours: new Map(agencies.filter((a) => a.working_hours?.length).map((a) => [a.code, a.working_hours!])),
    stamp,
  };
}

const sources = new WeakMap<DB, CalendarSource>();

function createSource(db: DB): CalendarSource {
  let loaded: Loaded | undefined;
  let year = 0;
  let calendar: WorkingCalendar = vietnamCalendar([]);
  let checkedAt = 0;
  let pollMs = POLL_MS;
  let handles = 0;
  let timer: NodeJS.Timeout | undefined;
  let listener: pg.Client | undefined;
  let listenConfig: pg.ClientConfig | string | undefined;
  let retry: NodeJS.Timeout | undefined;
  let reading: Promise<void> | undefined;
  /** A change heard while a read was under way: read once more when it ends. */
  let again = false;

  const use = (next: Loaded) => {
    if (loaded?.stamp !== next.stamp) year = 0;
    loaded = next;
    checkedAt = Date.now();
  };
  const reload = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    again = false;
    reading = load(db)
      .then(use)
      .finally(() => {
        reading = undefined;
      })
      .then(() => (again ? reload() : undefined));
    return reading;
  };
  /** Re-reads only when the stamp moved; one look at a time. */
  let checking = false;
  const check = async () => {
    if (reading || checking) return;
    checking = true;
    try {
      const stamp = await stampOf(db);
      if (stamp !== loaded?.stamp) await reload();
      else checkedAt = Date.now();
    } finally {
      checking = false;
    }
  };
  const quietly = (p: Promise<void>) => void p.catch(() => undefined);

  const listen = async () => {
    const config = listenConfig;
    if (!config || !handles || listener) return;
    const client = new pg.Client(typeof config === 'string' ? { connectionString: config, keepAlive: true } : { ...config, keepAlive: true });
    client.on('error', () => undefined);
    client.on('notification', (n) => {
      if (n.channel === CALENDAR_CHANNEL) quietly(reload());
    });
    client.on('end', () => {
      if (listener !== client) return;
      listener = undefined;
      reconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CALENDAR_CHANNEL}`);
    } catch {
      await client.end().catch(() => undefined);
      reconnect();
      return;
    }
    if (!handles) {
      await client.end().catch(() => undefined);
      return;
    }
    listener = client;
    // What changed while nobody listened.
    quietly(reload());
  };
  const reconnect = () => {
    if (!handles || !listenConfig) return;
    retry = setTimeout(() => void listen(), RECONNECT_MS);
    retry.unref();
  };

  const source: CalendarSource = {
    current(now = new Date()) {
      // Used without open() (a script, a test): read on first use, then when the stamp may be old.
      if (!handles && !reading && Date.now() - checkedAt > pollMs) {
        checkedAt = Date.now();
        quietly(loaded ? check() : reload());
      }
      const y = now.getUTCFullYear();
      if (y !== year) {
        calendar = vietnamCalendar([y - 1, y, y + 1], { daysOff: loaded?.daysOff, workingWeekends: loaded?.workingDays });
        year = y;
      }
      return calendar;
    },
    hoursOf: (agencyCode) => loaded?.hours.get(agencyCode) ?? DEFAULT_WORKING_HOURS,
    reload,
    async open(options = {}) {
      handles += 1;
      if (options.pollMs) pollMs = options.pollMs;
      if (options.listen && !listenConfig) {
        listenConfig = options.listen;
        void listen();
      }
      if (!timer) {
        timer = setInterval(() => {
          if (!listener || Date.now() - checkedAt > LISTENING_RECHECK_MS) quietly(check());
        }, pollMs);
        timer.unref();
      }
      // A database not answering yet: the computed holidays serve until the next look succeeds.
      await reload().catch(() => undefined);
      let closed = false;
      return {
        async close() {
          if (closed) return;
          closed = true;
          handles -= 1;
          if (handles) return;
          clearInterval(timer);
          timer = undefined;
          if (retry) clearTimeout(retry);
          listenConfig = undefined;
          const client = listener;
          listener = undefined;
          await client?.end().catch(() => undefined);
          await reading?.catch(() => undefined);
        },
      };
    },
  };
  return source;
}

/** The calendar source of a database (one per database, shared by the modules of an instance). */
export function calendarSource(db: DB): CalendarSource {
  let source = sources.get(db);
  if (!source) sources.set(db, (source = createSource(db)));
  return source;
}

/** A time limit in working hours for a service at an agency: the implementation's, else the service's (null: working days apply). */
export async function timeLimitHoursOf(db: DB, serviceCode: string, agencyCode: string): Promise<number | null> {
  const row = await db
    .selectFrom('service as s')
    .leftJoin('service_implementation as i', (j) => j.onRef('i.service_code', '=', 's.code').on('i.agency_code', '=', agencyCode))
    .select(['s.time_limit_hours as own', 'i.time_limit_hours as place'])
    .where('s.code', '=', serviceCode)
    .executeTakeFirst();
  return row?.place ?? row?.own ?? null;
}
