// An answer sent before the request's body has all arrived — an upload refused from its declared
// length, an expired form as its first part, an unknown service, too many files, Fastify's own 413 —
// says `Connection: close` and the connection ends with it (S7, P6). Kept alive, the browser would
// go on sending a body nobody reads and wait out a timeout instead of showing the answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How long, at most, what the client still sends after the answer is read and dropped. */
export const LINGER_MS = 3000;

/** Whether the request declared a body and not all of it has arrived yet. */
export function bodyStillArriving(raw: IncomingMessage): boolean {
  const declared = Number(raw.headers['content-length'] ?? 0) > 0 || raw.headers['transfer-encoding'] !== undefined;
  if (!declared) return false;
  // A real connection knows whether the message is complete; app.inject's stand-in does not.
  return typeof raw.complete === 'boolean' ? !raw.complete : !raw.readableEnded;
}

/**
 * After the answer, the server stops writing (FIN) but reads and drops what the client still
 * sends for up to LINGER_MS before closing: closing at once, with bytes still arriving, sends a
 * reset that can wipe the answer before the browser has shown it (a "lingering close").
 */
function lingerOnClose(req: IncomingMessage, res: ServerResponse, lingering: Set<Socket>): void {
  const socket = req.socket as Socket & { destroySoon?: () => void };
  if (!socket || typeof socket.destroySoon !== 'function') return;
  // Node ends a `Connection: close` exchange with socket.destroySoon() once the answer is written.
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.writable) this.end();
    req.unpipe();
    req.resume();
    this.resume();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    lingering.add(this);
    this.once('end', () => this.destroy());
    this.once('close', () => (clearTimeout(timer), lingering.delete(this)));
  };
  res.once('close', () => {
    // An answer that never finished (the client went away) leaves Node's own clean-up in charge.
    if (!res.writableFinished) delete (socket as { destroySoon?: unknown }).destroySoon;
  });
}

export function registerEarlyAnswerClose(app: FastifyInstance): void {
  const lingering = new Set<Socket>();
  app.addHook('onSend', async (req, reply) => {
    if (!bodyStillArriving(req.raw)) return;
    reply.header('connection', 'close');
    lingerOnClose(req.raw, reply.raw, lingering);
  });
  // Stopping: nothing is left to say on these connections, and they must not hold the shutdown up.
  app.addHook('preClose', async () => {
    for (const socket of lingering) socket.destroy();
  });
}
