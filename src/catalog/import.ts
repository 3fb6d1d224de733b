// Import of the national catalog's records (format in docs/catalog-format.md): each record is
// checked on its own; the valid ones load (re-import updates by key, never duplicates) and every
// invalid one is reported with its place in the file, its key and the reason.
import { Ajv } from 'ajv';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { LocalEdit } from '../db/schema.ts';
import { csvUpdates, implementationCsvRecords, isImplementationCsv } from './csv.ts';
import { checkImplementation, exportImplementations, loadImplementations, mergeWithLocalEdits, type ImplementationRow, type ImportConflict, type RowProblem } from './import-implementations.ts';
import { dateOfVi } from '../web/format.ts';
import { explainSchemaError } from '../web/schema-errors.ts';
import { storeFormFiles, type FormFileSource } from './form-files.ts';
import { AGENCY_KINDS, type AgencyRecord, type CatalogFile, type DocumentKindRecord, type OfficialFormFile, type ServiceDetails, type ServiceRecord } from './model.ts';

const text = { type: 'string', minLength: 1, maxLength: 2000 } as const;
const longText = { type: 'string', minLength: 1, maxLength: 20000 } as const;
const method = { enum: ['truc-tiep', 'buu-chinh', 'truc-tuyen'] } as const;

export const documentKindSchema = {
  type: 'object',
  required: ['code', 'name'],
  properties: {
    code: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 },
    name: text,
    expires: { type: 'boolean' },
    validityMonths: { type: 'integer', minimum: 1, maximum: 600 },
  },
} as const;

export const agencySchema = {
  type: 'object',
  required: ['code', 'name', 'kind'],
  properties: {
    code: { type: 'string', pattern: '^[0-9A-Za-z.]{3,40}$' },
    name: text,
    kind: { enum: AGENCY_KINDS },
    parent: { type: ['string', 'null'] },
    replacedBy: { type: ['string', 'null'], pattern: '^[0-9A-Za-z.]{3,40}$' },
    openingHours: { type: 'string', maxLength: 500 },
    sharesData: { type: 'boolean' },
    address: { type: 'string', maxLength: 500 },
    phone: { type: 'string', maxLength: 100 },
    email: { type: 'string', maxLength: 200 },
  },
} as const;

export const serviceSchema = {
  type: 'object',
  required: ['code', 'name', 'sector', 'field', 'adminLevel', 'level', 'agency', 'steps', 'methods', 'components', 'timeLimitDays', 'applicants', 'decidingAgency', 'result', 'fees', 'legalBasis'],
  properties: {
    code: { type: 'string', pattern: '^[0-9]+\\.[0-9]{6}$' },
    name: text,
    sector: { type: 'string', minLength: 1, maxLength: 200 },
    field: { type: 'string', minLength: 1, maxLength: 200 },
    adminLevel: { enum: ['trung-uong', 'tinh', 'huyen', 'xa'] },
    level: { type: 'integer', minimum: 1, maximum: 4 },
    agency: { type: 'string', minLength: 1 },
    steps: { type: 'array', minItems: 1, items: longText },
    methods: { type: 'array', minItems: 1, items: method },
    components: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'kind'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 },
          name: text,
          kind: { type: 'string', minLength: 1 },
          original: { type: 'integer', minimum: 0, maximum: 100 },
          copy: { type: 'integer', minimum: 0, maximum: 100 },
        },
      },
    },
    dossierCount: { type: 'integer', minimum: 0 },
    timeLimitDays: { type: 'integer', minimum: 0, maximum: 3650 },
    timeLimitText: { type: 'string', maxLength: 2000 },
    applicants: text,
    decidingAgency: text,
    result: text,
    fees: {
      type: 'array',
      items: { type: 'object', required: ['description', 'amount'], properties: { description: text, amount: { type: 'number', minimum: 0 } } },
    },
    requirements: { type: 'string', maxLength: 20000 },
    forms: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'slug', 'name'],
        properties: {
          code: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$' },
          slug: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$' },
          name: text,
          fields: { type: 'array', items: { type: 'string', maxLength: 500 } },
          file: { type: 'string', minLength: 1, maxLength: 500 },
        },
      },
    },
    resultMethods: { type: 'array', items: method },
    legalBasis: { type: 'array', items: text },
    publicationDecision: { type: 'string', maxLength: 2000 },
  },
} as const;

