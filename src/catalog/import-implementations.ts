// The province's assignment list (C1, C2): which agency implements which procedure, with its
// overrides, from the JSON file's `implementations` or a CSV with `service,agency,…` columns.
// Each row is checked on its own (unknown procedure or agency, a duplicate, an override out of
// range); valid rows load. A field edited in the portal (local_edits) is kept: the import
// reports a conflict for it instead of overwriting it.
import { Ajv } from 'ajv';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { LocalEdit } from '../db/schema.ts';
import { explainSchemaError } from '../web/schema-errors.ts';
import { IMPLEMENTATION_FIELDS, implementationColumns, type ImplementationField } from './implementations.ts';
import type { ImplementationRecord } from './model.ts';

const nullableText = (max: number) => ({ type: ['string', 'null'], minLength: 1, maxLength: max }) as const;
const dateTime = { type: ['string', 'null'], format: 'date-time' } as const;

export const implementationSchema = {
  type: 'object',
  required: ['service', 'agency'],
  additionalProperties: false,
  properties: {
    service: { type: 'string', pattern: '^[0-9]+\\.[0-9]{6}$' },
    agency: { type: 'string', pattern: '^[0-9A-Za-z.]{3,40}$' },
    timeLimitDays: { type: ['integer', 'null'], minimum: 0, maximum: 3650 },
    level: { type: ['integer', 'null'], minimum: 1, maximum: 4 },
    fees: {
      type: ['array', 'null'],
      items: { type: 'object', required: ['description', 'amount'], properties: { description: { type: 'string', minLength: 1, maxLength: 2000 }, amount: { type: 'number', minimum: 0 } } },
    },
    receivingAddress: nullableText(500),
    openingHours: nullableText(500),
    formId: nullableText(200),
    online: { type: 'boolean' },
    offlineFrom: dateTime,
    offlineUntil: dateTime,
    offlineReason: nullableText(1000),
  },
} as const;

const ajv = new Ajv({ allErrors: false, strict: false });
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(implementationSchema);

export interface RowProblem {
  /** Where: a JSON pointer (/implementations/3) or a CSV line (dòng 4). */
  at: string;
  key: string | undefined;
  /** The field at fault, when one is. */
  field?: string;
  message: string;
}

/** A field edited in the portal that the imported file would have changed: the edit is kept. */
export interface ImportConflict {
  at: string;
  key: string;
  field: string;
  local: LocalEdit;
  imported: unknown;
}

export interface ImplementationRow {
  at: string;
  record: ImplementationRecord;
}

/** A JSON record checked against the schema: the record, or its first fault with the field. */
export function checkImplementation(at: string, raw: unknown): { row: ImplementationRow } | { problem: RowProblem } {
  if (validate(raw)) return { row: { at, record: raw as ImplementationRecord } };
  const r = (raw ?? {}) as Partial<ImplementationRecord>;
  const e = validate.errors![0]!;
  const explained = explainSchemaError(e, { whole: 'bản ghi' });
  const field = explained.path.split('/')[1] || (e.keyword === 'required' ? String(e.params.missingProperty) : undefined);
  return { problem: { at, key: keyOf(r), ...(field && { field }), message: explained.message } };
}

function keyOf(r: Partial<ImplementationRecord>): string | undefined {
  return typeof r.service === 'string' && typeof r.agency === 'string' ? `${r.service} – ${r.agency}` : typeof r.service === 'string' ? r.service : undefined;
}

/**
 * Splits the fields a row sets into those to write and those a portal edit keeps; a kept field
 * whose imported value differs from the edit is a conflict.
 */
export function mergeWithLocalEdits<F extends string>(given: Partial<Record<F, unknown>>, edits: Record<string, LocalEdit>): { write: Partial<Record<F, unknown>>; conflicts: { field: F; local: LocalEdit; imported: unknown }[] } {
  const write: Partial<Record<F, unknown>> = {};
  const conflicts: { field: F; local: LocalEdit; imported: unknown }[] = [];
  for (const [field, value] of Object.entries(given) as [F, unknown][]) {
    if (value === undefined) continue;
    const local = edits[field];
    if (!local) write[field] = value;
    else if (JSON.stringify(local.value ?? null) !== JSON.stringify(value ?? null)) conflicts.push({ field, local, imported: value });
  }
  return { write, conflicts };
}

