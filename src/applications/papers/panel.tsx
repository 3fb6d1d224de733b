// The one-stop papers panel of the officer's application page: each paper the application has
// (receipt and appointment, request to supplement, refusal, apology, stop, process-control sheet).
import type { DB } from '../../db/index.ts';
import type { ApplicationRecord } from '../store.ts';

/** What the panel shows; loaded with the page's other extras. */
export type PapersPanelData = Record<string, never>;

export async function loadPapersPanel(_db: DB, _a: ApplicationRecord): Promise<PapersPanelData | undefined> {
  return undefined;
}

export function PapersPanel(_props: { code: string; data: PapersPanelData }) {
  return null;
}
