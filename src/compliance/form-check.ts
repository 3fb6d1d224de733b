// Art. 13.1, 8: every level-3/4 service takes applications online through an e-form. Read through
// the portal's own API: its online services, and for each the form it answers with — the
// service's own, or the default one made from its dossier — so the report says which is which.
import { finding, type Finding } from './model.ts';
import type { Progress, Target } from './target.ts';
import { get } from './transport-check.ts';

/** Services whose form is asked for, at most: enough for a province's catalog, bounded for a ministry's. */
export const MAX_FORM_CHECKS = 300;
const PAGE_SIZE = 100;

interface ServiceItem {
  code: string;
  name: string;
}

const json = <T>(body: string): T | undefined => {
  try {
    return JSON.parse(body) as T;
  } catch {
    return undefined;
  }
};

/** Lists the codes, at most ten, and how many more. */
const some = (codes: string[]) => `${codes.slice(0, 10).join(', ')}${codes.length > 10 ? ` và ${codes.length - 10} thủ tục khác` : ''}`;

export async function formFindings(t: Target, progress: Progress, max = MAX_FORM_CHECKS): Promise<Finding[]> {
  const services: ServiceItem[] = [];
  let total = 0;
  try {
    for (let page = 1; services.length < max; page++) {
      const res = await get(new URL(`/api/v1/services?level=3&level=4&pageSize=${PAGE_SIZE}&page=${page}`, t.url), t.address, t);
      const list = res.status === 200 ? json<{ total: number; items: ServiceItem[] }>(res.body) : undefined;
      if (!list || !Array.isArray(list.items)) {
        return [finding('online-forms', 'skip', `Không đọc được danh mục qua /api/v1/services (mã trả lời ${res.status}).`, 'Cổng không có API danh mục của dvctt: kiểm tra thủ công rằng mọi thủ tục mức độ 3, 4 có tờ khai điện tử.')];
      }
      total = list.total;
      services.push(...list.items.slice(0, max - services.length));
      if (!list.items.length || page * PAGE_SIZE >= total) break;
    }
  } catch (err) {
    return [finding('online-forms', 'skip', `Không đọc được danh mục qua /api/v1/services: ${(err as Error).message}.`, 'Kiểm tra cổng có đang chạy tại địa chỉ này.')];
  }
  if (!services.length) return [finding('online-forms', 'warn', 'Danh mục không có thủ tục mức độ 3, 4 nào.', 'Công bố các dịch vụ công trực tuyến mức độ 3, 4 của cơ quan.')];

  progress(`Đọc tờ khai điện tử của ${services.length} thủ tục mức độ 3, 4…`);
  const own: string[] = [];
  const byDefault: string[] = [];
  const missing: string[] = [];
  for (const s of services) {
    try {
      const res = await get(new URL(`/api/v1/services/${encodeURIComponent(s.code)}/form`, t.url), t.address, t);
      const form = res.status === 200 ? json<{ origin?: string }>(res.body) : undefined;
      if (!form) missing.push(s.code);
      else if (form.origin === 'default') byDefault.push(s.code);
      else own.push(s.code);
    } catch {
      missing.push(s.code);
    }
  }
  const checked = services.length < total ? `${services.length}/${total} thủ tục đầu tiên` : `Cả ${services.length} thủ tục`;
  const split = `${own.length} có tờ khai riêng, ${byDefault.length} dùng biểu mẫu mặc định${byDefault.length ? ` (${some(byDefault)})` : ''}`;
  if (missing.length) {
    return [finding('online-forms', 'fail', `${missing.length} thủ tục mức độ 3, 4 không có tờ khai điện tử: ${some(missing)}. ${split}.`, 'Mỗi thủ tục mức độ 3, 4 cần một tờ khai điện tử để nhận hồ sơ trực tuyến: nhập tờ khai riêng (dvctt import-forms) hoặc dùng biểu mẫu mặc định.')];
  }
  return [finding('online-forms', 'pass', `${checked} mức độ 3, 4 có tờ khai điện tử: ${split}. Danh sách thủ tục còn dùng biểu mẫu mặc định: dvctt form-report.`)];
}
