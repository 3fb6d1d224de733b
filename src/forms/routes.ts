// The e-form pages (F2, F3, F4). A long form is one step per page; each POST carries every
// answer (the other steps' as hidden fields), so it works without JavaScript and without an
// account. A signed-in person's answers are also saved as a draft on every step and on "Lưu
// nháp", and resumed from any device. Submission itself lives in the applications module.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getService, SERVICE_CODE } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { formatDate, getProfile, type Profile } from '../identity/index.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { formatAddress } from '../web/provinces.ts';
import { noticeTime, timeVi } from '../web/format.ts';
import { fieldsOf, type DataField } from '../vault/index.ts';
import { MessagePage } from '../web/views/message.tsx';
import { apiError } from '../web/api-error.ts';
import { clientBundle, definitionUrl, STYLE, STYLE_URL } from './client-assets.ts';
import { rawFromStored } from './data-fields.ts';
import { hasAttachments, PROFILE_KEYS, stepsOf, versionOf, type Field, type FormDefinition, type PrefillKey, type ProfileKey } from './model.ts';
import type { FormLibrary } from './library.ts';
import { adoptVisitorDraft, chooseDraftAgency, deleteDraft, DraftTooLargeError, getDraft, listDrafts, saveDraft, saveVisitorDraft } from './store.ts';
import { answersFromFormBody, validateAnswers, type FormErrors } from './validate.ts';
import { DraftsPage } from './views/drafts.tsx';
import { CheckPage, EFormPage, type ClientAssets, type EFormProps, type SavedChoice, type SavedOffer, type ServiceRef } from './views/eform.tsx';
import { LINE, pageBody } from '../web/page-body.ts';

/**
 * C1: where the person applies, when several agencies implement the service — the one asked for
 * (the picker's link) if it may be chosen, else the draft's; `choose` is the picker to go to when
 * neither. Nothing when one agency implements it.
 */
export type WhereHook = (req: FastifyRequest, serviceCode: string, asked: string | undefined, saved: string | null | undefined) => Promise<{ choose?: string; place?: NonNullable<ServiceRef['place']> }>;

/** The applicant's fields a national database holds (Art. 15.3): offered first, labelled with it; each use logged. */
export interface NationalPrefill {
  /** "lấy từ CSDL quốc gia về dân cư". */
  label: string;
  /** Values by prefill key as the form takes them; undefined when not found or the source failed. */
  values(accountId: string): Promise<Partial<Record<PrefillKey, unknown>> | undefined>;
  used(accountId: string, serviceCode: string, labels: string[]): Promise<void>;
}

export interface FormsDeps {
  db: DB;
  portal: Parameters<typeof loadPageContext>[1]['portal'];
  forms: FormLibrary;
  where?: WhereHook;
  national?: NationalPrefill;
}

const YEAR = 'public, max-age=31536000, immutable';
/** "mau02-cchn-duoc-2.json", as definitionUrl names a version. */
const DEFINITION_FILE = /^([a-zA-Z][a-zA-Z0-9_-]{0,63})-([1-9][0-9]{0,8})\.json$/;

/** The profile's value for a prefill key, as the form field takes it (dates dd/mm/yyyy). */
function profileValue(p: Profile, key: PrefillKey): unknown {
  if (!(PROFILE_KEYS as readonly string[]).includes(key)) return undefined;
  if (key === 'dateOfBirth') return p.dateOfBirth ? formatDate(p.dateOfBirth) : undefined;
  return p[key as ProfileKey] ?? undefined;
}

/** What a signed-in person has stored: the account's profile and the data fields agencies accepted (V1). */
interface Stored {
  profile: Profile | undefined;
  fields: DataField[];
  national?: { label: string; values: Partial<Record<PrefillKey, unknown>> };
}

type Candidate = SavedChoice & { raw: unknown };

/**
 * The stored values one field may take, each with where it came from: the profile's first, then the
 * store's when it differs (the agency that accepted it, when, with which application) — F3, V1.
 */
