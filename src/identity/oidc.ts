// Sign-in through a national identity provider by OpenID Connect (S1): the redirect to the
// provider and its callback, which finds or links the account and starts a session exactly as
// password sign-in does. A person new to the portal first sees the privacy notice (Decree 13/2023)
// and agrees, as at registration, before the account is made with the same 'consent' audit row;
// refusing keeps nothing. Registered only when DVCTT_OIDC_* are configured.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { Config } from '../config.ts';
import type { DB } from '../db/index.ts';
import { safeNext } from '../web/page-context.ts';
import { loadPageContext, sendPage } from '../web/routes.ts';
import { personFromClaims } from './oidc-claims.ts';
import { IdentityProviderError, openIdConnectProvider, type IdentityProvider } from './oidc-client.ts';
import type { ProviderPerson } from './oidc-claims.ts';
import { createProviderAccount, existingProviderAccount, linkByIdNumber, pendingConsent, savePendingConsent, savePendingLogin, takePendingLogin, type ProviderAccount } from './oidc-store.ts';
import { sessionCookie } from './session-cookie.ts';
import { audit, createSession, endSession, newToken, SESSION_DAYS, sha256 } from './store.ts';
import { field } from './form-fields.ts';
import { OidcConsentPage } from './views/oidc-consent.tsx';
import { OidcProblemPage } from './views/oidc-problem.tsx';
import { PRIVACY_NOTICE_VERSION, PRIVACY_PATH } from './views/privacy.tsx';
import { ID, pageBody } from '../web/page-body.ts';
import type { Problem } from '../web/problem.ts';
import { IDENTITY_PROBLEMS, identityText, type IdentityProblem } from './problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The identity provider's name for the sign-in page's button, when one is configured. */
    oidcSignInName?: string;
  }
}

export interface OidcDeps {
  db: DB;
  config: Config;
  secureCookies: boolean;
  /** Another provider adapter (tests); by default openid-client with config.oidc. */
  provider?: IdentityProvider;
}

export const OIDC_START_PATH = '/dang-nhap/oidc';
export const OIDC_CALLBACK_PATH = '/dang-nhap/oidc/callback';
/** Under the start path, so the browser's cookie comes along. */
export const OIDC_CONSENT_PATH = '/dang-nhap/oidc/dong-y';
/** Ties a started sign-in to the browser that started it (login CSRF). */
export const OIDC_BROWSER_COOKIE = 'dvctt_oidc';
export const OIDC_LOGIN_MINUTES = 10;

const BROWSER_KEY = /^[A-Za-z0-9_-]{43}$/;

