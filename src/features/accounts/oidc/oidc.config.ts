/**
 * OpenID Connect settings, from the environment only. Without OIDC_ISSUER, OIDC_CLIENT_ID,
 * OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI there is no single sign-on: no routes, no button.
 * This file imports nothing from the app, so src/config.ts can use it.
 */

/** The path the provider sends the browser back to; OIDC_REDIRECT_URI must end in it. */
export const OIDC_CALLBACK_PATH = '/inloggen/oidc/terug';
export const OIDC_START_PATH = '/inloggen/oidc';
export const DEFAULT_OIDC_LABEL = 'Inloggen met uw gemeente-account';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Absolute; its origin is where the provider sends the browser back. */
  redirectUri: string;
  /** The text on the button of the login page. */
  label: string;
  /** The municipality (GM….) whose staff this provider vouches for. */
  municipalityCode: string;
}

const REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'];
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Traffic to a loopback address never leaves the machine, so plain http is allowed there (a
 * provider on the same host, or one started by a test); anywhere else it must be https.
 */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK.has(url.hostname);
}

function secureUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is geen geldige URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) {
    throw new Error(`${name} moet met https:// beginnen (http mag alleen op 127.0.0.1).`);
  }
  return url;
}

/** The OIDC settings, undefined when single sign-on is not configured; throws on half a setup. */
export function loadOidcConfig(env: NodeJS.ProcessEnv = process.env): OidcConfig | undefined {
  const value = (name: string) => env[name]?.trim() ?? '';
  const given = REQUIRED.filter((name) => value(name) !== '');
  if (given.length === 0) return undefined;
  const missing = REQUIRED.filter((name) => value(name) === '');
  const municipalityCode = value('OIDC_MUNICIPALITY');
  if (municipalityCode === '') missing.push('OIDC_MUNICIPALITY');
  if (missing.length > 0) {
    throw new Error(
      `Inloggen via OpenID Connect is half ingesteld: ${missing.join(', ')} ontbreekt.`,
    );
  }
  if (!/^GM\d{4}$/.test(municipalityCode)) {
    throw new Error('OIDC_MUNICIPALITY is een gemeentecode: GM met vier cijfers, zoals GM0505.');
  }
  secureUrl('OIDC_ISSUER', value('OIDC_ISSUER'));
  const redirectUri = secureUrl('OIDC_REDIRECT_URI', value('OIDC_REDIRECT_URI'));
  if (redirectUri.pathname !== OIDC_CALLBACK_PATH || redirectUri.search !== '') {
    throw new Error(`OIDC_REDIRECT_URI moet eindigen op ${OIDC_CALLBACK_PATH}.`);
  }
  return {
    // As written: discovery compares it with the provider's own issuer after normalising.
    issuer: value('OIDC_ISSUER'),
    clientId: value('OIDC_CLIENT_ID'),
    clientSecret: value('OIDC_CLIENT_SECRET'),
    redirectUri: redirectUri.href,
    label: value('OIDC_LABEL') || DEFAULT_OIDC_LABEL,
    municipalityCode,
  };
}

/** The single sign-on button of the login page, or undefined when OIDC is not configured. */
export function oidcButton(
  config: OidcConfig | undefined,
  returnTo?: string,
): { label: string; href: string } | undefined {
  if (!config) return undefined;
  const href = returnTo
    ? `${OIDC_START_PATH}?terug=${encodeURIComponent(returnTo)}`
    : OIDC_START_PATH;
  return { label: config.label, href };
}
