// The one paper renderer's input (F4, F5, C6): an official Vietnamese form as a list of blocks —
// motto, form number, title, "Kính gửi", numbered items with answers or dotted lines, tables,
// boxes, the pledge, the place and date line, the signature block (and a photo box beside it).
// The PDF, .docx and HTML renderings beside this file draw it; the forms and the catalog fill it.

export const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO_2 = 'Độc lập - Tự do - Hạnh phúc';
export const EMPTY_BOX = '☐';
export const CHECKED_BOX = '☒';

export interface ChoiceMark {
  label: string;
  checked: boolean;
}

export type Block =
  /** A numbered heading of a group of items ("1. Thông tin về chủ đầu tư:"). */
  | { kind: 'heading'; number: string; text: string }
  /** "2. Họ và tên: Nguyễn Thị Lan" — or, blank, the label then `lines` dotted lines to fill by hand. */
  | { kind: 'line'; number: string; label: string; value?: string; lines: number }
  /** A choice: the label, then each option with its box, ticked when chosen. */
  | { kind: 'choices'; number: string; label: string; options: ChoiceMark[]; inline: boolean }
  /** A single box with its text ("☒ Chỗ ở hiện nay khác địa chỉ thường trú"). */
  | { kind: 'check'; number: string; label: string; checked: boolean }
  /** A repeating group as a table; blank rows are left to fill by hand. */
  | { kind: 'table'; number: string; label: string; columns: { label: string; weight: number }[]; rows: string[][] }
  /** Papers sent with the form. */
  | { kind: 'list'; number: string; label: string; items: string[] };

export interface PlaceDate {
  /** "Nha Trang", or '' for a dotted place. */
  place: string;
  day?: number;
  month?: number;
  year?: number;
}

/** "Ảnh chân dung 4 cm x 6 cm": a box of that size left of the signature, with its caption inside. */
export interface PhotoBox {
  caption: string[];
  widthMm: number;
  heightMm: number;
}

export interface PrintSheet {
  /** "Mẫu số 02", at the top right. */
  numberLine: string;
  title: string;
  subtitle: string;
  addressee: string;
  blocks: Block[];
  /** Lời cam đoan: the text of each consent of the form. */
  pledge: string[];
  placeDate: PlaceDate;
  signer: string;
  signHint: string;
  /** The applicant's name, printed under the space for the signature on a filled form. */
  signName: string;
  /** A box for a photo, left of the signature block. */
  photo?: PhotoBox;
  /**
   * A blank form whose written lines may come closer (down to 6.3 mm) when that keeps it on one
   * page: the catalog's level-2 forms, which are lists of lines only.
   */
  fitOnePage?: boolean;
  /** True when answers were given (the filled print); false for the level-2 blank. */
  filled: boolean;
  meta: { title: string; subject: string };
}

/** The signature block's title from the form's title: "NGƯỜI LÀM ĐƠN", "NGƯỜI KHAI", "NGƯỜI ĐỀ NGHỊ". */
export function signerFor(title: string): string {
  const t = title.toLocaleUpperCase('vi');
  if (/^ĐƠN\b/.test(t)) return 'NGƯỜI LÀM ĐƠN';
  if (/^(TỜ KHAI|BẢN KHAI)\b/.test(t)) return 'NGƯỜI KHAI';
  return 'NGƯỜI ĐỀ NGHỊ';
}

export const SIGN_HINT = '(Ký và ghi rõ họ tên)';

/**
 * The day and month as an administrative document writes them (Nghị định 30/2020/NĐ-CP): a day
 * below 10 and the months January and February with a leading zero.
 */
export function dateWords(p: PlaceDate): string {
  const day = p.day === undefined ? '……' : String(p.day).padStart(2, '0');
  const month = p.month === undefined ? '……' : p.month < 3 ? String(p.month).padStart(2, '0') : String(p.month);
  const year = p.year === undefined ? '……' : String(p.year);
  return `${p.place || '…………'}, ngày ${day} tháng ${month} năm ${year}`;
}

/** The label with its number: "3. Giới tính", "- Cấp công trình", "Dân tộc". */
export function numbered(number: string, text: string): string {
  return number ? `${number} ${text}` : text;
}
