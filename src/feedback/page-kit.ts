// What the feedback module's pages share: render a view with the page context, a message page,
// the 403 page, and the gates of its audiences.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { getService, SERVICE_CODE } from '../catalog/index.ts';
import { GATES, guards } from '../identity/index.ts';
import { loadPageContext, sendPage, type WebDeps } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';

/** A form field as text, cut to `max` characters. */
export const str = (body: unknown, name: string, max = 60_000): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

export function pageKit(deps: WebDeps) {
  const page = async (req: FastifyRequest, reply: FastifyReply, view: (ctx: Awaited<ReturnType<typeof loadPageContext>>) => VNode, status = 200) =>
    sendPage(reply, view(await loadPageContext(req, deps)), status);
  const message = (req: FastifyRequest, reply: FastifyReply, title: string, body: string, status: number) => page(req, reply, (ctx) => MessagePage({ ctx, title, body }), status);
  const forbidden = (req: FastifyRequest, reply: FastifyReply, body: string) => message(req, reply, 'Không có quyền truy cập', body, 403);
  const gate = guards(deps);
  const only = { signedIn: gate.page(GATES.signedIn), admin: gate.page(GATES.admin), staff: gate.page(GATES.staff), manager: gate.page(GATES.manager), officer: gate.page(GATES.officer) };
  /** A service named in a form or query, if its code is one of the catalog's. */
  const serviceNamed = async (code: unknown) => {
    if (typeof code !== 'string' || !SERVICE_CODE.test(code)) return undefined;
    const s = await getService(deps.db, code);
    return s && { code: s.code, name: s.name, agency_code: s.agency };
  };
  return { page, message, forbidden, only, serviceNamed };
}
