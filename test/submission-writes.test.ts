// A1, N2, V1: what one submission with its files leaves behind, on each database — exactly one
// application, its file, its first status, one receipt notice naming the service, the agency and
// the due date, and one delivery per channel the applicant wants (each with its first log line
// and its queued job), its upload in the applicant's data store and one count in the statistics.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { assertMoved, snapshot } from './helpers/counts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { apiSubmission } from './helpers/submission.ts';

const PHARMACIST = '1.004616'; // level 4, Sở Y tế 000.00.12.H34
const ANSWERS = demoDefinition(PHARMACIST)!.example as Record<string, unknown>;

describeEachDatabase('one submission and what it writes', (get) => {
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', email: 'an@example.vn', phone: '0912345678' });
    await createAccount(db, { username: 'binh.dan', password: TEST_PASSWORD, fullName: 'Trần Thị Bình', email: 'binh@example.vn', phone: '0987654321' });
    await db.insertInto('webhook_subscription').values({ name: 'Hệ thống một cửa', url: 'https://mot-cua.example.vn/hook', secret: 'bi-mat-dai-du-16-ky-tu', events: ['submitted'] }).execute();
    await db.insertInto('webhook_subscription').values({ name: 'Tắt', url: 'https://tat.example.vn/hook', secret: 'bi-mat-dai-du-16-ky-tu', events: [], active: false }).execute();
    app = await testApp(db);
    for (const u of ['an.dan', 'binh.dan']) tokens[u] = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: u, password: TEST_PASSWORD } })).json() as { token: string }).token;
  });
  after(() => app.close());

  const send = (user: string) =>
    app.inject(apiSubmission({ authorization: `Bearer ${tokens[user]}` }, PHARMACIST, ANSWERS));

  /** The deliveries of an application, in the order they were queued, each with its log and its job. */
  const deliveries = async (code: string) =>
    (
      await sql<{ channel: string; recipient: string; status: string; logs: string[]; jobs: number; vars: Record<string, string> }>`
        SELECT d.channel, d.recipient, d.status, d.vars,
          (SELECT array_agg(l.status ORDER BY l.id) FROM delivery_log l WHERE l.delivery_id = d.id) AS logs,
          (SELECT count(*)::int FROM graphile_worker.jobs j WHERE j.key = 'delivery:' || d.id AND j.task_identifier = 'deliver') AS jobs
        FROM delivery d WHERE d.application_code = ${code} ORDER BY d.id`.execute(get().db)
    ).rows;

  test('a submission with its files stores one application, its files and first status, one receipt notice and a delivery for each wanted channel', async () => {
    const { db } = get();
    const before = await snapshot(db);
    const res = await send('an.dan');
    assert.equal(res.statusCode, 201, res.body);
    const { code, dueDate } = res.json() as { code: string; dueDate: string };
    const files = demoDefinition(PHARMACIST)!.sections.flatMap((s) => s.fields).filter((f) => f.type === 'attachment' && f.required).length;
    await assertMoved(db, before, { application: 1, application_attachment: files, application_event: 1, notice: 1, delivery: 3, online_received: 1 }, 'one submission');

    const notices = await db.selectFrom('notice').innerJoin('account', 'account.id', 'notice.account_id').select(['notice.title', 'notice.body']).where('notice.application_code', '=', code).where('account.username', '=', 'an.dan').execute();
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.title, `Hồ sơ ${code}: Thông tin của quý khách đã được tiếp nhận`);
    // Email, then SMS, then the one active webhook that wants the event; each queued once, with one job.
    const sent = await deliveries(code);
    assert.deepEqual(
      sent.map((d) => [d.channel, d.recipient, d.status, d.logs, d.jobs]),
      [
        ['email', 'an@example.vn', 'queued', ['queued'], 1],
        ['sms', '84912345678', 'queued', ['queued'], 1],
        ['webhook', 'https://mot-cua.example.vn/hook', 'queued', ['queued'], 1],
      ],
    );
    // The templates name the service, the agency and the due date of this application.
    const [y, m, d] = dueDate.split('-');
    assert.equal(sent[0]!.vars.ma_ho_so, code);
    assert.equal(sent[0]!.vars.ho_ten, 'Nguyễn Văn An');
    assert.equal(sent[0]!.vars.han_xu_ly, `${d}/${m}/${y}`);
    assert.match(sent[0]!.vars.thu_tuc!, /Chứng chỉ hành nghề dược/);
    assert.equal(sent[0]!.vars.co_quan, (await db.selectFrom('agency').select('name').where('code', '=', '000.00.12.H34').executeTakeFirstOrThrow()).name);
    // Each file of a kind the catalog knows enters the applicant's data store once, with the application.
    const stored = await db.selectFrom('vault_document').innerJoin('application', 'application.id', 'vault_document.application_id').select('vault_document.kind_code').where('application.code', '=', code).execute();
    const known = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM application_attachment t JOIN application a ON a.id = t.application_id JOIN service s ON s.code = a.service_code
      CROSS JOIN LATERAL jsonb_array_elements(s.details->'components') c JOIN document_kind k ON k.code = c->>'kind'
      WHERE a.code = ${code} AND c->>'id' = t.component_id`.execute(db);
    assert.ok(stored.length > 0);
    assert.equal(stored.length, known.rows[0]!.n);
  });

  test('an applicant who turned SMS off gets the receipt by email and the webhook only', async () => {
    const { db } = get();
    const binh = await db.selectFrom('account').select('id').where('username', '=', 'binh.dan').executeTakeFirstOrThrow();
    await db.insertInto('notification_preference').values({ account_id: binh.id, email: true, sms: false, locale: 'vi' }).execute();
    const before = await snapshot(db);
    const res = await send('binh.dan');
    assert.equal(res.statusCode, 201, res.body);
    const { code } = res.json() as { code: string };
    await assertMoved(db, before, { application: 1, application_attachment: (await db.selectFrom('application_attachment').innerJoin('application', 'application.id', 'application_attachment.application_id').select('application_attachment.id').where('application.code', '=', code).execute()).length, application_event: 1, notice: 1, delivery: 2, online_received: 1 }, 'SMS off');
    assert.deepEqual((await deliveries(code)).map((d) => [d.channel, d.logs, d.jobs]), [['email', ['queued'], 1], ['webhook', ['queued'], 1]]);
  });
});