const ajv = new Ajv({ allErrors: false, strict: false });
const validators = {
  documentKinds: ajv.compile(documentKindSchema),
  agencies: ajv.compile(agencySchema),
  services: ajv.compile(serviceSchema),
};

/** Where in the file (a JSON pointer such as /services/12, or a CSV line), its key, the field at fault when one is, and why. */
export type ImportProblem = RowProblem;
export type { ImportConflict };

export interface ImportReport {
  documentKinds: { inserted: number; updated: number };
  agencies: { inserted: number; updated: number };
  services: { inserted: number; updated: number };
  implementations: { inserted: number; updated: number };
  problems: ImportProblem[];
  /** Fields edited in the portal that the file would have changed: each edit was kept. */
  conflicts: ImportConflict[];
}

function emptyReport(problems: ImportProblem[] = []): ImportReport {
  const zero = () => ({ inserted: 0, updated: 0 });
  return { documentKinds: zero(), agencies: zero(), services: zero(), implementations: zero(), problems, conflicts: [] };
}

function check<T>(section: keyof typeof validators, index: number, record: unknown, problems: ImportProblem[]): record is T {
  const validate = validators[section];
  if (validate(record)) return true;
  const key = typeof record === 'object' && record && 'code' in record ? String((record as { code: unknown }).code) : undefined;
  problems.push({ at: `/${section}/${index}`, key, message: explainSchemaError(validate.errors![0]!, { whole: 'bản ghi' }).message });
  return false;
}

