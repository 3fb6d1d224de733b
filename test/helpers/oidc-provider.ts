// A real OpenID Connect provider (the `oidc-provider` package) on loopback, standing in for VNeID:
// one confidential client that must use PKCE, its development login and consent pages, and the
// people it knows. Plus a tiny "browser" that signs in at those pages without Chromium.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import type { DB } from '../../src/db/index.ts';
import { testApp } from './app.ts';
import { dbTarget, freshDatabase } from './db.ts';
import { freePort } from './process.ts';

export type PersonClaims = Record<string, unknown>;

export interface TestProvider {
  /** http://127.0.0.1:PORT */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The DVCTT_OIDC_* settings that point the portal at this provider. */
  env: Record<string, string>;
  /** The people the provider vouches for, by subject (the login typed at its dev login page). */
  people: Map<string, PersonClaims>;
  close(): Promise<void>;
}

export const HANH: PersonClaims = {
  name: 'Đỗ Thị Hạnh',
  email: 'hanh.do@example.vn',
  email_verified: true,
  phone_number: '+84 912 000 111',
  phone_number_verified: true,
  birthdate: '1992-03-15',
  id_number: '079192000111',
};

export async function startTestProvider(options: { redirectUri: string; people?: Record<string, PersonClaims> }): Promise<TestProvider> {
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'dvctt-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const people = new Map(Object.entries(options.people ?? { '079192000111': HANH }));
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    claims: {
      openid: ['sub'],
      profile: ['name', 'birthdate', 'id_number'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
    },
    jwks: { keys: [{ ...signingKey, kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(_ctx, sub) {
      const claims = people.get(sub);
      return claims && { accountId: sub, claims: () => ({ ...claims, sub }) };
    },
  });
  // A failure inside the provider would otherwise show only as its 500 page.
  provider.on('server_error', (_ctx, err) => console.error('oidc-provider:', err));
  handle = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    env: { DVCTT_OIDC_ISSUER: issuer, DVCTT_OIDC_CLIENT_ID: clientId, DVCTT_OIDC_CLIENT_SECRET: clientSecret },
    people,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Signs in at the provider as a browser would, from the authorization URL the portal redirected
 * to: the dev login page (any password), then consent; returns the URL the provider sends the
 * browser back to (the portal's callback with code and state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, callbackPrefix: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(callbackPrefix)) return new URL(url);
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value && !/expires=Thu, 01 Jan 1970/i.test(c)) jar.set(name, value);
      else jar.delete(name);
    }
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at the provider (${res.status}): ${html.slice(0, 500)}`);
    url = new URL(action.replaceAll('&amp;', '&'), url).href;
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider did not send the browser back to the portal');
}

/** The portal listening on loopback, on a fresh embedded database, signing people in through a test provider. */
export interface ProviderPortal {
  /** http://127.0.0.1:PORT, the portal. */
  base: string;
  db: DB;
  provider: TestProvider;
  close(): Promise<void>;
}

/**
 * The provider must know the portal's callback before the portal starts, so the port is picked
 * first. `prepare` fills the database before the portal opens.
 */
export async function portalWithProvider(prepare: (db: DB) => Promise<void> = async () => {}): Promise<ProviderPortal> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = await startTestProvider({ redirectUri: `${base}/dang-nhap/oidc/callback` });
  const database = await freshDatabase(await dbTarget('embedded'));
  let app: FastifyInstance | undefined;
  const close = async () => {
    await app?.close();
    await provider.close();
    await database.drop();
  };
  try {
    await prepare(database.db);
    app = await testApp(database.db, { PUBLIC_URL: base, ...provider.env });
    await app.listen({ port, host: '127.0.0.1' });
  } catch (err) {
    await close();
    throw err;
  }
  return { base, db: database.db, provider, close };
}
