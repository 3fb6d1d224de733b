import { sql, type Kysely } from 'kysely';
import { applicationOwned, required } from './kit.ts';

// A3, P3: dvctt as the province's system behind the national portal (docs/integration.md,
// "Liên thông với Cổng Dịch vụ công quốc gia").
// - exchange_dossier: each dossier the national portal forwarded, by its national code, and the one
//   application it became (both unique: the same dossier twice is one application).
// - The pushes back are deliveries on channel 'lien-thong' in the delivery queue (0011), written by
//   triggers in the very transaction of the status change (application_event) or the apology that
//   moves the due date, so no change is committed without its push. Per dossier they go out in
//   order: only the earliest unfinished push has a job; when it is sent, the next gets its job.
//   Both sides take one advisory lock per application, so a push written while the previous one is
//   being recorded is never left without a job.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exchange_dossier')
    .addColumn('dossier_code', 'text', (c) => c.primaryKey().check(sql`dossier_code ~ '^[A-Za-z0-9._-]{1,60}$'`))
    .$call(applicationOwned)
    .$call(required({ service_code: 'text', agency_code: 'text' }))
    .addColumn('body_sha256', 'text', (c) => c.notNull().check(sql`body_sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('exchange_dossier_application', ['application_id'])
    .execute();
  await sql`ALTER TABLE delivery DROP CONSTRAINT delivery_channel_check`.execute(db);
  await sql`ALTER TABLE delivery ADD CONSTRAINT delivery_channel_check CHECK (channel IN ('email', 'sms', 'webhook', 'lien-thong'))`.execute(db);
  await sql`CREATE INDEX delivery_exchange ON delivery (application_code, id) WHERE channel = 'lien-thong'`.execute(db);

  // The push document: what changed, as the application stands in this transaction.
  await sql`
    CREATE FUNCTION exchange_push_body(p_application uuid, p_kind text, p_status integer, p_note text, p_at timestamptz) RETURNS jsonb LANGUAGE sql STABLE AS $$
      SELECT jsonb_strip_nulls(jsonb_build_object(
        'loai', p_kind,
        'trangThai', p_status,
        'thoiDiem', to_char(p_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
        'hanXuLy', to_char(a.due_date, 'YYYY-MM-DD'),
        'ghiChu', NULLIF(p_note, ''),
        'yeuCauBoSung', CASE WHEN p_status = 5 THEN (SELECT jsonb_build_object('lyDo', r.reason, 'thanhPhan', r.items) FROM application_supplement_request r WHERE r.application_id = a.id ORDER BY r.requested_at DESC LIMIT 1) END,
        'nghiaVuTaiChinh', CASE WHEN p_status = 6 THEN (SELECT jsonb_build_object('soTien', sum(f.amount), 'lyDo', string_agg(f.reason, '; ')) FROM application_fee f WHERE f.application_id = a.id AND f.state = 'open') END,
        'ketQua', CASE WHEN p_status IN (9, 10) THEN (SELECT jsonb_build_object('tenTep', r.file_name, 'sha256', r.sha256, 'kySoLuc', r.signed_at, 'duongDan', '/api/v1/applications/' || a.code || '/result.pdf') FROM application_result r WHERE r.application_id = a.id ORDER BY r.signed_at DESC LIMIT 1) END
      ))
      FROM application a WHERE a.id = p_application
    $$`.execute(db);

  // One push, queued behind the unfinished ones of the same dossier ('deliver' is the queue's task).
  await sql`
    CREATE FUNCTION exchange_enqueue(p_application uuid, p_body jsonb) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE d record; v_seq integer; v_wait boolean; v_id bigint;
    BEGIN
      SELECT x.dossier_code, a.code INTO d FROM exchange_dossier x JOIN application a ON a.id = x.application_id WHERE x.application_id = p_application;
      IF NOT FOUND THEN RETURN; END IF;
      PERFORM pg_advisory_xact_lock(hashtext('lien-thong:' || d.code));
      SELECT count(*) + 1, coalesce(bool_or(status IN ('queued', 'failed')), false) INTO v_seq, v_wait FROM delivery WHERE channel = 'lien-thong' AND application_code = d.code;
      INSERT INTO delivery (application_code, channel, recipient, event, vars, locale)
        VALUES (d.code, 'lien-thong', 'Cổng Dịch vụ công quốc gia', 'lien-thong:' || (p_body->>'loai'), p_body || jsonb_build_object('maHoSoQuocGia', d.dossier_code, 'maHoSo', d.code, 'thuTu', v_seq), 'vi')
        RETURNING id INTO v_id;
      INSERT INTO delivery_log (delivery_id, status, detail) VALUES (v_id, 'queued', CASE WHEN v_wait THEN 'Chờ lần gửi trước của hồ sơ này đến Cổng Dịch vụ công quốc gia.' END);
      IF NOT v_wait THEN
        PERFORM graphile_worker.add_job('deliver', json_build_object('id', v_id::text), job_key => 'delivery:' || v_id, max_attempts => 25);
      END IF;
    END $$`.execute(db);

  await sql`
    CREATE FUNCTION exchange_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind IS NULL THEN
        PERFORM exchange_enqueue(NEW.application_id, exchange_push_body(NEW.application_id, 'trang-thai', NEW.status_to, NEW.note, NEW.at));
      ELSIF NEW.kind = 'apology' THEN
        PERFORM exchange_enqueue(NEW.application_id, exchange_push_body(NEW.application_id, 'hen-tra-moi', NEW.status_to, NEW.note, NEW.at));
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER application_event_exchange AFTER INSERT ON application_event FOR EACH ROW EXECUTE FUNCTION exchange_on_event()`.execute(db);

  // The first push: received, with dvctt's own code and the due date.
  await sql`
    CREATE FUNCTION exchange_on_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM exchange_enqueue(NEW.application_id, exchange_push_body(NEW.application_id, 'tiep-nhan', (SELECT status FROM application WHERE id = NEW.application_id), NULL, NEW.received_at));
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER exchange_dossier_first_push AFTER INSERT ON exchange_dossier FOR EACH ROW EXECUTE FUNCTION exchange_on_dossier()`.execute(db);

  // A push sent: the next one of its dossier gets its job.
  await sql`
    CREATE FUNCTION exchange_next() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE v_next bigint;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('lien-thong:' || NEW.application_code));
      SELECT id INTO v_next FROM delivery WHERE channel = 'lien-thong' AND application_code = NEW.application_code AND status = 'queued' AND id <> NEW.id ORDER BY id LIMIT 1;
      IF FOUND THEN
        PERFORM graphile_worker.add_job('deliver', json_build_object('id', v_next::text), job_key => 'delivery:' || v_next, max_attempts => 25);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER delivery_exchange_next AFTER UPDATE OF status ON delivery FOR EACH ROW
    WHEN (NEW.channel = 'lien-thong' AND OLD.status = 'queued' AND NEW.status IN ('sent', 'delivered'))
    EXECUTE FUNCTION exchange_next()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER delivery_exchange_next ON delivery`.execute(db);
  await sql`DROP TRIGGER application_event_exchange ON application_event`.execute(db);
  await db.schema.dropTable('exchange_dossier').execute();
  await sql`DROP FUNCTION exchange_next(), exchange_on_dossier(), exchange_on_event(), exchange_enqueue(uuid, jsonb), exchange_push_body(uuid, text, integer, text, timestamptz)`.execute(db);
  await sql`DELETE FROM delivery WHERE channel = 'lien-thong'`.execute(db);
  await sql`DROP INDEX delivery_exchange`.execute(db);
  await sql`ALTER TABLE delivery DROP CONSTRAINT delivery_channel_check`.execute(db);
  await sql`ALTER TABLE delivery ADD CONSTRAINT delivery_channel_check CHECK (channel IN ('email', 'sms', 'webhook'))`.execute(db);
}
