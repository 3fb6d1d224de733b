// The copy of a form the designer works on: its draft when it has one, else the published version
// (the first save makes the draft from it), else its latest. Reads through the definitions store.
import type { DB } from '../../db/index.ts';
import { formVersions, getVersion, listForms, type FormSummary, type FormVersion } from '../definitions-store.ts';
import type { FormDefinition } from '../model.ts';

export interface Working {
  formId: string;
  doc: FormDefinition;
  /** The draft's revision, which the next save must name; null when there is no draft yet. */
  revision: number | null;
  draft?: FormVersion;
  published?: FormVersion;
  versions: FormVersion[];
}

export async function loadWorking(db: DB, formId: string): Promise<Working | undefined> {
  if (!/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/.test(formId)) return undefined;
  const versions = await formVersions(db, formId);
  const draft = versions.find((v) => v.status === 'draft');
  const published = versions.find((v) => v.status === 'published');
  const base = draft ?? published ?? versions[0];
  if (!base) return undefined;
  const stored = await getVersion(db, formId, base.version);
  if (!stored) return undefined;
  return { formId, doc: stored.document, revision: draft?.revision ?? null, draft, published, versions };
}

/** The published document, to compare the draft with. */
export async function publishedDocument(db: DB, w: Working): Promise<FormDefinition | undefined> {
  return w.published ? (await getVersion(db, w.formId, w.published.version))?.document : undefined;
}

/** The forms made or imported here (not the generated defaults), each with its services. */
export async function formsForList(db: DB): Promise<FormSummary[]> {
  // A summary without its services (a store that could not aggregate them) takes its latest version's.
  return Promise.all((await listForms(db, { origin: 'own' })).map(async (f) => (f.services ? f : { ...f, services: (await formVersions(db, f.formId))[0]?.services ?? [] })));
}
