// What every page needs to know about the request it answers: language, display choices, the
// portal's identity and any maintenance notice to show.
import type { FastifyRequest } from 'fastify';
import type { PortalIdentity } from '../config.ts';
import { parseLocale, translator, type Locale, type Translate } from './i18n.ts';

export interface Display {
  largeText: boolean;
  highContrast: boolean;
}

export interface Notice {
  message: string;
  startsAt: Date;
  endsAt: Date;
  /** The work has begun: pages say the portal is under maintenance until endsAt. */
  underway?: boolean;
}

export type StaffRole = 'officer' | 'admin' | 'manager';

/** Who is signed in, as far as the layout needs to know (set by the identity module). */
export interface Viewer {
  fullName: string;
  roleName: string;
  /** The account's role: staff see the back-office navigation and land on their home. */
  role?: StaffRole | 'citizen';
  csrfToken: string;
  /** The person's own list of applications: "Hồ sơ của tôi" or the agency's inbox. */
  applications?: { href: string; label: string };
  /** Notices not yet read (set by the notifications module). */
  unreadNotices?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer?: Viewer;
    /** Token for forms of visitors not signed in (double-submit cookie). */
    anonymousCsrf?: string;
  }
}

export interface PageContext {
  viewer: Viewer | undefined;
  /** The token every form that changes something must send back. */
  csrfToken: string;
  locale: Locale;
  t: Translate;
  portal: PortalIdentity;
  /** Path and query of this request, for the language and display switches to come back to. */
  path: string;
  display: Display;
  notices: Notice[];
  requestId: string;
}

export const LANG_COOKIE = 'lang';
export const DISPLAY_COOKIE = 'display';

export function readDisplay(raw: string | undefined): Display {
  const parts = new Set((raw ?? '').split(','));
  return { largeText: parts.has('large'), highContrast: parts.has('contrast') };
}

export function writeDisplay(d: Display): string {
  return [d.largeText && 'large', d.highContrast && 'contrast'].filter(Boolean).join(',');
}

export function pageContext(req: FastifyRequest, portal: PortalIdentity, notices: Notice[] = []): PageContext {
  const locale = parseLocale(req.cookies[LANG_COOKIE]) ?? 'vi';
  return {
    viewer: req.viewer,
    csrfToken: req.viewer?.csrfToken ?? req.anonymousCsrf ?? '',
    locale,
    t: translator(locale),
    portal,
    path: req.url,
    display: readDisplay(req.cookies[DISPLAY_COOKIE]),
    notices,
    requestId: req.id,
  };
}

/** Stands for the portal's own origin: only whether a path stays on it matters here, not which it is. */
const SAME_ORIGIN = 'http://portal.invalid';

/**
 * Only same-site paths may be a redirect target (no open redirect through the switches, sign-in or
 * registration, S1): a single "/" then neither "/" nor "\\", no whitespace or control characters
 * (browsers drop tabs and newlines, turning "/\t/host" into "//host"), and still on this origin
 * once parsed. Anything else falls back to `fallback`; a bad `next` is ignored, never an error.
 * The answer is percent-encoded ASCII, so it is always a valid Location header.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  // eslint-disable-next-line no-control-regex
  if (typeof next !== 'string' || next.length > 2000 || !/^\/[^/\\]|^\/$/.test(next) || /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/u.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, SAME_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== SAME_ORIGIN || /^\/[/\\]/.test(url.pathname) || /^\/(?:%2f|%5c)/i.test(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}
