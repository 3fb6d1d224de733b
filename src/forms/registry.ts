// The form definitions the portal knows, loaded (and so checked) once when the module loads:
// a broken definition stops the start with the path of the problem instead of a broken page.
import { readFileSync } from 'node:fs';
import { loadDefinition } from './definition-schema.ts';
import type { FormDefinition } from './model.ts';

// Ví dụ 1 (V5): the two civil-status forms that both ask for the birth certificate.
const DEMO = ['mau02-cchn-duoc.json', 'tk-dang-ky-khai-sinh.json', 'mau01-gpxd-nha-o.json', 'tk-thay-doi-cai-chinh-ho-tich.json', 'tk-dang-ky-lai-khai-sinh.json'];

function readDemo(file: string): FormDefinition {
  return loadDefinition(JSON.parse(readFileSync(new URL(`./demo/${file}`, import.meta.url), 'utf8')));
}

export const DEFINITIONS: readonly FormDefinition[] = DEMO.map(readDemo);

/** The e-form of a service (mã TTHC), if it has one. */
export function definitionForService(code: string): FormDefinition | undefined {
  return DEFINITIONS.find((d) => d.services.includes(code));
}

/** The definition an application or draft names ("mau02-cchn-duoc@2"), while the portal knows it. */
export function definitionByVersion(version: string): FormDefinition | undefined {
  return DEFINITIONS.find((d) => `${d.id}@${d.version}` === version);
}
