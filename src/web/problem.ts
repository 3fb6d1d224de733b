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

/**
 * What a table still lacks, for its tests: each code that does not answer with a 4xx status, has no
 * English sentence, or does not read as a whole sentence in either language with the values given
 * (too short, or with "undefined" or "NaN" where a value should stand). Empty when it is complete.
 */
export function problemTableGaps<C extends string>(table: ProblemTable<C>, params: Record<string, string | number>): string[] {
  const gaps: string[] = [];
  for (const code of Object.keys(table.status) as C[]) {
    if (!(table.status[code] >= 400 && table.status[code] < 500)) gaps.push(`${code}: status ${table.status[code]}`);
    if (!table.en?.[code]) gaps.push(`${code}: no English sentence`);
    for (const locale of ['vi', 'en'] as const) {
      const m = explain(table, { code, params }, locale).message;
      if (m.length <= 10 || m.includes('undefined') || m.includes('NaN')) gaps.push(`${code} ${locale}: ${m}`);
    }
  }
  return gaps;
}
