// The security headers of every answer (S6), worked out once when the app is built. The policy has
// no per-request part (no nonces, no directive functions), so helmet's middleware is run a single
// time against a recording response and the headers it sets are copied onto each reply. Building
// helmet's middleware on every request, as the Fastify plugin does, cost a tenth of a cached
// page's time (decision 0025).
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

const POLICY = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
    },
  },
  // Sent by the app on every request that arrived over HTTPS, directly or through a trusted proxy.
  hsts: false,
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
  // The same as frame-ancestors 'none', for browsers that only know the older header.
  xFrameOptions: { action: 'deny' as const },
};

/** The headers helmet sets for the portal's policy, by lower-case name. */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(POLICY)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}
