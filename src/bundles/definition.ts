// A bundle's definition is data (one JSON file per bundle in src/bundles/demo/, read at start): the
// procedures it joins, which agency takes each part for the commune chosen, how the one bundle form
// answers each part's own form, which paper of the bundle stands for which dossier component of a
// part, and the bundle form itself (checked by the same schema as every e-form). See docs/bundles.md.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefinition, type FormDefinition } from '../forms/index.ts';

export const BUNDLE_FORMAT = 'dvctt-bundle/1';
export const DEMO_BUNDLES_DIR = fileURLToPath(new URL('./demo/', import.meta.url));

/** One procedure of a bundle. */
export interface BundlePart {
  /** Unique in the bundle: "khai-sinh". */
  key: string;
  service: string;
  /** "place": the commune chosen for the bundle; else the agency for each commune chosen. */
  agency: 'place' | Record<string, string>;
  /** "dvctt": an ordinary application here; "exchange": handed to another system (BundleRoute). */
  route: 'dvctt' | 'exchange';
  /** The part's form field → the bundle form field answering it (same id when not named). */
  answers: Record<string, string>;
  /** Answers the bundle itself gives the part ("Lý do xóa đăng ký thường trú": "Người đã chết"). */
  fixed: Record<string, unknown>;
  /** The part's dossier component → the bundle's paper (the component id of a bundle attachment field); same id when not named. */
  papers: Record<string, string>;
}

export interface BundleDefinition {
  slug: string;
  version: number;
  name: string;
  /** The life events (src/catalog/life-events.ts slugs) that offer the bundle. */
  lifeEvents: string[];
  summary: string;
  legalBasis: string[];
  parts: BundlePart[];
  form: FormDefinition;
}

export class BundleDefinitionError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): Record<string, string> => (isRecord(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<string, string> : {});

/** Reads and checks one definition: every part names a service once, the form is a valid e-form, every answer and paper it maps exists in the bundle form. */
export function loadBundle(raw: unknown): BundleDefinition {
  if (!isRecord(raw) || raw.format !== BUNDLE_FORMAT) throw new BundleDefinitionError(`format phải là ${BUNDLE_FORMAT}`);
  const slug = String(raw.slug ?? '');
  if (!/^[a-z0-9-]{3,60}$/.test(slug)) throw new BundleDefinitionError(`slug không hợp lệ: ${slug}`);
  const version = Number(raw.version);
  if (!Number.isInteger(version) || version < 1) throw new BundleDefinitionError(`${slug}: version phải là số nguyên dương`);
  const form = loadDefinition(raw.form);
  const fieldIds = new Set(form.sections.flatMap((s) => s.fields.map((f) => f.id)));
  const paperIds = new Set(form.sections.flatMap((s) => s.fields).flatMap((f) => (f.type === 'attachment' && f.component ? [f.component] : [])));
  const parts = (Array.isArray(raw.parts) ? raw.parts : []).map((p, i): BundlePart => {
    if (!isRecord(p) || typeof p.key !== 'string' || typeof p.service !== 'string') throw new BundleDefinitionError(`${slug}: phần ${i + 1} thiếu key hoặc service`);
    const agency = p.agency === 'place' ? 'place' : strings(p.agency);
    const part: BundlePart = { key: p.key, service: p.service, agency, route: p.route === 'exchange' ? 'exchange' : 'dvctt', answers: strings(p.answers), fixed: isRecord(p.fixed) ? p.fixed : {}, papers: strings(p.papers) };
    for (const from of Object.values(part.answers)) if (!fieldIds.has(from)) throw new BundleDefinitionError(`${slug}/${part.key}: trường "${from}" không có trong tờ khai liên thông`);
    for (const from of Object.values(part.papers)) if (!paperIds.has(from)) throw new BundleDefinitionError(`${slug}/${part.key}: giấy tờ "${from}" không có trong tờ khai liên thông`);
    return part;
  });
  if (parts.length < 2) throw new BundleDefinitionError(`${slug}: cần ít nhất hai thủ tục`);
  if (new Set(parts.map((p) => p.key)).size !== parts.length || new Set(parts.map((p) => p.service)).size !== parts.length) throw new BundleDefinitionError(`${slug}: mỗi phần một key và một thủ tục`);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { slug, version, name: String(raw.name ?? slug), lifeEvents: list(raw.lifeEvents), summary: String(raw.summary ?? ''), legalBasis: list(raw.legalBasis), parts, form };
}

/** Every definition of a folder (the demo's by default), in file-name order; a bad file stops the start with its reason. */
export function loadBundles(dir = DEMO_BUNDLES_DIR): BundleDefinition[] {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  const out = names.map((n) => {
    try {
      return loadBundle(JSON.parse(readFileSync(path.join(dir, n), 'utf8')));
    } catch (err) {
      throw new BundleDefinitionError(`${n}: ${(err as Error).message}`);
    }
  });
  if (new Set(out.map((b) => b.slug)).size !== out.length) throw new BundleDefinitionError('hai định nghĩa liên thông trùng slug');
  return out;
}

/** The agency taking a part when the bundle is filed at `place`, or undefined when the part is not offered there. */
export function partAgency(part: BundlePart, place: string): string | undefined {
  return part.agency === 'place' ? place : part.agency[place];
}

/** The communes where every part has an agency: where the bundle can be filed. */
export function bundlePlaces(def: BundleDefinition, communes: readonly string[]): string[] {
  return communes.filter((c) => def.parts.every((p) => partAgency(p, c) !== undefined));
}

/** A part's answers from the bundle's: each of its fields from the bundle field mapped to it (else the same id), then the fixed ones. */
export function partAnswers(part: BundlePart, partForm: FormDefinition, answers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of partForm.sections.flatMap((s) => s.fields)) {
    const from = part.answers[f.id] ?? f.id;
    if (from in answers) out[f.id] = answers[from];
  }
  return { ...out, ...part.fixed };
}

/** A part's field error named by the bundle form's field it came from (the page shows it there). */
export function bundleField(part: BundlePart, partField: string): string {
  return part.answers[partField] ?? partField;
}

/** Which of the bundle's papers a part receives, as the part's component: [bundle paper, part component]. */
export function partPapers(part: BundlePart, components: readonly string[], bundlePapers: readonly string[]): [string, string][] {
  return components.flatMap((c): [string, string][] => {
    const from = part.papers[c] ?? c;
    return bundlePapers.includes(from) ? [[from, c]] : [];
  });
}
