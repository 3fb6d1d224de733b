// One HTTP/1.1 exchange on a real socket, as a browser uploads: the body goes out in 64 KB pieces
// while the answer is watched for; once the answer is complete, sending stops. What the server did
// with the connection afterwards (closed it, or kept it alive) is reported with the answer.
import net from 'node:net';

export interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the complete answer. */
  answeredAfterMs: number;
  /** Body bytes written before the answer was complete. */
  sentBeforeAnswer: number;
  /** The server ended the connection within `waitForCloseMs` of the answer. */
  closedByServer: boolean;
}

export interface ExchangeOptions {
  port: number;
  method?: string;
  path: string;
  headers: Record<string, string>;
  /** The body, produced piece by piece (a large one need not be held whole). */
  body: Iterable<Buffer>;
  timeoutMs?: number;
  waitForCloseMs?: number;
}

export function exchange(o: ExchangeOptions): Promise<Exchange> {
  const timeoutMs = o.timeoutMs ?? 20_000;
  const waitForCloseMs = o.waitForCloseMs ?? 2_000;
  return new Promise<Exchange>((resolve, reject) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let sent = 0;
    let answer: Omit<Exchange, 'closedByServer'> | undefined;
    let closeTimer: NodeJS.Timeout | undefined;
    const socket = net.connect(o.port, '127.0.0.1');
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`no complete answer after ${timeoutMs} ms (${sent} body bytes sent)`))), timeoutMs);
    const done = (closedByServer: boolean) => {
      if (!answer) return;
      clearTimeout(timer);
      clearTimeout(closeTimer);
      socket.destroy();
      resolve({ ...answer, closedByServer });
    };
    const parse = () => {
      if (answer) return;
      const all = Buffer.concat(chunks);
      const head = all.indexOf('\r\n\r\n');
      if (head < 0) return;
      const lines = all.subarray(0, head).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const at = line.indexOf(':');
        headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      const length = Number(headers['content-length'] ?? NaN);
      const rest = all.subarray(head + 4);
      if (!(rest.length >= length)) return;
      answer = { status: Number(lines[0]!.split(' ')[1]), headers, body: rest.subarray(0, length).toString('utf8'), answeredAfterMs: Date.now() - started, sentBeforeAnswer: sent };
      closeTimer = setTimeout(() => done(false), waitForCloseMs);
    };
    socket.on('data', (d: Buffer) => (chunks.push(d), parse()));
    socket.on('end', () => done(true));
    socket.on('close', () => done(true));
    socket.on('error', () => undefined);
    socket.on('connect', async () => {
      const head = Object.entries(o.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      socket.write(`${o.method ?? 'POST'} ${o.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n${head}\r\n`);
      for (const piece of o.body) {
        if (answer || socket.destroyed || socket.writableEnded) break;
        for (let at = 0; at < piece.length && !answer && !socket.destroyed; at += 64 * 1024) {
          const slice = piece.subarray(at, at + 64 * 1024);
          sent += slice.length;
          if (!socket.write(slice)) await writable(socket);
        }
      }
    });
  });
}

/** Resolves once the socket can take more, or is gone. */
function writable(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const go = () => (socket.off('drain', go), socket.off('close', go), resolve());
    socket.on('drain', go);
    socket.on('close', go);
  });
}

/** `size` zero bytes in 1 MB pieces, without holding them all. */
export function* zeros(size: number): Generator<Buffer> {
  const mb = Buffer.alloc(1024 * 1024);
  for (let left = size; left > 0; left -= mb.length) yield left >= mb.length ? mb : mb.subarray(0, left);
}