function candidates(f: Field, s: Stored): Candidate[] {
  if (!f.prefill) return [];
  const out: Candidate[] = [];
  const shown = (v: unknown) => (typeof v === 'string' ? v : formatAddress(v as Profile['permanentAddress']));
  const nv = s.national?.values[f.prefill];
  if (nv) out.push({ from: 'csdl', value: shown(nv), source: s.national!.label, raw: nv });
  const pv = s.profile && profileValue(s.profile, f.prefill);
  if (pv && out[0]?.value === shown(pv)) out[0].source = `${out[0].source}; thông tin tài khoản`;
  else if (pv) out.push({ from: 'tai-khoan', value: shown(pv), source: 'thông tin tài khoản', raw: pv });
  const vf = s.fields.find((x) => x.key === f.prefill);
  const vr = vf && rawFromStored(f, vf.value);
  if (vf && vr !== undefined) {
    const accepted = `${vf.agencyName ?? 'cơ quan'} đã tiếp nhận lúc ${noticeTime(vf.updatedAt)}${vf.applicationCode ? ` cùng hồ sơ ${vf.applicationCode}` : ''}`;
    if (out[0]?.value === vf.value) out[0].source = `thông tin tài khoản; ${accepted}`;
    else out.push({ from: 'kho', value: vf.value, source: `kho dữ liệu — ${accepted}`, raw: vr });
  }
  return out;
}

/** Top-level fields of one step (0-based). */
function stepFields(def: FormDefinition, step: number): Field[] {
  return stepsOf(def)[step]!.sections.flatMap((s) => s.fields);
}

function savedOffer(def: FormDefinition, step: number, s: Stored | undefined, filled?: SavedOffer['filled']): SavedOffer | undefined {
  if (!s) return undefined;
  const items = stepFields(def, step).flatMap((f) => {
    const choices = candidates(f, s).map(({ raw: _r, ...c }) => c);
    return choices.length ? [{ fieldId: f.id, label: f.label, choices }] : [];
  });
  return items.length || filled?.length ? { items, used: !!filled?.length, filled } : undefined;
}

/**
 * The person asked for the stored values: each field of this step takes the one they chose
 * (`_nguon.<field>`: "csdl", "tai-khoan" or "kho"), the first otherwise. What was filled, and from where.
 */
function fillStored(def: FormDefinition, step: number, s: Stored | undefined, raw: Record<string, unknown>, chosen: (fieldId: string) => unknown): NonNullable<SavedOffer['filled']> {
  if (!s) return [];
  return stepFields(def, step).flatMap((f) => {
    const list = candidates(f, s);
    const pick = list.find((c) => c.from === chosen(f.id)) ?? list[0];
    if (!pick) return [];
    raw[f.id] = pick.raw;
    return [{ label: f.label, value: pick.value, source: pick.source }];
  });
}

/** The errors of the fields on one step ("practice.0.from" belongs to "practice"). */
function errorsOn(def: FormDefinition, step: number, errors: FormErrors): FormErrors {
  const ids = new Set(stepFields(def, step).map((f) => f.id));
  return Object.fromEntries(Object.entries(errors).filter(([k]) => ids.has(k.split('.')[0]!)));
}

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** The cookie under which a visitor's answers wait while they sign in or register. */
export const VISITOR_DRAFT_COOKIE = 'dvctt_khai';

/** The visitor's draft token from its cookie, when it looks like one this portal made. */
function visitorToken(req: FastifyRequest): string | undefined {
  const token = req.cookies?.[VISITOR_DRAFT_COOKIE];
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
}

/**
 * A visitor who just signed in finds the answers they typed before: taken from the visitor's
 * draft into the account's. True when something was taken.
 */
export async function adoptVisitorAnswers(db: DB, req: FastifyRequest, serviceCode: string): Promise<boolean> {
  const token = visitorToken(req);
  if (!req.actor || !token) return false;
  return adoptVisitorDraft(db, token, req.actor.id, serviceCode);
}

