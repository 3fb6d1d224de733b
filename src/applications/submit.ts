// The one submission use case (A1, F6, V2): every channel — the API with JSON or with files, the
// e-form with or without its "Thành phần hồ sơ" step — stores an application through here, so the
// rules cannot drift: the answers by the form's rules, each file by its content, every required
// dossier component from an upload, a file staged with the draft, or the applicant's data store.
import { getService, type Service } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { getDraft, validateAnswers, versionOf, type FormDefinition, type FormErrors, type FormLibrary } from '../forms/index.ts';
import { can, type Actor } from '../identity/index.ts';
import { vietnamDay, type WorkingCalendar, type WorkingHours } from './calendar.ts';
import { draftFileRow, draftFilesOf, type DraftFile } from './draft-files.ts';
import { attachmentRule, checkUploads, cleanFileName, type ReusableLookup, type ReusedDocument, type SourcedComponent, type UploadSlot } from './model.ts';
import { DraftAlreadySubmittedError, inTransaction, recentApplication, submitApplication, type Submitted } from './store.ts';
import { type NewAttachment, type Paper } from './attachments.ts';
import { transition } from './transitions.ts';
import type { StoredUpload } from './upload.ts';
import type { Problem } from '../web/problem.ts';
import { placeOfSubmission, type WhereProblem } from './where.ts';

export interface SubmitDeps {
  db: DB;
  calendar: () => WorkingCalendar;
  /** The receiving agency's working hours (the 8-working-hour reception deadline). */
  workingHours?: (agencyCode: string) => WorkingHours;
  /** The vault's answer to "is this component already provided?" (V2); absent, every file is asked for. */
  reusable?: ReusableLookup;
  forms: FormLibrary;
}

/**
 * The file inputs of a submission: on the e-form's page, one per attachment field of the form
 * (required as the form says); through the API, every dossier component of the service.
 */
export function submissionSlots(service: Service, def: FormDefinition | undefined, forPage: boolean): UploadSlot[] {
  const fields = def ? def.sections.flatMap((s) => s.fields).filter((f) => f.type === 'attachment') : [];
  const slots: UploadSlot[] = [];
  for (const c of service.components) {
    const field = fields.find((f) => f.type === 'attachment' && f.component === c.id);
    if (!field && forPage) continue;
    slots.push({ name: `component:${c.id}`, componentId: c.id, label: field?.label ?? c.name, rule: attachmentRule(c.kind), required: !!field?.required });
  }
  return slots;
}

/** A note beside a slot: where its document already is, so the person need not send it again. */
export interface SlotNote {
  slot: string;
  text: string;
}

const dmy = (iso: string) => iso.split('-').reverse().join('/');

/** Asks the vault about each slot; a slot it satisfies is marked so and says where the document came from. */
export async function withReuse(deps: SubmitDeps, actor: Actor, service: Service, slots: UploadSlot[], agencyCode = service.agency): Promise<{ slots: UploadSlot[]; reused: Map<string, Reused>; notes: SlotNote[] }> {
  const reused = new Map<string, Reused>();
  if (!deps.reusable) return { slots, reused, notes: [] };
  const day = vietnamDay(new Date()).day;
  // Asked together: a national database that is slow costs the page one timeout, not one per slot.
  const docs = await Promise.all(
    slots.map((slot) => {
      const component = service.components.find((c) => c.id === slot.componentId);
      return component ? deps.reusable!({ applicantId: actor.id, agencyCode, serviceCode: service.code, component: { id: component.id, name: component.name, kind: component.kind }, day }) : null;
    }),
  );
  // A paper "not required if the national database provides it" that the database did not provide is asked for.
  const unavailable: SlotNote[] = [];
  const out = slots.map((slot, i) => {
    const doc = docs[i];
    if (doc && isSourced(doc) && doc.found === null) {
      unavailable.push({ slot: slot.name, text: `Không lấy được thông tin từ ${doc.sourceName} lúc này: hãy tải lên bản giấy tờ này.` });
      return { ...slot, required: true };
    }
    if (doc) reused.set(slot.name, doc);
    return doc ? { ...slot, satisfied: true } : slot;
  });
  const notes = [...reused.entries()].map(([slot, d]) => ({
    slot,
    text: isSourced(d)
      ? `Lấy từ ${d.sourceName} — không cần nộp: ${d.found}. Bạn vẫn có thể tải lên bản giấy tờ của mình.`
      : `Đã có trong kho dữ liệu — không cần nộp lại: ${d.originalName}, được ${d.acceptedBy} chấp nhận, ${d.validUntil ? `có giá trị đến hết ngày ${dmy(d.validUntil)}` : 'không thời hạn'}. Bạn vẫn có thể tải lên bản mới hơn.`,
  }));
  return { slots: out, reused, notes: [...notes, ...unavailable] };
}

