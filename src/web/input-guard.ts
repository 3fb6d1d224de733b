// Text PostgreSQL cannot store and no person types: the NUL character and lone UTF-16
// surrogates. Refused at the door with a clear message, so no module meets them in a query,
// a JSON column or a file name (S7).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a value (a string, or any string inside an object or array) holds such a character. */
export function hasForbiddenText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return FORBIDDEN.test(value);
  // As deep as a JSON body may be nested (MAX_JSON_DEPTH in json-body.ts), so nothing hides below.
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasForbiddenText(v, depth + 1));
  return Object.entries(value as Record<string, unknown>).some(([k, v]) => FORBIDDEN.test(k) || hasForbiddenText(v, depth + 1));
}

export const FORBIDDEN_TEXT_MESSAGE = 'Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL hoặc mã Unicode hỏng); không có gì được lưu.';

/** Refuses, before any handler runs, a request whose address, query or parsed body holds such text. */
export function registerInputGuard(app: FastifyInstance, refuse: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>): void {
  app.addHook('preHandler', async (req, reply) => {
    if (hasForbiddenText(req.params) || hasForbiddenText(req.query) || hasForbiddenText(req.body) || FORBIDDEN.test(decodeSafely(req.url))) {
      await refuse(req, reply);
      return reply;
    }
  });
}

function decodeSafely(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
