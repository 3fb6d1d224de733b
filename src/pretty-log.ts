// The server's log as people read it in a terminal: one line per event — Vietnam time, level,
// message, request id, method, address, status, milliseconds — instead of pino's JSON lines.
// Only when stdout is a terminal; production and CI keep the JSON (see decision 0021).
import { noticeTime } from './web/format.ts';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLORS: Record<number, string> = { 10: '90', 20: '90', 30: '32', 40: '33', 50: '31', 60: '35' };
// Pino's and Fastify's own fields: shown in their places, not again as key=value.
const SHOWN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'reqId', 'req', 'res', 'responseTime', 'err', 'v']);

interface Entry {
  level?: number;
  time?: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { type?: string; message?: string; stack?: string };
  [key: string]: unknown;
}

/** A moment to the second in Vietnam's time, "08:05:09" (seconds are the same in every whole-hour zone). */
function clock(ms: number): string {
  const d = new Date(ms);
  return `${noticeTime(d).slice(0, 5)}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
}

function value(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

export interface PrettyOptions {
  /** ANSI colour on the level (a terminal). */
  color?: boolean;
}

/**
 * Formats pino's JSON lines. Fastify logs a request twice ("incoming request" with the method and
 * address, "request completed" with the status): the first is remembered, not printed, and the
 * second line carries both. Returns undefined for a line it keeps back.
 */
export class PrettyLog {
  private readonly open = new Map<string, { method?: string; url?: string }>();

  constructor(private readonly options: PrettyOptions = {}) {}

  format(line: string): string | undefined {
    let e: Entry;
    try {
      e = JSON.parse(line) as Entry;
    } catch {
      return line.endsWith('\n') ? line : `${line}\n`;
    }
    if (typeof e !== 'object' || e === null) return `${line.trimEnd()}\n`;
    if (e.msg === 'incoming request' && e.reqId && e.req) {
      // A request that never completes (a crash) is named by its id in the error line.
      if (this.open.size >= 1000) this.open.delete(this.open.keys().next().value!);
      this.open.set(e.reqId, { method: e.req.method, url: e.req.url });
      return undefined;
    }
    const req = e.req ?? (e.reqId ? this.open.get(e.reqId) : undefined);
    if (e.reqId && e.res) this.open.delete(e.reqId);
    const level = LEVELS[e.level ?? 30] ?? String(e.level);
    const shownLevel = this.options.color ? `\x1b[${COLORS[e.level ?? 30] ?? '0'}m${level.padEnd(5)}\x1b[0m` : level.padEnd(5);
    const parts = [clock(e.time ?? Date.now()), shownLevel, e.msg ?? ''];
    if (e.reqId) parts.push(`[${e.reqId}]`);
    if (req?.method || req?.url) parts.push([req.method, req.url].filter(Boolean).join(' '));
    if (e.res?.statusCode !== undefined) parts.push(String(e.res.statusCode));
    if (typeof e.responseTime === 'number') parts.push(`${Math.round(e.responseTime)} ms`);
    const extra = Object.entries(e)
      .filter(([k, v]) => !SHOWN.has(k) && v !== undefined)
      .map(([k, v]) => `${k}=${value(v)}`);
    if (extra.length) parts.push(extra.join(' '));
    if (e.err?.message) parts.push(`— ${e.err.type ? `${e.err.type}: ` : ''}${e.err.message}`);
    let out = parts.filter(Boolean).join('  ') + '\n';
    // The stack, when there is one, below the line: what a developer looks at next.
    if (e.err?.stack) out += e.err.stack.split('\n').slice(1).map((l) => `    ${l.trim()}\n`).join('');
    return out;
  }
}

/** A pino destination that writes readable lines to `out` (a terminal). */
export function prettyDestination(out: { write(s: string): unknown }, options: PrettyOptions = {}): { write(chunk: string): void } {
  const log = new PrettyLog(options);
  return {
    write(chunk: string) {
      // Pino writes one JSON line per call; split anyway in case lines arrive together.
      for (const line of chunk.split('\n')) {
        if (!line) continue;
        const text = log.format(line);
        if (text) out.write(text);
      }
    },
  };
}
