// The paper every .docx of the portal is written on (F4, C5): A4 with the margins of Decree
// 30/2020 (20/20/30/20 mm), Times New Roman in Vietnamese, and the conversions Word's units need.
import { Document, LineRuleType, Packer, type ISectionOptions } from 'docx';

export const PAGE_MM = { width: 210, height: 297 };
export const MARGIN_MM = { top: 20, bottom: 20, left: 30, right: 20 };
const TWIP_PER_MM = 1440 / 25.4;
/** Millimetres in twentieths of a point, Word's unit for lengths. */
export const twip = (mm: number) => Math.round(mm * TWIP_PER_MM);
/** Points in half-points, Word's unit for font sizes. */
export const half = (pt: number) => pt * 2;
/** The width between the margins, in twips. */
export const CONTENT_TWIPS = twip(PAGE_MM.width - MARGIN_MM.left - MARGIN_MM.right);

/** One A4 section of `children` as a .docx file. */
export function paperDocx(p: { title: string; subject: string; bodyPt: number; children: ISectionOptions['children'] }): Promise<Buffer> {
  const doc = new Document({
    title: p.title,
    subject: p.subject,
    creator: 'dvctt',
    lastModifiedBy: 'dvctt',
    styles: {
      default: {
        document: {
          run: { font: 'Times New Roman', size: half(p.bodyPt), language: { value: 'vi-VN' } },
          paragraph: { spacing: { line: 276, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twip(PAGE_MM.width), height: twip(PAGE_MM.height) },
            margin: { top: twip(MARGIN_MM.top), bottom: twip(MARGIN_MM.bottom), left: twip(MARGIN_MM.left), right: twip(MARGIN_MM.right) },
          },
        },
        children: p.children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
