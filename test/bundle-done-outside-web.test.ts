// A3: a bundle's one done notice does not depend on the web app. The parts moved by code that runs in
// the `dvctt` command or a job (the status change and the result's store function, no route, no
// buildApp) still complete the bundle in the last move's transaction, once. On each database.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { calendarSource } from '../src/applications/index.ts';
import { issueResult } from '../src/applications/results/store.ts';
import { agencyKey } from '../src/applications/results/signing.ts';
import { transition } from '../src/applications/transitions.ts';
import { loadBundles, submitBundle, type BundleRoute } from '../src/bundles/index.ts';
import { seedCatalogDemo } from '../src/catalog/index.ts';
import { createFormLibrary, seedFormsDemo } from '../src/forms/index.ts';
import { createAccount } from '../src/identity/index.ts';
import { composeModules } from '../src/modules.ts';
import { LocalFileStore } from '../src/storage/index.ts';
import { TEST_PASSWORD } from './helpers/accounts.ts';
import { describeEachDatabase } from './helpers/db.ts';
import { pdf } from './helpers/submission.ts';

const PLACE = '000.33.01.H34';
const BIRTH = loadBundles().find((b) => b.slug === 'khai-sinh-lien-thong')!;
const NOWHERE: BundleRoute = {
  kind: 'exchange',
  place: () => Promise.reject(new Error('every part of this bundle is placed inside dvctt')),
};

describeEachDatabase('a bundle completed outside the web app', (get) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dvctt-bundle-outside-'));

  before(async () => {
    const { db } = get();
    await seedCatalogDemo(db);
    await seedFormsDemo(db);
    await createAccount(db, { username: 'hung.dan', password: TEST_PASSWORD, fullName: 'Trần Văn Hùng', idNumber: '056093001234' });
    // What the `dvctt` command does before any work; no app is built in this file.
    composeModules();
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the last part moved by a command sends the bundle its one done notice, in that move', async () => {
    const { db } = get();
    const files = new LocalFileStore(path.join(dataDir, 'files'));
    const stored = await files.put(pdf());
    const account = await db.selectFrom('account').select(['id', 'username', 'full_name']).where('username', '=', 'hung.dan').executeTakeFirstOrThrow();
    const actor = { id: account.id, username: account.username, fullName: account.full_name, role: 'citizen' as const, agencyCode: null, agencies: new Set<string>() };
    const forms = createFormLibrary(db, { listen: false });
    const r = await submitBundle(
      { submit: { db, calendar: () => calendarSource(db).current(), forms }, bundles: [BIRTH], exchange: NOWHERE },
      { actor, bundle: BIRTH.slug, answers: BIRTH.form.example, agency: PLACE, uploads: [{ field: 'component:giay-chung-sinh', filename: 'giay-chung-sinh.pdf', size: stored.size, kind: 'pdf', mime: 'application/pdf', stored }] },
    );
    await forms.close();
    assert.ok(r.ok, JSON.stringify(r.ok || r.problem));
    assert.equal(r.parts.length, 3);
    const doneNotices = async () => (await db.selectFrom('notice').select('id').where('account_id', '=', account.id).where('title', 'like', `Hồ sơ liên thông ${r.code}: Đã hoàn thành%`).execute()).length;
    const officer = { id: account.id, name: 'Cán bộ xử lý' };

    for (const [i, part] of r.parts.entries()) {
      const code = part.applicationCode!;
      assert.ok((await transition(db, code, 2, 'officer', officer)).ok);
      const now = await db.selectFrom('application').select(['status', 'agency_code']).where('code', '=', code).executeTakeFirstOrThrow();
      if (now.status === 2) assert.ok((await transition(db, code, 4, 'officer', officer)).ok);
      const key = await agencyKey(path.join(dataDir, 'keys'), now.agency_code);
      const issued = await issueResult(db, { code, fileKey: stored.key, fileName: `KetQua_${code}.pdf`, size: stored.size, sha256: stored.sha256, generated: false, decision: null, signature: 'chữ ký', key, signedAt: new Date(), officer, note: '' });
      assert.ok(issued.ok, JSON.stringify(issued));
      // Not before the last part; then once, with the bundle marked done.
      assert.equal(await doneNotices(), i === r.parts.length - 1 ? 1 : 0, `after part ${part.key}`);
    }
    const bundle = await db.selectFrom('bundle').select('done_at').where('code', '=', r.code).executeTakeFirstOrThrow();
    assert.ok(bundle.done_at);
    const { n } = await db.selectFrom('notice').select((eb) => eb.fn.countAll<string>().as('n')).where('title', 'like', `Hồ sơ liên thông ${r.code}:%`).executeTakeFirstOrThrow();
    assert.equal(Number(n), 2, 'the filed notice and the done notice, nothing more');
  });
});
