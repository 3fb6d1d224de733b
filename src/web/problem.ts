// A refusal as data, not as a sentence or an HTTP status: a code, the field it is about, and the
// values its sentence needs. A module keeps one table of its problems — the HTTP status of each
// code and its sentence per locale (Vietnamese first, English second) — so stores and rules return
// codes, routes turn them into an answer in one place, and no one matches on message text.
import type { Locale } from './i18n.ts';

export interface Problem<C extends string = string> {
  code: C;
  /** The form field (or API property) the problem is about, for the error summary's link. */
  field?: string;
  /** The values the sentence names (a criterion, a limit, a code). */
  params?: Record<string, string | number>;
}

/** The outcome of a rule or a store call that may be refused. */
export type Outcome<T, C extends string = string> = { ok: true; value: T } | { ok: false; problem: Problem<C> };

type Sentence = string | ((params: Record<string, string | number>) => string);

export interface ProblemTable<C extends string> {
  /** The HTTP status of each code. */
  status: Record<C, number>;
  /** Each code's sentence in Vietnamese; English where it exists (Vietnamese otherwise). */
  vi: Record<C, Sentence>;
  en?: Partial<Record<C, Sentence>>;
}

/** A problem as an answer: its status, code, field and sentence in the page's language. */
export function explain<C extends string>(table: ProblemTable<C>, problem: Problem<C>, locale: Locale = 'vi'): { status: number; code: C; field?: string; message: string } {
  const sentence: Sentence = (locale === 'en' ? table.en?.[problem.code] : undefined) ?? table.vi[problem.code];
  const message = typeof sentence === 'function' ? sentence(problem.params ?? {}) : sentence;
  return { status: table.status[problem.code], code: problem.code, ...(problem.field && { field: problem.field }), message };
}
