// Start: read config, open the database, migrate, load demo data once, listen; and stop cleanly.
import { X509Certificate } from 'node:crypto';
import { readFileSync, watch } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import tls from 'node:tls';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from './app.ts';
import { startDigestTimer } from './applications/deadlines-store.ts';
import { certificateProblem, TLS_CIPHERS } from './compliance/index.ts';
import type { Config } from './config.ts';
import { migrate, openDatabase, type OpenDatabase } from './db/index.ts';
import { prettyDestination } from './pretty-log.ts';
import { acquireInstanceLock } from './instance-lock.ts';
import { seedDemo } from './seed.ts';

export class StartError extends Error {
  override name = 'StartError';
}

export interface RunningServer {
  app: FastifyInstance;
  database: OpenDatabase;
  /** Addresses actually listened on, e.g. http://[::]:3000. */
  urls: string[];
  stop(): Promise<void>;
  /** Reads TLS_CERT_FILE and TLS_KEY_FILE again (SIGHUP); undefined without TLS. */
  reloadCertificate?: () => 'reloaded' | 'unchanged' | 'refused';
}

/** JSON lines for machines (production, CI); one readable line per event when a person watches a terminal. */
export function createLogger(config: Config, out: { isTTY?: boolean; write(s: string): unknown } = process.stdout): Logger {
  const options = { level: config.logLevel, base: { service: 'dvctt' } };
  if (out.isTTY) return pino(options, prettyDestination(out, { color: !process.env.NO_COLOR }));
  return out === process.stdout ? pino(options) : pino(options, out as { write(s: string): void });
}

/** What `dvctt start` prints: the address people and the payment gateway use (PUBLIC_URL), not the one bound. */
export function startMessage(config: Pick<Config, 'publicUrl' | 'port'>, database: string): string {
  return `Cổng dịch vụ công đang chạy tại ${config.publicUrl} (PORT=${config.port}; cơ sở dữ liệu: ${database})\n`;
}

/** Reads and checks a certificate and key (S2: no key under RSA 2048 / P-256, not expired). */
export function readCertificate(certFile: string, keyFile: string) {
  let options;
  try {
    options = {
      cert: readFileSync(certFile),
      key: readFileSync(keyFile),
      // S2: TLS 1.2 is the floor; 1.3 is negotiated whenever the client has it. For 1.2 only
      // forward-secret AEAD suites, in our order of preference.
      minVersion: 'TLSv1.2' as const,
      ciphers: TLS_CIPHERS,
      honorCipherOrder: true,
    };
    tls.createSecureContext(options);
  } catch (err) {
    throw new StartError(`Không dùng được chứng chỉ TLS (TLS_CERT_FILE/TLS_KEY_FILE): ${(err as Error).message}`);
  }
  const problem = certificateProblem(new X509Certificate(options.cert));
  if (problem) throw new StartError(`Chứng chỉ TLS_CERT_FILE ${problem}.`);
  return options;
}

export function tlsOptions(config: Config) {
  return config.tls ? readCertificate(config.tls.certFile, config.tls.keyFile) : undefined;
}

/**
 * Reloads certificate and key without a restart: on SIGHUP (the caller wires it) and when either
 * file changes. Open connections keep their session; new handshakes get the new certificate. A
 * bad pair (e.g. half-written during renewal) is logged and the served one stays.
 */
