// The people and the application the fee tests start from: a citizen (an.dan, Nguyễn Văn An) and
// an officer of the health department (cb.yte), and an application of 1.004616 received and in
// processing (status 4), ready for the officer to ask for its fee.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { seedCatalogDemo } from '../../src/catalog/index.ts';
import type { DB } from '../../src/db/index.ts';
import { createAccount } from '../../src/identity/index.ts';
import { TEST_PASSWORD } from './accounts.ts';
import { demoDefinition } from './demo-forms.ts';
import { signedIn, type Jar } from './session.ts';
import { apiSubmission } from './submission.ts';

export const FEE_AGENCY = '000.00.12.H34';

export async function seedFeePeople(db: DB): Promise<void> {
  await seedCatalogDemo(db);
  await createAccount(db, { username: 'an.dan', password: TEST_PASSWORD, fullName: 'Nguyễn Văn An', phone: '0912345678' });
  await createAccount(db, { username: 'cb.yte', password: TEST_PASSWORD, fullName: 'Cán bộ Y tế', role: 'officer', agencyCode: FEE_AGENCY });
}

export interface FeeScene {
  code: string;
  citizen: Jar;
  officer: Jar;
  citizenToken: string;
  officerToken: string;
}

/** Both people's API tokens and browsers, and a new application moved to `statuses` (by default received, then in processing). */
export async function applicationInProcessing(app: FastifyInstance, statuses: { status: number; note?: string }[] = [{ status: 2 }, { status: 4 }]): Promise<FeeScene> {
  const token = async (username: string) => ((await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password: TEST_PASSWORD } })).json() as { token: string }).token;
  const citizenToken = await token('an.dan');
  const officerToken = await token('cb.yte');
  const res = await app.inject(apiSubmission({ authorization: `Bearer ${citizenToken}` }, '1.004616', demoDefinition('1.004616')!.example));
  const code = (res.json() as { code: string }).code;
  for (const payload of statuses) {
    const moved = await app.inject({ method: 'POST', url: `/api/v1/applications/${code}/status`, headers: { authorization: `Bearer ${officerToken}` }, payload });
    assert.equal(moved.statusCode, 200, moved.body);
  }
  return { code, citizen: await signedIn(app, 'an.dan', TEST_PASSWORD), officer: await signedIn(app, 'cb.yte', TEST_PASSWORD), citizenToken, officerToken };
}
