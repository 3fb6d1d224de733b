// The bodies of page forms (S7): each page POST declares the fields it reads, as the API routes do,
// so a body of the wrong shape — a field sent twice, a value far longer than any form allows — is
// refused before the handler with a page in the person's language, and nothing changes.
//
// Fastify's validator drops properties a closed schema does not name (removeAdditional), so a
// closed schema names every field the handler reads; a form with fields of its own making (e-form
// answers, uploads) is `open`. No field is `required`: the handler says what is missing, per field.
import type { FastifyInstance } from 'fastify';
import { explainSchemaError, type SchemaError } from './schema-errors.ts';
import type { Locale } from './i18n.ts';

type Property = { type: 'string'; maxLength: number } | { type: 'array'; items: { type: 'string'; maxLength: number }; maxItems: number };

/** A text field of at most `maxLength` characters. */
export const text = (maxLength: number): Property => ({ type: 'string', maxLength });
/** A field that may come several times (checkboxes, a list of ids); once is read as a list of one. */
export const texts = (maxLength: number, maxItems = 200): Property => ({ type: 'array', items: { type: 'string', maxLength }, maxItems });

/** Lengths most forms use. */
export const ID = text(100);
export const LINE = text(500);
export const PARAGRAPH = text(10_000);

export interface PageBodySchema {
  type: 'object';
  properties: Record<string, Property>;
  additionalProperties?: false;
}

/** A page form's body: `_csrf` and the named fields; closed unless it carries fields of its own making. */
export function pageBody(properties: Record<string, Property>, options: { open?: boolean } = {}): PageBodySchema {
  return { type: 'object', properties: { _csrf: ID, ...properties }, ...(!options.open && { additionalProperties: false as const }) };
}

/** A page POST sent without any body reads as an empty form, so the CSRF check and the handler answer it as before. */
export function emptyPageBodies(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (req.method === 'POST' && req.body === undefined && !req.url.startsWith('/api/') && req.routeOptions.schema?.body) req.body = {};
  });
}

/** What was wrong with a refused page body, in the page's language: the field and the kind of fault. */
export function refusedBodyDetail(error: SchemaError, locale: Locale): string {
  if (locale === 'vi') return explainSchemaError(error, { whole: 'biểu mẫu', own: { type: (_p, at) => `${at.subject ?? 'biểu mẫu'} được gửi sai dạng`, maxItems: (p, at) => `${at.subject ?? 'biểu mẫu'} được gửi quá ${String(p.limit)} lần` } }).message;
  const name = error.instancePath.slice(1).split('/')[0];
  const field = name ? `the field "${name}"` : 'the form';
  if (error.keyword === 'maxLength') return `${field} is longer than ${String(error.params.limit)} characters`;
  if (error.keyword === 'maxItems') return `${field} was sent more than ${String(error.params.limit)} times`;
  if (error.keyword === 'type') return `${field} was sent in the wrong shape`;
  return `${field} is not as the form sends it`;
}
