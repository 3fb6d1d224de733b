// Answers a person gives the pharmacist's e-form (1.004616), as the page's fields send them, and
// how a browser encodes a form's fields.

/** Nguyễn Thị Lan's complete, valid answers, one practice row. */
export const PHARMACIST_ANSWERS: Readonly<Record<string, string | string[]>> = {
  fullName: 'Nguyễn Thị Lan',
  dateOfBirth: '12/04/1990',
  sex: 'nu',
  idNumber: '079190012345',
  idIssueDate: '10/06/2021',
  idIssuePlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
  'permanentAddress.province': 'Tỉnh Khánh Hòa',
  'permanentAddress.commune': 'Phường Nha Trang',
  'permanentAddress.detail': '12 Trần Phú',
  phone: '0912 345 678',
  degree: 'dai-hoc-duoc',
  degreeNumber: 'DH-0123456',
  degreeSchool: 'Trường Đại học Dược Hà Nội',
  graduationYear: '2013',
  scope: ['nha-thuoc', 'quay-thuoc'],
  method: 'xet-ho-so',
  'practice.0.place': 'Nhà thuốc Bệnh viện Đa khoa tỉnh Khánh Hòa',
  'practice.0.from': '01/09/2013',
  'practice.0.to': '31/08/2015',
  'practice.0.content': 'Bán lẻ thuốc, tư vấn sử dụng thuốc',
  declaration: 'true',
};

/** A form's fields as application/x-www-form-urlencoded; a list sends its field once per value, as ticked boxes do. */
export function formBody(fields: Readonly<Record<string, string | string[]>>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
}
