// What the payment simulators share: a small HTML page, a bounded request body, and an HTTP
// server on this machine whose address is known once it listens.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

/** The request body as text, at most 64 KiB. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) break;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Listens on host:port (0: any free port); a handler's error is answered 500 with its text. */
export async function listen(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, port = 0, host = '127.0.0.1'): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const a = server.address() as AddressInfo;
  return { server, base: `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}` };
}

export async function close(server: Server | undefined): Promise<void> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
