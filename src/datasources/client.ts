// The data-source interface and its adapters: the platform's HTTP+JSON (protocol.ts) when
// DVCTT_DATASOURCE_URL is set, none otherwise. Every lookup fails soft: a source that is down,
// slow (TIMEOUT_MS) or answers garbage gives `failed` with the reason logged, never an exception.
import { randomUUID } from 'node:crypto';
import { GarbageError, paths, readBirth, readCitizen, readResults, requestHeaders, type BirthRecord, type Citizen, type DigitisedResult, type SourceCode } from './protocol.ts';

/** Found, not there (a valid answer), or the source failed (down, slow, garbage): then the paper is asked for. */
export type Lookup<T> = { status: 'found'; value: T } | { status: 'absent' } | { status: 'failed'; reason: string };

export interface DataSource {
  citizen(idNumber: string): Promise<Lookup<Citizen>>;
  birth(idNumber: string, fullName: string): Promise<Lookup<BirthRecord>>;
  results(idNumber: string, kind: string): Promise<Lookup<DigitisedResult[]>>;
}

export interface DataSourceSettings {
  url: string;
  key: string | undefined;
}

/** What the adapters log through (pino's shape). */
export interface SourceLog {
  warn(obj: object, msg: string): void;
}

export const TIMEOUT_MS = 2000;

/** No national database configured: every lookup is "not there", so every paper is asked for. */
export const NO_SOURCE: DataSource = {
  citizen: async () => ({ status: 'absent' }),
  birth: async () => ({ status: 'absent' }),
  results: async () => ({ status: 'absent' }),
};

/** The platform adapter over HTTP+JSON. */
export function platformSource(settings: DataSourceSettings, log: SourceLog, timeoutMs = TIMEOUT_MS): DataSource {
  const base = settings.url.endsWith('/') ? settings.url : `${settings.url}/`;
  async function get<T>(source: SourceCode, path: string, read: (body: unknown) => T): Promise<Lookup<T>> {
    const requestId = randomUUID();
    const fail = (reason: string): Lookup<T> => {
      log.warn({ source, requestId, reason }, 'national data source unavailable: the paper is asked for');
      return { status: 'failed', reason };
    };
    try {
      const res = await fetch(new URL(path, base), { headers: requestHeaders(settings.key, requestId), signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      if (res.status === 404) {
        await res.body?.cancel();
        return { status: 'absent' };
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        return fail(`status ${res.status}`);
      }
      const raw = await res.text();
      if (raw.length > 256 * 1024) return fail('answer too large');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return fail('answer is not JSON');
      }
      return { status: 'found', value: read(body) };
    } catch (e) {
      if (e instanceof GarbageError) return fail(`garbage: ${e.message}`);
      const name = (e as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') return fail(`timeout after ${timeoutMs} ms`);
      return fail(`unreachable: ${(e as Error).message}`);
    }
  }
  return {
    citizen: (id) => get('dan-cu', paths.citizen(id), (b) => readCitizen(b, id)),
    birth: (id, name) => get('ho-tich', paths.birth(id, name), (b) => readBirth(b, id)),
    results: (id, kind) => get('ket-qua-so', paths.results(id, kind), (b) => readResults(b, kind)),
  };
}

/** The adapter the configuration chooses. */
export function chooseSource(settings: DataSourceSettings | undefined, log: SourceLog): DataSource {
  return settings ? platformSource(settings, log) : NO_SOURCE;
}