/** A slot's document from the vault, or a national database's record standing in for it (Art. 15.3). */
type Reused = ReusedDocument | SourcedComponent;
const isSourced = (d: Reused): d is SourcedComponent => 'sourceName' in d;

/** The row of a file that passed the checks. */
export const uploadRow = (slot: UploadSlot, upload: StoredUpload): NewAttachment => ({
  componentId: slot.componentId,
  label: slot.label,
  fileKey: upload.stored!.key,
  sha256: upload.stored!.sha256,
  size: upload.size,
  kind: upload.kind!,
  mime: upload.mime!,
  originalName: cleanFileName(upload.filename),
  source: 'upload',
  supplementItem: slot.itemId ?? null,
});

const vaultRow = (slot: UploadSlot, doc: ReusedDocument): NewAttachment => ({ componentId: slot.componentId, label: slot.label, fileKey: doc.fileKey, sha256: doc.sha256, size: doc.size, kind: doc.kind, mime: doc.mime, originalName: doc.originalName, source: 'vault', vaultDocumentId: doc.documentId });

/**
 * Each file on its own: the rows of the files that passed, and an error for each that did not. A
 * file's error never costs the others (the page keeps the valid ones with the draft).
 */
export function checkEachUpload(slots: UploadSlot[], uploads: StoredUpload[]): { rows: NewAttachment[]; errors: FormErrors } {
  const optional = slots.map((s) => ({ ...s, required: false }));
  const { errors } = checkUploads(optional, uploads);
  const rows: NewAttachment[] = [];
  const seen = new Set<string>();
  for (const u of uploads) {
    const slot = optional.find((s) => s.name === u.field);
    if (!slot || seen.has(slot.name) || errors[slot.name]) continue;
    seen.add(slot.name);
    const one = checkUploads([slot], [u]);
    if (!Object.keys(one.errors).length) rows.push(uploadRow(slot, u));
  }
  return { rows, errors };
}

/** What the submission would store for each slot: a new upload, else a staged file, else the vault's document. */
export function filesOfSubmission(slots: UploadSlot[], uploaded: NewAttachment[], staged: DraftFile[], reused: Map<string, Reused>): { attachments: NewAttachment[]; missing: UploadSlot[]; sourced: { componentId: string; use: SourcedComponent }[] } {
  const attachments: NewAttachment[] = [];
  const missing: UploadSlot[] = [];
  const sourced: { componentId: string; use: SourcedComponent }[] = [];
  for (const slot of slots) {
    const up = uploaded.find((r) => r.componentId === slot.componentId);
    const st = staged.find((f) => f.componentId === slot.componentId);
    const doc = reused.get(slot.name);
    if (up) attachments.push(up);
    else if (st) attachments.push({ ...draftFileRow(st), label: slot.label });
    else if (doc && isSourced(doc)) sourced.push({ componentId: slot.componentId!, use: doc });
    else if (doc) attachments.push(vaultRow(slot, doc));
    else if (slot.required) missing.push(slot);
  }
  return { attachments, missing, sourced };
}

/** What the e-form's draft would send now: the slots (with the store's reuse), the staged files, the rows and what is missing. */
export async function draftSubmissionFiles(deps: SubmitDeps, actor: Actor, service: Service, def: FormDefinition) {
  // V2: the store is asked on behalf of the agency chosen with the draft.
  const chosen = (await getDraft(deps.db, actor.id, service.code))?.agencyCode;
  const { slots, reused, notes } = await withReuse(deps, actor, service, submissionSlots(service, def, true), chosen ?? service.agency);
  const staged = await draftFilesOf(deps.db, actor.id, service.code);
  return { slots, notes, staged, ...filesOfSubmission(slots, [], staged, reused) };
}

export interface SubmissionRequest {
  actor: Actor;
  serviceCode: string;
  /** The answers as the channel read them: the API's `data`, or the e-form's parsed fields. */
  answers: unknown;
  /** Files sent with this request, already in the file store. */
  uploads?: StoredUpload[];
  /** The e-form: its attachment fields are the slots, and files staged with the draft count as sent. */
  eform?: boolean;
  /** The form version the sender filled ("mac-dinh-1-000656@1", from GET …/form); refused unless it is the current one. */
  formVersion?: unknown;
  /** Where to apply (an agency code, C1): required when several agencies implement the service; the e-form's is the draft's. */
  agency?: unknown;
  /** A dossier an officer (the actor) records at the counter or from the post: received at once (A3, V3). */
  counter?: CounterSubmission;
}

