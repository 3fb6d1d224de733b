// The demo's form definitions read straight from src/forms/demo/*.json through the loader, for
// tests that need a form's fields or its example answers synchronously, before any database exists.
import { demoDefinitions } from '../../src/forms/registry.ts';
import type { FormDefinition } from '../../src/forms/model.ts';

/** Every demo definition, in file-name order (the order the demo seed imports them). */
export const DEMO_DEFINITIONS: readonly FormDefinition[] = demoDefinitions();

/** The demo's form of a service (mã TTHC). */
export function demoDefinition(serviceCode: string): FormDefinition | undefined {
  return DEMO_DEFINITIONS.find((d) => d.services.includes(serviceCode));
}
