// An administrator merges two accounts of one person (S1, S5): the page under the staff pages, the
// rule (merge-model.ts) first, then the store's one transaction with its two audit rows.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../db/index.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { loadPageContext, sendPage, type WebDeps } from '../web/routes.ts';
import { LINE, pageBody, text } from '../web/page-body.ts';
import { normalizeUsername } from './model.ts';
import { identityErrors } from './problems.ts';
import { audit } from './store.ts';
import { isTopAgency } from './admin-store.ts';
import { mergeProblem } from './merge-model.ts';
import { mergeAccounts, mergeSide, MergeRaceError, type MergeReport } from './merge-store.ts';
import { actorOf, guards, type Gate } from './guards.ts';
import { MERGE_PATH, MergePage } from './views/merge.tsx';

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** What the administrator is told once the accounts are merged. */
export function mergeNotice(source: string, target: string, r: MergeReport): string {
  const parts = [`${total(r.moved)} bản ghi đã chuyển sang ${target}`];
  if (total(r.dropped)) parts.push(`${total(r.dropped)} bản ghi trùng với dữ liệu của ${target} được bỏ (giữ của ${target})`);
  if (total(r.ended)) parts.push(`${total(r.ended)} phiên đăng nhập, khóa API hoặc mã xác thực của ${source} đã kết thúc`);
  return `Đã gộp tài khoản ${source} vào ${target}: ${parts.join('; ')}. Tài khoản ${source} đã bị khóa.`;
}

export async function mergeRoutes(app: FastifyInstance, deps: WebDeps & { db: DB }, gate: Gate): Promise<void> {
  const { db } = deps;
  const onlyAdmin = guards(deps).page(gate);

  const render = async (req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FieldErrors; notice?: string } = {}, status = 200) =>
    sendPage(reply, MergePage({ ctx: await loadPageContext(req, deps), ...extra }), status);

  app.get(MERGE_PATH, { preHandler: onlyAdmin }, async (req, reply) => render(req, reply));

  app.post(MERGE_PATH, { preHandler: onlyAdmin, schema: { body: pageBody({ source: LINE, target: LINE, reason: text(1000) }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(['source', 'target', 'reason'].map((k) => [k, typeof body[k] === 'string' ? (body[k] as string).trim().slice(0, k === 'reason' ? 1000 : 40) : '']));
    const [source, target] = await Promise.all([mergeSide(db, normalizeUsername(values.source!)), mergeSide(db, normalizeUsername(values.target!))]);
    const topAdmin = !!actor.agencyCode && (await isTopAgency(db, actor.agencyCode));
    const locale = (await loadPageContext(req, deps)).locale;
    const problem = mergeProblem(actor, topAdmin, source, target, values.reason!);
    if (problem) return render(req, reply, { values, errors: identityErrors({ [problem.field ?? 'source']: problem }, locale) }, 400);
    const [s, t] = [source!, target!];
    const sameIdNumber = !!s.idNumber && s.idNumber === t.idNumber;
    try {
      const report = await mergeAccounts(db, s.id, t.id, async (trx, r) => {
        const details = { source: s.id, sourceUsername: s.username, target: t.id, targetUsername: t.username, sameIdNumber, reason: values.reason || null, moved: r.moved, dropped: r.dropped, ended: r.ended, taken: r.taken };
        await audit(trx, { actor, action: 'account-merge', targetType: 'account', targetId: t.id, agencyCode: t.agencyCode, ip: req.ip, details });
        await audit(trx, { actor, action: 'account-merged', targetType: 'account', targetId: s.id, agencyCode: s.agencyCode, ip: req.ip, details: { into: t.id, intoUsername: t.username } });
      });
      return render(req, reply, { notice: mergeNotice(s.username, t.username, report) });
    } catch (err) {
      if (!(err instanceof MergeRaceError)) throw err;
      return render(req, reply, { values, errors: identityErrors({ source: { code: 'MERGE_DISABLED' } }, locale) }, 409);
    }
  });
}
