// The national portal's exchange protocol as dvctt assumes it (A3, P3). The real specification of
// the national portal's interface with a province's system for handling administrative
// procedures is not public; every assumption is here, in one module, and in docs/integration.md
// ("Liên thông với Cổng Dịch vụ công quốc gia"). Changing the protocol means changing this file.
//
// - Both directions are JSON over HTTPS, signed with HMAC-SHA256 under one shared secret:
//   X-DVCQG-Timestamp: Unix seconds; X-DVCQG-Signature: "v1=" + hex(HMAC(secret, timestamp + "." + body)).
//   A timestamp more than 5 minutes from our clock is stale and refused (replays).
// - Inbound: the national portal POSTs each dossier to /api/v1/exchange/dossiers; files travel in
//   the message as base64 (no fetch from a URL: nothing to reach outside, nothing half-fetched).
// - Outbound: dvctt POSTs each change to {DVCTT_EXCHANGE_URL}/ho-so/cap-nhat, one message per
//   change with "thuTu" 1, 2, 3 … per dossier and a stable "id" (DV<delivery id>); the receiver
//   ignores an id it has already taken (answers 2xx) and refuses one out of order with 409.
// - Status query (reconciliation): GET {DVCTT_EXCHANGE_URL}/ho-so/{maHoSoQuocGia}/trang-thai,
//   signed over the empty body, answers { maHoSoQuocGia, trangThai }.
// - Forwarded (a bundle part whose agency works in another system): dvctt POSTs the dossier to
//   {DVCTT_EXCHANGE_URL}/ho-so/cap-nhat as a push with "loai": "chuyen-ho-so", "thuTu": 1 and the
//   inbound dossier's fields; the national side reports its status, signed, to
//   /api/v1/exchange/forwarded-status as { maHoSoQuocGia, trangThai } (the status numbers of dvctt).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const INBOUND_PATH = '/api/v1/exchange/dossiers';
export const PUSH_PATH = '/ho-so/cap-nhat';
export const FORWARDED_STATUS_PATH = '/api/v1/exchange/forwarded-status';
export const statusPath = (dossierCode: string) => `/ho-so/${encodeURIComponent(dossierCode)}/trang-thai`;
export const TIMESTAMP_HEADER = 'x-dvcqg-timestamp';
export const SIGNATURE_HEADER = 'x-dvcqg-signature';
export const MESSAGE_ID_HEADER = 'x-dvcqg-message-id';
/** How far a message's timestamp may be from our clock. */
export const MAX_SKEW_SECONDS = 300;
/** Where citizens file when dvctt runs as the back office only. */
export const NATIONAL_PORTAL_URL = 'https://dichvucong.gov.vn';

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of a signed message. */
export function signedHeaders(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: sign(secret, timestamp, body) };
}

export type SignatureVerdict = 'ok' | 'MISSING_SIGNATURE' | 'BAD_SIGNATURE' | 'STALE_TIMESTAMP';

/** Checks a message's signature and freshness. */
export function verify(secret: string, headers: Record<string, string | string[] | undefined>, body: string, now = Date.now()): SignatureVerdict {
  const ts = headers[TIMESTAMP_HEADER];
  const sig = headers[SIGNATURE_HEADER];
  if (typeof ts !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(ts)) return 'MISSING_SIGNATURE';
  const expected = Buffer.from(sign(secret, Number(ts), body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'BAD_SIGNATURE';
  if (Math.abs(now / 1000 - Number(ts)) > MAX_SKEW_SECONDS) return 'STALE_TIMESTAMP';
  return 'ok';
}

/** A file as the national portal sends it. */
export interface DossierFile {
  component: string;
  name: string;
  data: Buffer;
}

/** A forwarded dossier, read and checked for shape (the catalog and the form check the rest). */
export interface Dossier {
  dossierCode: string;
  serviceCode: string;
  agencyCode: string;
  applicant: { idNumber: unknown; fullName: unknown; dateOfBirth?: unknown; phone?: unknown; email?: unknown; address?: unknown };
  answers: Record<string, unknown>;
  files: DossierFile[];
}

const MAX_FILES = 20;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown, max: number) => (typeof v === 'string' && v.trim().length > 0 && v.length <= max ? v.trim() : undefined);

/**
 * The national field names of an inbound dossier (the mapping table in docs/integration.md):
 * maHoSoQuocGia, maThuTuc, maCoQuan, nguoiNop { soDinhDanh, hoTen, ngaySinh, soDienThoai, email,
 * diaChi }, duLieu { … the e-form's answers … }, tepDinhKem [{ maThanhPhan, tenTep, noiDungBase64 }].
 */
export function readDossier(body: unknown): { ok: true; dossier: Dossier } | { ok: false; field: string } {
  if (!isObject(body)) return { ok: false, field: 'body' };
  const dossierCode = str(body.maHoSoQuocGia, 60);
  if (!dossierCode || !/^[A-Za-z0-9._-]+$/.test(dossierCode)) return { ok: false, field: 'maHoSoQuocGia' };
  const serviceCode = str(body.maThuTuc, 20);
  if (!serviceCode) return { ok: false, field: 'maThuTuc' };
  const agencyCode = str(body.maCoQuan, 40);
  if (!agencyCode) return { ok: false, field: 'maCoQuan' };
  const p = body.nguoiNop;
  if (!isObject(p)) return { ok: false, field: 'nguoiNop' };
  const answers = body.duLieu === undefined ? {} : body.duLieu;
  if (!isObject(answers)) return { ok: false, field: 'duLieu' };
  const list = body.tepDinhKem === undefined ? [] : body.tepDinhKem;
  if (!Array.isArray(list) || list.length > MAX_FILES) return { ok: false, field: 'tepDinhKem' };
  const files: DossierFile[] = [];
  for (const [i, f] of list.entries()) {
    const component = isObject(f) ? str(f.maThanhPhan, 80) : undefined;
    const name = isObject(f) ? str(f.tenTep, 200) : undefined;
    const b64 = isObject(f) && typeof f.noiDungBase64 === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(f.noiDungBase64) ? f.noiDungBase64 : undefined;
    if (!component || !name || !b64) return { ok: false, field: `tepDinhKem[${i}]` };
    files.push({ component, name, data: Buffer.from(b64, 'base64') });
  }
  return {
    ok: true,
    dossier: { dossierCode, serviceCode, agencyCode, applicant: { idNumber: p.soDinhDanh, fullName: p.hoTen, dateOfBirth: p.ngaySinh, phone: p.soDienThoai, email: p.email, address: p.diaChi }, answers, files },
  };
}

/** What dvctt answers an accepted dossier with. */
export interface InboundAnswer {
  maHoSoQuocGia: string;
  maHoSo: string;
  trangThai: number;
  hanXuLy: string | null;
  /** The same dossier was received before: this is the application it became then. */
  daNhanTruoc: boolean;
}

/** A push as it leaves dvctt: the change (written by the database, migration 0036) and its stable id. */
export interface Push {
  id: string;
  maHoSoQuocGia: string;
  maHoSo: string;
  thuTu: number;
  loai: 'tiep-nhan' | 'trang-thai' | 'hen-tra-moi';
  trangThai: number;
  thoiDiem: string;
  hanXuLy?: string;
  ghiChu?: string;
  yeuCauBoSung?: { lyDo: string | null; thanhPhan: unknown };
  nghiaVuTaiChinh?: { soTien: string | number; lyDo: string | null };
  ketQua?: { tenTep: string; sha256: string; kySoLuc: string; duongDan: string };
}
