// Filing a bundle: one form, one set of papers, the commune chosen once. The bundle form is checked
// first; then, in one transaction, the bundle row and each part placed through its route (inside
// dvctt: the ordinary submission use case at the part's agency). Any part refused: nothing stored.
import { APPLICATION_PROBLEMS, type StoredUpload, type SubmitDeps } from '../applications/index.ts';
import { getService } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { validateAnswers, versionOf, type FormErrors } from '../forms/index.ts';
import { can, type Actor } from '../identity/index.ts';
import { addNotice } from '../notifications/index.ts';
import { explain, type Problem } from '../web/problem.ts';
import { bundleField, bundlePlaces, partAgency, partAnswers, partPapers, type BundleDefinition } from './definition.ts';
import type { BundleProblem } from './problems.ts';
import { dvcttRoute, type BundleRoute, type PartRefused } from './route.ts';
import { bundleCode, insertBundle, insertPart, recentBundle } from './store.ts';

export interface BundleDeps {
  submit: SubmitDeps;
  bundles: readonly BundleDefinition[];
  /** The route of parts marked "exchange": the national exchange's (reads the papers from `files`). */
  exchange: BundleRoute;
}

export interface BundleRequest {
  actor: Actor;
  bundle: unknown;
  answers: unknown;
  agency: unknown;
  uploads?: StoredUpload[];
}

export type BundleResult =
  | { ok: true; code: string; parts: { key: string; service: string; agency: string; applicationCode: string | null; dueDate: string | null }[] }
  | { ok: false; problem: Problem<BundleProblem>; fields?: FormErrors; def?: BundleDefinition; part?: { key: string; code: string }; existing?: string };

/** A bundle of the same kind from the same person within this many seconds is the same press sent twice. */
export const RESEND_SECONDS = 30;

class Again extends Error {
  constructor(readonly code: string) {
    super('bundle sent again');
  }
}

class Refused extends Error {
  constructor(
    readonly key: string,
    readonly serviceName: string,
    readonly refusal: PartRefused['refusal'],
  ) {
    super('part refused');
  }
}

/** The communes (agency codes with names) where a bundle can be filed. */
export async function placesOf(db: DB, def: BundleDefinition): Promise<{ code: string; name: string }[]> {
  const communes = await db.selectFrom('agency').select(['code', 'name']).where('kind', '=', 'commune').where('replaced_by', 'is', null).orderBy('name').execute();
  const ok = new Set(bundlePlaces(def, communes.map((c) => c.code)));
  return communes.filter((c) => ok.has(c.code));
}

export async function submitBundle(deps: BundleDeps, r: BundleRequest): Promise<BundleResult> {
  const { db } = deps.submit;
  const slug = typeof r.bundle === 'string' ? r.bundle.slice(0, 60) : '';
  const def = deps.bundles.find((b) => b.slug === slug);
  if (!def) return { ok: false, problem: { code: 'BUNDLE_NOT_FOUND', field: 'bundle', params: { code: slug } } };
  if (!can(r.actor, 'application.submit')) return { ok: false, def, problem: { code: 'FORBIDDEN' } };
  const places = await placesOf(db, def);
  const named = typeof r.agency === 'string' ? r.agency.slice(0, 40) : '';
  const placeList = places.map((p) => `${p.name} (${p.code})`).join('; ');
  if (!named) return { ok: false, def, problem: { code: 'PLACE_REQUIRED', field: 'agency', params: { places: placeList } } };
  if (!places.some((p) => p.code === named)) return { ok: false, def, problem: { code: 'PLACE_NOT_OFFERED', field: 'agency', params: { place: named, places: placeList } } };
  const answers = r.answers && typeof r.answers === 'object' && !Array.isArray(r.answers) ? (r.answers as Record<string, unknown>) : {};
  const checked = validateAnswers(def.form, answers);
  const count = Object.keys(checked.errors).length;
  if (count) return { ok: false, def, problem: { code: 'INVALID_ANSWERS', params: { count } }, fields: checked.errors };
  const bundlePapers = def.form.sections.flatMap((s) => s.fields).flatMap((f) => (f.type === 'attachment' && f.component ? [f.component] : []));
  const code = bundleCode();
  try {
    const placed = await db.transaction().execute(async (trx) => {
      const recent = await recentBundle(trx, r.actor.id, def.slug, RESEND_SECONDS);
      if (recent) throw new Again(recent);
      const bundleId = await insertBundle(trx, code, { definition: def.slug, definitionVersion: def.version, applicantId: r.actor.id, applicantName: r.actor.fullName, placeCode: named, formVersion: versionOf(def.form) });
      const out: Extract<BundleResult, { ok: true }>['parts'] = [];
      for (const [position, part] of def.parts.entries()) {
        const service = await getService(trx, part.service);
        const form = await deps.submit.forms.forService(part.service);
        if (!service || !form) throw new Error(`bundle ${def.slug}: part ${part.key} has no service or form ${part.service}`);
        const agencyCode = partAgency(part, named)!;
        const uploads = partPapers(part, service.components.map((c) => c.id), bundlePapers).flatMap(([from, to]) => (r.uploads ?? []).filter((u) => u.field === `component:${from}`).map((u) => ({ ...u, field: `component:${to}` })));
        const route = part.route === 'exchange' ? deps.exchange : dvcttRoute(deps.submit);
        const res = await route.place(trx, { bundleCode: code, part, agencyCode, actor: r.actor, answers: partAnswers(part, form, answers), uploads });
        if (!res.ok) throw new Refused(part.key, service.name, res.refusal);
        await insertPart(trx, { bundleId, part: part.key, position, serviceCode: part.service, agencyCode, route: route.kind, applicationId: res.applicationId, externalRef: res.externalRef });
        out.push({ key: part.key, service: part.service, agency: agencyCode, applicationCode: res.applicationCode, dueDate: res.dueDate });
      }
      await addNotice(trx, {
        accountId: r.actor.id,
        title: `Hồ sơ liên thông ${code}: đã gửi ${def.parts.length} thủ tục`,
        body: `Hồ sơ "${def.name}" đã được gửi: ${out.map((p) => p.applicationCode ?? p.key).join(', ')}. Mỗi cơ quan giải quyết phần của mình; quý khách theo dõi trên trang hồ sơ liên thông.`,
      });
      return out;
    });
    return { ok: true, code, parts: placed };
  } catch (err) {
    if (err instanceof Again) return { ok: false, def, problem: { code: 'ALREADY_SUBMITTED', params: { code: err.code } }, existing: err.code };
    if (!(err instanceof Refused)) throw err;
    const p = explain(APPLICATION_PROBLEMS, err.refusal.problem);
    const part = def.parts.find((x) => x.key === err.key)!;
    // The part's field errors named by the bundle form's fields (and its papers) they came from.
    const fields: FormErrors = {};
    for (const [name, message] of Object.entries(err.refusal.fields ?? {})) {
      const component = name.startsWith('component:') ? name.slice('component:'.length) : undefined;
      fields[component ? `component:${part.papers[component] ?? component}` : bundleField(part, name)] = message;
    }
    return { ok: false, def, problem: { code: 'PART_REFUSED', params: { part: err.serviceName, reason: p.message } }, fields, part: { key: err.key, code: p.code } };
  }
}