export async function oidcRoutes(app: FastifyInstance, deps: OidcDeps): Promise<void> {
  const settings = deps.config.oidc;
  if (!settings) return;
  const { db } = deps;
  const pageDeps = { db, portal: deps.config.portal };
  const redirectUri = deps.config.publicUrl + OIDC_CALLBACK_PATH;
  const provider = deps.provider ?? openIdConnectProvider(settings, redirectUri);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };
  const sessions = sessionCookie(deps.secureCookies);

  // A primitive on the request prototype: the sign-in page reads it, no per-request work.
  app.decorateRequest('oidcSignInName', settings.name);

  const problem = async (req: FastifyRequest, reply: FastifyReply, code: Parameters<typeof OidcProblemPage>[0]['problem']['code'], next?: string) => {
    reply.header('cache-control', 'no-store');
    const found = { code, params: { name: settings.name } };
    return sendPage(reply, OidcProblemPage({ ctx: await loadPageContext(req, pageDeps), problem: found, next }), IDENTITY_PROBLEMS.status[code]);
  };
  const unavailable = (req: FastifyRequest, reply: FastifyReply, err: unknown, next?: string) => {
    req.log.warn({ err }, 'identity provider unavailable');
    return problem(req, reply, 'OIDC_UNAVAILABLE', next);
  };

  app.get<{ Querystring: { next?: string } }>(OIDC_START_PATH, async (req, reply) => {
    let next = safeNext(req.query.next);
    if (next.startsWith('/dang-nhap')) next = '/';
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    let url: URL;
    try {
      url = await provider.authorizationUrl({ state, nonce, codeChallenge: await client.calculatePKCECodeChallenge(codeVerifier) });
    } catch (err) {
      if (err instanceof IdentityProviderError) return unavailable(req, reply, err, next);
      throw err;
    }
    // One key per browser, kept across sign-ins started in several tabs.
    let browserKey = req.cookies[OIDC_BROWSER_COOKIE];
    if (!browserKey || !BROWSER_KEY.test(browserKey)) browserKey = newToken();
    reply.setCookie(OIDC_BROWSER_COOKIE, browserKey, { ...cookieOptions, path: OIDC_START_PATH, maxAge: OIDC_LOGIN_MINUTES * 60 });
    await savePendingLogin(db, {
      stateHash: sha256(state),
      browserHash: sha256(browserKey),
      nonce,
      codeVerifier,
      next,
      expiresAt: new Date(Date.now() + OIDC_LOGIN_MINUTES * 60_000),
    });
    reply.header('cache-control', 'no-store');
    return reply.redirect(url.href, 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(OIDC_CALLBACK_PATH, async (req, reply) => {
    const state = req.query.state;
    const browserKey = req.cookies[OIDC_BROWSER_COOKIE];
    const pending =
      typeof state === 'string' && state.length <= 200 && browserKey && BROWSER_KEY.test(browserKey) ? await takePendingLogin(db, sha256(state), sha256(browserKey)) : undefined;
    if (!pending) {
      req.log.info({ hasState: typeof state === 'string', hasCookie: !!browserKey }, 'identity provider callback with an unknown, used or expired state');
      return problem(req, reply, 'OIDC_EXPIRED');
    }

    let person;
    try {
      const claims = await provider.claims(new URL(deps.config.publicUrl + req.url), { state: state!, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
      person = personFromClaims(settings.issuer, claims);
    } catch (err) {
      if (!(err instanceof IdentityProviderError)) throw err;
      if (err.kind === 'unavailable') return unavailable(req, reply, err, pending.next);
      req.log.warn({ err }, 'identity provider sign-in not completed');
      return problem(req, reply, err.kind === 'refused' ? 'OIDC_REFUSED' : 'OIDC_UNCHECKED', pending.next);
    }

    const account = await existingProviderAccount(db, person);
    if (account?.outcome === 'staff-number') {
      req.log.warn({ issuer: settings.issuer }, 'identity provider person whose identification number a staff account holds');
      return problem(req, reply, 'OIDC_STAFF_ID_NUMBER', pending.next);
    }
    if (account && account.outcome !== 'same-number') {
      if (account.outcome === 'linked') await audit(db, { actor: { id: account.accountId, username: account.username }, action: 'oidc-link', targetType: 'account', targetId: account.accountId, ip: req.ip, details: { via: 'oidc', issuer: settings.issuer } });
      return signInAs(req, reply, account, pending.next);
    }

    // New to the portal, or to be linked to the password account with the same number: the notice
    // and the question first; the claims wait (10 minutes at most).
    const token = newToken();
    const browserHash = sha256(browserKey!);
    await savePendingConsent(db, { tokenHash: sha256(token), browserHash, person, next: pending.next, expiresAt: new Date(Date.now() + OIDC_LOGIN_MINUTES * 60_000) });
    reply.setCookie(OIDC_BROWSER_COOKIE, browserKey!, { ...cookieOptions, path: OIDC_START_PATH, maxAge: OIDC_LOGIN_MINUTES * 60 });
    return consentPage(req, reply, { token, person, linking: account?.username });
  });

  const consentPage = async (req: FastifyRequest, reply: FastifyReply, p: { token: string; person: ProviderPerson; linking?: string; error?: Problem<IdentityProblem> }, status = 200) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const ctx = await loadPageContext(req, pageDeps);
    return sendPage(reply, OidcConsentPage({ ctx, providerName: settings.name, person: p.person, token: p.token, linking: p.linking, errors: p.error ? { consent: identityText(p.error, ctx.locale) } : {} }), status);
  };

  /** Starts the session, as password sign-in does; the browser's earlier session, if any, ends here. */
  const signInAs = async (req: FastifyRequest, reply: FastifyReply, account: ProviderAccount, next: string) => {
    const actor = { id: account.accountId, username: account.username };
    const previous = sessions.read(req);
    if (previous) await endSession(db, previous);
    const session = await createSession(db, account.accountId, { ip: req.ip, userAgent: req.headers['user-agent'] });
    sessions.set(reply, session.token, SESSION_DAYS * 86_400);
    await audit(db, { actor, action: 'sign-in', ip: req.ip, details: { via: 'oidc' } });
    reply.header('cache-control', 'no-store');
    return reply.redirect(next, 303);
  };

  app.post(OIDC_CONSENT_PATH, { schema: { body: pageBody({ ma: ID, consent: ID, action: ID }) } }, async (req, reply) => {
    const token = field(req.body, 'ma', 100);
    const browserKey = req.cookies[OIDC_BROWSER_COOKIE];
    const valid = BROWSER_KEY.test(token) && browserKey && BROWSER_KEY.test(browserKey);
    const agreed = field(req.body, 'consent') === 'true';
    const refused = field(req.body, 'action') === 'refuse';
    // The box unticked: asked again, the claims still waiting.
    if (valid && !refused && !agreed) {
      const waiting = await pendingConsent(db, sha256(token), sha256(browserKey), false);
      if (waiting) {
        const match = await existingProviderAccount(db, waiting.person);
        const linking = match?.outcome === 'same-number' ? match.username : undefined;
        return consentPage(req, reply, { token, person: waiting.person, linking, error: { code: 'OIDC_CONSENT_REQUIRED' } }, IDENTITY_PROBLEMS.status.OIDC_CONSENT_REQUIRED);
      }
    }
    const taken = valid ? await pendingConsent(db, sha256(token), sha256(browserKey), true) : undefined;
    if (!taken) return problem(req, reply, 'OIDC_EXPIRED');
    if (refused) {
      reply.header('cache-control', 'no-store');
      return problem(req, reply, 'OIDC_NOT_CREATED', taken.next);
    }
    const consented = (action: 'register' | 'oidc-link') => async (trx: DB, a: { id: string; username: string }) => {
      const actor = { id: a.id, username: a.username };
      const details = { via: 'oidc', issuer: settings.issuer, ...(action === 'oidc-link' && { by: 'id_number' }) };
      await audit(trx, { actor, action, ...(action === 'oidc-link' && { targetType: 'account', targetId: a.id }), ip: req.ip, details });
      await audit(trx, { actor, action: 'consent', targetType: 'account', targetId: a.id, ip: req.ip, details: { notice: PRIVACY_NOTICE_VERSION, page: PRIVACY_PATH, via: 'oidc' } });
    };
    // The password account with the same personal identification number, when there is one; else a new account.
    const account = (await linkByIdNumber(db, taken.person, consented('oidc-link'))) ?? (await createProviderAccount(db, taken.person, consented('register')));
    return signInAs(req, reply, account, taken.next);
  });
}
