// Which national database may stand in for a dossier component (V2, Art. 15.3). Pure, unit-tested.
//
// The rule, in order:
//   1. Population (dân cư): the component's name or note says it is not required when it can be
//      taken from (or verified through) the population database — the catalog's wording
//      "không yêu cầu nếu (đã) khai thác được / xác thực qua Cơ sở dữ liệu quốc gia về dân cư",
//      also "CSDL", "không phải nộp". Satisfied when the applicant's number is found there.
//   2. Civil status (hộ tịch): a component of the kind "giay-khai-sinh" — a birth certificate
//      registered electronically, looked up by the applicant's number and name.
//   3. Digitised results (kết quả số hóa): a component of a kind an agency issues as a result
//      (not a form, a photo, a pledge or an authorisation the applicant writes), satisfied by a
//      result of exactly that kind, valid on the day.
import type { SourceCode } from './protocol.ts';

const folded = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, ' ');

const POPULATION = /khong (?:yeu cau|phai nop|can nop)[^()]{0,60}?(?:khai thac|xac thuc|tra cuu)[^()]{0,40}?(?:co so du lieu|csdl) quoc gia ve dan cu/;

/** Kinds the applicant writes or brings themselves: no agency issued them, so no result store holds them. */
const NOT_RESULTS = new Set(['to-khai', 'don-de-nghi', 'anh-chan-dung', 'van-ban-cam-ket', 'van-ban-uy-quyen', 'giay-to-lien-quan', 'can-cuoc-cong-dan']);

export const BIRTH_KIND = 'giay-khai-sinh';

/** The database that may satisfy this component, if any. */
export function sourceFor(c: { kind: string; name: string; note?: string }): SourceCode | undefined {
  if (POPULATION.test(folded(`${c.name} ${c.note ?? ''}`))) return 'dan-cu';
  if (c.kind === BIRTH_KIND) return 'ho-tich';
  if (!NOT_RESULTS.has(c.kind)) return 'ket-qua-so';
  return undefined;
}

/** A result counts on `day` (YYYY-MM-DD) when issued by then and not expired. */
export const validOn = (r: { issuedOn: string; validUntil: string | null }, day: string) => r.issuedOn <= day && (r.validUntil === null || r.validUntil >= day);

/** Names compared as people write them: case, accents and spacing aside. */
export const sameName = (a: string, b: string) => folded(a).trim() === folded(b).trim();
