// C1: the "Nộp tại" picker — its own page before the e-form (/dich-vu-cong/{mã}/noi-nop), the
// section of the service's page, and the e-form's question "where does this go?".
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Fragment, h, type VNode } from 'preact';
import { getService, SERVICE_CODE, type Implementation } from '../catalog/index.ts';
import type { DB } from '../db/index.ts';
import { getDraft, type WhereHook } from '../forms/index.ts';
import { getProfile } from '../identity/index.ts';
import { formatAddress, type Address } from '../web/provinces.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import type { PageContext } from '../web/page-context.ts';
import { ownPlace, pickerList, placesOf, type PickerList } from './where.ts';
import { WherePage, WhereSection } from './views/where.tsx';

const pickerUrl = (code: string) => `/dich-vu-cong/${code}/noi-nop`;
const applyUrl = (code: string) => (agency: string) => `/dich-vu-cong/${code}/to-khai?noi-nop=${encodeURIComponent(agency)}`;
const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100) : '');
// The e-form's answers that hold an address: "Nơi cư trú", "Địa chỉ thường trú"… as typed so far.
const ADDRESS_ANSWER = /dia-?chi|cu-?tru|address|residence/i;

/**
 * The addresses that say where the person lives, most telling first: the profile's current and
 * permanent addresses (S5), then the e-form draft's address answers.
 */
async function addressesOf(db: DB, req: FastifyRequest, serviceCode: string): Promise<string[]> {
  if (!req.actor) return [];
  const [profile, draft] = await Promise.all([getProfile(db, req.actor.id), getDraft(db, req.actor.id, serviceCode)]);
  const out = [formatAddress(profile?.currentAddress), formatAddress(profile?.permanentAddress)];
  for (const [key, v] of Object.entries(draft?.answers ?? {})) {
    if (!ADDRESS_ANSWER.test(key)) continue;
    out.push(v && typeof v === 'object' && !Array.isArray(v) && 'commune' in v ? formatAddress(v as Address) : text(v));
  }
  return out.filter(Boolean);
}

/** The picker's list for this request: its search, the person's own commune first. */
async function listFor(db: DB, req: FastifyRequest, serviceCode: string, q: unknown, list?: Implementation[]): Promise<PickerList> {
  const all = list ?? (await placesOf(db, serviceCode));
  const own = ownPlace(all, await addressesOf(db, req, serviceCode));
  return pickerList(all, text(Array.isArray(q) ? q[0] : q), own);
}

/** Whether a place may be chosen for an online application now. */
const open = (i: Implementation | undefined | null | '') => !!i && i.online && i.level >= 3;

/** The e-form's hook (forms' WhereHook): the place asked for or kept with the draft, else the picker. */
export function whereHook(db: DB): WhereHook {
  return async (_req, serviceCode, asked, saved) => {
    const list = await placesOf(db, serviceCode);
    if (list.length <= 1) return {};
    const chosen = [asked, saved].map((c) => (c ? list.find((i) => i.agency.code === c) : undefined)).find(open);
    if (!chosen) return { choose: pickerUrl(serviceCode) };
    return { place: { code: chosen.agency.code, name: chosen.agency.name, change: pickerUrl(serviceCode) } };
  };
}

/** The "Nộp tại" section of a service's page, when several agencies implement it. */
export async function whereSection(db: DB, req: FastifyRequest, ctx: PageContext, service: { code: string; name: string }, eform: boolean): Promise<VNode | undefined> {
  const all = await placesOf(db, service.code);
  if (all.length <= 1) return undefined;
  const list = await listFor(db, req, service.code, (req.query as Record<string, unknown> | undefined)?.q, all);
  return WhereSection({ ctx, service, list, action: `/dich-vu-cong/${service.code}`, applyHref: eform ? applyUrl(service.code) : undefined });
}

/** A service page's sections with "Nộp tại" first. */
export async function withWhereSection(db: DB, req: FastifyRequest, ctx: PageContext, service: { code: string; name: string; level: number }, eform: boolean, sections: { lead?: VNode; more?: VNode }): Promise<{ lead?: VNode; more?: VNode }> {
  const where = await whereSection(db, req, ctx, service, eform && service.level >= 3);
  return where ? { ...sections, lead: h(Fragment, null, where, sections.lead) } : sections;
}

export async function whereRoutes(app: FastifyInstance, deps: { db: DB; portal: Parameters<typeof loadPageContext>[1]['portal'] }): Promise<void> {
  const { db } = deps;
  app.get<{ Params: { code: string }; Querystring: { q?: string } }>(pickerUrl(':code'), async (req, reply) => {
    const code = req.params.code.slice(0, 20);
    const service = SERVICE_CODE.test(code) ? await getService(db, code) : undefined;
    const ctx = await loadPageContext(req, deps);
    if (!service) return sendPage(reply, MessagePage({ ctx, title: ctx.t('serviceNotFoundTitle'), body: ctx.t('serviceNotFoundBody', { code }) }), 404);
    const list = await listFor(db, req, code, req.query.q);
    return sendPage(reply, WherePage({ ctx, service, list, action: pickerUrl(code), applyHref: service.level >= 3 ? applyUrl(code) : undefined }));
  });
}
