// The status rule for results (A3 status 9, A7): "Đã xử lý xong" only with a signed result file.
import type { DB } from '../../db/index.ts';
import type { Problem } from '../../web/problem.ts';

export async function resultGuard(trx: DB, applicationId: string, to: number): Promise<Problem<'NOT_ALLOWED'> | undefined> {
  if (to !== 9) return undefined;
  const found = await trx.selectFrom('application_result').select('id').where('application_id', '=', applicationId).executeTakeFirst();
  if (found) return undefined;
  return { code: 'NOT_ALLOWED', params: { rule: 'result' } };
}
