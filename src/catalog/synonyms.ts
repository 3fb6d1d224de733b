// Synonyms (C3): citizens' words the search understands, kept by administrators.
import type { DB } from '../db/index.ts';
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

export type AddSynonymResult = { ok: true; id: number } | { ok: false; errors: Record<'term' | 'expansion', string> };

const SYNONYM_TERM_MAX = 100;
const SYNONYM_EXPANSION_MAX = 200;

/** Adds one entry; an empty, too long or already listed term gets a Vietnamese reason and changes nothing. */
export async function addSynonym(db: DB, input: { term: string; expansion: string }, by: string): Promise<AddSynonymResult> {
  const term = input.term.replace(/\s+/g, ' ').trim();
  const expansion = input.expansion.replace(/\s+/g, ' ').trim();
  const errors: Partial<Record<'term' | 'expansion', string>> = {};
  if (!foldWords(term)) errors.term = 'Hãy nhập từ hoặc cụm từ người dân hay gõ (có ít nhất một chữ hoặc số).';
  else if (term.length > SYNONYM_TERM_MAX) errors.term = `Từ người dân gõ dài quá ${SYNONYM_TERM_MAX} ký tự.`;
  if (!foldWords(expansion)) errors.expansion = 'Hãy nhập cụm từ có trong tên thủ tục (có ít nhất một chữ hoặc số).';
  else if (expansion.length > SYNONYM_EXPANSION_MAX) errors.expansion = `Cụm từ trong tên thủ tục dài quá ${SYNONYM_EXPANSION_MAX} ký tự.`;
  else if (!errors.term && foldWords(term) === foldWords(expansion)) errors.expansion = 'Cụm từ trong tên thủ tục phải khác từ người dân gõ.';
  if (errors.term || errors.expansion) return { ok: false, errors: errors as Record<'term' | 'expansion', string> };
  const row = await db
    .insertInto('search_synonym')
    .values({ term, expansion, created_by: by })
    .onConflict((oc) => oc.column('term_folded').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const existing = await db.selectFrom('search_synonym').select(['term', 'expansion']).where('term_folded', '=', foldWords(term)).executeTakeFirst();
    return { ok: false, errors: { term: `“${existing?.term ?? term}” đã có trong danh sách (nghĩa là “${existing?.expansion ?? ''}”); hãy xóa mục cũ trước nếu muốn đổi.` } as Record<'term' | 'expansion', string> };
  }
  return { ok: true, id: row.id };
}

export async function deleteSynonym(db: DB, id: number): Promise<SynonymEntry | undefined> {
  return db.deleteFrom('search_synonym').where('id', '=', id).returning(['id', 'term', 'expansion', 'created_by as createdBy', 'created_at as createdAt']).executeTakeFirst();
}
