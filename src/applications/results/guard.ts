// The status rule for results (A3 status 9, A7): "Đã xử lý xong" only with a signed result file.
import type { DB } from '../../db/index.ts';

export async function resultGuard(trx: DB, applicationId: string, to: number): Promise<{ code: 'NOT_ALLOWED'; message: string } | undefined> {
  if (to !== 9) return undefined;
  const found = await trx.selectFrom('application_result').select('id').where('application_id', '=', applicationId).executeTakeFirst();
  if (found) return undefined;
  return {
    code: 'NOT_ALLOWED',
    message: 'Chưa có văn bản kết quả: hãy tải lên tệp PDF kết quả hoặc tạo kết quả từ mẫu. Hồ sơ chỉ chuyển sang "Đã xử lý xong" khi có kết quả đã ký số.',
  };
}
