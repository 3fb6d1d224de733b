// What the payment simulators share: a small HTML page, the payer's page with its two buttons and
// the choice posted back, a bounded request body, and an HTTP server on this machine whose address
// is known once it listens.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

/** The payer's page of a simulated `gateway` ("cổng thanh toán"): what is paid, and Pay / Cancel posted to `confirm` with the pending token. */
export function payPage(title: string, gateway: string, facts: readonly (readonly [string, string])[], confirm: string, token: string): string {
  return page(
    title,
    `<p>Đây là ${gateway} mô phỏng để thử nghiệm; không có tiền thật được chuyển.</p>
<dl>${facts.map(([term, value]) => `<dt>${term}</dt><dd>${esc(value)}</dd>`).join('')}</dl>
<form method="post" action="${confirm}"><input type="hidden" name="token" value="${token}">
<button type="submit" name="action" value="pay">Thanh toán</button>
<button type="submit" name="action" value="cancel">Hủy giao dịch</button></form>`,
  );
}

/** Keeps a payment request until the payer chooses, under a new random token. */
export function remember<T>(pending: Map<string, T>, request: T): string {
  const token = randomBytes(12).toString('hex');
  pending.set(token, request);
  return token;
}

export function sendHtml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);
}

const EXPIRED_PAGE = page('Giao dịch không hợp lệ', '<p>Phiên thanh toán đã hết hạn.</p>');

/** The payer's choice posted from payPage: the pending request its token names, taken once; undefined when that session is gone. */
async function takeChoice<T>(req: IncomingMessage, pending: Map<string, T>): Promise<{ request: T; pay: boolean } | undefined> {
  const form = new URLSearchParams(await readBody(req));
  const token = form.get('token') ?? '';
  const request = pending.get(token);
  if (!request) return undefined;
  pending.delete(token);
  return { request, pay: form.get('action') === 'pay' };
}

/** The browser back to the merchant's return address, with the result in its query. */
function redirectBack(res: ServerResponse, back: string, query: string): void {
  res.writeHead(302, { location: `${back}${back.includes('?') ? '&' : '?'}${query}` }).end();
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

/**
 * A simulated gateway's HTTP server: start() listens on the options' host and port (its address then
 * in `base`), stop() closes it. A payment request waits in `pending` under the token of its payer's
 * page until the payer's choice comes back to confirm().
 */
export abstract class SimulatedServer<Request> {
  base = '';
  protected readonly pending = new Map<string, Request>();
  private server: Server | undefined;

  constructor(private readonly at: { port?: number; host?: string }) {}

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** The payer chose: tell the merchant as the gateway does, and answer where the browser goes back, with what query. */
  protected abstract settle(request: Request, pay: boolean): Promise<[back: string, query: string]>;

  /** The choice posted from payPage: settled once, then the browser is sent back; an unknown token is an expired session. */
  protected async confirm(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const choice = await takeChoice(req, this.pending);
    if (!choice) return sendHtml(res, 400, EXPIRED_PAGE);
    const [back, query] = await this.settle(choice.request, choice.pay);
    redirectBack(res, back, query);
  }

  async start(): Promise<this> {
    ({ server: this.server, base: this.base } = await listen((req, res) => this.handle(req, res), this.at.port, this.at.host));
    return this;
  }

  async stop(): Promise<void> {
    await close(this.server);
  }
}

export async function close(server: Server | undefined): Promise<void> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
