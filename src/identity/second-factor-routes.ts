// The second factor's pages and the step sign-in takes after the password (S1, ASVS 2.8): the
// code page, setting up an authenticator app, turning it off; and for the API, the `totp` field.
// Between the password and the code no session exists: only a pending sign-in (5 minutes, used
// once, at most 5 wrong codes) named by a cookie whose token the database keeps hashed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { DB } from '../db/index.ts';
import { homeFor } from '../web/back-office.tsx';
import type { FieldErrors } from '../web/components/form.tsx';
import { pageContext } from '../web/page-context.ts';
import { ID, LINE, pageBody } from '../web/page-body.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { MessagePage } from '../web/views/message.tsx';
import { explain } from '../web/problem.ts';
import { field } from './form-fields.ts';
import { IDENTITY_PROBLEMS, identityText } from './problems.ts';
import { STAFF_ROLES, type Role } from './model.ts';
import {
  confirmEnrolment,
  createPendingSignIn,
  currentPasswordMatches,
  disableTotp,
  enrolmentSecret,
  failPendingSignIn,
  hasTotp,
  PENDING_SIGN_IN_MINUTES,
  pendingSignIn,
  takePendingSignIn,
  totpStatus,
  verifySecondFactor,
  type PendingSignIn,
  type SecondFactorResult,
} from './second-factor-store.ts';
import { hostCookie } from './session-cookie.ts';
import { accountRole, audit } from './store.ts';
import { otpauthUri } from './totp.ts';
import { CODE_PATH, CodePage, codeStepText, RecoveryCodesPage, SECOND_FACTOR_PATH, SetupPage, StatusPage } from './views/second-factor.tsx';

export interface SecondFactorDeps {
  db: DB;
  portal: Parameters<typeof loadPageContext>[1]['portal'];
  secureCookies: boolean;
  /** DVCTT_STAFF_TOTP: 'required' sends staff without a second factor to set one up before any session. */
  staffTotp: 'optional' | 'required';
  startSession: (req: FastifyRequest, reply: FastifyReply, accountId: string) => Promise<void>;
}

export type ApiRefusal = ReturnType<typeof explain>;

export interface SecondFactor {
  /** After the right password: true when the person must give a code or set one up first (answered with a redirect, no session). */
  afterPassword(req: FastifyRequest, reply: FastifyReply, accountId: string, next: string): Promise<boolean>;
  /** For the API's token route: why the token is refused, when the account's second factor is missing or wrong. */
  apiRefusal(req: FastifyRequest, accountId: string, totp: string | undefined): Promise<ApiRefusal | undefined>;
}