/** Parses the text of an import file; a file that is not the format is one clear problem. */
export function parseCatalogFile(raw: string): CatalogFile {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new CatalogFormatError(`Tệp không phải JSON hợp lệ: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== 'dvctt-catalog/1') {
    throw new CatalogFormatError('Tệp thiếu "format": "dvctt-catalog/1" (xem docs/catalog-format.md).');
  }
  for (const section of ['documentKinds', 'agencies', 'services', 'implementations'] as const) {
    const v = (data as Record<string, unknown>)[section];
    if (v !== undefined && !Array.isArray(v)) throw new CatalogFormatError(`"${section}" phải là một mảng.`);
  }
  return data as CatalogFile;
}

export class CatalogFormatError extends Error {
  override name = 'CatalogFormatError';
}

function details(s: ServiceRecord, official: Map<number, OfficialFormFile>): ServiceDetails {
  return {
    steps: s.steps,
    methods: s.methods,
    components: s.components.map((c) => ({ ...c, original: c.original ?? 0, copy: c.copy ?? 0 })),
    dossierCount: s.dossierCount ?? 1,
    timeLimitText: s.timeLimitText ?? `${s.timeLimitDays} ngày làm việc`,
    applicants: s.applicants,
    decidingAgency: s.decidingAgency,
    result: s.result,
    fees: s.fees,
    requirements: s.requirements ?? 'Không',
    // Built field by field: a stored file is only ever one this import read (an "official" in the file is ignored).
    forms: (s.forms ?? []).map((f, i) => ({ code: f.code, slug: f.slug, name: f.name, fields: f.fields ?? [], ...(official.has(i) && { official: official.get(i)! }) })),
    resultMethods: s.resultMethods ?? s.methods,
    legalBasis: s.legalBasis,
    publicationDecision: s.publicationDecision ?? '',
  };
}

/** Counts rows that were inserted (xmax = 0) versus updated by an upsert. */
const inserted = sql<boolean>`(xmax = 0)`.as('inserted');

export interface ImportOptions {
  /** Where the forms' official files (`file`) are read from and kept; without it a record naming one is refused. */
  formFiles?: FormFileSource;
}

/** Imports a parsed file in one transaction. Problems are reported, never thrown. */
export async function importCatalog(db: DB, file: CatalogFile, options: ImportOptions = {}): Promise<ImportReport> {
  const report = emptyReport();
  const problems = report.problems;
  const tally = (t: { inserted: number; updated: number }, wasInserted: boolean) => (wasInserted ? t.inserted++ : t.updated++);

  const inTransaction = (work: (trx: DB) => Promise<void>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  await inTransaction(async (trx) => {
    const kinds = (file.documentKinds ?? []).filter((k, i) => check<DocumentKindRecord>('documentKinds', i, k, problems));
    for (const k of kinds) {
      const row = await trx
        .insertInto('document_kind')
        .values({ code: k.code, name: k.name, expires: k.expires ?? false, validity_months: k.validityMonths ?? null })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: k.name, expires: k.expires ?? false, validity_months: k.validityMonths ?? null }))
        .returning(inserted)
        .executeTakeFirstOrThrow();
      tally(report.documentKinds, row.inserted);
    }

    // Agencies: parents before children, whatever the order in the file.
    const agencies = (file.agencies ?? []).map((a, i) => ({ a, i })).filter(({ a, i }) => check<AgencyRecord>('agencies', i, a, problems));
    const known = new Set((await trx.selectFrom('agency').select('code').execute()).map((r) => r.code));
    const inFile = new Set(agencies.map(({ a }) => a.code));
    let pending = agencies.filter(({ a, i }) => {
      if (!a.replacedBy || ((known.has(a.replacedBy) || inFile.has(a.replacedBy)) && a.replacedBy !== a.code)) return true;
      problems.push({ at: `/agencies/${i}`, key: a.code, field: 'replacedBy', message: `cơ quan thay thế "${a.replacedBy}" không có trong tệp hay trong danh mục` });
      return false;
    });
    while (pending.length) {
      const ready = pending.filter(({ a }) => !a.parent || known.has(a.parent));
      if (!ready.length) break;
      for (const { a } of ready) {
        const values = {
          name: a.name,
          kind: a.kind,
          parent_code: a.parent ?? null,
          shares_data: a.sharesData ?? false,
          address: a.address ?? null,
          phone: a.phone ?? null,
          email: a.email ?? null,
          opening_hours: a.openingHours ?? null,
          updated_at: new Date(),
        };
        const row = await trx
          .insertInto('agency')
          .values({ code: a.code, ...values })
          .onConflict((oc) => oc.column('code').doUpdateSet(values))
          .returning(inserted)
          .executeTakeFirstOrThrow();
        tally(report.agencies, row.inserted);
        known.add(a.code);
      }
      pending = pending.filter((p) => !ready.includes(p));
    }
    for (const { a, i } of pending) {
      problems.push({ at: `/agencies/${i}`, key: a.code, field: 'parent', message: `cơ quan cấp trên "${a.parent}" không có trong tệp hay trong danh mục` });
    }
    // A merged or renamed agency points to its successor, once both are in (any order in the file).
    for (const { a } of agencies) {
      if (known.has(a.code) && a.replacedBy !== undefined && (a.replacedBy === null || known.has(a.replacedBy))) {
        await trx.updateTable('agency').set({ replaced_by: a.replacedBy }).where('code', '=', a.code).execute();
      }
    }

    const kindCodes = new Set((await trx.selectFrom('document_kind').select('code').execute()).map((r) => r.code));
    const seen = new Set<string>();
    const accepted: ServiceRecord[] = [];
    (file.services ?? []).forEach((s, i) => {
      if (!check<ServiceRecord>('services', i, s, problems)) return;
      if (seen.has(s.code)) return void problems.push({ at: `/services/${i}`, key: s.code, message: 'mã TTHC bị lặp trong tệp; bản ghi sau bị bỏ qua' });
      if (!known.has(s.agency)) return void problems.push({ at: `/services/${i}`, key: s.code, message: `cơ quan "${s.agency}" không có trong danh mục` });
      const unknownKind = s.components.find((c) => !kindCodes.has(c.kind));
      if (unknownKind) return void problems.push({ at: `/services/${i}`, key: s.code, message: `thành phần "${unknownKind.id}" dùng loại giấy tờ "${unknownKind.kind}" chưa có trong danh mục` });
      const ids = s.components.map((c) => c.id);
      if (new Set(ids).size !== ids.length) return void problems.push({ at: `/services/${i}`, key: s.code, message: 'mã thành phần hồ sơ bị lặp' });
      seen.add(s.code);
      accepted.push(s);
    });
    // Published fields edited in the portal stay as edited; a different imported value is a conflict.
    const edited: Map<string, Record<string, LocalEdit>> = accepted.length
      ? new Map((await trx.selectFrom('service').select(['code', 'local_edits']).where('code', 'in', accepted.map((s) => s.code)).where(sql<boolean>`local_edits <> '{}'::jsonb`).execute()).map((r) => [r.code, r.local_edits]))
      : new Map();
    for (const [n, s] of accepted.entries()) {
      const edits = edited.get(s.code);
      if (!edits) continue;
      const { conflicts } = mergeWithLocalEdits(s as unknown as Record<string, unknown>, edits);
      const at = `/services/${(file.services ?? []).indexOf(s)}`;
      for (const c of conflicts) if (c.field !== 'name') report.conflicts.push({ at, key: s.code, ...c });
      // The legal name is always the national record's; the published name is never imported over.
      accepted[n] = { ...s, ...Object.fromEntries(Object.entries(edits).filter(([f]) => f !== 'name' && f in s).map(([f, e]) => [f, e.value])) } as ServiceRecord;
    }
    const officialFiles = new Map<ServiceRecord, Map<number, OfficialFormFile>>();
    for (const s of accepted) {
      const { files, problem } = await storeFormFiles(s, options.formFiles);
      if (problem) problems.push({ at: `/services/${(file.services ?? []).indexOf(s)}`, key: s.code, message: problem });
      else officialFiles.set(s, files);
    }
    for (const [s, official] of officialFiles) {
      const columns = {
        legal_name: s.name,
        sector: s.sector,
        field: s.field,
        admin_level: s.adminLevel,
        level: s.level,
        agency_code: s.agency,
        time_limit_days: s.timeLimitDays,
        details: JSON.stringify(details(s, official)),
        updated_at: new Date(),
      };
      // The national record sets the legal name; a published name edited locally is kept (C4 reports it).
      const row = await trx
        .insertInto('service')
        .values({ code: s.code, name: s.name, ...columns })
        .onConflict((oc) => oc.column('code').doUpdateSet(columns))
        .returning(inserted)
        .executeTakeFirstOrThrow();
      tally(report.services, row.inserted);
    }

    const rows: ImplementationRow[] = [];
    (file.implementations ?? []).forEach((raw, i) => {
      const checked = checkImplementation(`/implementations/${i}`, raw);
      if ('problem' in checked) problems.push(checked.problem);
      else rows.push(checked.row);
    });
    await loadInto(trx, report, rows);
  });
  return report;
}

async function loadInto(trx: DB, report: ImportReport, rows: ImplementationRow[]): Promise<void> {
  const loaded = await loadImplementations(trx, rows);
  report.implementations = { inserted: loaded.inserted, updated: loaded.updated };
  report.problems.push(...loaded.problems);
  report.conflicts.push(...loaded.conflicts);
}

/**
 * A CSV of flat fields updates services already in the catalog (bulk changes of level, agency,
 * time limit …). Its `name` is the legal name, as in the JSON import.
 */
export async function importCatalogCsv(db: DB, text: string): Promise<ImportReport> {
  if (isImplementationCsv(text)) return importImplementationsCsv(db, text);
  const { updates, problems: csvProblems } = csvUpdates(text);
  const problems: ImportProblem[] = csvProblems.map((p) => ({ at: `dòng ${p.line}`, key: p.key, message: p.message }));
  const report = emptyReport(problems);
  await db.transaction().execute(async (trx) => {
    const agencies = new Set((await trx.selectFrom('agency').select('code').execute()).map((r) => r.code));
    for (const u of updates) {
      if (u.agency && !agencies.has(u.agency)) {
        problems.push({ at: `dòng ${u.line}`, key: u.code, message: `cơ quan "${u.agency}" không có trong danh mục` });
        continue;
      }
      const set = {
        ...(u.name && { legal_name: u.name }),
        ...(u.sector && { sector: u.sector }),
        ...(u.field && { field: u.field }),
        ...(u.adminLevel && { admin_level: u.adminLevel }),
        ...(u.level && { level: u.level }),
        ...(u.agency && { agency_code: u.agency }),
        ...(u.timeLimitDays !== undefined && { time_limit_days: u.timeLimitDays }),
        updated_at: new Date(),
      };
      const res = await trx.updateTable('service').set(set).where('code', '=', u.code).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) {
        problems.push({ at: `dòng ${u.line}`, key: u.code, message: 'thủ tục chưa có trong danh mục; nhập bản ghi đầy đủ bằng tệp JSON trước' });
      } else {
        report.services.updated++;
      }
    }
  });
  return report;
}

/** An assignment list (`service,agency,…`): each line checked as a JSON record would be, valid lines loaded. */
async function importImplementationsCsv(db: DB, text: string): Promise<ImportReport> {
  const report = emptyReport();
  const rows: ImplementationRow[] = [];
  for (const { line, record } of implementationCsvRecords(text)) {
    const checked = checkImplementation(`dòng ${line}`, record);
    if ('problem' in checked) report.problems.push({ ...checked.problem, message: checked.problem.message.replace(/^trường "/, 'cột "') });
    else rows.push(checked.row);
  }
  await (db.isTransaction ? loadInto(db, report, rows) : db.transaction().execute((trx) => loadInto(trx, report, rows)));
  return report;
}

/** The whole catalog in the import format, so an export re-imports to the same catalog. */
export async function exportCatalog(db: DB): Promise<CatalogFile> {
  const [kinds, agencies, services, implementations] = await Promise.all([
    db.selectFrom('document_kind').selectAll().orderBy('code').execute(),
    db.selectFrom('agency').selectAll().orderBy('code').execute(),
    db.selectFrom('service').select(['code', 'legal_name', 'sector', 'field', 'admin_level', 'level', 'agency_code', 'time_limit_days', 'details']).orderBy('code').execute(),
    exportImplementations(db),
  ]);
  return {
    format: 'dvctt-catalog/1',
    source: `Xuất từ dvctt ngày ${dateOfVi(new Date())}`,
    documentKinds: kinds.map((k) => ({ code: k.code, name: k.name, expires: k.expires, ...(k.validity_months && { validityMonths: k.validity_months }) })),
    agencies: agencies.map((a) => ({
      code: a.code,
      name: a.name,
      kind: a.kind,
      parent: a.parent_code,
      sharesData: a.shares_data,
      ...(a.address && { address: a.address }),
      ...(a.phone && { phone: a.phone }),
      ...(a.email && { email: a.email }),
      ...(a.opening_hours && { openingHours: a.opening_hours }),
      ...(a.replaced_by && { replacedBy: a.replaced_by }),
    })),
    services: services.map((s) => ({
      code: s.code,
      name: s.legal_name,
      sector: s.sector,
      field: s.field,
      adminLevel: s.admin_level,
      level: s.level as ServiceRecord['level'],
      agency: s.agency_code,
      timeLimitDays: s.time_limit_days ?? 0,
      ...withoutStoredFiles(s.details as ServiceDetails),
    })),
    implementations,
  };
}

/** An export names no stored file: the official form files stay with the catalog they were imported into. */
function withoutStoredFiles(d: ServiceDetails): ServiceDetails {
  return { ...d, forms: (d.forms ?? []).map(({ official: _official, ...f }) => f) };
}
