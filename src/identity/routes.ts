// Sign-in, profile and sign-out: pages and API (registration: registration-routes.ts). Also the request hook that tells
// every route who is acting, and the CSRF check for every form that changes something.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../db/index.ts';
import type { FieldErrors } from '../web/components/form.tsx';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { homeFor } from '../web/back-office.tsx';
import { pageContext, safeNext } from '../web/page-context.ts';
import { MessagePage } from '../web/views/message.tsx';
import { timeVi } from '../web/format.ts';
import { addressProblems, type Address } from '../web/provinces.ts';
import { normalizeUsername, passwordCheck, ROLE_NAMES, type Actor } from './model.ts';
import {
  accountRole,
  audit,
  changePassword,
  createApiToken,
  createSession,
  DuplicateAccountError,
  endAllSessions,
  endSession,
  getProfile,
  knownCommunes,
  listApiTokens,
  revokeApiToken,
  newToken,
  sessionActor,
  SESSION_DAYS,
  tokenActor,
  updateProfile,
} from './store.ts';
import { adminRoutes } from './admin-routes.ts';
import { actorOf, GATES, guards } from './guards.ts';
import { field, personProblems } from './form-fields.ts';
import { registrationRoutes, tellHolders } from './registration-routes.ts';
import { overAllowance, PROFILE_HELD_LIMIT } from './request-limits.ts';
import { PasswordPage } from './views/password.tsx';
import { ProfilePage } from './views/profile.tsx';
import { SignInPage } from './views/sign-in.tsx';
import { secondFactorRoutes } from './second-factor-routes.ts';
import { idleNotice, sessionCookie } from './session-cookie.ts';
import type { SessionSettings } from '../config.ts';
import { signInCodeRoutes, type SendSms } from './sign-in-code-routes.ts';
import { explain, type Problem } from '../web/problem.ts';
import { IDENTITY_PROBLEMS, identityErrors, identityText, type IdentityProblem } from './problems.ts';
import { DEVICE_COOKIE, DEVICE_DAYS, signIn, type SignInOutcome } from './sign-in-throttle.ts';
import type { SendMail } from './password-reset.ts';
import { apiError } from '../web/api-error.ts';
import { ID, LINE, pageBody } from '../web/page-body.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    /** The session's token for forms, when the actor came by cookie. */
    sessionCsrf?: string;
  }
  interface FastifyContextConfig {
    /** A page whose multipart body is read as a stream: it checks `_csrf` itself, as the first part, with `csrfTokenMatches`. */
    csrfInStream?: boolean;
  }
}

/** Whether a form's `_csrf` is the token of this browser's session (or, before sign-in, its cookie). */
export function csrfTokenMatches(req: FastifyRequest, sent: string): boolean {
  return sameToken(sent, req.sessionCsrf ?? req.anonymousCsrf);
}

export { SESSION_COOKIE } from './session-cookie.ts';
const ANON_CSRF_COOKIE = 'dvctt_csrf';

export interface IdentityDeps {
  db: DB;
  portal: Parameters<typeof loadPageContext>[1]['portal'];
  secureCookies: boolean;
  /** Second factor and idle timeout of staff sessions (DVCTT_STAFF_TOTP, DVCTT_STAFF_IDLE_MINUTES); the defaults when absent. */
  sessions?: SessionSettings;
  /** One-time sign-in codes go out by email and, when there is a gateway, SMS (wired by the app). */
  sendMail?: SendMail;
  sendSms?: SendSms;
  /** Failed sign-ins across the portal, from new devices, before those must wait (GLOBAL_FREE_FAILURES). */
  signInSprayLimit?: number;
  /** DVCTT_CITIZEN_SIGNUP: citizens may register with a password (true when absent). */
  citizenSignup?: boolean;
  /** Writes an in-portal notice to an account with its email and SMS deliveries, in the caller's transaction (wired by the app). */
  notifyAccount?: (trx: DB, accountId: string, notice: { title: string; body: string }) => Promise<void>;
}


