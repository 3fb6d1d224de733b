// Synonyms (C3): citizens' words the search understands, kept by administrators.
import type { DB } from '../db/index.ts';
import type { Problem } from '../web/problem.ts';
import { foldWords } from './model.ts';

// ── Synonyms (C3): citizens' words the search understands ───────────────────────────────────

export interface SynonymEntry {
  id: number;
  term: string;
  expansion: string;
  createdBy: string | null;
  createdAt: Date;
}

export async function listSynonyms(db: DB): Promise<SynonymEntry[]> {
  return db.selectFrom('search_synonym').select(['id', 'term', 'expansion', 'created_by as createdBy', 'created_at as createdAt']).orderBy('term_folded').execute();
}

export type SynonymProblem = 'TERM_MISSING' | 'TERM_TOO_LONG' | 'EXPANSION_MISSING' | 'EXPANSION_TOO_LONG' | 'EXPANSION_SAME' | 'TERM_LISTED' | 'SYNONYM_NOT_FOUND';

/** Added, or refused with one problem per field (term, expansion) at once. */
export type AddSynonymResult = { ok: true; id: number } | { ok: false; problems: Problem<SynonymProblem>[] };

const SYNONYM_TERM_MAX = 100;
const SYNONYM_EXPANSION_MAX = 200;

/** Adds one entry; an empty, too long or already listed term is refused with its reason and changes nothing. */
export async function addSynonym(db: DB, input: { term: string; expansion: string }, by: string): Promise<AddSynonymResult> {
  const term = input.term.replace(/\s+/g, ' ').trim();
  const expansion = input.expansion.replace(/\s+/g, ' ').trim();
  const problems: Problem<SynonymProblem>[] = [];
  if (!foldWords(term)) problems.push({ code: 'TERM_MISSING', field: 'term' });
  else if (term.length > SYNONYM_TERM_MAX) problems.push({ code: 'TERM_TOO_LONG', field: 'term', params: { max: SYNONYM_TERM_MAX } });
  if (!foldWords(expansion)) problems.push({ code: 'EXPANSION_MISSING', field: 'expansion' });
  else if (expansion.length > SYNONYM_EXPANSION_MAX) problems.push({ code: 'EXPANSION_TOO_LONG', field: 'expansion', params: { max: SYNONYM_EXPANSION_MAX } });
  else if (!problems.length && foldWords(term) === foldWords(expansion)) problems.push({ code: 'EXPANSION_SAME', field: 'expansion' });
  if (problems.length) return { ok: false, problems };
  const row = await db
    .insertInto('search_synonym')
    .values({ term, expansion, created_by: by })
    .onConflict((oc) => oc.column('term_folded').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const existing = await db.selectFrom('search_synonym').select(['term', 'expansion']).where('term_folded', '=', foldWords(term)).executeTakeFirst();
    return { ok: false, problems: [{ code: 'TERM_LISTED', field: 'term', params: { term: existing?.term ?? term, expansion: existing?.expansion ?? '' } }] };
  }
  return { ok: true, id: row.id };
}

export async function deleteSynonym(db: DB, id: number): Promise<SynonymEntry | undefined> {
  return db.deleteFrom('search_synonym').where('id', '=', id).returning(['id', 'term', 'expansion', 'created_by as createdBy', 'created_at as createdAt']).executeTakeFirst();
}
