import { sql, type Kysely } from 'kysely';
import { createdAt, optional, required, updatedAt } from './kit.ts';

/** The twelve satisfaction columns: criterion × level. */
export const LEVEL_COLUMNS = ['overall', 'convenience', 'timeliness', 'attitude'].flatMap((c) => ['very', 'ok', 'not'].map((l) => `${c}_${l}`));

// Q1: guidance pages and the FAQ. Q3: monthly figures per service and agency, kept up to date by
// triggers in the transaction of each submission, status change and rating (decision 0013).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('guidance')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('slug', 'text', (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('service_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_by', 'text')
    .$call(createdAt)
    .$call(updatedAt)
    .execute();
  await sql`CREATE INDEX guidance_services ON guidance USING gin (service_codes)`.execute(db);

  await db.schema
    .createTable('faq')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // NULL: a question about the portal as a whole.
    .addColumn('service_code', 'text', (c) => c.references('service.code').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('asker_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answer', 'text')
    .addColumn('answerer_id', 'uuid', (c) => c.references('account.id').onDelete('set null'))
    .$call(optional({ answerer_name: 'text', answered_at: 'timestamptz' }))
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.generatedAlwaysAs(sql`vn_fold(question || ' ' || coalesce(answer, ''))`).stored())
    .addCheckConstraint('faq_published_answered', sql`NOT published OR answer IS NOT NULL`)
    .execute();
  await sql`CREATE INDEX faq_published_order ON faq (views DESC, id) WHERE published`.execute(db);
  await sql`CREATE INDEX faq_search_trgm ON faq USING gin (search_text gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX faq_unanswered ON faq (service_code, asked_at) WHERE answer IS NULL`.execute(db);

  // One row per service, receiving agency and month (Vietnam time). Satisfaction columns count
  // ratings per criterion and level: _very = Rất hài lòng, _ok = Hài lòng, _not = Chưa hài lòng.
  const levels = LEVEL_COLUMNS;
  let stat = db.schema
    .createTable('service_stat_month')
    .$call(required({ service_code: 'text', agency_code: 'text', month: 'date' }))
    .addColumn('online_received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('online_resolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_on_time', 'integer', (c) => c.notNull().defaultTo(0))
    // Seconds from submission to resolution, summed: the average time to resolve.
    .addColumn('resolve_seconds', 'bigint', (c) => c.notNull().defaultTo(0))
    // Received at the counter, as recorded by the agency's officers (a count, not applications).
    .addColumn('offline_received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('offline_recorded_by', 'text')
    .addColumn('offline_recorded_at', 'timestamptz');
  for (const col of levels) stat = stat.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
  await stat.addPrimaryKeyConstraint('service_stat_month_pk', ['service_code', 'agency_code', 'month']).execute();
  await sql`CREATE INDEX service_stat_month_agency ON service_stat_month (agency_code, month)`.execute(db);

  // The same figures per agency and month (without the service): a province's dashboard reads a
  // few hundred of these rows instead of every service's. Kept by a trigger on the table above,
  // so every change to it — events, ratings, counter counts, a rebuild — moves both.
  const sumCols = ['online_received', 'online_resolved', 'resolved_on_time', 'resolve_seconds', 'offline_received', ...levels];
  let rollup = db.schema
    .createTable('agency_stat_month')
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('month', 'date', (c) => c.notNull());
  for (const col of sumCols) rollup = rollup.addColumn(col, col === 'resolve_seconds' ? 'bigint' : 'integer', (c) => c.notNull().defaultTo(0));
  await rollup.addPrimaryKeyConstraint('agency_stat_month_pk', ['agency_code', 'month']).execute();
  await sql
    .raw(
      `CREATE FUNCTION stat_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO agency_stat_month AS s (agency_code, month, ${sumCols.join(', ')})
         VALUES (coalesce(NEW.agency_code, OLD.agency_code), coalesce(NEW.month, OLD.month), ${sumCols.map((c) => `coalesce(NEW.${c}, 0) - coalesce(OLD.${c}, 0)`).join(', ')})
         ON CONFLICT (agency_code, month) DO UPDATE SET ${sumCols.map((c) => `${c} = s.${c} + EXCLUDED.${c}`).join(', ')};
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql`CREATE TRIGGER stat_rollup AFTER INSERT OR UPDATE OR DELETE ON service_stat_month FOR EACH ROW EXECUTE FUNCTION stat_rollup()`.execute(db);

  await sql`
    CREATE FUNCTION stat_month(at timestamptz) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT date_trunc('month', at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$
  `.execute(db);
  // The twelve satisfaction counts of one rating, times sign (+1 added, -1 taken back).
  const vector = ['o', 'c', 't', 'a'].flatMap((p) => ['rat-hai-long', 'hai-long', 'chua-hai-long'].map((l) => `CASE WHEN ${p} = '${l}' THEN sign ELSE 0 END`)).join(', ');
  await sql
    .raw(`CREATE FUNCTION rating_vector(o text, c text, t text, a text, sign integer) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ARRAY[${vector}] $$`)
    .execute(db);
  // PL/pgSQL rather than SQL: its INSERT plan is cached for the session, which matters when a
  // bulk load calls it once per row.
  const levelCols = levels.join(', ');
  const levelVals = levels.map((_, i) => `coalesce(v[${i + 1}], 0)`).join(', ');
  const levelSet = levels.map((c) => `${c} = s.${c} + EXCLUDED.${c}`).join(', ');
  await sql
    .raw(
      `CREATE FUNCTION stat_bump(p_service text, p_agency text, p_month date, d_received integer, d_resolved integer, d_on_time integer, d_seconds bigint, v integer[])
       RETURNS void LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO service_stat_month AS s (service_code, agency_code, month, online_received, online_resolved, resolved_on_time, resolve_seconds, ${levelCols})
         VALUES (p_service, p_agency, p_month, d_received, d_resolved, d_on_time, d_seconds, ${levelVals})
         ON CONFLICT (service_code, agency_code, month) DO UPDATE SET
           online_received = s.online_received + EXCLUDED.online_received,
           online_resolved = s.online_resolved + EXCLUDED.online_resolved,
           resolved_on_time = s.resolved_on_time + EXCLUDED.resolved_on_time,
           resolve_seconds = s.resolve_seconds + EXCLUDED.resolve_seconds,
           ${levelSet};
       END $$`,
    )
    .execute(db);

  // Received: an application stored (every application in this table was submitted online).
  await sql`
    CREATE FUNCTION stat_on_application() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      e record;
      r record;
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM stat_bump(OLD.service_code, OLD.agency_code, stat_month(OLD.submitted_at), -1, 0, 0, 0, NULL);
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM stat_bump(NEW.service_code, NEW.agency_code, stat_month(NEW.submitted_at), 1, 0, 0, 0, NULL);
      END IF;
      -- A deleted application takes back its resolution and rating (their rows go by cascade,
      -- when this application can no longer be read).
      IF TG_OP = 'DELETE' THEN
        SELECT at INTO e FROM application_event WHERE application_id = OLD.id AND status_to = 9 ORDER BY at LIMIT 1;
        IF FOUND THEN
          PERFORM stat_bump(OLD.service_code, OLD.agency_code, stat_month(e.at), 0, -1,
            -coalesce((e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= OLD.due_date, false)::int, -extract(epoch FROM e.at - OLD.submitted_at)::bigint, NULL);
        END IF;
        SELECT * INTO r FROM rating WHERE application_id = OLD.id;
        IF FOUND THEN
          PERFORM stat_bump(OLD.service_code, OLD.agency_code, stat_month(r.created_at), 0, 0, 0, 0, rating_vector(r.overall, r.convenience, r.timeliness, r.attitude, -1));
        END IF;
        RETURN OLD;
      END IF;
      RETURN NEW;
    END $$
  `.execute(db);
  await sql`
    CREATE TRIGGER stat_application AFTER INSERT OR UPDATE OF service_code, agency_code, submitted_at ON application
    FOR EACH ROW EXECUTE FUNCTION stat_on_application()
  `.execute(db);
  // Before a delete: its events and rating are still there to be taken back.
  await sql`CREATE TRIGGER stat_application_delete BEFORE DELETE ON application FOR EACH ROW EXECUTE FUNCTION stat_on_application()`.execute(db);

  // Resolved: the application reached "Đã xử lý xong" (9), which happens at most once; on time
  // when that day (Vietnam time) is not after the due date in force then.
  await sql`
    CREATE FUNCTION stat_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE a record;
    BEGIN
      IF NEW.status_to <> 9 THEN RETURN NULL; END IF;
      SELECT service_code, agency_code, submitted_at, due_date INTO a FROM application WHERE id = NEW.application_id;
      PERFORM stat_bump(a.service_code, a.agency_code, stat_month(NEW.at), 0, 1,
        coalesce((NEW.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= a.due_date, false)::int, extract(epoch FROM NEW.at - a.submitted_at)::bigint, NULL);
      RETURN NULL;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER stat_event AFTER INSERT ON application_event FOR EACH ROW EXECUTE FUNCTION stat_on_event()`.execute(db);

  // Satisfaction: counted in the month the rating was first given; a change moves the counts.
  await sql`
    CREATE FUNCTION stat_on_rating() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE a record;
    BEGIN
      SELECT service_code, agency_code INTO a FROM application WHERE id = coalesce(NEW.application_id, OLD.application_id);
      IF NOT FOUND THEN RETURN NULL; END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM stat_bump(a.service_code, a.agency_code, stat_month(OLD.created_at), 0, 0, 0, 0, rating_vector(OLD.overall, OLD.convenience, OLD.timeliness, OLD.attitude, -1));
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM stat_bump(a.service_code, a.agency_code, stat_month(NEW.created_at), 0, 0, 0, 0, rating_vector(NEW.overall, NEW.convenience, NEW.timeliness, NEW.attitude, 1));
      END IF;
      RETURN NULL;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER stat_rating AFTER INSERT OR UPDATE OR DELETE ON rating FOR EACH ROW EXECUTE FUNCTION stat_on_rating()`.execute(db);

  // Existing data: the figures from what already happened.
  await sql.raw(rebuildSql(levels)).execute(db);
}

/** Recomputes every online figure from the applications, events and ratings (keeps counter counts). */
export function rebuildSql(levels: string[] = LEVEL_COLUMNS): string {
  const sums = levels.map((c) => `sum(${c})::int AS ${c}`).join(', ');
  const zero = levels.map((c) => `0 AS ${c}`).join(', ');
  const vec = levels.map((c, i) => `(rating_vector(r.overall, r.convenience, r.timeliness, r.attitude, 1))[${i + 1}] AS ${c}`).join(', ');
  return `
    UPDATE service_stat_month SET online_received = 0, online_resolved = 0, resolved_on_time = 0, resolve_seconds = 0, ${levels.map((c) => `${c} = 0`).join(', ')};
    INSERT INTO service_stat_month AS s (service_code, agency_code, month, online_received, online_resolved, resolved_on_time, resolve_seconds, ${levels.join(', ')})
    SELECT service_code, agency_code, month, sum(received)::int, sum(resolved)::int, sum(on_time)::int, sum(seconds)::bigint, ${sums}
    FROM (
      SELECT service_code, agency_code, stat_month(submitted_at) AS month, 1 AS received, 0 AS resolved, 0 AS on_time, 0::bigint AS seconds, ${zero}
      FROM application
      UNION ALL
      SELECT a.service_code, a.agency_code, stat_month(e.at), 0, 1, coalesce((e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= a.due_date, false)::int, extract(epoch FROM e.at - a.submitted_at)::bigint, ${zero}
      FROM application_event e JOIN application a ON a.id = e.application_id WHERE e.status_to = 9
      UNION ALL
      SELECT a.service_code, a.agency_code, stat_month(r.created_at), 0, 0, 0, 0, ${vec}
      FROM rating r JOIN application a ON a.id = r.application_id
    ) x
    GROUP BY service_code, agency_code, month
    ON CONFLICT (service_code, agency_code, month) DO UPDATE SET
      online_received = EXCLUDED.online_received, online_resolved = EXCLUDED.online_resolved,
      resolved_on_time = EXCLUDED.resolved_on_time, resolve_seconds = EXCLUDED.resolve_seconds,
      ${levels.map((c) => `${c} = EXCLUDED.${c}`).join(', ')};
  `;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS stat_rating ON rating`.execute(db);
  await sql`DROP TRIGGER IF EXISTS stat_rollup ON service_stat_month`.execute(db);
  await sql`DROP TRIGGER IF EXISTS stat_event ON application_event`.execute(db);
  await sql`DROP TRIGGER IF EXISTS stat_application ON application`.execute(db);
  await sql`DROP TRIGGER IF EXISTS stat_application_delete ON application`.execute(db);
  for (const f of ['stat_rollup()', 'stat_on_rating()', 'stat_on_event()', 'stat_on_application()', 'stat_bump(text, text, date, integer, integer, integer, bigint, integer[])', 'rating_vector(text, text, text, text, integer)', 'stat_month(timestamptz)']) {
    await sql.raw(`DROP FUNCTION IF EXISTS ${f}`).execute(db);
  }
  for (const t of ['agency_stat_month', 'service_stat_month', 'faq', 'guidance']) await db.schema.dropTable(t).execute();
}
