// The form library's fallback (F1, A1): a level-3/4 service without its own form gets its default
// form, stored as a version (origin 'default') the first time it is made from this catalog record,
// so an application keeps the exact version it was filled with. A changed record stores the next.
import { getService } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { defaultFormFor } from './default-form.ts';
import { FormDefinitionError, loadDefinition } from './definition-schema.ts';
import { storeGeneratedForm } from './definitions-store.ts';
import type { FormDefinition } from './model.ts';

/** How many services' default forms one instance remembers (the rest are made and compared again). */
const REMEMBERED = 5000;

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
  // Per service: the generated document (as JSON) and the version stored for it.
  const known = new Map<string, { json: string; def: FormDefinition }>();
  const storing = new Map<string, Promise<FormDefinition>>();
  return async (serviceCode) => {
    const service = await getService(db, serviceCode);
    if (!service || service.level < 3) return undefined;
    const generated = defaultFormFor(service);
    const json = JSON.stringify(generated);
    const hit = known.get(serviceCode);
    if (hit?.json === json) return hit.def;
    // A record the generator cannot make a valid form of stays without an e-form (the service page
    // offers none, submissions are refused, `dvctt check` fails it) rather than breaking its pages.
    if (!isValid(generated)) return undefined;
    const key = `${serviceCode}\n${json}`;
    let pending = storing.get(key);
    if (!pending) {
      pending = storeGeneratedForm(db, generated).finally(() => storing.delete(key));
      storing.set(key, pending);
    }
    const def = await pending;
    if (known.size >= REMEMBERED) known.delete(known.keys().next().value!);
    known.set(serviceCode, { json, def });
    return def;
  };
}
