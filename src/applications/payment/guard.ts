// The status rule for fees (A3 status 6): an application asks for payment only with a fee to
// pay. Called by the status change itself, in its transaction, whoever asks for status 6.
import { getService } from '../../catalog/index.ts';
import type { DB } from '../../db/index.ts';
import type { Problem } from '../../web/problem.ts';
import { catalogFee } from './model.ts';

/**
 * Moving to 6: makes sure an open fee exists — the one an officer just set, or else the catalog's
 * amount — or says why not. Leaving 6 other than by payment: the open fee is cancelled.
 */
export async function feeGuard(trx: DB, applicationId: string, from: number, to: number, actorId: string | null): Promise<Problem<'NOT_ALLOWED'> | undefined> {
  if (from === 6 && to !== 4) {
    await trx.updateTable('application_fee').set({ state: 'cancelled', settled_at: new Date() }).where('application_id', '=', applicationId).where('state', '=', 'open').execute();
  }
  if (to !== 6) return undefined;
  const open = await trx.selectFrom('application_fee').select('id').where('application_id', '=', applicationId).where('state', '=', 'open').executeTakeFirst();
  if (open) return undefined;
  const app = await trx.selectFrom('application').select('service_code').where('id', '=', applicationId).executeTakeFirstOrThrow();
  const amount = catalogFee((await getService(trx, app.service_code))?.fees);
  if (amount <= 0) return { code: 'NOT_ALLOWED', params: { rule: 'fee' } };
  await trx.insertInto('application_fee').values({ application_id: applicationId, amount, catalog_amount: amount, reason: null, requested_by: actorId }).execute();
  return undefined;
}
