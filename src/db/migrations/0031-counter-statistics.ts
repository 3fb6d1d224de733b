import { sql, type Kysely } from 'kysely';
import { LEVEL_COLUMNS } from './0013-guidance-faq-stats.ts';

// Art. 11.3 with every dossier counted one by one (A3, Q3): an application submitted online counts
// into online_received, one received at the counter or by post into counter_received. The typed
// monthly counts (offline_received) stay for the months before go-live. The agency rollup sums
// counter_received too, and the rebuild recomputes both from the applications.

const ROLLUP_COLUMNS = ['online_received', 'online_resolved', 'resolved_on_time', 'resolve_seconds', 'offline_received', ...LEVEL_COLUMNS];

/** The agency rollup over the given columns (0013's, with counter_received added by this migration). */
const rollupFunction = (cols: string[]) => `
  CREATE OR REPLACE FUNCTION stat_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO agency_stat_month AS s (agency_code, month, ${cols.join(', ')})
    VALUES (coalesce(NEW.agency_code, OLD.agency_code), coalesce(NEW.month, OLD.month), ${cols.map((c) => `coalesce(NEW.${c}, 0) - coalesce(OLD.${c}, 0)`).join(', ')})
    ON CONFLICT (agency_code, month) DO UPDATE SET ${cols.map((c) => `${c} = s.${c} + EXCLUDED.${c}`).join(', ')};
    RETURN NULL;
  END $$`;

/**
 * 0013's trigger counts every application into online_received; this one, firing after it, moves a
 * dossier received at the counter or by post (channel other than 'truc-tuyen') to counter_received
 * — when it is stored, moved to another service, agency or month, or deleted.
 */
const ON_COUNTER_APPLICATION = `
  CREATE FUNCTION stat_on_counter_application() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.channel <> 'truc-tuyen' THEN
      PERFORM stat_counter_move(OLD.service_code, OLD.agency_code, stat_month(OLD.submitted_at), -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.channel <> 'truc-tuyen' THEN
      PERFORM stat_counter_move(NEW.service_code, NEW.agency_code, stat_month(NEW.submitted_at), 1);
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END $$`;

const COUNTER_MOVE = `
  CREATE FUNCTION stat_counter_move(p_service text, p_agency text, p_month date, d integer) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO service_stat_month AS s (service_code, agency_code, month, online_received, counter_received)
    VALUES (p_service, p_agency, p_month, -d, d)
    ON CONFLICT (service_code, agency_code, month) DO UPDATE SET
      online_received = s.online_received + EXCLUDED.online_received,
      counter_received = s.counter_received + EXCLUDED.counter_received;
  END $$`;

/**
 * After 0013's rebuild (which counts every application as online): the received counts by channel,
 * from the applications; the agency rollup follows by its trigger.
 */
export const RECEIVED_BY_CHANNEL_SQL = `
  UPDATE service_stat_month SET counter_received = 0 WHERE counter_received <> 0;
  INSERT INTO service_stat_month AS s (service_code, agency_code, month, online_received, counter_received)
  SELECT service_code, agency_code, stat_month(submitted_at), (count(*) FILTER (WHERE channel = 'truc-tuyen'))::int, (count(*) FILTER (WHERE channel <> 'truc-tuyen'))::int
  FROM application GROUP BY service_code, agency_code, stat_month(submitted_at)
  ON CONFLICT (service_code, agency_code, month) DO UPDATE SET online_received = EXCLUDED.online_received, counter_received = EXCLUDED.counter_received;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(rollupFunction([...ROLLUP_COLUMNS, 'counter_received'])).execute(db);
  await sql.raw(COUNTER_MOVE).execute(db);
  await sql.raw(ON_COUNTER_APPLICATION).execute(db);
  // Named after 0013/0019's stat_application and stat_application_delete, so each fires after them;
  // deferred like them (0019), so the hot monthly rows are locked only at commit.
  await sql`
    CREATE CONSTRAINT TRIGGER stat_application_channel AFTER INSERT OR UPDATE OF service_code, agency_code, submitted_at ON application
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stat_on_counter_application()
  `.execute(db);
  await sql`CREATE TRIGGER stat_application_delete_channel BEFORE DELETE ON application FOR EACH ROW EXECUTE FUNCTION stat_on_counter_application()`.execute(db);
  // The agency rows from the service rows, now that the rollup carries counter_received too.
  await sql`UPDATE agency_stat_month a SET counter_received = x.n FROM (SELECT agency_code, month, sum(counter_received)::int AS n FROM service_stat_month GROUP BY agency_code, month) x WHERE x.agency_code = a.agency_code AND x.month = a.month`.execute(db);
  await sql.raw(RECEIVED_BY_CHANNEL_SQL).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Every application counts online again; the counter figures are folded back into online_received.
  await sql`UPDATE service_stat_month SET online_received = online_received + counter_received, counter_received = 0 WHERE counter_received <> 0`.execute(db);
  await sql`DROP TRIGGER stat_application_delete_channel ON application`.execute(db);
  await sql`DROP TRIGGER stat_application_channel ON application`.execute(db);
  await sql`DROP FUNCTION stat_on_counter_application()`.execute(db);
  await sql`DROP FUNCTION stat_counter_move(text, text, date, integer)`.execute(db);
  await sql.raw(rollupFunction(ROLLUP_COLUMNS)).execute(db);
  await sql`UPDATE agency_stat_month SET counter_received = 0`.execute(db);
}