export async function secondFactorRoutes(app: FastifyInstance, deps: SecondFactorDeps): Promise<SecondFactor> {
  const { db } = deps;
  const pendingCookie = hostCookie('dvctt_signin', deps.secureCookies);
  const mustEnrol = (role: Role) => deps.staffTotp === 'required' && STAFF_ROLES.includes(role);

  /** Where a finished sign-in goes: the page the person came for, else a staff member's home. */
  const landing = (next: string, role: Role) => (next ? (next === '/dang-nhap' ? '/' : next) : (homeFor(role) ?? '/'));

  /** The second step passed: the pending sign-in is used up and the session starts. */
  async function finishSignIn(req: FastifyRequest, reply: FastifyReply, pending: PendingSignIn, via: string): Promise<string | undefined> {
    if (!(await takePendingSignIn(db, pending.tokenHash))) return undefined;
    pendingCookie.clear(reply);
    const account = await accountRole(db, pending.accountId);
    if (!account) return undefined;
    await deps.startSession(req, reply, pending.accountId);
    await audit(db, { actor: { id: pending.accountId, username: account.username }, action: 'sign-in', ip: req.ip, details: { secondFactor: via } });
    return landing(pending.next, account.role);
  }

  const expired = async (req: FastifyRequest, reply: FastifyReply, status: number, body?: string) => {
    pendingCookie.clear(reply);
    const ctx = await loadPageContext(req, deps);
    const m = codeStepText(ctx.locale);
    return sendPage(reply, MessagePage({ ctx, title: m.expiredTitle, body: body ?? m.expired(PENDING_SIGN_IN_MINUTES), back: { href: '/dang-nhap', label: m.signIn } }), status);
  };

  app.get(CODE_PATH, async (req, reply) => {
    const pending = await pendingSignIn(db, pendingCookie.read(req));
    if (pending?.purpose !== 'code') return expired(req, reply, 200);
    reply.header('cache-control', 'no-store');
    return sendPage(reply, CodePage({ ctx: await loadPageContext(req, deps) }));
  });

  app.post(CODE_PATH, { schema: { body: pageBody({ code: ID }) } }, async (req, reply) => {
    const pending = await pendingSignIn(db, pendingCookie.read(req));
    if (pending?.purpose !== 'code') return expired(req, reply, 400);
    const code = field(req.body, 'code', 40);
    const { locale } = pageContext(req, deps.portal);
    const errors: FieldErrors = {};
    if (!code) errors.code = identityText({ code: 'TOTP_MISSING' }, locale);
    else {
      const result = await verifySecondFactor(db, pending.accountId, code);
      if (result.ok) {
        const to = await finishSignIn(req, reply, pending, result.via);
        return to ? reply.redirect(to, 303) : expired(req, reply, 400);
      }
      await audit(db, { actor: { id: pending.accountId, username: (await accountRole(db, pending.accountId))?.username ?? '' }, action: 'sign-in-second-factor-failed', ip: req.ip });
      if (result.reason === 'locked') {
        await takePendingSignIn(db, pending.tokenHash);
        const locked = explain(IDENTITY_PROBLEMS, { code: 'TOTP_LOCKED', params: { until: result.until.toISOString() } }, locale);
        return expired(req, reply, locked.status, locked.message);
      }
      const left = await failPendingSignIn(db, pending.tokenHash);
      if (left === 0) {
        const tooMany = explain(IDENTITY_PROBLEMS, { code: 'TOTP_TOO_MANY' }, locale);
        return expired(req, reply, tooMany.status, tooMany.message);
      }
      errors.code = identityText({ code: 'TOTP_WRONG', params: { left } }, locale);
    }
    return sendPage(reply, CodePage({ ctx: await loadPageContext(req, deps), errors }), 400);
  });

  /** Who is setting up the factor: the signed-in person, or a staff member between password and session. */
  async function enrollee(req: FastifyRequest): Promise<{ accountId: string; username: string; role: Role; pending?: PendingSignIn } | undefined> {
    if (req.actor) return { accountId: req.actor.id, username: req.actor.username, role: req.actor.role };
    const pending = await pendingSignIn(db, pendingCookie.read(req));
    if (pending?.purpose !== 'enrol') return undefined;
    const account = await accountRole(db, pending.accountId);
    return account && { accountId: pending.accountId, ...account, pending };
  }

  async function setupPage(req: FastifyRequest, reply: FastifyReply, who: { accountId: string; username: string; role: Role; pending?: PendingSignIn }, errors?: FieldErrors, notice?: string) {
    const secret = await enrolmentSecret(db, who.accountId);
    if (!secret) return reply.redirect(SECOND_FACTOR_PATH, 303);
    const uri = otpauthUri({ issuer: deps.portal.portalName, account: who.username, secret });
    const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    reply.header('cache-control', 'no-store');
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, SetupPage({ ctx, secret, uri, qrImage: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, errors, notice, required: !!who.pending || mustEnrol(who.role) }), errors ? 400 : 200);
  }

  app.get<{ Querystring: { tat?: string } }>(SECOND_FACTOR_PATH, async (req, reply) => {
    const who = await enrollee(req);
    if (!who) return reply.redirect(`/dang-nhap?next=${encodeURIComponent(SECOND_FACTOR_PATH)}`, 303);
    const status = await totpStatus(db, who.accountId);
    if (status.enabled) {
      if (who.pending) return expired(req, reply, 200);
      const ctx = await loadPageContext(req, deps);
      return sendPage(reply, StatusPage({ ctx, status, required: mustEnrol(who.role) }));
    }
    return setupPage(req, reply, who, undefined, req.query.tat ? 'Đã tắt xác thực hai bước; các mã khôi phục cũ hết hiệu lực.' : undefined);
  });

  app.post(SECOND_FACTOR_PATH, { schema: { body: pageBody({ code: ID }) } }, async (req, reply) => {
    const who = await enrollee(req);
    if (!who) return reply.redirect(`/dang-nhap?next=${encodeURIComponent(SECOND_FACTOR_PATH)}`, 303);
    const code = field(req.body, 'code', 40);
    const codes = code ? await confirmEnrolment(db, who.accountId, code) : undefined;
    if (!codes) return setupPage(req, reply, who, { code: identityText({ code: code ? 'TOTP_SETUP_WRONG' : 'TOTP_SETUP_MISSING' }, pageContext(req, deps.portal).locale) });
    await audit(db, { actor: { id: who.accountId, username: who.username }, action: 'totp-enable', targetType: 'account', targetId: who.accountId, ip: req.ip });
    let next = { href: '/tai-khoan', label: 'Quay lại tài khoản' };
    if (who.pending) {
      const to = await finishSignIn(req, reply, who.pending, 'enrolment');
      if (!to) return expired(req, reply, 400);
      next = { href: to, label: 'Tiếp tục' };
    }
    // The codes are on this response only: the database keeps their hashes.
    reply.header('cache-control', 'no-store');
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, RecoveryCodesPage({ ctx, codes, next }));
  });

  app.post(`${SECOND_FACTOR_PATH}/tat`, { schema: { body: pageBody({ password: LINE, code: ID }) } }, async (req, reply) => {
    const actor = req.actor;
    if (!actor) return reply.redirect(`/dang-nhap?next=${encodeURIComponent(SECOND_FACTOR_PATH)}`, 303);
    const password = field(req.body, 'password');
    const code = field(req.body, 'code', 40);
    const { locale } = pageContext(req, deps.portal);
    const errors: FieldErrors = {};
    if (!password) errors.password = identityText({ code: 'PASSWORD_MISSING' }, locale);
    if (!code) errors.code = identityText({ code: 'TOTP_MISSING' }, locale);
    if (!Object.keys(errors).length) {
      if (!(await currentPasswordMatches(db, actor.id, password))) errors.password = identityText({ code: 'PASSWORD_WRONG' }, locale);
      else {
        const result: SecondFactorResult = await verifySecondFactor(db, actor.id, code);
        if (result.ok) {
          await disableTotp(db, actor.id);
          await audit(db, { actor, action: 'totp-disable', targetType: 'account', targetId: actor.id, ip: req.ip });
          return reply.redirect(`${SECOND_FACTOR_PATH}?tat=1`, 303);
        }
        errors.code = identityText(result.reason === 'locked' ? { code: 'TOTP_LOCKED', params: { until: result.until.toISOString() } } : { code: 'TOTP_WRONG' }, locale);
      }
    }
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, StatusPage({ ctx, status: await totpStatus(db, actor.id), errors, required: mustEnrol(actor.role) }), 400);
  });

  return {
    async afterPassword(req, reply, accountId, next) {
      const account = await accountRole(db, accountId);
      if (!account) return false;
      const purpose = (await hasTotp(db, accountId)) ? 'code' : mustEnrol(account.role) ? 'enrol' : undefined;
      if (!purpose) return false;
      const token = await createPendingSignIn(db, accountId, purpose, next);
      pendingCookie.set(reply, token, PENDING_SIGN_IN_MINUTES * 60);
      reply.redirect(purpose === 'code' ? CODE_PATH : SECOND_FACTOR_PATH, 303);
      return true;
    },

    async apiRefusal(req, accountId, totp) {
      const account = await accountRole(db, accountId);
      if (!account) return undefined;
      if (!(await hasTotp(db, accountId))) {
        return mustEnrol(account.role) ? explain(IDENTITY_PROBLEMS, { code: 'TOTP_ENROLMENT_REQUIRED' }) : undefined;
      }
      if (!totp) return explain(IDENTITY_PROBLEMS, { code: 'TOTP_REQUIRED' });
      const result = await verifySecondFactor(db, accountId, totp);
      if (result.ok) return undefined;
      await audit(db, { actor: { id: accountId, username: account.username }, action: 'sign-in-second-factor-failed', ip: req.ip, details: { via: 'api' } });
      return explain(IDENTITY_PROBLEMS, result.reason === 'locked' ? { code: 'TOTP_LOCKED', params: { until: result.until.toISOString() } } : { code: 'TOTP_INVALID' });
    },
  };
}
