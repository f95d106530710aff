import * as client from 'openid-client';
import { isLoopbackUrl, type OidcConfig } from './oidc.config.ts';

/** What the session keeps between the redirect to the provider and the way back. */
export interface PendingOidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo?: string | undefined;
  /** Epoch milliseconds. */
  startedAt: number;
}

/** The identity the provider vouched for, after every check of openid-client passed. */
export interface OidcClaims {
  /** The provider's issuer identifier exactly as it signs tokens. */
  issuer: string;
  subject: string;
  email?: string | undefined;
  emailVerified: boolean;
}

export interface OidcClient {
  /** The provider's authorization URL and what must be kept in the session until the return. */
  start(returnTo?: string): Promise<{ url: string; pending: PendingOidcLogin }>;
  /**
   * Exchanges the code of the return request (its raw query string) and checks state, nonce,
   * PKCE, issuer, audience and signature; throws when anything does not match.
   */
  finish(query: string, pending: PendingOidcLogin): Promise<OidcClaims>;
}

/** Scopes asked for: just enough to match a local account by e-mail. */
const SCOPE = 'openid email';

function claimString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Authorization code flow with PKCE (S256), state and nonce, using openid-client. The provider's
 * metadata is discovered on first use and kept; a failed discovery is tried again next time.
 */
export function createOidcClient(config: OidcConfig): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        new URL(config.issuer),
        config.clientId,
        { redirect_uris: [config.redirectUri], response_types: ['code'] },
        client.ClientSecretBasic(config.clientSecret),
        // Plain http only to a provider on this machine (see oidc.config.ts); https elsewhere.
        isLoopbackUrl(new URL(config.issuer)) ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  return {
    async start(returnTo) {
      const oidc = await configuration();
      const pending: PendingOidcLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        returnTo,
        startedAt: Date.now(),
      };
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: config.redirectUri,
        scope: SCOPE,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, pending };
    },

    async finish(query, pending) {
      const oidc = await configuration();
      // The configured redirect URI, not the Host header, is what the provider registered.
      const currentUrl = new URL(config.redirectUri);
      currentUrl.search = query;
      const tokens = await client.authorizationCodeGrant(oidc, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token');
      let email = claimString(idToken.email);
      let verified = idToken.email_verified === true;
      if (email === undefined) {
        // Many providers put e-mail only in the userinfo response; its `sub` is checked to match.
        const info = await client.fetchUserInfo(oidc, tokens.access_token, idToken.sub);
        email = claimString(info.email);
        verified = info.email_verified === true;
      }
      return { issuer: idToken.iss, subject: idToken.sub, email, emailVerified: verified };
    },
  };
}