export async function formsRoutes(app: FastifyInstance, deps: FormsDeps): Promise<void> {
  const { db, forms } = deps;

  const find = async (code: string): Promise<{ def: FormDefinition; service: ServiceRef } | undefined> => {
    if (!SERVICE_CODE.test(code)) return undefined;
    const def = await forms.forService(code);
    if (!def) return undefined;
    const service = await getService(db, code);
    return service && { def, service: { code: service.code, name: service.name } };
  };

  const storedOf = async (accountId: string | undefined, def?: FormDefinition): Promise<Stored | undefined> => {
    if (!accountId) return undefined;
    // The national database is asked only by a form that has a field it can fill.
    const asks = deps.national && def?.sections.some((sec) => sec.fields.some((f) => f.prefill === 'fullName' || f.prefill === 'dateOfBirth' || f.prefill === 'permanentAddress'));
    const [profile, fields, values] = await Promise.all([getProfile(db, accountId), fieldsOf(db, accountId), asks ? deps.national!.values(accountId) : undefined]);
    return { profile, fields, ...(values && { national: { label: deps.national!.label, values } }) };
  };
  /** The national database's values the person took into the form are logged as its use. */
  const noteNational = async (accountId: string | undefined, serviceCode: string, filled: SavedOffer['filled']) => {
    const taken = (filled ?? []).filter((f) => deps.national && f.source.startsWith(deps.national.label)).map((f) => f.label);
    if (accountId && taken.length) await deps.national!.used(accountId, serviceCode, taken);
  };

  const notFound = async (req: FastifyRequest) => {
    const ctx = await loadPageContext(req, deps);
    return MessagePage({ ctx, title: 'Không có biểu mẫu điện tử', body: 'Thủ tục này chưa có tờ khai điện tử trên cổng, hoặc mã thủ tục không đúng. Bạn có thể xem thủ tục và tải mẫu đơn tại trang Dịch vụ công trực tuyến.' });
  };

  const assetsFor = async (def: FormDefinition): Promise<ClientAssets> => ({ script: (await clientBundle()).url, style: STYLE_URL, definition: definitionUrl(def) });

  // The enhancement script, its stylesheet and each definition version: cacheable by their names.
  app.get<{ Params: { file: string } }>('/assets/forms/:file', async (req, reply) => {
    if (req.params.file === 'eform.css') return reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(STYLE);
    const bundle = await clientBundle();
    if (req.params.file !== bundle.url.slice('/assets/forms/'.length)) return reply.code(404).type('text/plain; charset=utf-8').send('Không tìm thấy.');
    return reply.header('cache-control', YEAR).type('text/javascript; charset=utf-8').send(bundle.code);
  });
  app.get<{ Params: { file: string } }>('/assets/forms/dinh-nghia/:file', async (req, reply) => {
    const named = DEFINITION_FILE.exec(req.params.file);
    const def = named ? await forms.byVersion(`${named[1]}@${Number(named[2])}`) : undefined;
    if (!def || definitionUrl(def) !== req.url.split('?')[0]) return reply.code(404).send(apiError('FORM_NOT_FOUND', 'Không có phiên bản biểu mẫu này.'));
    // A version up to the published one never changes again; a draft's does with each save.
    const published = await forms.byId(def.id);
    return reply.header('cache-control', published && def.version <= published.version ? YEAR : 'no-cache').send(def);
  });

  type Page = Omit<EFormProps, 'ctx' | 'def' | 'service' | 'assets'>;
  const showForm = async (req: FastifyRequest, reply: FastifyReply, def: FormDefinition, service: ServiceRef, page: Page, status = 200) => {
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, EFormPage({ ctx, def, service, assets: await assetsFor(def), ...page }), status);
  };

  app.get<{ Params: { code: string }; Querystring: Record<string, string | undefined> }>('/dich-vu-cong/:code/to-khai', async (req, reply) => {
    const found = await find(req.params.code);
    if (!found) return sendPage(reply, await notFound(req), 404);
    const { def } = found;
    let { service } = found;
    const last = stepsOf(def).length - 1;
    const adopted = await adoptVisitorAnswers(db, req, service.code);
    const stored = await storedOf(req.actor?.id, def);
    const draft = req.actor ? await getDraft(db, req.actor.id, service.code) : undefined;
    const where = await deps.where?.(req, service.code, one(req.query['noi-nop']), draft?.agencyCode);
    if (where?.choose) return reply.redirect(where.choose, 303);
    if (where?.place && req.actor && where.place.code !== draft?.agencyCode) await chooseDraftAgency(db, req.actor.id, { serviceCode: service.code, formVersion: draft?.formVersion ?? versionOf(def), agencyCode: where.place.code });
    service = { ...service, place: where?.place };
    const asked = Number.parseInt(one(req.query.buoc) ?? '', 10);
    const step = Math.min(last, Math.max(0, Number.isFinite(asked) ? asked - 1 : (draft?.step ?? 0)));
    const raw: Record<string, unknown> = { ...(draft?.answers ?? {}) };
    // Stored data is put into the form only when the person asks for it (F3, Art. 8.2).
    const filled = stored && req.query['dung-thong-tin-da-luu'] === '1' ? fillStored(def, step, stored, raw, () => undefined) : undefined;
    await noteNational(req.actor?.id, service.code, filled);
    return showForm(req, reply, def, service, {
      raw,
      step,
      saved: savedOffer(def, step, stored, filled),
      draft: draft && !adopted ? { updatedAt: draft.updatedAt, outdated: draft.formVersion !== versionOf(def) } : undefined,
      notice: adopted ? 'Mọi thông tin bạn đã khai trước khi đăng nhập đã được giữ lại; hãy khai tiếp.' : undefined,
    });
  });

  app.post<{ Params: { code: string } }>('/dich-vu-cong/:code/to-khai', { schema: { body: pageBody({}, { open: true }) } }, async (req, reply) => {
    const found = await find(req.params.code);
    if (!found) return sendPage(reply, await notFound(req), 404);
    const { def } = found;
    const steps = stepsOf(def);
    const last = steps.length - 1;
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    // C1: the place the page carries (a visitor has no draft to keep it), else the draft's.
    const carried = typeof one(body._noi_nop) === 'string' ? String(one(body._noi_nop)) : undefined;
    const place = deps.where && (await deps.where(req, found.service.code, carried, req.actor ? (await getDraft(db, req.actor.id, found.service.code))?.agencyCode : undefined)).place;
    const service = { ...found.service, place };
    const raw = answersFromFormBody(def, body);
    const action = String(one(body._action) ?? 'tiep');
    const posted = Number.parseInt(String(one(body._step) ?? ''), 10);
    // Without a step (an old page, another tool), the whole form is being sent at once.
    const step = Number.isFinite(posted) ? Math.min(last, Math.max(0, posted)) : last;
    const actor = req.actor;

    let saveProblem: string | undefined;
    const save = async (at: number) => {
      if (!actor) return undefined;
      try {
        return await saveDraft(db, actor.id, { serviceCode: service.code, formVersion: versionOf(def), answers: raw, step: at, agencyCode: place?.code });
      } catch (e) {
        if (!(e instanceof DraftTooLargeError)) throw e;
        saveProblem = 'Không lưu được bản nháp: nội dung quá lớn.';
        return undefined;
      }
    };

    const goto = action === 'lui' ? step - 1 : action === 'sua' ? 0 : /^buoc-\d{1,2}$/.test(action) ? Number(action.slice(5)) : undefined;
    if (goto !== undefined) {
      const target = Math.min(last, Math.max(0, goto));
      await save(target);
      return showForm(req, reply, def, service, { raw, step: target, notice: saveProblem });
    }

    if (action === 'dung-thong-tin') {
      const stored = await storedOf(actor?.id, def);
      const filled = fillStored(def, step, stored, raw, (id) => one(body[`_nguon.${id}`]));
      await noteNational(actor?.id, service.code, filled);
      await save(step);
      return showForm(req, reply, def, service, { raw, step, saved: savedOffer(def, step, stored, filled), notice: saveProblem });
    }

    // A visitor keeps what they typed while they sign in or register (F4).
    if (action === 'dang-nhap') {
      if (actor) {
        await save(step);
        return showForm(req, reply, def, service, { raw, step, notice: saveProblem });
      }
      const token = visitorToken(req) ?? randomBytes(24).toString('base64url');
      try {
        await saveVisitorDraft(db, token, { serviceCode: service.code, formVersion: versionOf(def), answers: raw, step });
      } catch (e) {
        if (!(e instanceof DraftTooLargeError)) throw e;
        return showForm(req, reply, def, service, { raw, step, notice: 'Không lưu được thông tin đã khai: nội dung quá lớn.' }, 413);
      }
      reply.setCookie(VISITOR_DRAFT_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 86_400 });
      return reply.redirect(`/dang-nhap?next=${encodeURIComponent(`/dich-vu-cong/${service.code}/to-khai`)}`, 303);
    }

    if (action === 'luu') {
      if (!actor) return showForm(req, reply, def, service, { raw, step, notice: 'Hãy đăng nhập để lưu nháp; những gì đã khai vẫn còn trên trang này.' }, 401);
      const draft = await save(step);
      return showForm(req, reply, def, service, { raw, step, notice: saveProblem ?? `Đã lưu bản nháp lúc ${timeVi(draft!.updatedAt)}. Bạn có thể khai tiếp sau, trên máy nào cũng được, tại mục “Bản nháp” của “Hồ sơ của tôi”.` }, saveProblem ? 413 : 200);
    }

    // "Tiếp tục": this step's fields are checked on their own; the last step checks everything.
    const { values, errors } = validateAnswers(def, raw);
    if (step < last) {
      const here = errorsOn(def, step, errors);
      const ok = Object.keys(here).length === 0;
      await save(ok ? step + 1 : step);
      return showForm(req, reply, def, service, { raw, step: ok ? step + 1 : step, errors: here, notice: saveProblem }, ok ? 200 : 400);
    }
    if (Object.keys(errors).length) {
      const first = steps.findIndex((_, k) => Object.keys(errorsOn(def, k, errors)).length > 0);
      await save(first);
      return showForm(req, reply, def, service, { raw, step: first, errors: errorsOn(def, first, errors), notice: saveProblem }, 400);
    }
    // A form that asks for files: the "Thành phần hồ sơ" step comes next (applications module). A
    // visitor, who cannot send files, sees the check page (to print, or to sign in and go on).
    if (hasAttachments(def) && actor) {
      await save(last);
      return reply.redirect(`/dich-vu-cong/${service.code}/thanh-phan-ho-so`, 303);
    }
    await save(last);
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, CheckPage({ ctx, def, service, raw, values, assets: await assetsFor(def) }));
  });

  // F4: the person's drafts, to resume or delete.
  const signIn = (req: FastifyRequest, reply: FastifyReply) => reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`, 303);

  app.get<{ Querystring: Record<string, string | undefined> }>('/ho-so/ban-nhap', async (req, reply) => {
    if (!req.actor) return signIn(req, reply);
    const ctx = await loadPageContext(req, deps);
    const listed = await listDrafts(db, req.actor.id);
    // Each draft's steps are those of the version it was typed into.
    const defs = await Promise.all(listed.map(async (d) => (await forms.byVersion(d.formVersion)) ?? forms.forService(d.serviceCode)));
    const drafts = listed.map((d, i) => {
      const def = defs[i];
      const steps = def ? stepsOf(def) : [];
      const st = steps[Math.min(d.step, steps.length - 1)];
      return { serviceCode: d.serviceCode, serviceName: d.serviceName, updatedAt: d.updatedAt, where: steps.length > 1 && st ? `bước ${steps.indexOf(st) + 1}/${steps.length}: ${st.title}` : '' };
    });
    return sendPage(reply, DraftsPage({ ctx, drafts, deleted: req.query['da-xoa'] === '1', style: STYLE_URL }));
  });

  app.post<{ Params: { code: string } }>('/ho-so/ban-nhap/:code/xoa', { schema: { body: pageBody({ next: LINE }) } }, async (req, reply) => {
    if (!req.actor) return signIn(req, reply);
    const code = req.params.code.slice(0, 20);
    if (!SERVICE_CODE.test(code)) return sendPage(reply, await notFound(req), 404);
    await deleteDraft(db, req.actor.id, code);
    const next = String(one((req.body as Record<string, unknown> | undefined)?.next) ?? '');
    return reply.redirect(next === '/ho-so/ban-nhap' ? '/ho-so/ban-nhap?da-xoa=1' : `/dich-vu-cong/${code}/to-khai`, 303);
  });
}
