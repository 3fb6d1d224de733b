// The official paper forms of test/fixtures/paper-forms, made into .docx files at test time from
// their transcripts (no generated binaries in git): paragraphs, line breaks, tables, and boxes
// either as the "☐" character or, as Word's own forms have them, as a Wingdings symbol.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph, SymbolRun, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

export interface PaperTranscript {
  /** The form's name and the act that sets it. */
  name: string;
  source: string;
  /** Added after the rules were written and scored as they came: no rule was changed after seeing its score. */
  heldOut?: boolean;
  /** Boxes drawn as Wingdings F0A8 symbols instead of "☐". */
  symbolBoxes?: boolean;
  /** Paragraphs ("\n": a line break inside one) and tables (rows of cells), in order. */
  body: (string | { table: string[][] })[];
  /** The fields of the paper form: label as printed and the type an administrator would choose; a group's columns as "Group › Column". */
  expected: [string, string][];
}

export const PAPER_FORMS_DIR = path.join(import.meta.dirname, '..', 'fixtures', 'paper-forms');

export function paperTranscripts(): { file: string; transcript: PaperTranscript }[] {
  return readdirSync(PAPER_FORMS_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((file) => ({ file, transcript: JSON.parse(readFileSync(path.join(PAPER_FORMS_DIR, file), 'utf8')) as PaperTranscript }));
}

function paragraph(text: string, symbols: boolean): Paragraph {
  const children: (TextRun | SymbolRun)[] = [];
  text.split('\n').forEach((line, i) => {
    const parts = symbols ? line.split('☐') : [line];
    parts.forEach((part, j) => {
      if (j > 0) children.push(new SymbolRun({ char: 'F0A8', symbolfont: 'Wingdings' }));
      if (part) children.push(new TextRun({ text: part, ...(i > 0 && j === 0 && { break: 1 }) }));
      else if (i > 0 && j === 0) children.push(new TextRun({ text: '', break: 1 }));
    });
  });
  return new Paragraph({ children });
}

/** The transcript as a Word document. */
export async function paperFormDocx(t: PaperTranscript): Promise<Buffer> {
  const symbols = !!t.symbolBoxes;
  const children = t.body.map((b) =>
    typeof b === 'string'
      ? paragraph(b, symbols)
      : new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.table.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: cell.split('\n').map((l) => paragraph(l, symbols)) })) })),
        }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
