// How a search text matches a service, as SQL conditions on the service row (decision 0018): the
// mã TTHC, the whole name, the exact phrase, all the words (each through the tsvector, on word
// boundaries), and similar words (trigrams of the letters run together).
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/index.ts';
import { expandSynonyms, foldQuery, foldWords, type Synonym, untelex } from './model.ts';

export type EB = ExpressionBuilder<Database, 'service'>;

export type MatchMode = 'strict' | 'fuzzy';

/** Below this many strict matches, similar words (typos) are searched too. */
export const FUZZY_BELOW = 5;
/** Too short to guess from: "xe" looks like "xét" to trigrams, but means something else. */
export const FUZZY_MIN_LETTERS = 4;

/** A search text, folded, with its synonym-expanded form and its letters run together. */
export interface SearchQuery {
  raw: string;
  folded: string;
  /** The folded query and, when they differ, its synonym-expanded and its Telex-read forms. */
  variants: string[];
  /** Its words without spaces, for the last tier ("kaisinh"). */
  compact: string;
}

export function searchQuery(q: string, synonyms: readonly Synonym[]): SearchQuery {
  const folded = foldQuery(q);
  const readings = [folded, expandSynonyms(q, synonyms), untelex(q)].filter((v): v is string => !!v);
  return { raw: q, folded, variants: [...new Set(readings)], compact: foldWords(untelex(q) ?? q).replaceAll(' ', '') };
}

function anyOf(variants: string[], one: (v: string) => RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(${sql.join(variants.map(one), sql` || `)})`;
}

function conditions(q: SearchQuery) {
  const isCode = sql<SqlBool>`service.code = ${q.raw}`;
  const phrase = sql<SqlBool>`service.search_tsv @@ ${anyOf(q.variants, (v) => sql`phraseto_tsquery('simple', ${v})`)}`;
  const words = sql<SqlBool>`service.search_tsv @@ ${anyOf(q.variants, (v) => sql`plainto_tsquery('simple', ${v})`)}`;
  // search_text is the code, a space and the folded name: compared without folding each row again.
  const wholeName = sql<SqlBool>`substr(service.search_text, char_length(service.code) + 2) = ANY(${q.variants}::text[])`;
  // Without spaces, "khai sin", "kaisinh" and "dangkykhaisinh" all look like "dangkykhaisinh".
  const similar = sql<SqlBool>`${q.compact} <% replace(service.search_text, ' ', '')`;
  return { isCode, phrase, words, wholeName, similar };
}

/** The strict match: the code, or all the words. */
export function textMatch(eb: EB, q: SearchQuery): Expression<SqlBool> {
  const c = conditions(q);
  return eb.or([c.isCode, c.words]);
}

/** Relevance tiers: the code, the whole name, the exact phrase, all the words, similar words. */
export type Tier = 5 | 4 | 3 | 2 | 1;
export const TIERS: Tier[] = [5, 4, 3, 2, 1];

/** The tier of a service that matched strictly (the code or the words). */
export function tierExpression(q: SearchQuery) {
  const c = conditions(q);
  return sql<number>`CASE WHEN ${c.isCode} THEN 5 WHEN ${c.wholeName} THEN 4 WHEN ${c.phrase} THEN 3 ELSE 2 END`;
}

/** Exactly the services of one tier, written so that the planner can use that tier's index. */
export function tierCondition(eb: EB, q: SearchQuery, tier: Tier): Expression<SqlBool> {
  const c = conditions(q);
  const not = (e: Expression<SqlBool>) => eb.not(e);
  if (tier === 5) return c.isCode;
  if (tier === 4) return eb.and([c.phrase, c.wholeName, not(c.isCode)]);
  if (tier === 3) return eb.and([c.phrase, not(c.wholeName), not(c.isCode)]);
  if (tier === 2) return eb.and([c.words, not(c.phrase), not(c.isCode)]);
  return eb.and([c.similar, not(c.words), not(c.isCode)]);
}