/** The counter's part of a submission: whose dossier, how it came, and each scanned paper's form by component. */
export interface CounterSubmission {
  applicant: { id: string; name: string };
  channel: 'truc-tiep' | 'buu-chinh';
  papers: Record<string, Pick<Paper, 'form' | 'copies' | 'matchesOriginal'>>;
}

export type SubmissionProblem = Problem<'SERVICE_NOT_FOUND' | 'NOT_ONLINE' | 'NO_EFORM' | 'FORM_CHANGED' | 'FORBIDDEN' | 'INVALID_ANSWERS' | 'INVALID_FILES' | 'MISSING_COMPONENTS' | 'ALREADY_SUBMITTED'> | WhereProblem;

/** What a refused submission names besides its sentence: each field's error, the components missing, or the application already made. */
export interface SubmissionRefusal {
  ok: false;
  problem: SubmissionProblem;
  service?: Service;
  def?: FormDefinition;
  /** INVALID_ANSWERS, INVALID_FILES, MISSING_COMPONENTS: the error of each field. */
  fields?: FormErrors;
  /** MISSING_COMPONENTS: the required components without a file. */
  missing?: { component: string; label: string }[];
  /** ALREADY_SUBMITTED: the same answers were sent already (a second press, another tab): the application they made. */
  application?: { code: string; dueDate: string | null };
}

export type SubmissionResult = { ok: true; submitted: Submitted; service: Service; def: FormDefinition | undefined } | SubmissionRefusal;

