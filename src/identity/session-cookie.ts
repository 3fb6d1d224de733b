// The session cookie's name and attributes in one place (S1, ASVS 3.4.4). Over HTTPS it is
// `__Host-dvctt_session`: browsers then accept it only if Secure, with Path=/ and no Domain, so
// neither a sibling subdomain nor a plain-HTTP page can set or overwrite it. Browsers refuse
// `__Host-` cookies without Secure, so on plain HTTP (development, tests) the plain name stays.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'dvctt_session';

export interface HostCookie {
  name: string;
  read(req: FastifyRequest): string | undefined;
  set(reply: FastifyReply, value: string, maxAgeSeconds: number): void;
  clear(reply: FastifyReply): void;
}

/** A cookie of the portal's own origin: `__Host-` and Secure over HTTPS, HttpOnly, SameSite=Lax, Path=/. */
export function hostCookie(base: string, secure: boolean): HostCookie {
  const name = secure ? `__Host-${base}` : base;
  const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
  return {
    name,
    read: (req) => req.cookies[name] || undefined,
    set: (reply, value, maxAgeSeconds) => void reply.setCookie(name, value, { ...options, maxAge: maxAgeSeconds }),
    clear: (reply) => void reply.clearCookie(name, options),
  };
}

export const sessionCookie = (secure: boolean) => hostCookie(SESSION_COOKIE, secure);

/** What the sign-in page says after a session ended for want of use (ASVS 3.3.2). */
export function idleNotice(minutes: number): string {
  const span = minutes % 1440 === 0 ? `${minutes / 1440} ngày` : minutes % 60 === 0 && minutes > 60 ? `${minutes / 60} giờ` : `${minutes} phút`;
  return `Phiên làm việc đã hết hạn do không hoạt động quá ${span}. Hãy đăng nhập lại để tiếp tục; sau khi đăng nhập, bạn sẽ trở lại trang đang dùng.`;
}
