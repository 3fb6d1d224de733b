// "Nhận mã đăng nhập một lần" (S1, ASVS 2.2.1): the page that sends a one-time code to a person
// whose account is being attacked. The answer is the same whether or not the account exists.
import type { FastifyInstance } from 'fastify';
import type { DB } from '../db/index.ts';
import { allowHit, windowOf, type Limit } from '../db/rate-limit.ts';
import { pageContext, safeNext } from '../web/page-context.ts';
import { LINE, pageBody } from '../web/page-body.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { field } from './form-fields.ts';
import { signInSource } from './model.ts';
import type { SendMail } from './password-reset.ts';
import { CODE_MINUTES, issueSignInCode } from './sign-in-code.ts';
import { signInText } from './sign-in-messages.ts';
import { explain } from '../web/problem.ts';
import { IDENTITY_PROBLEMS, identityText } from './problems.ts';
import { audit } from './store.ts';
import { SignInPage } from './views/sign-in.tsx';
import { SignInCodeRequestPage } from './views/sign-in-code.tsx';

/** Sends one text message; wired by the app to the SMS gateway, when there is one. */
export type SendSms = (m: { to: string; text: string }) => Promise<void>;

export interface SignInCodeDeps {
  db: DB;
  portal: Parameters<typeof loadPageContext>[1]['portal'];
  sendMail?: SendMail;
  sendSms?: SendSms;
}

/** Code requests per source address: enough for a family behind one router, too few to flood mailboxes. */
const CODE_REQUESTS: Limit = { bucket: 'sign-in-code', max: 10, windowSeconds: 15 * 60 };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function signInCodeRoutes(app: FastifyInstance, deps: SignInCodeDeps): Promise<void> {
  const { db } = deps;

  app.get<{ Querystring: { login?: string; next?: string } }>('/dang-nhap/ma', async (req, reply) => {
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, SignInCodeRequestPage({ ctx, login: String(req.query.login ?? '').slice(0, 200), next: req.query.next ? safeNext(req.query.next) : '' }));
  });

  app.post('/dang-nhap/ma', { schema: { body: pageBody({ login: LINE, next: LINE }) } }, async (req, reply) => {
    const login = field(req.body, 'login');
    const given = field(req.body, 'next', 500);
    const next = given ? safeNext(given) : '';
    const { locale } = pageContext(req, deps.portal);
    const m = signInText(locale);
    if (!login) return sendPage(reply, SignInCodeRequestPage({ ctx: await loadPageContext(req, deps), next, errors: { login: identityText({ code: 'SIGN_IN_CODE_LOGIN_MISSING' }, locale) } }), 400);
    const now = new Date();
    if (!(await allowHit(db, CODE_REQUESTS, signInSource(req.ip), now))) {
      const wait = Math.ceil((windowOf(CODE_REQUESTS, now).getTime() + CODE_REQUESTS.windowSeconds * 1000 - now.getTime()) / 1000);
      reply.header('retry-after', String(wait));
      const tooMany = explain(IDENTITY_PROBLEMS, { code: 'SIGN_IN_CODE_TOO_MANY', params: { n: wait } }, locale);
      return sendPage(reply, SignInCodeRequestPage({ ctx: await loadPageContext(req, deps), login, next, errors: { form: tooMany.message } }), tooMany.status);
    }
    const issued = await issueSignInCode(db, login, now);
    if (issued) {
      const name = deps.portal.portalName;
      const text = `Kính gửi ${issued.fullName},\n\nMã đăng nhập một lần vào ${name}: ${issued.code}\n\nNhập mã cùng mật khẩu trong ${CODE_MINUTES} phút; mã chỉ dùng được một lần. Đừng đưa mã này cho bất kỳ ai, kể cả người xưng là cán bộ.\n\nNếu quý khách không yêu cầu, có người đang thử mật khẩu tài khoản của quý khách: hãy đổi mật khẩu.\n`;
      const html = `<p>Kính gửi ${escapeHtml(issued.fullName)},</p><p>Mã đăng nhập một lần vào ${escapeHtml(name)}:</p><p style="font-size:1.5em;letter-spacing:.2em"><strong>${issued.code}</strong></p><p>Nhập mã cùng mật khẩu trong ${CODE_MINUTES} phút; mã chỉ dùng được một lần. Đừng đưa mã này cho bất kỳ ai, kể cả người xưng là cán bộ.</p><p>Nếu quý khách không yêu cầu, có người đang thử mật khẩu tài khoản của quý khách: hãy đổi mật khẩu.</p>`;
      // Not awaited: the answer must not take longer for an account that exists; failures go to the log.
      if (issued.email && deps.sendMail) {
        void deps.sendMail({ to: issued.email, subject: `Mã đăng nhập — ${name}`, text, html }).catch((err: unknown) => req.log.error({ err }, 'sign-in code email failed'));
      }
      if (issued.phone && deps.sendSms) {
        const sms = `DVCTT: ma dang nhap ${issued.code}, dung 1 lan trong ${CODE_MINUTES} phut. Khong dua ma cho bat ky ai.`;
        void deps.sendSms({ to: issued.phone, text: sms }).catch((err: unknown) => req.log.error({ err }, 'sign-in code SMS failed'));
      }
      await audit(db, { action: 'sign-in-code-sent', targetType: 'account', targetId: issued.accountId, ip: req.ip });
    }
    reply.header('cache-control', 'no-store');
    return sendPage(reply, SignInPage({ ctx: await loadPageContext(req, deps), login, next, notice: m('codeSent'), withCode: true, oidcName: req.oidcSignInName }));
  });
}
