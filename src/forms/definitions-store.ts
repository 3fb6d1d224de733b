// Form definitions as versioned data (F1–F6, C6): every SQL of the form_definition table. A version
// is written only after loadDefinition accepted it; a published version never changes again, so an
// application keeps the exact form it was made with. Each change is audited and, when it changes
// what a service's form is, announced on the channel `dvctt_forms` for the other instances.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { audit, type Actor } from '../identity/index.ts';
import type { Outcome, ProblemTable } from '../web/problem.ts';
import { FormDefinitionError, loadDefinition } from './definition-schema.ts';
import type { FormDefinition } from './model.ts';

/** The channel on which a publish, retirement or import is announced to every instance. */
export const FORMS_CHANNEL = 'dvctt_forms';
/** A definition larger than this is not a form a person fills in; refused before it is read. */
export const MAX_DEFINITION_BYTES = 2 * 1024 * 1024;
/** Fields (those in repeating groups included) a form may have: the 700-field benchmark fits. */
export const MAX_DEFINITION_FIELDS = 1000;

export type FormStatus = 'draft' | 'published' | 'retired';
export type FormOrigin = 'own' | 'default';
export type FormProblem = 'invalid' | 'stale' | 'conflict' | 'no-draft' | 'not-found';

export const FORM_PROBLEMS: ProblemTable<FormProblem> = {
  status: { invalid: 400, stale: 409, conflict: 409, 'no-draft': 404, 'not-found': 404 },
  vi: {
    invalid: (p) => `Định nghĩa biểu mẫu không hợp lệ tại ${p.path || '/'}: ${p.reason}`,
    stale: (p) => `Bản nháp đã được lưu lại bởi người khác (lần lưu ${p.revision}, lúc ${p.updatedAt}); hãy mở lại bản nháp mới nhất rồi sửa tiếp.`,
    conflict: (p) => `Biểu mẫu "${p.formId}" phiên bản ${p.version} đã có với nội dung khác; hãy tăng số phiên bản.`,
    'no-draft': (p) => `Biểu mẫu "${p.formId}" không có bản nháp để công bố.`,
    'not-found': (p) => `Không có biểu mẫu "${p.formId}" đang công bố.`,
  },
  en: {
    invalid: (p) => `Invalid form definition at ${p.path || '/'}: ${p.reason}`,
    stale: (p) => `The draft was saved by someone else (save ${p.revision}, at ${p.updatedAt}); open the latest draft and edit again.`,
    conflict: (p) => `Form "${p.formId}" version ${p.version} already exists with different content; increase the version number.`,
    'no-draft': (p) => `Form "${p.formId}" has no draft to publish.`,
    'not-found': (p) => `No published form "${p.formId}".`,
  },
};

export interface FormSummary {
  formId: string;
  title: string;
  services: string[];
  origin: FormOrigin;
  publishedVersion: number | null;
  draftVersion: number | null;
  /** Revision of the draft, for the next save; null without a draft. */
  draftRevision: number | null;
  versions: number;
  updatedAt: Date;
}

