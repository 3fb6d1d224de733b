// The demo's form definitions (P7): every dvctt-form/1 file in ./demo, loaded by the demo seed
// through the same import as `dvctt import-forms`, so they are data like any other form (F1).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DB } from '../db/index.ts';
import { importFormFiles, reportLine } from './cli-forms.ts';
import { loadDefinition } from './definition-schema.ts';
import type { FormDefinition } from './model.ts';

export const DEMO_FORMS_DIR = fileURLToPath(new URL('./demo/', import.meta.url));

/** The demo files read through the loader, in name order, for tests that need a form without a database. */
export function demoDefinitions(): FormDefinition[] {
  const names = readdirSync(DEMO_FORMS_DIR).filter((n) => n.endsWith('.json')).sort();
  return names.map((n) => loadDefinition(JSON.parse(readFileSync(path.join(DEMO_FORMS_DIR, n), 'utf8'))));
}

/** Imports the demo's forms (all of ./demo, in name order); a refused file stops the seed with its reason. */
export async function seedFormsDemo(db: DB): Promise<void> {
  const refused = (await importFormFiles(db, DEMO_FORMS_DIR)).filter((r) => r.outcome === 'refused');
  if (refused.length) throw new Error(`Demo forms refused: ${refused.map(reportLine).join('; ')}`);
}