/** Checks everything, then stores one application in one transaction; on any problem nothing is stored. */
export async function submit(deps: SubmitDeps, r: SubmissionRequest): Promise<SubmissionResult> {
  const { db, actor } = { db: deps.db, actor: r.actor };
  // Whatever another system sent: a missing or non-text code is simply not a service.
  const code = typeof r.serviceCode === 'string' ? r.serviceCode.slice(0, 20) : '';
  const service = code ? await getService(db, code) : undefined;
  if (!service) return { ok: false, problem: { code: 'SERVICE_NOT_FOUND', field: 'service', params: { code } } };
  // A paper dossier is received at the counter whatever the procedure's online level.
  if (service.level < 3 && !r.counter) return { ok: false, service, problem: { code: 'NOT_ONLINE', params: { name: service.name, level: service.level } } };
  // Every answer is checked against a form — the service's own or its default one (F1, A1):
  // answers no form describes are never stored.
  const def = await deps.forms.forService(service.code);
  if (!def) return { ok: false, service, problem: { code: 'NO_EFORM' } };
  if (r.formVersion !== undefined && r.formVersion !== versionOf(def)) return { ok: false, service, def, problem: { code: 'FORM_CHANGED', field: 'form', params: { named: String(r.formVersion).slice(0, 80), current: versionOf(def) } } };
  if (r.counter ? actor.role !== 'officer' : !can(actor, 'application.submit')) return { ok: false, service, def, problem: { code: 'FORBIDDEN' } };
  // C1: the agency named, or the one chosen with the e-form's draft, or the only one.
  const named = r.agency ?? (r.eform ? (await getDraft(db, actor.id, service.code))?.agencyCode : undefined);
  const where = await placeOfSubmission(db, service, named, { counter: !!r.counter });
  if (!where.ok) return { ok: false, service, def, problem: where.problem };
  const { place } = where;
  const answers = r.answers && typeof r.answers === 'object' && !Array.isArray(r.answers) ? (r.answers as Record<string, unknown>) : {};
  const checked = validateAnswers(def, answers);
  const errorCount = Object.keys(checked.errors).length;
  if (errorCount) return { ok: false, service, def, problem: { code: 'INVALID_ANSWERS', params: { count: errorCount } }, fields: checked.errors };
  const data = checked.values;
  // At the counter the papers are on the desk: each is scanned, nothing is taken from the officer's store.
  const { slots, reused } = r.counter ? { slots: submissionSlots(service, def, false), reused: new Map<string, Reused>() } : await withReuse(deps, actor, service, submissionSlots(service, def, !!r.eform), place.agency.code);
  const checkedFiles = checkEachUpload(slots, r.uploads ?? []);
  const { errors } = checkedFiles;
  const rows = r.counter ? digitised(checkedFiles.rows, r.counter, actor) : checkedFiles.rows;
  const n = Object.keys(errors).length;
  if (n) return { ok: false, service, def, problem: { code: 'INVALID_FILES', params: { count: n, details: Object.values(errors).join(' ') } }, fields: errors };
  // The e-form sends what its draft holds. No draft, and this service's application stored moments
  // ago: the same page sent twice — answer with that application, store nothing.
  // The draft and its files are read from one snapshot, so a press racing another sees both or
  // neither: never a draft whose files the other press has just taken into its application.
  const { draft, staged } = r.eform
    ? await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const d = await getDraft(trx, actor.id, service.code);
          return { draft: d, staged: d ? await draftFilesOf(trx, actor.id, service.code) : [] };
        })
    : { draft: undefined, staged: [] };
  if (r.eform && !draft) {
    const recent = await recentApplication(db, actor.id, service.code);
    if (recent) return alreadySubmitted(recent, service, def);
  }
  const { attachments, missing, sourced } = filesOfSubmission(slots, rows, staged, reused);
  if (missing.length) {
    return {
      ok: false,
      service,
      def,
      problem: { code: 'MISSING_COMPONENTS', params: { count: missing.length, labels: missing.map((s) => s.label).join('; ') } },
      fields: Object.fromEntries(missing.map((s) => [s.name, `Hãy chọn tệp cho "${s.label}".`])),
      missing: missing.map((s) => ({ component: s.componentId!, label: s.label })),
    };
  }
  try {
    const applicant = r.counter?.applicant ?? { id: actor.id, name: actor.fullName };
    const store = (q: DB) =>
      submitApplication(
        q,
        { serviceCode: service.code, serviceName: service.name, agencyCode: place.agency.code, agencyName: place.agency.name, applicantId: applicant.id, applicantName: applicant.name, data, formVersion: versionOf(def), timeLimitDays: place.timeLimitDays, timeLimitHours: where.timeLimitHours, attachments, claimDraft: !!draft, workingHours: deps.workingHours?.(place.agency.code), channel: r.counter?.channel, form: def, components: service.components },
        deps.calendar(),
      );
    // Art. 15.3: each national database's use is logged with the application, in its transaction.
    const withSources = async (trx: DB) => {
      const s = await store(trx);
      for (const x of sourced) await x.use.record(trx, { id: s.id, code: s.code, agencyCode: place.agency.code, componentId: x.componentId });
      return s;
    };
    const submitted = r.counter ? await inTransaction(db, (trx) => receivedAtCounter(trx, store, actor)) : sourced.length ? await inTransaction(db, withSources) : await store(db);
    return { ok: true, submitted, service, def };
  } catch (err) {
    if (!(err instanceof DraftAlreadySubmittedError)) throw err;
    // Another request with the same draft won the race and stored the application.
    const recent = await recentApplication(db, actor.id, service.code);
    if (!recent) throw err;
    return alreadySubmitted(recent, service, def);
  }
}

/** The counter's scans with their paper's form, copies and check, digitised by the officer now. */
const digitised = (rows: NewAttachment[], counter: CounterSubmission, officer: Actor): NewAttachment[] => {
  const at = new Date();
  return rows.map((row) => {
    const p = row.componentId ? counter.papers[row.componentId] : undefined;
    return { ...row, paper: { form: p?.form ?? 'ban-sao', copies: p?.copies ?? 1, matchesOriginal: p?.matchesOriginal ?? false, digitisedBy: officer.id, digitisedByName: officer.fullName, digitisedAt: at } };
  });
};

/** Stored (status 1) and received by the officer at the desk (status 2) in one transaction, through the status machine. */
async function receivedAtCounter(trx: DB, store: (q: DB) => Promise<Submitted>, officer: Actor): Promise<Submitted> {
  const submitted = await store(trx);
  const moved = await transition(trx, submitted.code, 2, 'officer', { id: officer.id, name: officer.fullName }, 'Tiếp nhận hồ sơ giấy tại bộ phận một cửa.');
  if (!moved.ok) throw new Error(`counter intake: status 2 refused (${moved.problem.code})`);
  return { ...submitted, status: 2 };
}

const alreadySubmitted = (application: { code: string; dueDate: string | null }, service: Service, def: FormDefinition | undefined): SubmissionRefusal => ({ ok: false, service, def, problem: { code: 'ALREADY_SUBMITTED', params: { code: application.code } }, application });
