// A simulator of the SMS operator's HTTP API, for tests and demos (`dvctt sms-simulator`):
//   POST /messages  X-Api-Key: …  {from, to, text, reference, callback_url}
//     → 202 {message_id, status: "accepted", parts}   (401 wrong key, 400 bad request)
//   then POST callback_url  X-Api-Key: …  {message_id, reference, status: "delivered"|"failed", error, done_at}
//   GET /messages → what it has received (for a person watching a demo).
// Numbers ending in 000 are "unreachable": their report says failed.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gsmLength } from './model.ts';

export interface SimulatedSms {
  messageId: string;
  from: string;
  to: string;
  text: string;
  reference: string | null;
  callbackUrl: string | null;
  receivedAt: Date;
  report?: { status: 'delivered' | 'failed'; answeredWith: number | string };
}

export interface SmsSimulator {
  url: string;
  messages: SimulatedSms[];
  close(): Promise<void>;
}

export async function startSmsSimulator(options: { apiKey: string; port?: number; host?: string; log?: (line: string) => void }): Promise<SmsSimulator> {
  const messages: SimulatedSms[] = [];
  const log = options.log ?? (() => undefined);

  async function report(m: SimulatedSms): Promise<void> {
    if (!m.callbackUrl) return;
    const failed = m.to.endsWith('000');
    const body = JSON.stringify({ message_id: m.messageId, reference: m.reference, status: failed ? 'failed' : 'delivered', error: failed ? 'SUBSCRIBER_UNREACHABLE' : null, done_at: new Date().toISOString() });
    // Like operators, try the callback again a few times when it is not answered with 2xx.
    for (const wait of [0, 200, 1000, 3000]) {
      await new Promise((r) => setTimeout(r, wait));
      try {
        const res = await fetch(m.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey }, body, signal: AbortSignal.timeout(5000) });
        m.report = { status: failed ? 'failed' : 'delivered', answeredWith: res.status };
        if (res.ok) return;
      } catch (err) {
        m.report = { status: failed ? 'failed' : 'delivered', answeredWith: (err as Error).message };
      }
    }
  }

  const server = http.createServer((req, res) => {
    const send = (status: number, doc: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(doc));
    };
    if (req.method === 'GET' && req.url === '/messages') return send(200, messages);
    if (req.method !== 'POST' || req.url !== '/messages') return send(404, { error: { code: 'NOT_FOUND' } });
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      if (req.headers['x-api-key'] !== options.apiKey) return send(401, { error: { code: 'UNAUTHORIZED', message: 'invalid API key' } });
      let doc: Record<string, unknown>;
      try {
        doc = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return send(400, { error: { code: 'BAD_JSON' } });
      }
      const to = String(doc.to ?? '');
      const text = String(doc.text ?? '');
      if (!/^84\d{9}$/.test(to)) return send(400, { error: { code: 'BAD_NUMBER', message: 'to must be 84 and 9 digits' } });
      if (!text) return send(400, { error: { code: 'EMPTY_TEXT' } });
      const septets = gsmLength(text);
      const parts = septets === undefined ? Math.ceil([...text].length / 67) || 1 : septets <= 160 ? 1 : Math.ceil(septets / 153);
      const m: SimulatedSms = {
        messageId: randomUUID(),
        from: String(doc.from ?? ''),
        to,
        text,
        reference: typeof doc.reference === 'string' ? doc.reference : null,
        callbackUrl: typeof doc.callback_url === 'string' ? doc.callback_url : null,
        receivedAt: new Date(),
      };
      messages.push(m);
      log(`SMS ${m.messageId} → ${to} (${parts} phần): ${text}`);
      send(202, { message_id: m.messageId, status: 'accepted', parts });
      setTimeout(() => void report(m), 50).unref();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
