// The adapter to an OpenID Connect identity provider (VNeID or any other), through openid-client:
// discovery, the authorization URL (state, nonce, PKCE S256), and the code exchange that returns
// the verified claims of the ID token, completed by the userinfo endpoint.
import * as client from 'openid-client';
import type { OidcSettings } from '../config.ts';
import type { Claims } from './oidc-claims.ts';

export interface LoginChecks {
  state: string;
  nonce: string;
}

/** The small interface the routes use; the provider behind it is chosen by configuration. */
export interface IdentityProvider {
  /** Where to send the browser to sign in. */
  authorizationUrl(checks: LoginChecks & { codeChallenge: string }): Promise<URL>;
  /** Exchanges the code the browser brought back for the provider's verified claims. */
  claims(callbackUrl: URL, checks: LoginChecks & { codeVerifier: string }): Promise<Claims>;
}

/**
 * unavailable: the provider could not be reached or failed; refused: it answered the browser with
 * an error (the person cancelled, or it declined); invalid: its answer did not pass our checks.
 */
export class IdentityProviderError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'refused' | 'invalid',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IdentityProviderError';
  }
}

const WANTED_SCOPES = ['openid', 'profile', 'email', 'phone'];
/** Metadata is fetched again after a day, so a provider's changed endpoints are picked up. */
const DISCOVERY_TTL_MS = 24 * 3_600_000;

function explain(err: unknown): IdentityProviderError {
  if (err instanceof IdentityProviderError) return err;
  if (err instanceof client.AuthorizationResponseError) {
    return new IdentityProviderError('refused', `the provider answered ${err.error}${err.error_description ? `: ${err.error_description}` : ''}`, { cause: err });
  }
  if (err instanceof client.ResponseBodyError) {
    return new IdentityProviderError(err.status >= 500 ? 'unavailable' : 'invalid', `the provider refused the request: ${err.error}`, { cause: err });
  }
  if (err instanceof client.ClientError) return new IdentityProviderError('invalid', `the provider's answer failed a check: ${err.code ?? err.message}`, { cause: err });
  return new IdentityProviderError('unavailable', `the provider could not be reached: ${(err as Error).message}`, { cause: err });
}

/** client_secret_basic (the OpenID Connect default), or client_secret_post when that is all the provider takes. */
function clientSecret(secret: string): client.ClientAuth {
  const basic = client.ClientSecretBasic(secret);
  const post = client.ClientSecretPost(secret);
  return (as, c, body, headers) => {
    const methods = as.token_endpoint_auth_methods_supported;
    return (!methods || methods.includes('client_secret_basic') || !methods.includes('client_secret_post') ? basic : post)(as, c, body, headers);
  };
}

export function openIdConnectProvider(settings: OidcSettings, redirectUri: string): IdentityProvider {
  // http:// is accepted by configuration only for a provider on this machine (tests, development).
  const insecure = new URL(settings.issuer).protocol === 'http:';
  let discovered: { at: number; config: Promise<client.Configuration> } | undefined;

  const configuration = (): Promise<client.Configuration> => {
    if (!discovered || Date.now() - discovered.at > DISCOVERY_TTL_MS) {
      const config = client
        .discovery(new URL(settings.issuer), settings.clientId, { redirect_uris: [redirectUri] }, clientSecret(settings.clientSecret), {
          execute: insecure ? [client.allowInsecureRequests] : [],
          timeout: 10,
        })
        .catch((err: unknown) => {
          discovered = undefined;
          throw explain(err);
        });
      discovered = { at: Date.now(), config };
    }
    return discovered.config;
  };

  return {
    async authorizationUrl({ state, nonce, codeChallenge }) {
      const config = await configuration();
      const supported = config.serverMetadata().scopes_supported;
      const scope = WANTED_SCOPES.filter((s) => s === 'openid' || !supported || supported.includes(s)).join(' ');
      return client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope,
        state,
        nonce,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        ui_locales: 'vi',
      });
    },

    async claims(callbackUrl, { state, nonce, codeVerifier }) {
      const config = await configuration();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, { expectedState: state, expectedNonce: nonce, pkceCodeVerifier: codeVerifier, idTokenExpected: true });
        const idToken = tokens.claims();
        if (!idToken) throw new IdentityProviderError('invalid', 'the provider sent no ID token');
        if (!config.serverMetadata().userinfo_endpoint) return { ...idToken };
        // The userinfo answer must be about the same subject as the ID token (checked by fetchUserInfo).
        const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
        return { ...idToken, ...info, sub: idToken.sub };
      } catch (err) {
        throw explain(err);
      }
    },
  };
}
