// JSON bodies read by the portal itself (S7): bytes that are not UTF-8 are refused instead of
// silently becoming U+FFFD, and nesting deeper than any real form is refused before parsing, so
// no recursive step (parsing, schema validation, the input guard, storing) can overflow the stack.
import type { FastifyInstance } from 'fastify';

/** Deeper than any e-form, API body or stored document of the portal. */
export const MAX_JSON_DEPTH = 64;

export const JSON_TOO_DEEP_MESSAGE = `Dữ liệu JSON lồng nhau quá sâu (quá ${MAX_JSON_DEPTH} cấp); không có gì được lưu.`;
export const JSON_NOT_UTF8_MESSAGE = 'Dữ liệu JSON gửi lên không phải văn bản UTF-8 hợp lệ; không có gì được lưu.';

/** An error the error handler answers with 400 and its own (Vietnamese) message. */
export class RefusedBody extends Error {
  readonly statusCode = 400;
}

/** Whether JSON text opens more than `max` objects or arrays inside one another (strings skipped; linear, no recursion). */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Replaces Fastify's JSON parser with one that checks the encoding and the depth first, then parses as Fastify does. */
export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(new RefusedBody(JSON_NOT_UTF8_MESSAGE), undefined);
    }
    if (jsonTooDeep(text)) return done(new RefusedBody(JSON_TOO_DEEP_MESSAGE), undefined);
    parse(req, text, done);
  });
}
