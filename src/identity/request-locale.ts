// The language an API answer is written in: the visitor's chosen language (the same cookie the
// pages read), else the first of Vietnamese or English the request's Accept-Language prefers;
// Vietnamese when neither says anything (S1, U5).
import type { FastifyRequest } from 'fastify';
import { parseLocale, type Locale } from '../web/i18n.ts';
import { LANG_COOKIE } from '../web/page-context.ts';

/** The preferred of vi and en in an Accept-Language header, by q-value then order; undefined when neither is named. */
export function acceptedLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.slice(0, 500).split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const locale = parseLocale(tag.trim().toLowerCase().split('-')[0]);
    if (!locale) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale;
}

/** The language of this request's API answer (Vietnamese by default). */
export function requestLocale(req: FastifyRequest): Locale {
  return parseLocale(req.cookies?.[LANG_COOKIE]) ?? acceptedLocale(req.headers['accept-language']) ?? 'vi';
}
