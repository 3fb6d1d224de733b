// A browser's cookies for app.inject: sign in through the real form, and post forms with the
// CSRF token the page carried.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from './accounts.ts';

export type Jar = Record<string, string>;

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Keeps the cookies a response sets, and forgets those it clears. */
export function remember(jar: Jar, res: LightMyRequestResponse): Jar {
  for (const c of res.cookies) {
    if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now())) delete jar[c.name];
    else jar[c.name] = c.value;
  }
  return jar;
}

/** Opens `page` as a browser would, then posts to `action` with the token that page carried (or `token`). */
export async function submitForm(app: FastifyInstance, jar: Jar, page: string, action: string, fields: Record<string, string>, token?: string) {
  const form = await app.inject({ url: page, cookies: jar });
  remember(jar, form);
  const res = await app.inject({ method: 'POST', url: action, cookies: jar, payload: { _csrf: token ?? csrfOf(form.body), ...fields } });
  remember(jar, res);
  return res;
}

/** A fresh browser signed in with a password. */
export async function signedIn(app: FastifyInstance, login: string, password: string): Promise<Jar> {
  const jar: Jar = {};
  const res = await submitForm(app, jar, '/dang-nhap', '/dang-nhap', { login, password });
  if (res.statusCode !== 303) throw new Error(`sign-in of ${login} failed: ${res.statusCode}`);
  return jar;
}

/** An API token for a person, as a program gets one: POST /api/v1/auth/token with the password. */
export async function apiToken(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`API token of ${username} refused: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}
