// One way to hand a person a file: the Content-Disposition header with an ASCII name every browser
// accepts and the exact Vietnamese name for those that read RFC 6266's `filename*`.
import type { FastifyReply } from 'fastify';

/** The name without diacritics and with nothing a quoted header value cannot hold. */
export function asciiFileName(name: string): string {
  const folded = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  return folded.replace(/[^\x20-\x7e]/g, '_').replace(/["\\/]/g, '_') || 'tep';
}

/** `attachment` (saved) or `inline` (shown by the browser), with both forms of the name. */
export function contentDisposition(name: string, inline = false): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  const safe = name.replace(/[\x00-\x1f\x7f"\\/]/g, '_');
  const ascii = asciiFileName(safe);
  const exact = ascii === safe ? '' : `; filename*=UTF-8''${encodeURIComponent(safe)}`;
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"${exact}`;
}

export interface Download {
  /** The file's name as the person will see it (Vietnamese allowed). */
  name: string;
  /** Its media type, e.g. `application/pdf` or `text/csv; charset=utf-8`. */
  type: string;
  /** Shown in the browser rather than saved. */
  inline?: boolean;
  /** Personal files: never kept by a shared cache. */
  personal?: boolean;
}

/** Sets the headers of a download on `reply` (the caller sends the body, which may be a stream). */
export function sendDownload(reply: FastifyReply, d: Download): FastifyReply {
  reply.type(d.type).header('content-disposition', contentDisposition(d.name, d.inline)).header('x-content-type-options', 'nosniff');
  if (d.personal) reply.header('cache-control', 'private, no-store');
  return reply;
}
