// `dvctt form-report` (F1, Art. 13.1): the online services that still take applications through
// the default form, so an agency knows which official forms are left to write or import.
import { onlineServices } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { publishedForms } from './definitions-store.ts';

export interface DefaultFormService {
  code: string;
  name: string;
  level: number;
  agency: { code: string; name: string };
}

/** Level-3/4 services no published own form names, by sector, field and name. */
export async function servicesOnDefaultForm(db: DB): Promise<DefaultFormService[]> {
  const [services, forms] = await Promise.all([onlineServices(db), publishedForms(db)]);
  const own = new Set(forms.filter((f) => f.origin === 'own').flatMap((f) => f.services));
  return services.filter((s) => !own.has(s.code)).map((s) => ({ code: s.code, name: s.name, level: s.level, agency: { code: s.agency, name: s.agencyName } }));
}

/** The report as the command prints it. */
export function formReportText(rows: readonly DefaultFormService[]): string {
  if (!rows.length) return 'Mọi thủ tục mức độ 3, 4 đều có biểu mẫu riêng.\n';
  const lines = rows.map((r) => `  ${r.code}  ${r.name}\n            ${r.agency.name} (${r.agency.code}) — mức độ ${r.level}\n`);
  return `${rows.length} thủ tục mức độ 3, 4 đang dùng biểu mẫu mặc định (chưa có biểu mẫu riêng):\n${lines.join('')}`;
}
