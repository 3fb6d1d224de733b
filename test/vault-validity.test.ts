// A document of a kind valid for some months (giấy chứng nhận sức khỏe: 12 months) counts them
// from its issue date; until the owner gives that date the upload day stands in, and the store's
// pages say so (V1, V2, V4).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { demoDefinition } from './helpers/demo-forms.ts';
import { createAccount } from '../src/identity/index.ts';
import { addMonths } from '../src/vault/model.ts';
import { vietnamToday } from '../src/vault/store.ts';
import { dayVi } from '../src/web/format.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm, type Jar } from './helpers/session.ts';
import { apiSubmission } from './helpers/submission.ts';

const PHARMACIST = '1.004616';
const NOTE = '(tính từ ngày tải lên vì chưa có ngày cấp)';

describeEachDatabase('validity of stored documents', (get) => {
  let app: FastifyInstance;
  let jar: Jar;
  let id = '';
  let uploadedOn = '';
  const stored = async () => {
    const r = await get().db.selectFrom('vault_document').select(['title', 'state']).select((eb) => [eb.fn<string>('to_char', [eb.ref('issued_on'), eb.val('YYYY-MM-DD')]).as('issuedOn'), eb.fn<string>('to_char', [eb.ref('valid_until'), eb.val('YYYY-MM-DD')]).as('validUntil')]).where('id', '=', id).executeTakeFirstOrThrow();
    return r;
  };

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678' });
    app = await testApp(db);
    const token = ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'an.dan', password: TEST_PASSWORD } })).json() as { token: string }).token;
    const res = await app.inject(apiSubmission({ authorization: `Bearer ${token}` }, PHARMACIST, demoDefinition(PHARMACIST)!.example));
    assert.equal(res.statusCode, 201, res.body);
    uploadedOn = vietnamToday();
    id = (await db.selectFrom('vault_document').select('id').where('kind_code', '=', 'giay-chung-nhan-suc-khoe').executeTakeFirstOrThrow()).id;
    jar = await signedIn(app, 'an.dan', TEST_PASSWORD);
  });
  after(() => app.close());

  test('without an issue date, the 12 months count from the upload day and the pages say so', async () => {
    assert.deepEqual(await stored(), { title: 'Giấy chứng nhận sức khỏe', state: 'provided', issuedOn: null, validUntil: addMonths(uploadedOn, 12) });
    const list = await app.inject({ url: '/kho-du-lieu', cookies: jar });
    assert.ok(list.body.includes(`đến hết ngày ${dayVi(addMonths(uploadedOn, 12))} ${NOTE}`), 'the list names the estimate');
    const page = await app.inject({ url: `/kho-du-lieu/${id}`, cookies: jar });
    assert.ok(page.body.includes(NOTE));
    assert.match(page.body, /thường có giá trị 12 tháng kể từ ngày cấp/);
  });

  test('a wrong issue date is refused in Vietnamese and nothing changes', async () => {
    const page = `/kho-du-lieu/${id}`;
    const form = { title: 'Giấy chứng nhận sức khỏe', number: '', issuer: '', issuedOn: '31/02/2026', validUntil: dayVi(addMonths(uploadedOn, 12)) };
    const bad = await submitForm(app, jar, page, page, form);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Ngày cấp phải là ngày có thật/);
    assert.deepEqual(await stored(), { title: 'Giấy chứng nhận sức khỏe', state: 'provided', issuedOn: null, validUntil: addMonths(uploadedOn, 12) });
  });

  test('given the issue date, with the counted date left as it was, the 12 months count from the issue date and the note goes', async () => {
    const page = `/kho-du-lieu/${id}`;
    const ok = await submitForm(app, jar, page, page, { title: 'Giấy chứng nhận sức khỏe', number: '', issuer: 'Bệnh viện tỉnh', issuedOn: '15/03/2026', validUntil: dayVi(addMonths(uploadedOn, 12)) });
    assert.equal(ok.statusCode, 303);
    assert.deepEqual(await stored(), { title: 'Giấy chứng nhận sức khỏe', state: 'provided', issuedOn: '2026-03-15', validUntil: '2027-03-15' });
    const shown = await app.inject({ url: page, cookies: jar });
    assert.ok(shown.body.includes('đến hết ngày 15/03/2027'));
    assert.ok(!shown.body.includes(NOTE));
    // A date the owner types over it is theirs to keep.
    await submitForm(app, jar, page, page, { title: 'Giấy chứng nhận sức khỏe', number: '', issuer: 'Bệnh viện tỉnh', issuedOn: '15/03/2026', validUntil: '30/06/2026' });
    assert.equal((await stored()).validUntil, '2026-06-30');
  });
});
