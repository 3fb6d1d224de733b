// The 34 provincial-level units after Resolution 202/2025/QH15 (in force 01/07/2025): six
// centrally-run cities and 28 provinces. Addresses are province → commune (no district level).
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

/** Problems of an address, keyed by its part; an entirely empty address is no problem. */
export function addressProblems(a: Address): Partial<Record<keyof Address, string>> {
  const problems: Partial<Record<keyof Address, string>> = {};
  if (!a.province && !a.commune && !a.detail) return problems;
  if (!PROVINCES.includes(a.province)) problems.province = 'Hãy chọn tỉnh, thành phố trong danh sách.';
  if (!a.commune) problems.commune = 'Hãy nhập xã, phường, đặc khu.';
  else if (a.commune.length > 100) problems.commune = 'Tên xã, phường dài tối đa 100 ký tự.';
  if (a.detail.length > 200) problems.detail = 'Số nhà, đường, thôn dài tối đa 200 ký tự.';
  return problems;
}

export function formatAddress(a: Address | null | undefined): string {
  return a ? [a.detail, a.commune, a.province].filter(Boolean).join(', ') : '';
}
