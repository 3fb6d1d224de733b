// "Quên mật khẩu" (S1): a single-use link by email, valid for 30 minutes. The answer to a request
// is the same whether or not the account exists, so the form cannot be used to find accounts; each
// source (IPv4 address or IPv6 /64) has an allowance of requests, beyond it 429 with Retry-After.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { normalizeUsername, passwordCheck } from './model.ts';
import { identityText } from './problems.ts';
import { ID, LINE, pageBody } from '../web/page-body.ts';
import { audit, newToken, resetPassword, sha256 } from './store.ts';
import { overLimit, RESET_REQUEST_LIMIT } from './request-limits.ts';
import { ResetDonePage, ResetPasswordPage, ResetRequestPage } from './views/password-reset.tsx';

export const RESET_MINUTES = 30;

/** Sends one email; wired by the app to the portal's SMTP server. */
export type SendMail = (m: { to: string; subject: string; text: string; html: string }) => Promise<void>;

export interface ResetDeps {
  db: DB;
  portal: Parameters<typeof loadPageContext>[1]['portal'];
  publicUrl: string;
  sendMail?: SendMail;
}

/** A new link for the account with this login, when it exists and has an email address. */
export async function requestReset(db: DB, login: string, now = new Date()): Promise<{ accountId: string; email: string; fullName: string; token: string } | undefined> {
  const key = login.trim();
  if (!key) return undefined;
  const account = await db
    .selectFrom('account')
    .select(['id', 'email', 'full_name'])
    .where((eb) => eb.or([eb('username', '=', normalizeUsername(key)), eb(sql`lower(email)`, '=', key.toLowerCase()), eb('phone', '=', key.replace(/[\s.-]/g, ''))]))
    .executeTakeFirst();
  if (!account?.email) return undefined;
  const token = newToken();
  await db
    .insertInto('password_reset')
    .values({ token_hash: sha256(token), account_id: account.id, expires_at: new Date(now.getTime() + RESET_MINUTES * 60_000) })
    .execute();
  return { accountId: account.id, email: account.email, fullName: account.full_name, token };
}

/** The account a link still opens, or undefined (unknown, used or expired). */
export async function resetAccount(db: DB, token: string, now = new Date()): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('password_reset')
    .select('account_id')
    .where('token_hash', '=', sha256(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.account_id;
}

/** Sets the new password with the link, once: every other link of the account and every session end. */
export async function completeReset(db: DB, token: string, password: string, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_reset')
      .set({ used_at: now })
      .where('token_hash', '=', sha256(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('account_id')
      .executeTakeFirst();
    if (!used) return false;
    await trx.updateTable('password_reset').set({ used_at: now }).where('account_id', '=', used.account_id).where('used_at', 'is', null).execute();
    await resetPassword(trx, used.account_id, password);
    await audit(trx, { action: 'password-reset-by-email', targetType: 'account', targetId: used.account_id });
    return true;
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function passwordResetRoutes(app: FastifyInstance, deps: ResetDeps): Promise<void> {
  const { db } = deps;

  app.get('/quen-mat-khau', async (req, reply) => sendPage(reply, ResetRequestPage({ ctx: await loadPageContext(req, deps) })));

  app.post<{ Body: { login?: string } }>('/quen-mat-khau', { schema: { body: pageBody({ login: LINE }) } }, async (req, reply) => {
    const ctx = await loadPageContext(req, deps);
    const login = String(req.body?.login ?? '').slice(0, 200);
    if (!login.trim()) return sendPage(reply, ResetRequestPage({ ctx, errors: { login: ctx.t('resetLoginMissing') } }), 400);
    const again = await overLimit(db, reply, RESET_REQUEST_LIMIT, req.ip);
    if (again) return sendPage(reply, ResetRequestPage({ ctx, errors: { login: ctx.t('resetTooMany', { minutes: Math.ceil(again / 60) }) } }), 429);
    const found = await requestReset(db, login);
    if (found && deps.sendMail) {
      const link = `${deps.publicUrl}/dat-lai-mat-khau?ma=${found.token}`;
      const text = `Kính gửi ${found.fullName},\n\nCó yêu cầu đặt lại mật khẩu tài khoản của quý khách trên ${deps.portal.portalName}. Mở liên kết sau trong ${RESET_MINUTES} phút để đặt mật khẩu mới (chỉ dùng được một lần):\n\n${link}\n\nNếu quý khách không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.\n`;
      const html = `<p>Kính gửi ${escapeHtml(found.fullName)},</p><p>Có yêu cầu đặt lại mật khẩu tài khoản của quý khách trên ${escapeHtml(deps.portal.portalName)}. Mở liên kết sau trong ${RESET_MINUTES} phút để đặt mật khẩu mới (chỉ dùng được một lần):</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>Nếu quý khách không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.</p>`;
      // Not awaited: the answer must not take longer for an account that exists (no enumeration by
      // timing); a mail failure is for the operators' log.
      void deps.sendMail({ to: found.email, subject: `Đặt lại mật khẩu — ${deps.portal.portalName}`, text, html }).catch((err: unknown) => req.log.error({ err }, 'password reset email failed'));
      await audit(db, { action: 'password-reset-requested', targetType: 'account', targetId: found.accountId, ip: req.ip });
    }
    return sendPage(reply, ResetDonePage({ ctx, sent: true }));
  });

  app.get<{ Querystring: { ma?: string } }>('/dat-lai-mat-khau', async (req, reply) => {
    const ctx = await loadPageContext(req, deps);
    const token = String(req.query.ma ?? '');
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (!(await resetAccount(db, token))) return sendPage(reply, ResetDonePage({ ctx, sent: false, invalid: true }), 400);
    return sendPage(reply, ResetPasswordPage({ ctx, token }));
  });

  app.post<{ Body: { ma?: string; password?: string } }>('/dat-lai-mat-khau', { schema: { body: pageBody({ ma: ID, password: LINE }) } }, async (req, reply) => {
    const ctx = await loadPageContext(req, deps);
    const token = String(req.body?.ma ?? '');
    const password = String(req.body?.password ?? '');
    if (!(await resetAccount(db, token))) return sendPage(reply, ResetDonePage({ ctx, sent: false, invalid: true }), 400);
    const problem = passwordCheck(password);
    if (problem) {
      const errors: FieldErrors = { password: identityText(problem, ctx.locale) };
      return sendPage(reply, ResetPasswordPage({ ctx, token, errors }), 400);
    }
    if (!(await completeReset(db, token, password))) return sendPage(reply, ResetDonePage({ ctx, sent: false, invalid: true }), 400);
    return reply.redirect('/dang-nhap?dat-lai=1', 303);
  });
}
