// The form definitions the portal serves (F1–F6), read from the database: each version parsed once
// and kept (a published version never changes) within a memory budget, and which version each
// service currently has. A publish on any instance is announced on `dvctt_forms` (LISTEN/NOTIFY);
// without a listening connection, or while it is down, a lookup re-checks a cheap stamp at most
// every `pollMs`, so another instance sees a publish within a second either way.
import { sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/index.ts';
import { loadDefinition } from './definition-schema.ts';
import { FORMS_CHANNEL } from './definitions-store.ts';
import type { FormDefinition } from './model.ts';

export interface FormLibrary {
  /** The published own form of the service, else the fallback's (the default form), else undefined. */
  forService(serviceCode: string): Promise<FormDefinition | undefined>;
  /** "mau02-cchn-duoc@2", whatever its status: what an application or draft was made with. */
  byVersion(version: string): Promise<FormDefinition | undefined>;
  /** The current published version of a form. */
  byId(formId: string): Promise<FormDefinition | undefined>;
  /** The service's current form with where it comes from, read once (a page needing both asks here). */
  formOf(serviceCode: string): Promise<{ def: FormDefinition; origin: 'own' | 'default' } | undefined>;
  /** Forget what is known of the current versions (after a publish on this instance, to see it at once). */
  refresh(): void;
  close(): Promise<void>;
}

export interface FormLibraryOptions {
  /** The form of a service without its own (the default form). */
  fallback?: (serviceCode: string) => Promise<FormDefinition | undefined>;
  /** Where to LISTEN for publishes (pg connection settings); without it, lookups poll. */
  listen?: pg.ClientConfig | string | false;
  /** How old the known current versions may be when nothing can be heard (ms). */
  pollMs?: number;
  /** Memory for parsed versions (bytes of their JSON). */
  cacheBytes?: number;
}

const VERSION = /^([a-zA-Z][a-zA-Z0-9_-]{0,63})@([1-9][0-9]{0,8})$/;
/** Even while listening, the stamp is re-checked now and then: a notice lost in a reconnect is caught. */
const LISTENING_RECHECK_MS = 30_000;
const RECONNECT_MS = 1000;

interface Current {
  byService: Map<string, string>;
  byId: Map<string, string>;
  /** Services looked up once more in the table and not found there: not again until the map changes. */
  missed: Set<string>;
  stamp: string;
  checkedAt: number;
  /** The count of changes heard when this map was read: a change heard later makes it old. */
  heard: number;
}

/** The form an application was filled with: its own version, whatever was published since (else the service's current one). */
export async function formOfApplication(forms: FormLibrary, a: { formVersion?: string | null; service: string }): Promise<FormDefinition | undefined> {
  return (a.formVersion ? await forms.byVersion(a.formVersion) : undefined) ?? forms.forService(a.service);
}

export function createFormLibrary(db: DB, options: FormLibraryOptions = {}): FormLibrary {
  const pollMs = options.pollMs ?? 500;
  const budget = options.cacheBytes ?? 32 * 1024 * 1024;
  const cache = new Map<string, { def: FormDefinition; bytes: number }>();
  const reading = new Map<string, Promise<FormDefinition | undefined>>();
  let cached = 0;
  let current: Current | undefined;
  let loading: { heard: number; promise: Promise<Current> } | undefined;
  /** Changes heard (a notice, a reconnect, a service found published that the map lacks). */
  let heard = 0;
  const changed = () => {
    heard += 1;
  };
  let closed = false;
  let listener: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const stampOf = async (): Promise<string> => {
    const r = await sql<{ stamp: string }>`
      SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') AS stamp
      FROM form_definition WHERE origin = 'own' AND status <> 'draft'`.execute(db);
    return r.rows[0]!.stamp;
  };

  const load = async (at: number): Promise<Current> => {
    const stamp = await stampOf();
    const rows = await db
      .selectFrom('form_definition')
      .select(['form_id', 'version', 'services'])
      .where('status', '=', 'published')
      .where('origin', '=', 'own')
      .orderBy('published_at')
      .orderBy('form_id')
      .execute();
    const byService = new Map<string, string>();
    const byId = new Map<string, string>();
    // Two forms naming one service: the one published last is the service's form.
    for (const r of rows) {
      const version = `${r.form_id}@${r.version}`;
      byId.set(r.form_id, version);
      for (const s of r.services) byService.set(s, version);
    }
    return { byService, byId, missed: new Set(), stamp, checkedAt: Date.now(), heard: at };
  };

  // A read already under way serves only if it started after the last change heard; otherwise
  // another starts, and the newest map wins whichever finishes first.
  const reload = (): Promise<Current> => {
    if (loading?.heard === heard) return loading.promise;
    const at = heard;
    const promise: Promise<Current> = load(at).then(
      (c) => {
        if (!current || c.heard >= current.heard) current = c;
        if (loading?.promise === promise) loading = undefined;
        return current;
      },
      (e: unknown) => {
        if (loading?.promise === promise) loading = undefined;
        throw e;
      },
    );
    loading = { heard: at, promise };
    return promise;
  };

  /** Whether the stamp moved since the map was read; one look at a time however many requests wait. */
  let checking: Promise<void> | undefined;
  const recheck = async (was: Current) => {
    if ((await stampOf()) !== was.stamp) changed();
    else was.checkedAt = Date.now();
  };

  /** The known current versions, re-read when a change was heard or, unheard, when they may be old. */
  const known = async (): Promise<Current> => {
    if (!current || current.heard !== heard) return reload();
    if (Date.now() - current.checkedAt > (listener ? LISTENING_RECHECK_MS : pollMs)) {
      checking ??= recheck(current).finally(() => {
        checking = undefined;
      });
      await checking;
      if (current.heard !== heard) return reload();
    }
    return current;
  };

  const remember = (version: string, def: FormDefinition, bytes: number) => {
    if (bytes > budget) return;
    cache.set(version, { def, bytes });
    cached += bytes;
    for (const [key, entry] of cache) {
      if (cached <= budget) break;
      cache.delete(key);
      cached -= entry.bytes;
    }
  };

  const read = async (formId: string, version: number, key: string): Promise<FormDefinition | undefined> => {
    const row = await db.selectFrom('form_definition').select(['document', 'status']).where('form_id', '=', formId).where('version', '=', version).executeTakeFirst();
    if (!row) return undefined;
    const def = loadDefinition(row.document);
    // A draft still changes with each save; published and retired versions never do.
    if (row.status !== 'draft') remember(key, def, Buffer.byteLength(JSON.stringify(row.document)));
    return def;
  };

  const byVersion = async (version: string): Promise<FormDefinition | undefined> => {
    const hit = cache.get(version);
    if (hit) {
      // Most recently used last: the oldest is dropped first.
      cache.delete(version);
      cache.set(version, hit);
      return hit.def;
    }
    const m = VERSION.exec(version);
    if (!m) return undefined;
    let pending = reading.get(version);
    if (!pending) {
      pending = read(m[1]!, Number(m[2]), version).finally(() => reading.delete(version));
      reading.set(version, pending);
    }
    return pending;
  };

  const own = async (serviceCode: string): Promise<FormDefinition | undefined> => {
    const map = await known();
    const version = map.byService.get(serviceCode);
    if (version) return byVersion(version);
    if (map.missed.has(serviceCode)) return undefined;
    // Not known here: perhaps published a moment ago on another instance.
    const row = await db
      .selectFrom('form_definition')
      .select(['form_id', 'version'])
      .where('status', '=', 'published')
      .where('origin', '=', 'own')
      .where(sql<boolean>`services @> ARRAY[${serviceCode}]::text[]`)
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) {
      if (map.missed.size < 100_000) map.missed.add(serviceCode);
      return undefined;
    }
    changed();
    return byVersion(`${row.form_id}@${row.version}`);
  };

  const listen = async (config: pg.ClientConfig | string) => {
    if (closed) return;
    const client = new pg.Client(typeof config === 'string' ? { connectionString: config, keepAlive: true } : { ...config, keepAlive: true });
    client.on('error', () => undefined);
    client.on('notification', (n) => {
      if (n.channel === FORMS_CHANNEL) changed();
    });
    client.on('end', () => {
      if (listener !== client) return;
      listener = undefined;
      changed();
      again(config);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${FORMS_CHANNEL}`);
    } catch {
      await client.end().catch(() => undefined);
      again(config);
      return;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    listener = client;
    // What was published while nobody listened is read on the next lookup.
    changed();
  };
  const again = (config: pg.ClientConfig | string) => {
    if (closed) return;
    retry = setTimeout(() => void listen(config), RECONNECT_MS);
    retry.unref();
  };
  if (options.listen) void listen(options.listen);

  const formOf = async (serviceCode: string): Promise<{ def: FormDefinition; origin: 'own' | 'default' } | undefined> => {
    const mine = await own(serviceCode);
    if (mine) return { def: mine, origin: 'own' };
    const made = await options.fallback?.(serviceCode);
    return made && { def: made, origin: 'default' };
  };

  return {
    async forService(serviceCode) {
      return (await formOf(serviceCode))?.def;
    },
    formOf,
    byVersion,
    async byId(formId) {
      const version = (await known()).byId.get(formId);
      if (version) return byVersion(version);
      const row = await db.selectFrom('form_definition').select('version').where('form_id', '=', formId).where('status', '=', 'published').executeTakeFirst();
      return row && byVersion(`${formId}@${row.version}`);
    },
    refresh() {
      changed();
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
