// Submissions as other systems and browsers send them: multipart bodies and small files whose first
// bytes say what they are. Every required dossier component comes with a file (A1: a submission
// without its required papers is refused on every channel).
import { readFileSync } from 'node:fs';
import { demoDefinition } from './demo-forms.ts';

const DEMO_CATALOG = JSON.parse(readFileSync(new URL('../../src/catalog/demo/catalog.json', import.meta.url), 'utf8')) as { services: { code: string; agency: string }[] };

/** The demo's lead agency of a service: one of its places, so a submission to a procedure of every commune names where it goes (C1). */
export function leadAgency(service: string): string | undefined {
  return DEMO_CATALOG.services.find((s) => s.code === service)?.agency;
}

/** Bytes that are what their names say: the first bytes of a JPEG and a PDF, then filler. */
export const jpeg = (size = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(Math.max(0, size - 4), 7)]);
export const pdf = (size = 2048) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(Math.max(0, size - 9), 0x20)]);

export type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer; type?: string };

/** A multipart/form-data body as a browser builds it, parts in the order given. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----dvctt${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** One small JPEG (every component accepts a scan or a photo) for each required attachment of the service's form. */
export function requiredFiles(service: string): Part[] {
  const def = demoDefinition(service);
  const fields = def ? def.sections.flatMap((s) => s.fields) : [];
  return fields.flatMap((f) => (f.type === 'attachment' && f.required ? [{ name: `component:${f.component}`, filename: `${f.component}.jpg`, data: jpeg(), type: 'image/jpeg' }] : []));
}

/**
 * `POST /api/v1/applications` with the answers, the service's lead agency as the place (C1) and a
 * file for every required component; `files` replace or add parts by name (an `agency` part too),
 * `omit` leaves some out (the store provides them; "agency" sends no place).
 */
export function apiSubmission(headers: Record<string, string> | undefined, service: string, data: unknown, files: Part[] = [], omit: string[] = []) {
  const lead = leadAgency(service);
  const agency: Part[] = lead && !omit.includes('agency') && !files.some((f) => f.name === 'agency') ? [{ name: 'agency', value: lead }] : [];
  const parts = [...agency, ...requiredFiles(service).filter((p) => !files.some((f) => f.name === p.name) && !omit.includes(p.name)), ...files];
  const body = multipart([{ name: 'service', value: service }, { name: 'data', value: JSON.stringify(data) }, ...parts]);
  return { method: 'POST' as const, url: '/api/v1/applications', headers: { ...headers, ...body.headers }, payload: body.payload };
}
