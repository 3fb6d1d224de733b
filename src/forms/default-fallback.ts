// The form library's fallback (F1, A1): a level-3/4 service without its own form gets its default
// form, stored as a version (origin 'default') the first time it is made from this catalog record,
// so an application keeps the exact version it was filled with. A changed record stores the next.
import { createHash } from 'node:crypto';
import { getService } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { defaultFormFor } from './default-form.ts';
import { FormDefinitionError, loadDefinition } from './definition-schema.ts';
import { storeGeneratedForm } from './definitions-store.ts';
import type { FormDefinition } from './model.ts';

/**
 * How many services' default forms one instance remembers — each a few kilobytes of JSON and its
 * parsed form; the others are made again and compared with the stored version when asked for.
 */
const REMEMBERED = 1000;

function isValid(def: FormDefinition): boolean {
  try {
    loadDefinition(structuredClone(def));
    return true;
  } catch (err) {
    if (err instanceof FormDefinitionError) return false;
    throw err;
  }
}

export function defaultFormFallback(db: DB): (serviceCode: string) => Promise<FormDefinition | undefined> {
  // Per service: the digest of the generated document and the version stored for it.
  const known = new Map<string, { digest: string; def: FormDefinition }>();
  const storing = new Map<string, Promise<FormDefinition>>();
  return async (serviceCode) => {
    const service = await getService(db, serviceCode);
    if (!service || service.level < 3) return undefined;
    const generated = defaultFormFor(service);
    const digest = createHash('sha256').update(JSON.stringify(generated)).digest('base64');
    const hit = known.get(serviceCode);
    if (hit?.digest === digest) return hit.def;
    // A record the generator cannot make a valid form of stays without an e-form (the service page
    // offers none, submissions are refused, `dvctt check` fails it) rather than breaking its pages.
    if (!isValid(generated)) return undefined;
    const key = `${serviceCode}\n${digest}`;
    let pending = storing.get(key);
    if (!pending) {
      pending = storeGeneratedForm(db, generated).finally(() => storing.delete(key));
      storing.set(key, pending);
    }
    const def = await pending;
    if (known.size >= REMEMBERED) known.delete(known.keys().next().value!);
    known.set(serviceCode, { digest, def });
    return def;
  };
}
