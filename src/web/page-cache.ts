// Anonymous pages kept rendered (P2, P6; decision 0027): the home page, the catalog's lists and the
// service pages are the same for every visitor not signed in, so each (address, language, display
// choices) is rendered once, compressed once, and sent from memory until the data it shows changes.
// Every writer of that data is heard on `dvctt_pages` (triggers of migration 0043) and `dvctt_forms`
// (a published e-form), on every instance; while nothing can be heard, nothing is kept.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { VNode } from 'preact';
import type { DB } from '../db/index.ts';
import { parseLocale } from './i18n.ts';
import { DISPLAY_COOKIE, LANG_COOKIE, readDisplay, writeDisplay } from './page-context.ts';
import { renderPage } from './render.ts';

export const PAGES_CHANNEL = 'dvctt_pages';
const FORMS_CHANNEL = 'dvctt_forms';
const RECONNECT_MS = 1000;
/** Even data that nobody changes is read again now and then (the footer's year, a lost notice). */
const LONGEST_MS = 10 * 60_000;
const MAX_URL = 1000;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export interface PageCacheOptions {
  /** Where to LISTEN for changes (pg connection settings); without it, no page is kept. */
  listen?: pg.ClientConfig | string | false;
  /** The most the kept pages may take, raw and compressed together (bytes). */
  maxBytes?: number;
  /** Whether a request is a person's own (a session cookie, a token): such a request never uses the cache. */
  personal?: (req: FastifyRequest) => boolean;
}

/** A page as its route renders it. */
export interface RenderedPage {
  vnode: VNode;
  status?: number;
  /** How long figures on the page (the year's statistics) may be shown before they are read again (ms). */
  maxAgeMs?: number;
}

interface Entry {
  raw: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  etag: string;
  expires: number;
  bytes: number;
}

type Encoding = 'br' | 'gzip';

