// What the e-form's step pages and its check page share: the service they are for, the script and
// style that enhance them, the heading above both, and the list of papers to attach.
import { shorten } from '../../web/format.ts';
import { CatalogBreadcrumbs } from '../../web/components/breadcrumbs.tsx';
import type { Field, FormDefinition } from '../model.ts';

export interface ServiceRef {
  code: string;
  name: string;
  /** The agency that decides, printed after "Kính gửi:" when the form names none. */
  decidingAgency?: string;
  /** C1: where the application goes, when several agencies implement the service; `change` opens the picker. */
  place?: { code: string; name: string; change: string };
}

/** Where the page's enhancement script and the definition it runs are served. */
export interface ClientAssets {
  script: string;
  style: string;
  definition: string;
}

/** The answers as posted: field name to raw value. */
export type Raw = Record<string, unknown>;

/** The papers a section asks for, with whether each is required. */
export function Attachments({ fields }: { fields: Field[] }) {
  return (
    <ul class="attachments">
      {fields.map((f) => (
        <li key={f.id}>
          {f.label}
          {f.required ? ' (bắt buộc)' : ' (nếu có)'}
          {f.help && <span class="hint"> — {f.help}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The breadcrumbs to the service and the form's number and legal basis. */
export function Heading({ def, service }: { def: FormDefinition; service: ServiceRef }) {
  return (
    <>
      <CatalogBreadcrumbs last={{ href: `/dich-vu-cong/${service.code}`, label: shorten(service.name, 80) }} />
      <p class="form-number">{[def.number, def.legalBasis].filter(Boolean).join(' — ')}</p>
      {service.place && (
        <p class="form-place">
          <strong>Nộp tại:</strong> {service.place.name} — <a href={service.place.change}>Đổi nơi nộp</a>
        </p>
      )}
    </>
  );
}