function certificateReloader(server: tls.Server, files: { certFile: string; keyFile: string }, logger: Logger) {
  let served = readFileSync(files.certFile);
  const reload = (): 'reloaded' | 'unchanged' | 'refused' => {
    try {
      const next = readCertificate(files.certFile, files.keyFile);
      if (next.cert.equals(served)) return 'unchanged';
      server.setSecureContext(next);
      served = next.cert;
      logger.info({ serial: new X509Certificate(next.cert).serialNumber }, 'TLS certificate reloaded');
      return 'reloaded';
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'TLS certificate not reloaded; keeping the one in use');
      return 'refused';
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const names = new Set([path.basename(files.certFile), path.basename(files.keyFile)]);
  // Watch the folders, not the files: renewals usually replace files (rename or symlink swap).
  const watchers = [...new Set([path.dirname(files.certFile), path.dirname(files.keyFile)])].map((dir) =>
    watch(dir, (_event, name) => {
      if (name && !names.has(String(name))) return;
      clearTimeout(timer);
      // Wait for the writer to finish both files before reading them.
      timer = setTimeout(reload, 300);
    }),
  );
  return {
    reload,
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

/** The plain-HTTP port: every request is sent to the same path over HTTPS (S2). */
function redirectServer(config: Config): http.Server {
  const publicOrigin = new URL(config.publicUrl);
  // Always PUBLIC_URL's host, never the request's Host header, which the sender chooses (S1).
  const target = publicOrigin.protocol === 'https:'
    ? publicOrigin.origin
    : `https://${publicOrigin.hostname}${config.port === 443 ? '' : `:${config.port}`}`;
  return http.createServer((req, res) => {
    const location = target + (req.url?.startsWith('/') ? req.url : '/');
    res.writeHead(301, { location, 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end(`Cổng dịch vụ công chỉ phục vụ qua HTTPS: ${location}\n`);
  });
}

export async function startServer(config: Config, logger: Logger = createLogger(config)): Promise<RunningServer> {
  const started = Date.now();
  const https = tlsOptions(config);
  const release = config.databaseUrl ? async () => undefined : await acquireInstanceLock(config.dataDir);
  let database: OpenDatabase | undefined;
  try {
    database = await openDatabase(config, (msg) => logger.info(msg));
    logger.info({ database: database.description }, 'database open');
    // The portal owns the embedded server for as long as it runs: if it dies, start it again.
    database.embedded?.supervise(logger);
    await migrate(database.db);
    if (config.demoData) await seedDemo(database.db, logger);

    const app = await buildApp({ config, db: database.db, pool: database.pool, logger, serverOptions: https ? { https } : {} });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      await app.close();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new StartError(`Cổng ${config.port} (PORT) đang được một chương trình khác sử dụng; hãy chọn PORT khác.`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new StartError(`Không lắng nghe được trên địa chỉ HOST=${config.host}: địa chỉ không có trên máy này.`);
      if (code === 'EACCES') throw new StartError(`Không có quyền lắng nghe trên cổng ${config.port} (PORT).`);
      throw err;
    }
    const reloader = config.tls ? certificateReloader(app.server as unknown as tls.Server, config.tls, logger) : undefined;
    let redirect: http.Server | undefined;
    if (config.httpRedirectPort) {
      const srv = redirectServer(config);
      redirect = srv;
      try {
        await new Promise<void>((resolve, reject) => {
          srv.once('error', reject);
          srv.listen({ port: config.httpRedirectPort, host: config.host }, () => resolve());
        });
      } catch (err) {
        reloader?.close();
        await app.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new StartError(`Cổng ${config.httpRedirectPort} (DVCTT_HTTP_REDIRECT_PORT) đang được một chương trình khác sử dụng.`);
        throw err;
      }
    }
    const scheme = config.tls ? 'https' : 'http';
    const urls = config.host === '::' || config.host === '0.0.0.0'
      ? [`${scheme}://[::1]:${config.port}`, `${scheme}://127.0.0.1:${config.port}`]
      : [`${scheme}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`];
    logger.info({ publicUrl: config.publicUrl, urls, httpRedirectPort: config.httpRedirectPort, ms: Date.now() - started }, 'portal listening');

    const db = database;
    // A4: the daily deadline digest, on the instances that deliver notices (each person once a day, whichever runs it).
    const digest = config.delivery.workers > 0 ? startDigestTimer(db.db, (msg, err) => (err ? logger.error({ err }, msg) : logger.info(msg))) : undefined;
    let stopping: Promise<void> | undefined;
    return {
      app,
      database: db,
      urls,
      reloadCertificate: reloader?.reload,
      stop: () =>
        (stopping ??= (async () => {
          reloader?.close();
          digest?.stop();
          if (redirect) await new Promise<void>((r) => redirect.close(() => r()));
          // Finish in-flight requests first; only then close the pool and stop the embedded server.
          await app.close();
          await db.close({ stopEmbedded: !config.databaseUrl });
          await release();
        })()),
    };
  } catch (err) {
    await database?.close({ stopEmbedded: !config.databaseUrl }).catch(() => undefined);
    await release();
    throw err;
  }
}