/** The encoding the compression plugin would choose for this Accept-Encoding (br before gzip), if plain. */
export function chosenEncoding(header: string | string[] | undefined): Encoding | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name === 'x-gzip' ? 'gzip' : name!.trim(), weight === undefined ? 1 : Number(weight));
  }
  const of = (name: Encoding) => q.get(name) ?? q.get('*') ?? 0;
  const best = of('br') >= of('gzip') ? 'br' : 'gzip';
  return of(best) > 0 ? best : undefined;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly rendering = new Map<string, Promise<Entry | undefined>>();
  private readonly maxBytes: number;
  private readonly personal: (req: FastifyRequest) => boolean;
  private readonly listenConfig: pg.ClientConfig | string | undefined;
  private readonly changeListeners: (() => void)[] = [];
  private listener: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;
  /** Moves on every change heard: a page read before it is not kept. */
  private generation = 0;
  private bytes = 0;
  /** When the next maintenance notice starts showing, starts or ends: pages show notices, so none outlives it. */
  private noticeHorizon: { generation: number; at: number; read: Promise<number> } | undefined;

  constructor(
    private readonly db: DB,
    options: PageCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
    this.personal = options.personal ?? ((req) => !!req.viewer);
    this.listenConfig = options.listen || undefined;
  }

  /** Starts listening; pages are kept from the moment changes can be heard. */
  async open(): Promise<void> {
    await this.listen();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listener = undefined;
    this.forget();
    await client?.end().catch(() => undefined);
  }

  /** Told whenever the kept pages are dropped (for other memories of the same data). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** Drops every kept page (a change heard, or the listening connection lost). */
  forget(): void {
    this.generation += 1;
    this.entries.clear();
    this.bytes = 0;
    this.noticeHorizon = undefined;
    for (const listener of this.changeListeners) listener();
  }

  /** Kept pages and their bytes, for tests and figures. */
  get size(): { pages: number; bytes: number } {
    return { pages: this.entries.size, bytes: this.bytes };
  }

  /**
   * A form sent to this instance (an administrator's change): its change is heard before the
   * answer leaves, so the person's next page already shows it (a query on the listening
   * connection delivers every notice committed before it).
   */
  settle(app: FastifyInstance): void {
    app.addHook('onSend', async (req, _reply, payload) => {
      if (req.method !== 'GET' && req.method !== 'HEAD' && !req.url.startsWith('/api/') && this.entries.size > 0 && this.listener) await this.listener.query('SELECT 1').catch(() => this.forget());
      return payload;
    });
  }

  /** Sends the page for this request: from memory when it is an anonymous visitor's, else rendered now. */
  async serve(req: FastifyRequest, reply: FastifyReply, render: () => Promise<RenderedPage | undefined>): Promise<FastifyReply> {
    const key = this.keyOf(req);
    if (key === undefined) return sendRendered(reply, await render());
    const now = Date.now();
    let entry = this.entries.get(key);
    if (entry && entry.expires <= now) {
      this.drop(key, entry);
      entry = undefined;
    }
    if (entry) {
      // Most recently used last: the first ones are dropped when the bytes run out.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return this.send(req, reply, entry);
    }
    const pending = this.rendering.get(key);
    if (pending) {
      // The same page being rendered for another visitor: wait for it, unless it is not one to share.
      const made = await pending;
      return made ? this.send(req, reply, made) : sendRendered(reply, await render());
    }
    const generation = this.generation;
    let settle!: (entry: Entry | undefined) => void;
    this.rendering.set(key, new Promise((resolve) => (settle = resolve)));
    let made: Entry | undefined;
    try {
      const [page, horizon] = await Promise.all([render(), this.horizon()]);
      if (!page || (page.status ?? 200) !== 200) return sendRendered(reply, page);
      made = this.keep(key, req, page, generation, horizon);
      return made ? this.send(req, reply, made) : sendRendered(reply, page);
    } finally {
      this.rendering.delete(key);
      settle(made);
    }
  }

  private keyOf(req: FastifyRequest): string | undefined {
    if (!this.listener || req.url.length > MAX_URL || this.personal(req)) return undefined;
    const locale = parseLocale(req.cookies[LANG_COOKIE]) ?? 'vi';
    return `${locale} ${writeDisplay(readDisplay(req.cookies[DISPLAY_COOKIE]))} ${req.url}`;
  }

  /** Keeps a page rendered for `key` under `generation`, unless it may not be shared or is already out of date. */
  private keep(key: string, req: FastifyRequest, page: RenderedPage, generation: number, horizon: number): Entry | undefined {
    const html = renderPage(page.vnode);
    // A form's token is the visitor's own: such a page is never shared.
    if (req.anonymousCsrf && html.includes(req.anonymousCsrf)) return undefined;
    const raw = Buffer.from(html);
    const entry: Entry = {
      raw,
      etag: `W/"${createHash('sha1').update(raw).digest('base64url').slice(0, 22)}"`,
      expires: Math.min(Date.now() + (page.maxAgeMs ?? LONGEST_MS), horizon),
      bytes: raw.length,
    };
    if (generation !== this.generation || !this.listener || raw.length * 2 > this.maxBytes || entry.expires <= Date.now()) return entry;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    while (this.bytes > this.maxBytes) {
      const [oldest, value] = this.entries.entries().next().value!;
      this.drop(oldest, value);
    }
    // Compressed once, off the main thread, with a window the size of a page (the default one takes
    // megabytes per page being compressed); until then the response is compressed as any other.
    void Promise.all([brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 18, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }), gzipped(raw, { level: 9 })])
      .then(([br, gz]) => {
        if (this.entries.get(key) !== entry) return;
        entry.br = br;
        entry.gzip = gz;
        entry.bytes += br.length + gz.length;
        this.bytes += br.length + gz.length;
      })
      .catch(() => undefined);
    return entry;
  }

  private drop(key: string, entry: Entry): void {
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private send(req: FastifyRequest, reply: FastifyReply, entry: Entry): FastifyReply {
    reply.header('etag', entry.etag);
    const encoding = chosenEncoding(req.headers['accept-encoding']);
    const sentTags = String(req.headers['if-none-match'] ?? '');
    if (sentTags && sentTags.split(/\s*,\s*/).some((t) => t === entry.etag || t === entry.etag.slice(2) || t === '*')) {
      if (encoding) varyOnEncoding(reply);
      return reply.code(304).send();
    }
    reply.code(200).type('text/html; charset=utf-8');
    const body = encoding && entry[encoding];
    if (!body) return reply.send(entry.raw);
    varyOnEncoding(reply);
    return reply.header('content-encoding', encoding).send(body);
  }

  private horizon(): Promise<number> {
    const now = Date.now();
    if (this.noticeHorizon?.generation === this.generation && this.noticeHorizon.at > now) return this.noticeHorizon.read;
    const generation = this.generation;
    // Unknown (the database not answering): nothing is kept.
    const read = nextNoticeChange(this.db, new Date(now)).then((at) => at?.getTime() ?? Infinity, () => 0);
    this.noticeHorizon = { generation, at: Infinity, read };
    void read.then((at) => {
      if (this.noticeHorizon?.read === read) this.noticeHorizon.at = at;
    });
    return read;
  }

  private async listen(): Promise<void> {
    const config = this.listenConfig;
    if (!config || this.closed || this.listener) return;
    const client = new pg.Client(typeof config === 'string' ? { connectionString: config, keepAlive: true } : { ...config, keepAlive: true });
    client.on('error', () => undefined);
    client.on('notification', () => this.forget());
    client.on('end', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.forget();
      this.reconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PAGES_CHANNEL}; LISTEN ${FORMS_CHANNEL}`);
    } catch {
      await client.end().catch(() => undefined);
      this.reconnect();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.forget();
    this.listener = client;
  }

  private reconnect(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => void this.listen(), RECONNECT_MS);
    this.retry.unref();
  }
}

function varyOnEncoding(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  reply.header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
}

/** A page rendered for this request alone, as every page is sent (nothing when the route has answered already, as with a redirect). */
export function sendRendered(reply: FastifyReply, page: RenderedPage | undefined): FastifyReply {
  if (!page) return reply;
  return reply
    .code(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(renderPage(page.vnode));
}

/** Sends a page through the cache when there is one. */
export function servePage(pages: PageCache | undefined, req: FastifyRequest, reply: FastifyReply, render: () => Promise<RenderedPage | undefined>): Promise<FastifyReply> {
  return pages ? pages.serve(req, reply, render) : render().then((page) => sendRendered(reply, page));
}

/** The next moment a maintenance notice starts showing, starts or ends. */
async function nextNoticeChange(db: DB, now: Date): Promise<Date | undefined> {
  const { rows } = await sql<{ at: Date | null }>`
    SELECT min(t) AS at FROM maintenance_notice, LATERAL (VALUES (shown_from), (starts_at), (ends_at)) AS v(t) WHERE t > ${now}`.execute(db);
  return rows[0]?.at ?? undefined;
}