/** Counts rows that were inserted (xmax = 0) versus updated by an upsert. */
const inserted = sql<boolean>`(xmax = 0)`.as('inserted');

/** Loads checked rows inside the caller's transaction; returns what was refused and what conflicted. */
export async function loadImplementations(
  trx: DB,
  rows: readonly ImplementationRow[],
): Promise<{ inserted: number; updated: number; problems: RowProblem[]; conflicts: ImportConflict[] }> {
  const out = { inserted: 0, updated: 0, problems: [] as RowProblem[], conflicts: [] as ImportConflict[] };
  if (!rows.length) return out;
  const serviceCodes = [...new Set(rows.map((r) => r.record.service))];
  const services = new Set((await trx.selectFrom('service').select('code').where('code', 'in', serviceCodes).execute()).map((r) => r.code));
  const agencies = new Map((await trx.selectFrom('agency').select(['code', 'replaced_by']).execute()).map((a) => [a.code, a.replaced_by]));
  const existing = new Map(
    (await trx.selectFrom('service_implementation').select(['service_code', 'agency_code', 'local_edits']).where('service_code', 'in', serviceCodes).execute()).map((r) => [
      `${r.service_code} – ${r.agency_code}`,
      r.local_edits ?? {},
    ]),
  );
  const seen = new Map<string, string>();
  for (const { at, record: r } of rows) {
    const key = `${r.service} – ${r.agency}`;
    const fail = (field: string, message: string) => out.problems.push({ at, key, field, message });
    if (!services.has(r.service)) {
      fail('service', `thủ tục "${r.service}" không có trong danh mục`);
      continue;
    }
    if (!agencies.has(r.agency)) {
      fail('agency', `cơ quan "${r.agency}" không có trong danh mục`);
      continue;
    }
    const successor = agencies.get(r.agency);
    if (successor) {
      fail('agency', `cơ quan "${r.agency}" đã được thay bằng "${successor}"; giao thủ tục cho cơ quan mới`);
      continue;
    }
    if (seen.has(key)) {
      fail('agency', `cơ quan đã được giao thủ tục này ở ${seen.get(key)}; bản ghi sau bị bỏ qua`);
      continue;
    }
    if (r.offlineFrom && r.offlineUntil && Date.parse(r.offlineUntil) <= Date.parse(r.offlineFrom)) {
      fail('offlineUntil', 'thời điểm mở lại phải sau thời điểm tạm dừng');
      continue;
    }
    seen.set(key, at);
    const given = Object.fromEntries(IMPLEMENTATION_FIELDS.map((f) => [f, r[f]])) as Partial<Record<ImplementationField, unknown>>;
    const { write, conflicts } = mergeWithLocalEdits(given, existing.get(key) ?? {});
    for (const c of conflicts) out.conflicts.push({ at, key, ...c });
    const columns = { ...implementationColumns(write as Partial<ImplementationRecord>), updated_at: new Date() };
    const row = await trx
      .insertInto('service_implementation')
      .values({ service_code: r.service, agency_code: r.agency, ...columns })
      .onConflict((oc) => oc.columns(['service_code', 'agency_code']).doUpdateSet(columns))
      .returning(inserted)
      .executeTakeFirstOrThrow();
    if (row.inserted) out.inserted++;
    else out.updated++;
  }
  return out;
}

/** Every implementation with the overrides it has, in the import format (ordered by procedure and agency). */
export async function exportImplementations(db: DB): Promise<ImplementationRecord[]> {
  const rows = await db.selectFrom('service_implementation').selectAll().orderBy('service_code').orderBy('agency_code').execute();
  return rows.map((r) => {
    const values: Record<ImplementationField, unknown> = {
      timeLimitDays: r.time_limit_days,
      level: r.level,
      fees: r.fees,
      receivingAddress: r.receiving_address,
      openingHours: r.opening_hours,
      formId: r.form_id,
      online: r.online ? undefined : false,
      offlineFrom: r.offline_from?.toISOString(),
      offlineUntil: r.offline_until?.toISOString(),
      offlineReason: r.offline_reason,
    };
    const set = Object.entries(values).filter(([, v]) => v !== null && v !== undefined);
    return { service: r.service_code, agency: r.agency_code, ...Object.fromEntries(set) } as ImplementationRecord;
  });
}
