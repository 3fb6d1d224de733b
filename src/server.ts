// Start: read config, open the database, migrate, load demo data once, listen; and stop cleanly.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { migrate, openDatabase, type OpenDatabase } from './db/index.ts';
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
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { service: 'dvctt' } });
}

/** Reads and checks the certificate before anything else starts (S2: no key under RSA 2048 / P-256). */
export function tlsOptions(config: Config) {
  if (!config.tls) return undefined;
  let options;
  try {
    options = {
      cert: readFileSync(config.tls.certFile),
      key: readFileSync(config.tls.keyFile),
      // S2: TLS 1.2 is the floor; 1.3 is negotiated when the client has it.
      minVersion: 'TLSv1.2' as const,
      honorCipherOrder: true,
    };
    tls.createSecureContext(options);
  } catch (err) {
    throw new StartError(`Không dùng được chứng chỉ TLS (TLS_CERT_FILE/TLS_KEY_FILE): ${(err as Error).message}`);
  }
  const cert = new X509Certificate(options.cert);
  const details = cert.publicKey.asymmetricKeyDetails ?? {};
  const type = cert.publicKey.asymmetricKeyType;
  if (type === 'rsa' && (details.modulusLength ?? 0) < 2048) {
    throw new StartError(`Chứng chỉ TLS_CERT_FILE dùng khóa RSA ${details.modulusLength} bit; cần tối thiểu 2048 bit.`);
  }
  if (type === 'ec' && !['prime256v1', 'secp384r1', 'secp521r1'].includes(details.namedCurve ?? '')) {
    throw new StartError(`Chứng chỉ TLS_CERT_FILE dùng đường cong ${details.namedCurve}; cần P-256 trở lên.`);
  }
  if (new Date(cert.validTo).getTime() < Date.now()) {
    throw new StartError(`Chứng chỉ TLS_CERT_FILE đã hết hạn từ ${cert.validTo}.`);
  }
  return options;
}

export async function startServer(config: Config, logger: Logger = createLogger(config)): Promise<RunningServer> {
  const started = Date.now();
  const https = tlsOptions(config);
  const release = config.databaseUrl ? async () => undefined : await acquireInstanceLock(config.dataDir);
  let database: OpenDatabase | undefined;
  try {
    database = await openDatabase(config, (msg) => logger.info(msg));
    logger.info({ database: database.description }, 'database open');
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
    const scheme = config.tls ? 'https' : 'http';
    const urls = config.host === '::' || config.host === '0.0.0.0'
      ? [`${scheme}://[::1]:${config.port}`, `${scheme}://127.0.0.1:${config.port}`]
      : [`${scheme}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`];
    logger.info({ urls, publicUrl: config.publicUrl, ms: Date.now() - started }, 'portal listening');

    const db = database;
    let stopping: Promise<void> | undefined;
    return {
      app,
      database: db,
      urls,
      stop: () =>
        (stopping ??= (async () => {
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