export interface FormVersion {
  formId: string;
  version: number;
  status: FormStatus;
  origin: FormOrigin;
  services: string[];
  revision: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

export interface StoredForm extends FormVersion {
  document: FormDefinition;
}

type Invalid = { ok: false; problem: { code: 'invalid'; field: string; params: { path: string; reason: string } } };
const invalid = (path: string, reason: string): Invalid => ({ ok: false, problem: { code: 'invalid', field: path, params: { path, reason } } });

function countFields(json: unknown): number {
  const sections = (json as { sections?: unknown }).sections;
  if (!Array.isArray(sections)) return 0;
  let n = 0;
  for (const s of sections) {
    const fields = (s as { fields?: unknown } | null)?.fields;
    if (!Array.isArray(fields)) continue;
    for (const f of fields) {
      n += 1;
      const inner = (f as { fields?: unknown } | null)?.fields;
      if (Array.isArray(inner)) n += inner.length;
    }
  }
  return n;
}

/**
 * The checks of loadDefinition, with the size limits before them, as an outcome: the path of the
 * problem and its Vietnamese reason, exactly as the loader words them.
 */
export function checkDefinition(json: unknown): Outcome<FormDefinition, 'invalid'> {
  const bytes = Buffer.byteLength(JSON.stringify(json) ?? '');
  if (bytes > MAX_DEFINITION_BYTES) return invalid('/', `định nghĩa quá lớn (${(bytes / 1024 / 1024).toFixed(1)} MB; tối đa ${MAX_DEFINITION_BYTES / 1024 / 1024} MB).`);
  const fields = countFields(json);
  if (fields > MAX_DEFINITION_FIELDS) return invalid('/sections', `biểu mẫu có ${fields} trường; tối đa ${MAX_DEFINITION_FIELDS} trường.`);
  try {
    return { ok: true, value: loadDefinition(structuredClone(json)) };
  } catch (e) {
    if (e instanceof FormDefinitionError) return invalid(e.path, e.reason);
    throw e;
  }
}

/** The caller's transaction, or a new one: a file imported inside the demo seed joins the seed's. */
function inTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** One writer per form at a time: saves, publishes and imports of the same form queue up. */
async function lockForm(trx: DB, formId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('dvctt-form'), hashtext(${formId}))`.execute(trx);
}

async function announce(trx: DB, formId: string): Promise<void> {
  await sql`SELECT pg_notify(${FORMS_CHANNEL}, ${formId})`.execute(trx);
}

const VERSION_COLUMNS = ['form_id', 'version', 'status', 'origin', 'services', 'revision', 'created_by', 'created_at', 'updated_at', 'published_at', 'retired_at'] as const;
type VersionRow = { form_id: string; version: number; status: FormStatus; origin: FormOrigin; services: string[]; revision: number; created_by: string | null; created_at: Date; updated_at: Date; published_at: Date | null; retired_at: Date | null };
const toVersion = (r: VersionRow): FormVersion => ({
  formId: r.form_id,
  version: r.version,
  status: r.status,
  origin: r.origin,
  services: r.services,
  revision: r.revision,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
  retiredAt: r.retired_at,
});

/** Every form with its latest version's title: what the designer lists. */
export async function listForms(db: DB, options: { origin?: FormOrigin } = {}): Promise<FormSummary[]> {
  let q = db
    .selectFrom('form_definition')
    .select([
      'form_id',
      sql<string>`(array_agg(document->>'title' ORDER BY version DESC))[1]`.as('title'),
      // array_agg of a text[] is two-dimensional, where [1] is NULL: aggregate the arrays as JSON values.
      sql<string[]>`(array_agg(to_jsonb(services) ORDER BY (status = 'published') DESC, version DESC))[1]`.as('services'),
      sql<FormOrigin>`(array_agg(origin ORDER BY version DESC))[1]`.as('origin'),
      sql<number | null>`max(version) FILTER (WHERE status = 'published')`.as('published'),
      sql<number | null>`max(version) FILTER (WHERE status = 'draft')`.as('draft'),
      sql<number | null>`max(revision) FILTER (WHERE status = 'draft')`.as('draft_revision'),
      sql<number>`count(*)::int`.as('versions'),
      sql<Date>`max(updated_at)`.as('updated_at'),
    ])
    .groupBy('form_id')
    .orderBy('form_id');
  if (options.origin) q = q.having(sql<boolean>`bool_and(origin = ${options.origin})`);
  const rows = await q.execute();
  return rows.map((r) => ({
    formId: r.form_id,
    title: r.title,
    services: r.services,
    origin: r.origin,
    publishedVersion: r.published,
    draftVersion: r.draft,
    draftRevision: r.draft_revision,
    versions: r.versions,
    updatedAt: r.updated_at,
  }));
}

/** A form's versions, newest first, without their documents. */
export async function formVersions(db: DB, formId: string): Promise<FormVersion[]> {
  const rows = await db.selectFrom('form_definition').select(VERSION_COLUMNS).where('form_id', '=', formId).orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}

/** One version with its document, whatever its status. */
export async function getVersion(db: DB, formId: string, version: number): Promise<StoredForm | undefined> {
  const r = await db.selectFrom('form_definition').select([...VERSION_COLUMNS, 'document']).where('form_id', '=', formId).where('version', '=', version).executeTakeFirst();
  return r && { ...toVersion(r), document: r.document as FormDefinition };
}

/** The document of "id@n" as stored, read in the caller's transaction (the data fields of an application). */
export async function definitionAt(db: DB, version: string): Promise<FormDefinition | undefined> {
  const m = /^(.+)@([1-9][0-9]{0,8})$/.exec(version);
  if (!m) return undefined;
  const row = await db.selectFrom('form_definition').select('document').where('form_id', '=', m[1]!).where('version', '=', Number(m[2])).executeTakeFirst();
  return row?.document as FormDefinition | undefined;
}

/** The published versions of the forms people made or imported (not the generated ones): what export-forms writes. */
export async function publishedForms(db: DB): Promise<StoredForm[]> {
  const rows = await db.selectFrom('form_definition').select([...VERSION_COLUMNS, 'document']).where('status', '=', 'published').where('origin', '=', 'own').orderBy('form_id').execute();
  return rows.map((r) => ({ ...toVersion(r), document: r.document as FormDefinition }));
}

export type SaveDraftResult = Outcome<{ version: number; revision: number }, 'invalid' | 'stale'>;

/**
 * Saves the designer's draft of a form: refused, with nothing stored, when the document is not a
 * valid definition or when someone saved since `expectedRevision` (null or 0: "I start a new
 * draft"). A new draft is the next version after the latest; the document's version follows it.
 */
export async function saveDraftVersion(db: DB, input: { formId: string; document: unknown; expectedRevision: number | null; actor?: Pick<Actor, 'id' | 'username'> | null }): Promise<SaveDraftResult> {
  const checked = checkDefinition(input.document);
  if (!checked.ok) return checked;
  if (checked.value.id !== input.formId) return invalid('/id', `mã biểu mẫu phải là "${input.formId}".`);
  return inTransaction(db, async (trx) => {
    await lockForm(trx, input.formId);
    const draft = await trx.selectFrom('form_definition').select(['version', 'revision', 'updated_at']).where('form_id', '=', input.formId).where('status', '=', 'draft').executeTakeFirst();
    const expected = input.expectedRevision || null;
    if ((draft?.revision ?? null) !== expected) {
      return { ok: false, problem: { code: 'stale', params: { revision: draft?.revision ?? 0, updatedAt: draft?.updated_at.toISOString() ?? '' } } };
    }
    let version: number;
    if (draft) {
      version = draft.version;
    } else {
      const latest = await trx.selectFrom('form_definition').select(sql<number | null>`max(version)`.as('v')).where('form_id', '=', input.formId).executeTakeFirst();
      version = (latest?.v ?? 0) + 1;
    }
    const document = JSON.stringify({ ...checked.value, version });
    const revision = (draft?.revision ?? 0) + 1;
    if (draft) {
      await trx.updateTable('form_definition').set({ document, services: checked.value.services, revision, updated_at: new Date() }).where('form_id', '=', input.formId).where('version', '=', version).execute();
    } else {
      await trx.insertInto('form_definition').values({ form_id: input.formId, version, status: 'draft', document, services: checked.value.services, origin: 'own', revision, created_by: input.actor?.id ?? null }).execute();
    }
    await audit(trx, { actor: input.actor, action: 'form.draft-save', targetType: 'form', targetId: `${input.formId}@${version}`, details: { revision } });
    return { ok: true as const, value: { version, revision } };
  });
}

/** The form's published version becomes retired and the given version published, announced to every instance. */
async function makePublished(trx: DB, formId: string, version: number): Promise<void> {
  const now = new Date();
  await trx.updateTable('form_definition').set({ status: 'retired', retired_at: now, updated_at: now }).where('form_id', '=', formId).where('status', '=', 'published').execute();
  await trx.updateTable('form_definition').set({ status: 'published', published_at: now, retired_at: null, updated_at: now }).where('form_id', '=', formId).where('version', '=', version).execute();
  await announce(trx, formId);
}

/** The draft becomes the published version; new drafts of applications get it, older applications keep theirs. */
export async function publishDraft(db: DB, formId: string, actor?: Pick<Actor, 'id' | 'username'> | null): Promise<Outcome<{ version: number }, 'no-draft'>> {
  return inTransaction(db, async (trx) => {
    await lockForm(trx, formId);
    const draft = await trx.selectFrom('form_definition').select('version').where('form_id', '=', formId).where('status', '=', 'draft').executeTakeFirst();
    if (!draft) return { ok: false, problem: { code: 'no-draft', params: { formId } } };
    await makePublished(trx, formId, draft.version);
    await audit(trx, { actor, action: 'form.publish', targetType: 'form', targetId: `${formId}@${draft.version}` });
    return { ok: true as const, value: { version: draft.version } };
  });
}

/** The form is no longer offered; its versions stay readable for the applications made on them. */
export async function retireForm(db: DB, formId: string, actor?: Pick<Actor, 'id' | 'username'> | null): Promise<Outcome<{ version: number }, 'not-found'>> {
  return inTransaction(db, async (trx) => {
    await lockForm(trx, formId);
    const now = new Date();
    const row = await trx.updateTable('form_definition').set({ status: 'retired', retired_at: now, updated_at: now }).where('form_id', '=', formId).where('status', '=', 'published').returning('version').executeTakeFirst();
    if (!row) return { ok: false, problem: { code: 'not-found', params: { formId } } };
    await announce(trx, formId);
    await audit(trx, { actor, action: 'form.retire', targetType: 'form', targetId: `${formId}@${row.version}` });
    return { ok: true as const, value: { version: row.version } };
  });
}

export type ImportResult = Outcome<{ formId: string; version: number; status: 'new' | 'unchanged' }, 'invalid' | 'conflict'>;

/**
 * Stores a definition file as published (F1). Idempotent: the same id, version and document again
 * is "unchanged"; the same id and version with another document, once published, is refused. An
 * older version than the one published is kept as retired, readable for what was made on it.
 */
export async function importDefinition(db: DB, json: unknown, actor?: Pick<Actor, 'id' | 'username'> | null): Promise<ImportResult> {
  const checked = checkDefinition(json);
  if (!checked.ok) return checked;
  const def = checked.value;
  const document = JSON.stringify(def);
  return inTransaction(db, async (trx) => {
    await lockForm(trx, def.id);
    const same = await trx
      .selectFrom('form_definition')
      .select(['status', sql<boolean>`document = ${document}::jsonb`.as('equal')])
      .where('form_id', '=', def.id)
      .where('version', '=', def.version)
      .executeTakeFirst();
    const unchanged = { ok: true as const, value: { formId: def.id, version: def.version, status: 'unchanged' as const } };
    if (same && same.status !== 'draft') {
      return same.equal ? unchanged : { ok: false as const, problem: { code: 'conflict' as const, field: '/version', params: { formId: def.id, version: def.version } } };
    }
    const published = await trx.selectFrom('form_definition').select('version').where('form_id', '=', def.id).where('status', '=', 'published').executeTakeFirst();
    const newer = published !== undefined && published.version > def.version;
    if (same) {
      await trx.updateTable('form_definition').set({ document, services: def.services, origin: 'own', updated_at: new Date() }).where('form_id', '=', def.id).where('version', '=', def.version).execute();
    } else {
      // Stored as retired, then published unless a newer version is: a draft of the form may be open.
      await trx.insertInto('form_definition').values({ form_id: def.id, version: def.version, status: 'retired', retired_at: new Date(), document, services: def.services, origin: 'own', created_by: actor?.id ?? null }).execute();
    }
    if (!newer) await makePublished(trx, def.id, def.version);
    await audit(trx, { actor, action: 'form.import', targetType: 'form', targetId: `${def.id}@${def.version}`, details: { published: !newer } });
    return { ok: true as const, value: { formId: def.id, version: def.version, status: 'new' as const } };
  });
}

/**
 * Keeps a generated (default) form as data, so an application made on it keeps that exact version:
 * the same document as the latest generated version returns that version; another is the next.
 */
export async function storeGeneratedForm(db: DB, generated: FormDefinition): Promise<FormDefinition> {
  return inTransaction(db, async (trx) => {
    await lockForm(trx, generated.id);
    const latest = await trx.selectFrom('form_definition').select(['version', 'origin']).where('form_id', '=', generated.id).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (latest?.origin === 'default') {
      // Compared as jsonb, which keeps keys in its own order.
      const same = await trx
        .selectFrom('form_definition')
        .select('document')
        .where('form_id', '=', generated.id)
        .where('version', '=', latest.version)
        .where('document', '=', sql<unknown>`${JSON.stringify({ ...generated, version: latest.version })}::jsonb`)
        .executeTakeFirst();
      if (same) return same.document as FormDefinition;
    }
    const version = (latest?.version ?? 0) + 1;
    const def = loadDefinition({ ...generated, version });
    const document = JSON.stringify(def);
    await trx.updateTable('form_definition').set({ status: 'retired', retired_at: new Date(), updated_at: new Date() }).where('form_id', '=', def.id).where('status', '=', 'published').execute();
    await trx.insertInto('form_definition').values({ form_id: def.id, version, status: 'published', document, services: def.services, origin: 'default', published_at: new Date() }).execute();
    await audit(trx, { action: 'form.generate', targetType: 'form', targetId: `${def.id}@${version}` });
    return def;
  });
}