function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}



const PROFILE_FIELDS = ['fullName', 'email', 'phone', 'idNumber', 'dateOfBirth', 'taxCode', 'representative'];
const ADDRESS_FIELDS = ['permanent', 'current'].flatMap((p) => ['Province', 'Commune', 'Detail'].map((part) => p + part));

function addressFrom(values: Record<string, string | undefined>, prefix: string): Address {
  return { province: values[`${prefix}Province`] ?? '', commune: values[`${prefix}Commune`] ?? '', detail: values[`${prefix}Detail`] ?? '' };
}






export async function identityRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  const { db } = deps;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };
  const session = sessionCookie(deps.secureCookies);
  const sessions: SessionSettings = deps.sessions ?? { staffTotp: 'optional', staffIdleMinutes: 30 };

  // Who is acting: a session cookie (browser) or a bearer token (other systems).
  app.addHook('onRequest', async (req, reply) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await tokenActor(db, auth.slice(7).trim());
      return;
    }
    const token = session.read(req);
    if (token) {
      const found = await sessionActor(db, token, new Date(), sessions.staffIdleMinutes);
      if (found && 'actor' in found) {
        req.actor = found.actor;
        req.sessionCsrf = found.csrfToken;
        const role = found.actor.role;
        req.viewer = {
          fullName: found.actor.fullName,
          roleName: ROLE_NAMES[role],
          role,
          csrfToken: found.csrfToken,
          applications:
            role === 'citizen'
              ? { href: '/ho-so', label: 'Hồ sơ của tôi' }
              : role === 'officer' || role === 'admin'
                ? { href: '/can-bo/ho-so', label: 'Hồ sơ của cơ quan' }
                : { href: '/quan-ly/thong-ke', label: 'Thống kê' },
        };
      } else if (found && req.url.startsWith('/assets/')) {
        // Idle: left for the next page to explain, so a stylesheet request does not swallow the notice.
      } else {
        session.clear(reply);
        if (found) {
          // Unused longer than allowed (ASVS 3.3.2): back to sign-in, saying why, then on to this page.
          await endSession(db, token);
          if (!req.url.startsWith('/api/')) {
            const back = req.method === 'GET' ? `&next=${encodeURIComponent(safeNext(req.url))}` : '';
            return reply.redirect(`/dang-nhap?het-han=${found.idleMinutes}${back}`, 303);
          }
        }
      }
    }
    if (!req.actor && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
      let anon = req.cookies[ANON_CSRF_COOKIE];
      if (!anon || !/^[A-Za-z0-9_-]{43}$/.test(anon)) {
        anon = newToken();
        reply.setCookie(ANON_CSRF_COOKIE, anon, cookieOptions);
      }
      req.anonymousCsrf = anon;
    }
  });

  // Every form post must carry the token of its session (or, before sign-in, of its cookie).
  app.addHook('preHandler', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    if (req.url.startsWith('/api/')) {
      // A bearer token cannot be sent by another site; a session cookie can, so API writes that
      // ride on the browser's session must also send the session's token in a header.
      if (req.sessionCsrf && !sameToken(String(req.headers['x-csrf-token'] ?? ''), req.sessionCsrf)) {
        return reply.code(403).send(apiError('CSRF', 'Thiếu hoặc sai mã chống giả mạo (tiêu đề X-CSRF-Token) cho yêu cầu dùng phiên đăng nhập.'));
      }
      return;
    }
    // Uploads are not parsed before the handler, which reads the token before any file.
    if (req.routeOptions.config.csrfInStream && String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) return;
    const sent = field(req.body, '_csrf', 100);
    const expected = req.sessionCsrf ?? req.anonymousCsrf;
    if (!sameToken(sent, expected)) {
      const ctx = await loadPageContext(req, deps);
      return sendPage(
        reply,
        MessagePage({ ctx, title: ctx.t('formExpiredTitle'), body: ctx.t('formExpiredBody') }),
        403,
      );
    }
  });

  // A browser that signed in to an account before passes that account's and the portal's sign-in throttles.
  const rememberDevice = (reply: FastifyReply, token: string) =>
    reply.setCookie(DEVICE_COOKIE, token, { ...cookieOptions, maxAge: DEVICE_DAYS * 86_400 });
  const auditRefusal = (req: FastifyRequest, login: string, result: Exclude<SignInOutcome, { ok: true }>, via?: 'api') =>
    audit(db, {
      action: result.reason === 'source' || result.reason === 'account' ? 'sign-in-throttled' : 'sign-in-failed',
      ip: req.ip,
      details: { login: login.slice(0, 100), ...(result.reason !== 'invalid' && { reason: result.reason }), ...(via && { via }) },
    });

  const startSession = async (req: FastifyRequest, reply: FastifyReply, accountId: string) => {
    const created = await createSession(db, accountId, { ip: req.ip, userAgent: req.headers['user-agent'] });
    session.set(reply, created.token, SESSION_DAYS * 86_400);
  };
  const secondFactor = await secondFactorRoutes(app, { ...deps, staffTotp: sessions.staffTotp, startSession });

  app.get<{ Querystring: { next?: string; 'dat-lai'?: string; 'het-han'?: string } }>('/dang-nhap', async (req, reply) => {
    const ctx = await loadPageContext(req, deps);
    const notice = req.query['dat-lai'] ? 'Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới; các thiết bị khác đã được đăng xuất.' : /^[1-9]\d{0,4}$/.test(req.query['het-han'] ?? '') ? idleNotice(Number(req.query['het-han'])) : undefined;
    return sendPage(reply, SignInPage({ ctx, next: req.query.next ? safeNext(req.query.next) : '', oidcName: req.oidcSignInName, signup: deps.citizenSignup !== false, notice }));
  });

  app.post('/dang-nhap', { schema: { body: pageBody({ login: LINE, password: LINE, next: LINE, code: ID }) } }, async (req, reply) => {
    const login = field(req.body, 'login');
    const password = field(req.body, 'password');
    const given = field(req.body, 'next', 500);
    const next = safeNext(given || '/');
    // A one-time code, when the person asked for one (an empty field: they sign in without it).
    const code = field(req.body, 'code', 20).replace(/\s/g, '');
    // The page's language for the messages, without reading the notices unless the page is shown.
    const { t, locale } = pageContext(req, deps.portal);
    const errors: FieldErrors = {};
    let status = 400;
    if (!login) errors.login = t('signInLoginMissing');
    if (!password) errors.password = t('signInPasswordMissing');
    if (code && !/^\d{6}$/.test(code)) errors.code = identityText({ code: 'SIGN_IN_CODE_FORMAT' }, locale);
    if (!Object.keys(errors).length) {
      const result = await signIn(db, { login, password, ip: req.ip, deviceToken: req.cookies[DEVICE_COOKIE], code: code || undefined }, { globalFreeFailures: deps.signInSprayLimit });
      if (result.ok) {
        rememberDevice(reply, result.deviceToken);
        if (await secondFactor.afterPassword(req, reply, result.accountId, given ? next : '')) return reply;
        await startSession(req, reply, result.accountId);
        await audit(db, { actor: { id: result.accountId, username: normalizeUsername(login) }, action: 'sign-in', ip: req.ip, ...(code && { details: { code: true } }) });
        // Without a page to go back to, staff land on the home of their area (U1).
        const home = given ? undefined : homeFor((await accountRole(db, result.accountId))?.role);
        return reply.redirect(home ?? (next === '/dang-nhap' ? '/' : next), 303);
      }
      await auditRefusal(req, login, result);
      if (result.reason === 'code') errors.code = identityText({ code: 'SIGN_IN_CODE_WRONG' }, locale);
      else if (result.reason === 'invalid') errors.form = t('signInWrong');
      else {
        const wait = explain(IDENTITY_PROBLEMS, { code: result.reason === 'source' ? 'SIGN_IN_SOURCE_WAIT' : 'SIGN_IN_ACCOUNT_WAIT', params: { n: result.waitSeconds } }, locale);
        status = wait.status;
        reply.header('retry-after', String(result.waitSeconds));
        errors.form = wait.message;
      }
    }
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, SignInPage({ ctx, login, errors, next: given ? next : '', oidcName: req.oidcSignInName, signup: deps.citizenSignup !== false, withCode: !!code }), status);
  });

  app.post('/dang-xuat', { schema: { body: pageBody({}) } }, async (req, reply) => {
    const token = session.read(req);
    if (token) await endSession(db, token);
    if (req.actor) await audit(db, { actor: req.actor, action: 'sign-out', ip: req.ip });
    session.clear(reply);
    return reply.redirect('/', 303);
  });


  const only = { signedIn: guards(deps).page(GATES.signedIn) };

  app.get<{ Querystring: { moi?: string; luu?: string; matkhau?: string } }>('/tai-khoan', { preHandler: only.signedIn }, async (req, reply) => {
    const actor = actorOf(req);
    const [profile, tokens] = await Promise.all([getProfile(db, actor.id), listApiTokens(db, actor.id)]);
    const notice = req.query.moi
      ? 'Tài khoản đã được tạo và bạn đã đăng nhập.'
      : req.query.luu
        ? 'Đã lưu thông tin cá nhân.'
        : req.query.matkhau
          ? 'Đã đổi mật khẩu; các thiết bị khác đã được đăng xuất.'
          : undefined;
    return sendPage(reply, ProfilePage({ ctx: await loadPageContext(req, deps), profile: profile!, tokens, notice, communes: await knownCommunes(db) }));
  });

  app.post('/tai-khoan/ma-truy-cap', { preHandler: only.signedIn, schema: { body: pageBody({ tokenName: LINE, tokenDays: ID }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const name = field(req.body, 'tokenName', 60);
    const days = Number(field(req.body, 'tokenDays'));
    const [profile, tokens] = await Promise.all([getProfile(db, actor.id), listApiTokens(db, actor.id)]);
    const ctx = await loadPageContext(req, deps);
    if (!name || ![30, 90, 365].includes(days)) {
      const errors = { tokenName: identityText({ code: !name ? 'TOKEN_NAME_MISSING' : 'TOKEN_DAYS' }, ctx.locale) };
      return sendPage(reply, ProfilePage({ ctx, profile: profile!, tokens, errors }), 400);
    }
    const created = await createApiToken(db, actor.id, name, days * 24);
    await audit(db, { actor, action: 'token-create', targetType: 'account', targetId: actor.id, ip: req.ip, details: { name, days } });
    // Shown on this response only: the database keeps its hash.
    reply.header('cache-control', 'no-store');
    return sendPage(reply, ProfilePage({ ctx, profile: profile!, tokens: await listApiTokens(db, actor.id), newToken: { name, token: created.token } }));
  });

  app.post('/tai-khoan/ma-truy-cap/thu-hoi', { preHandler: only.signedIn, schema: { body: pageBody({ id: ID }) } }, async (req, reply) => {
    const actor = actorOf(req);
    if (await revokeApiToken(db, actor.id, field(req.body, 'id', 100))) {
      await audit(db, { actor, action: 'token-revoke', targetType: 'account', targetId: actor.id, ip: req.ip });
    }
    return reply.redirect('/tai-khoan', 303);
  });

  app.post('/tai-khoan', { preHandler: only.signedIn, schema: { body: pageBody(Object.fromEntries([...PROFILE_FIELDS, ...ADDRESS_FIELDS].map((f) => [f, LINE]))) } }, async (req, reply) => {
    const actor = actorOf(req);
    const values = Object.fromEntries([...PROFILE_FIELDS, ...ADDRESS_FIELDS].map((f) => [f, field(req.body, f)]));
    const current = (await getProfile(db, actor.id))!;
    values.kind = current.kind;
    const { locale } = pageContext(req, deps.portal);
    const errors: FieldErrors = identityErrors(personProblems(values, false), locale);
    const addresses = { permanent: addressFrom(values, 'permanent'), current: addressFrom(values, 'current') };
    for (const [prefix, a] of Object.entries(addresses)) {
      for (const [part, message] of Object.entries(addressProblems(a, locale))) errors[`${prefix}${part[0]!.toUpperCase()}${part.slice(1)}`] = message;
    }
    if (!Object.keys(errors).length) {
      try {
        await updateProfile(db, actor.id, {
          fullName: values.fullName!,
          email: values.email || null,
          phone: values.phone || null,
          idNumber: values.idNumber || null,
          dateOfBirth: values.dateOfBirth || null,
          ...(current.kind === 'business' && { taxCode: values.taxCode || null, representative: values.representative || null }),
          permanentAddress: addresses.permanent,
          currentAddress: addresses.current,
        });
        await audit(db, { actor, action: 'profile-update', targetType: 'account', targetId: actor.id, ip: req.ip });
        return reply.redirect('/tai-khoan?luu=1', 303);
      } catch (err) {
        if (!(err instanceof DuplicateAccountError)) throw err;
        // A signed-in person learns that what they typed is held, as they must change it — at most
        // a few times a day, and the holder is told each time, so the page cannot be used to find
        // out who has an account (S1, ASVS 2.5).
        const wait = await overAllowance(db, reply, PROFILE_HELD_LIMIT, `account:${actor.id}`);
        if (wait) {
          const refused = explain(IDENTITY_PROBLEMS, { code: 'PROFILE_HELD_TOO_MANY', params: { hours: Math.ceil(wait / 3600) } }, locale);
          return sendPage(reply, MessagePage({ ctx: await loadPageContext(req, deps), title: 'Chưa lưu được hồ sơ', body: refused.message }), refused.status);
        }
        await tellHolders(deps, { email: values.email, phone: values.phone, idNumber: values.idNumber }, req.ip, {
          action: 'profile-held',
          except: actor.id,
          title: 'Có người vừa nhập thông tin của bạn vào một tài khoản khác',
          body: (what) => `Lúc ${timeVi(new Date())}, một tài khoản khác trên ${deps.portal.portalName} vừa muốn dùng ${what} của bạn. Không có gì thay đổi và tài khoản của bạn vẫn như cũ. Nếu bạn không biết việc này, hãy liên hệ cơ quan quản lý cổng.`,
        });
        errors[err.field] = identityText(err.problem, locale);
      }
    }
    const profile = (await getProfile(db, actor.id))!;
    return sendPage(reply, ProfilePage({ ctx: await loadPageContext(req, deps), profile, values, errors, communes: await knownCommunes(db), tokens: await listApiTokens(db, actor.id) }), 400);
  });

  app.get('/tai-khoan/mat-khau', { preHandler: only.signedIn }, async (req, reply) => {
    return sendPage(reply, PasswordPage({ ctx: await loadPageContext(req, deps) }));
  });

  app.post('/tai-khoan/mat-khau', { preHandler: only.signedIn, schema: { body: pageBody({ current: LINE, password: LINE }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const current = field(req.body, 'current');
    const next = field(req.body, 'password');
    const problems: Record<'current' | 'password', Problem<IdentityProblem> | undefined> = { current: current ? undefined : { code: 'CURRENT_PASSWORD_MISSING' }, password: passwordCheck(next, actor.username) };
    if (!problems.current && !problems.password) {
      if (await changePassword(db, actor.id, current, next, session.read(req))) {
        await audit(db, { actor, action: 'password-change', targetType: 'account', targetId: actor.id, ip: req.ip });
        return reply.redirect('/tai-khoan?matkhau=1', 303);
      }
      problems.current = { code: 'CURRENT_PASSWORD_WRONG' };
    }
    const ctx = await loadPageContext(req, deps);
    return sendPage(reply, PasswordPage({ ctx, errors: identityErrors(problems, ctx.locale) }), 400);
  });

  app.post('/tai-khoan/dang-xuat-moi-noi', { preHandler: only.signedIn, schema: { body: pageBody({}) } }, async (req, reply) => {
    const actor = actorOf(req);
    const ended = await endAllSessions(db, actor.id);
    await audit(db, { actor, action: 'sign-out-everywhere', ip: req.ip, details: { sessions: ended } });
    session.clear(reply);
    const ctx = await loadPageContext(req, deps);
    ctx.viewer = undefined;
    ctx.csrfToken = req.anonymousCsrf ?? '';
    return sendPage(reply, MessagePage({ ctx, title: 'Đã đăng xuất khỏi mọi nơi', body: `Đã kết thúc ${ended} phiên đăng nhập và thu hồi mọi mã truy cập API.` }));
  });

  await adminRoutes(app, deps);
  await registrationRoutes(app, { ...deps, startSession });
  await signInCodeRoutes(app, deps);

  // ── API ─────────────────────────────────────────────────────────────────────────────────────

  app.post(
    '/api/v1/auth/token',
    {
      schema: {
        tags: ['tài khoản'],
        summary: 'Lấy mã truy cập (Bearer) bằng tên đăng nhập và mật khẩu',
        body: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', maxLength: 200 }, password: { type: 'string', maxLength: 200 }, totp: { type: 'string', maxLength: 40, description: 'Khi tài khoản bật xác thực hai bước: mã 6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục' }, code: { type: 'string', pattern: '^[0-9]{6}$', description: 'Mã đăng nhập một lần (6 chữ số) nhận qua thư điện tử ở trang /dang-nhap/ma' } } },
      },
    },
    async (req, reply) => {
      const { username, password, code } = req.body as { username: string; password: string; code?: string };
      const result = await signIn(db, { login: username, password, ip: req.ip, deviceToken: req.cookies[DEVICE_COOKIE], code: code || undefined }, { globalFreeFailures: deps.signInSprayLimit });
      if (!result.ok) {
        await auditRefusal(req, username, result, 'api');
        const refused = explain(IDENTITY_PROBLEMS, {
          code: result.reason === 'invalid' ? 'INVALID_CREDENTIALS' : result.reason === 'code' ? 'SIGN_IN_CODE_WRONG' : result.reason === 'source' ? 'SIGN_IN_SOURCE_WAIT' : 'SIGN_IN_ACCOUNT_WAIT',
          ...(result.reason !== 'invalid' && result.reason !== 'code' && { params: { n: result.waitSeconds } }),
        });
        if (result.reason !== 'invalid' && result.reason !== 'code') reply.header('retry-after', String(result.waitSeconds));
        // The API's codes for these refusals, as published.
        const apiCode = { invalid: 'INVALID_CREDENTIALS', code: 'INVALID_SIGN_IN_CODE', source: 'SIGN_IN_THROTTLED', account: 'SIGN_IN_THROTTLED' }[result.reason];
        return reply.code(refused.status).send(apiError(apiCode, refused.message));
      }
      rememberDevice(reply, result.deviceToken);
      const refusal = await secondFactor.apiRefusal(req, result.accountId, (req.body as { totp?: string }).totp);
      if (refusal) return reply.code(refusal.status).send(apiError(refusal.code, refusal.message));
      const t = await createApiToken(db, result.accountId, 'api');
      await audit(db, { actor: { id: result.accountId, username }, action: 'sign-in', ip: req.ip, details: { via: 'api' } });
      return { token: t.token, expiresAt: t.expiresAt.toISOString() };
    },
  );

  app.get('/api/v1/me', { schema: { tags: ['tài khoản'], summary: 'Tài khoản đang đăng nhập' } }, async (req, reply) => {
    if (!req.actor) return reply.code(401).send(apiError('UNAUTHENTICATED', 'Cần đăng nhập (cookie phiên hoặc Authorization: Bearer).'));
    const profile = await getProfile(db, req.actor.id);
    return { ...profile, agencies: [...req.actor.agencies] };
  });
}
