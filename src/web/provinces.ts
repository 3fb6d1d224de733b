// The 34 provincial-level units after Resolution 202/2025/QH15 (in force 01/07/2025): six
// centrally-run cities and 28 provinces. Addresses are province → commune (no district level).
import type { Locale } from './i18n.ts';
import { explain, type Problem, type ProblemTable } from './problem.ts';

export const PROVINCES: readonly string[] = [
  'Thành phố Hà Nội',
  'Thành phố Huế',
  'Thành phố Hải Phòng',
  'Thành phố Đà Nẵng',
  'Thành phố Hồ Chí Minh',
  'Thành phố Cần Thơ',
  'Tỉnh An Giang',
  'Tỉnh Bắc Ninh',
  'Tỉnh Cà Mau',
  'Tỉnh Cao Bằng',
  'Tỉnh Đắk Lắk',
  'Tỉnh Điện Biên',
  'Tỉnh Đồng Nai',
  'Tỉnh Đồng Tháp',
  'Tỉnh Gia Lai',
  'Tỉnh Hà Tĩnh',
  'Tỉnh Hưng Yên',
  'Tỉnh Khánh Hòa',
  'Tỉnh Lai Châu',
  'Tỉnh Lạng Sơn',
  'Tỉnh Lào Cai',
  'Tỉnh Lâm Đồng',
  'Tỉnh Nghệ An',
  'Tỉnh Ninh Bình',
  'Tỉnh Phú Thọ',
  'Tỉnh Quảng Ngãi',
  'Tỉnh Quảng Ninh',
  'Tỉnh Quảng Trị',
  'Tỉnh Sơn La',
  'Tỉnh Tây Ninh',
  'Tỉnh Thái Nguyên',
  'Tỉnh Thanh Hóa',
  'Tỉnh Tuyên Quang',
  'Tỉnh Vĩnh Long',
];

export interface Address {
  province: string;
  commune: string;
  /** House number, street, hamlet (số nhà, đường, thôn/tổ). */
  detail: string;
}

export type AddressProblem = 'ADDRESS_PROVINCE' | 'ADDRESS_COMMUNE_MISSING' | 'ADDRESS_COMMUNE_LONG' | 'ADDRESS_DETAIL_LONG';

export const ADDRESS_PROBLEMS: ProblemTable<AddressProblem> = {
  status: { ADDRESS_PROVINCE: 400, ADDRESS_COMMUNE_MISSING: 400, ADDRESS_COMMUNE_LONG: 400, ADDRESS_DETAIL_LONG: 400 },
  vi: {
    ADDRESS_PROVINCE: 'Hãy chọn tỉnh, thành phố trong danh sách.',
    ADDRESS_COMMUNE_MISSING: 'Hãy nhập xã, phường, đặc khu.',
    ADDRESS_COMMUNE_LONG: (p) => `Tên xã, phường dài tối đa ${p.max} ký tự.`,
    ADDRESS_DETAIL_LONG: (p) => `Số nhà, đường, thôn dài tối đa ${p.max} ký tự.`,
  },
  en: {
    ADDRESS_PROVINCE: 'Choose a province or city from the list.',
    ADDRESS_COMMUNE_MISSING: 'Enter the commune, ward or special zone.',
    ADDRESS_COMMUNE_LONG: (p) => `The commune or ward can be at most ${p.max} characters long.`,
    ADDRESS_DETAIL_LONG: (p) => `The house number, street and hamlet can be at most ${p.max} characters long.`,
  },
};

/** Problems of an address, keyed by its part; an entirely empty address is no problem. */
export function addressCheck(a: Address): Partial<Record<keyof Address, Problem<AddressProblem>>> {
  const problems: Partial<Record<keyof Address, Problem<AddressProblem>>> = {};
  if (!a.province && !a.commune && !a.detail) return problems;
  if (!PROVINCES.includes(a.province)) problems.province = { code: 'ADDRESS_PROVINCE', field: 'province' };
  if (!a.commune) problems.commune = { code: 'ADDRESS_COMMUNE_MISSING', field: 'commune' };
  else if (a.commune.length > 100) problems.commune = { code: 'ADDRESS_COMMUNE_LONG', field: 'commune', params: { max: 100 } };
  if (a.detail.length > 200) problems.detail = { code: 'ADDRESS_DETAIL_LONG', field: 'detail', params: { max: 200 } };
  return problems;
}

/** The problems of an address as sentences in the page's language, keyed by its part. */
export function addressProblems(a: Address, locale: Locale = 'vi'): Partial<Record<keyof Address, string>> {
  return Object.fromEntries(Object.entries(addressCheck(a)).map(([part, p]) => [part, explain(ADDRESS_PROBLEMS, p, locale).message]));
}

export function formatAddress(a: Address | null | undefined): string {
  return a ? [a.detail, a.commune, a.province].filter(Boolean).join(', ') : '';
}
