// Dossiers dvctt forwards to another system through the national portal (A3, P3): a part of a
// bundle whose agency does not work in dvctt. The dossier is one delivery on the 'lien-thong'
// channel, queued in the caller's transaction (the bundle's), so it leaves only if the bundle is
// stored; the national side answers its status later with a signed message (FORWARDED_STATUS_PATH).
import type { Status } from '../applications/index.ts';
import type { DB } from '../db/index.ts';
import { queueDelivery } from '../notifications/index.ts';
import type { StoredFile } from '../storage/index.ts';

/** A dossier forwarded to another agency's system, with dvctt's own reference for it. */
export interface Forwarded {
  /** dvctt's reference, the "maHoSoQuocGia" of the messages both ways: "LT-260105-483920-bhyt". */
  dossierCode: string;
  bundleCode: string;
  serviceCode: string;
  agencyCode: string;
  applicant: { fullName: string; idNumber: string | null };
  answers: Record<string, unknown>;
  files: { component: string; name: string; data: Buffer }[];
}

/** The forwarded dossier as the national side reads it (the same field names as an inbound one). */
export function forwardedBody(f: Forwarded): Record<string, unknown> {
  return {
    loai: 'chuyen-ho-so',
    maHoSoQuocGia: f.dossierCode,
    maHoSoLienThong: f.bundleCode,
    maThuTuc: f.serviceCode,
    maCoQuan: f.agencyCode,
    thuTu: 1,
    nguoiNop: { hoTen: f.applicant.fullName, soDinhDanh: f.applicant.idNumber },
    duLieu: f.answers,
    tepDinhKem: f.files.map((x) => ({ maThanhPhan: x.component, tenTep: x.name, noiDungBase64: x.data.toString('base64') })),
  };
}

/** Queues the dossier on the 'lien-thong' channel in `trx`; its delivery id. */
export async function forwardDossier(trx: DB, f: Forwarded): Promise<string> {
  return queueDelivery(trx, { notice_id: null, application_code: null, account_id: null, event: 'lien-thong:chuyen-ho-so', vars: JSON.stringify(forwardedBody(f)), locale: 'vi', channel: 'lien-thong', recipient: 'Cổng Dịch vụ công quốc gia' });
}

/** The bytes of the files a part takes, read back from the file store. */
export async function forwardedFiles(read: (key: string) => Promise<Buffer>, uploads: readonly { field: string; filename: string; stored?: StoredFile }[]): Promise<Forwarded['files']> {
  const out: Forwarded['files'] = [];
  for (const u of uploads) if (u.stored) out.push({ component: u.field.replace(/^component:/, ''), name: u.filename, data: await read(u.stored.key) });
  return out;
}

/** A status message for a forwarded dossier, checked for shape: { maHoSoQuocGia, trangThai 1–10 }. */
export function readForwardedStatus(body: unknown): { ok: true; dossierCode: string; status: Status } | { ok: false; field: string } {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (!b) return { ok: false, field: 'body' };
  const code = typeof b.maHoSoQuocGia === 'string' && /^[A-Za-z0-9._-]{1,80}$/.test(b.maHoSoQuocGia) ? b.maHoSoQuocGia : undefined;
  if (!code) return { ok: false, field: 'maHoSoQuocGia' };
  const status = b.trangThai;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 1 || status > 10) return { ok: false, field: 'trangThai' };
  return { ok: true, dossierCode: code, status: status as Status };
}
