// Responses compressed for slow connections (P1): brotli or gzip, for text the browser reads
// (pages, styles, scripts, JSON, SVG, CSV) above 1 KB. Files already compressed (PDF, images,
// .docx, zip) and stored files streamed for download go out as they are. See decision 0021.
import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

const TEXT_TYPES = new Set([
  'text/html',
  'text/css',
  'text/javascript',
  'application/javascript',
  'application/json',
  'application/problem+json',
  'image/svg+xml',
  'text/csv',
  'text/plain',
  'application/xml',
  'text/xml',
]);

/** Whether a response of this type is worth compressing: readable text, not a file streamed for download. */
export function worthCompressing(contentType: unknown, download: { streamed: boolean; disposition: unknown }): boolean {
  const type = String(contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (!TEXT_TYPES.has(type)) return false;
  // A stored file (a person's upload, a catalog download) keeps its length and is sent as it is.
  return !(download.streamed && download.disposition !== undefined);
}

const isStream = (payload: unknown) => !!payload && typeof (payload as { pipe?: unknown }).pipe === 'function';

export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Runs before the plugin's own hook (route hooks follow the application's): the plugin's
  // documented switch for one response is the x-no-compression request header.
  app.addHook('onSend', async (req, reply, payload) => {
    if (!worthCompressing(reply.getHeader('content-type'), { streamed: isStream(payload), disposition: reply.getHeader('content-disposition') })) {
      req.headers['x-no-compression'] = '1';
    }
    return payload;
  });
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // Quality 5 of 11: most of brotli's gain at a fraction of its CPU, for pages made per request.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
    // Request bodies are never accepted compressed: a small upload must not inflate into a large one.
    globalDecompression: false,
  });
}
