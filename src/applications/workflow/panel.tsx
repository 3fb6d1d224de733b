// The workflow panel of the officer's application page: who holds the application, its hops,
// and the actions the person may take (assign, transfer and return, send for approval, approve).
import type { DB } from '../../db/index.ts';
import type { Actor } from '../../identity/index.ts';
import type { ApplicationRecord } from '../store.ts';

/** What the panel shows; loaded with the page's other extras. */
export type WorkflowPanelData = Record<string, never>;

export async function loadWorkflowPanel(_db: DB, _a: ApplicationRecord, _actor: Actor): Promise<WorkflowPanelData | undefined> {
  return undefined;
}

export function WorkflowPanel(_props: { csrf: string; code: string; data: WorkflowPanelData }) {
  return null;
}
