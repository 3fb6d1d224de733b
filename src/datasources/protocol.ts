// The national databases as dvctt reaches them through the data integration platform (NDXP/LGSP,
// Art. 15.2–15.3). The platform's real message formats are not public; every assumption about
// them lives in this one module, so connecting to the real platform changes only this file:
//
//   • One base URL (DVCTT_DATASOURCE_URL) and one access key (DVCTT_DATASOURCE_KEY), sent as
//     `Authorization: Bearer <key>`; each request also carries `X-Request-Id` (the platform's
//     trace) and `X-Client-Id: dvctt`.
//   • Population (CSDL quốc gia về dân cư):  GET {base}/dan-cu/cong-dan/{số định danh cá nhân}
//     → 200 { "soDinhDanh", "hoTen", "ngaySinh": "YYYY-MM-DD", "noiThuongTru": { "tinh", "xa", "chiTiet" } }
//   • Civil status (CSDL hộ tịch điện tử):   GET {base}/ho-tich/khai-sinh?soDinhDanh=…&hoTen=…
//     → 200 { "soDinhDanh", "hoTen", "ngaySinh", "soDangKy", "coQuanDangKy", "ngayDangKy" }
//   • Digitised results (kho kết quả số hóa): GET {base}/ket-qua-so/{số định danh}?loai={kind code}
//     → 200 { "ketQua": [ { "maKetQua", "loai", "ten", "coQuanCap", "ngayCap", "hieuLucDen"|null } ] }
//   • Not found is 404 (a valid answer: the person or record is not there). Anything else — other
//     statuses, a body that is not JSON or misses a field, a number that is not the one asked —
//     is a failure of the source: the caller degrades (the paper is asked for) and logs why.
//   • Document kinds are dvctt's catalog codes (e.g. "van-bang-chuyen-mon"): we assume the
//     platform maps them, as the national portal's dossier-component catalogue is shared.
import type { Address } from '../web/provinces.ts';

export const SOURCES = {
  'dan-cu': 'CSDL quốc gia về dân cư',
  'ho-tich': 'CSDL hộ tịch điện tử',
  'ket-qua-so': 'Kho kết quả số hóa',
} as const;
export type SourceCode = keyof typeof SOURCES;

/** A person as the population database knows them. */
export interface Citizen {
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  permanentAddress: Address;
}

/** A birth registered in the electronic civil status database. */
export interface BirthRecord {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  registrationNumber: string;
  registeredBy: string;
  registeredOn: string;
}

/** A result another agency issued, kept in the digitised results store. */
export interface DigitisedResult {
  id: string;
  kind: string;
  title: string;
  issuedBy: string;
  issuedOn: string;
  validUntil: string | null;
}

export const PERSON_ID = /^\d{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const paths = {
  citizen: (id: string) => `dan-cu/cong-dan/${encodeURIComponent(id)}`,
  birth: (id: string, name: string) => `ho-tich/khai-sinh?${new URLSearchParams({ soDinhDanh: id, hoTen: name })}`,
  results: (id: string, kind: string) => `ket-qua-so/${encodeURIComponent(id)}?${new URLSearchParams({ loai: kind })}`,
};

export const requestHeaders = (key: string | undefined, requestId: string): Record<string, string> => ({
  accept: 'application/json',
  'x-client-id': 'dvctt',
  'x-request-id': requestId,
  ...(key && { authorization: `Bearer ${key}` }),
});

/** Thrown for an answer that is not what the protocol says: the source failed. */
export class GarbageError extends Error {}

const obj = (v: unknown): Record<string, unknown> => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new GarbageError('not an object');
  return v as Record<string, unknown>;
};
const text = (o: Record<string, unknown>, k: string, max = 300): string => {
  const v = o[k];
  if (typeof v !== 'string' || !v.trim() || v.length > max) throw new GarbageError(`field ${k} missing or not text`);
  return v.trim();
};
const day = (o: Record<string, unknown>, k: string): string => {
  const v = text(o, k, 10);
  if (!DAY.test(v) || Number.isNaN(Date.parse(v))) throw new GarbageError(`field ${k} is not a date`);
  return v;
};

export function readCitizen(body: unknown, asked: string): Citizen {
  const o = obj(body);
  const idNumber = text(o, 'soDinhDanh', 12);
  if (idNumber !== asked) throw new GarbageError('answer names another person');
  const a = obj(o.noiThuongTru);
  return { idNumber, fullName: text(o, 'hoTen', 100), dateOfBirth: day(o, 'ngaySinh'), permanentAddress: { province: text(a, 'tinh', 100), commune: text(a, 'xa', 100), detail: text(a, 'chiTiet', 200) } };
}

export function readBirth(body: unknown, asked: string): BirthRecord {
  const o = obj(body);
  const idNumber = text(o, 'soDinhDanh', 12);
  if (idNumber !== asked) throw new GarbageError('answer names another person');
  return { idNumber, fullName: text(o, 'hoTen', 100), dateOfBirth: day(o, 'ngaySinh'), registrationNumber: text(o, 'soDangKy', 50), registeredBy: text(o, 'coQuanDangKy', 200), registeredOn: day(o, 'ngayDangKy') };
}

export function readResults(body: unknown, kind: string): DigitisedResult[] {
  const list = obj(body).ketQua;
  if (!Array.isArray(list)) throw new GarbageError('ketQua is not a list');
  return list.map((x) => {
    const o = obj(x);
    const validUntil = o.hieuLucDen === null || o.hieuLucDen === undefined ? null : day(o, 'hieuLucDen');
    return { id: text(o, 'maKetQua', 80), kind: text(o, 'loai', 80), title: text(o, 'ten', 300), issuedBy: text(o, 'coQuanCap', 200), issuedOn: day(o, 'ngayCap'), validUntil };
  }).filter((r) => r.kind === kind);
}
