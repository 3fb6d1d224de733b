// S1, U5: the profile's addresses are refused part by part in the page's language; nothing of the
// person changes while one is wrong.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../src/identity/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { testApp } from './helpers/app.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { signedIn, submitForm } from './helpers/session.ts';

describeEachDatabase('the profile address in English', (get) => {
  let app: FastifyInstance;
  before(async () => {
    app = await testApp(get().db);
    await createAccount(get().db, { username: 'mai.tran', password: TEST_PASSWORD, fullName: 'Trần Thị Mai' });
  });
  after(() => app.close());

  const stored = () => get().db.selectFrom('account').select(['full_name', 'permanent_address', 'current_address', 'updated_at']).where('username', '=', 'mai.tran').executeTakeFirstOrThrow();

  test('an English page names each wrong part of an address in English, and stores nothing', async () => {
    const jar = { ...(await signedIn(app, 'mai.tran', TEST_PASSWORD)), lang: 'en' };
    const before = await stored();
    const res = await submitForm(app, jar, '/tai-khoan', '/tai-khoan', {
      fullName: 'Trần Thị Mai Anh',
      permanentProvince: 'Tỉnh Hà Tây',
      permanentCommune: '',
      permanentDetail: '12 Lê Lợi',
      currentProvince: 'Tỉnh Khánh Hòa',
      currentCommune: 'Phường Nha Trang',
      currentDetail: '5 Trần Phú',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#f-permanentProvince">[^<]*Choose a province or city from the list\./);
    assert.match(res.body, /Enter the commune, ward or special zone\./);
    assert.doesNotMatch(res.body, /Hãy chọn tỉnh, thành phố/);
    assert.deepEqual(await stored(), before, 'nothing of the person changed');

    const vi = await submitForm(app, { ...jar, lang: 'vi' }, '/tai-khoan', '/tai-khoan', { fullName: 'Trần Thị Mai', permanentProvince: 'Tỉnh Hà Tây', permanentCommune: 'Phường Nha Trang' });
    assert.equal(vi.statusCode, 400);
    assert.match(vi.body, /Hãy chọn tỉnh, thành phố trong danh sách\./);
    assert.deepEqual(await stored(), before);
  });
});
