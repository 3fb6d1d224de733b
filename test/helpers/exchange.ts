// A dossier as the national portal forwards it (docs/integration.md), for the exchange's tests.
import { demoDefinition } from './demo-forms.ts';
import { leadAgency, requiredFiles } from './submission.ts';

export const EXCHANGE_SECRET = 'bi-mat-lien-thong-thu-nghiem';
export const SERVICE = '1.004616';

export function nationalDossier(code: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    maHoSoQuocGia: code,
    maThuTuc: SERVICE,
    maCoQuan: leadAgency(SERVICE),
    nguoiNop: { soDinhDanh: '079190012345', hoTen: 'Trần Thị Bình', ngaySinh: '1990-05-04', soDienThoai: '0987654321', email: 'binh.tran@example.vn', diaChi: 'Nha Trang, Khánh Hòa' },
    duLieu: demoDefinition(SERVICE)!.example,
    tepDinhKem: requiredFiles(SERVICE).map((p) => ('data' in p ? { maThanhPhan: p.name.replace(/^component:/, ''), tenTep: p.filename, noiDungBase64: p.data.toString('base64') } : null)),
    ...overrides,
  };
}
