import type { OAuthProvider } from '@sendops/db';
import { DomainError } from '@sendops/db';
import {
  CodeChallengeMethod,
  generateCodeVerifier,
  generateState,
  OAuth2Client,
  OAuth2RequestError,
} from 'arctic';
import { OAUTH_PROVIDER_LABELS, OAUTH_SCOPES, type OAuthProviderSettings } from './oauth-providers.ts';

/** Who the provider says the user is. */
export interface OAuthProfile {
  provider: OAuthProvider;
  /** The provider's stable id (GitHub's numeric id, Google's `sub`), never the email. */
  providerUserId: string;
  name: string | null;
  /** Only an address the provider has verified; null when there is none. */
  verifiedEmail: string | null;
  avatarUrl: string | null;
}

export interface OAuthAuthorization {
  url: URL;
  state: string;
  codeVerifier: string;
}

/** The provider's authorization URL, with a fresh state and PKCE (S256) verifier to keep until the callback. */
export function createOAuthAuthorization(
  settings: OAuthProviderSettings,
  redirectUri: string,
): OAuthAuthorization {
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  const url = client(settings, redirectUri).createAuthorizationURLWithPKCE(
    settings.endpoints.authorization,
    state,
    CodeChallengeMethod.S256,
    codeVerifier,
    OAUTH_SCOPES[settings.provider],
  );
  if (settings.provider === 'google') url.searchParams.set('prompt', 'select_account');
  return { url, state, codeVerifier };
}

/** Trades the callback's code for an access token, then reads the user's identity with it. */
export async function fetchOAuthProfile(
  settings: OAuthProviderSettings,
  redirectUri: string,
  code: string,
  codeVerifier: string,
): Promise<OAuthProfile> {
  const label = OAUTH_PROVIDER_LABELS[settings.provider];
  let accessToken: string;
  try {
    const tokens = await client(settings, redirectUri).validateAuthorizationCode(
      settings.endpoints.token,
      code,
      codeVerifier,
    );
    // GitHub reports a bad code with 200 and an `error` field, which arctic's generic client passes through.
    const data = tokens.data as { error?: unknown };
    if (typeof data.error === 'string')
      throw new DomainError('unauthenticated', `${label} refused the sign-in (${data.error})`);
    accessToken = tokens.accessToken();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (error instanceof OAuth2RequestError) {
      throw new DomainError('unauthenticated', `${label} refused the sign-in (${error.code})`);
    }
    throw new OAuthProviderUnavailable(label, error);
  }
  return settings.provider === 'github'
    ? githubProfile(settings.endpoints.profile, accessToken)
    : googleProfile(settings.endpoints.profile, accessToken);
}

/** The provider could not be reached or answered nonsense: not the user's fault (503). */
export class OAuthProviderUnavailable extends Error {
  override readonly name = 'OAuthProviderUnavailable';
  constructor(label: string, cause: unknown) {
    super(`${label} is not answering as expected, try again later`, { cause });
  }
}

function client(settings: OAuthProviderSettings, redirectUri: string): OAuth2Client {
  return new OAuth2Client(settings.clientId, settings.clientSecret, redirectUri);
}

async function getJson(
  url: string,
  accessToken: string,
  label: string,
  accept = 'application/json',
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: accept, 'User-Agent': 'SendOps' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new OAuthProviderUnavailable(label, error);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new OAuthProviderUnavailable(label, new Error(`GET ${url} answered ${response.status}`));
  }
  try {
    return await response.json();
  } catch (error) {
    throw new OAuthProviderUnavailable(label, error);
  }
}

// https://docs.github.com/en/rest/users/users#get-the-authenticated-user and
// https://docs.github.com/en/rest/users/emails#list-email-addresses-for-the-authenticated-user
// (the profile's `email` is only the public one, so the verified primary comes from /user/emails).
async function githubProfile(apiBase: string, accessToken: string): Promise<OAuthProfile> {
  const base = apiBase.replace(/\/+$/, '');
  const accept = 'application/vnd.github+json';
  const user = (await getJson(`${base}/user`, accessToken, 'GitHub', accept)) as {
    id?: unknown;
    login?: unknown;
    name?: unknown;
    avatar_url?: unknown;
  };
  if (typeof user.id !== 'number' && typeof user.id !== 'string') {
    throw new OAuthProviderUnavailable('GitHub', new Error('GET /user has no id'));
  }
  const emails = (await getJson(`${base}/user/emails`, accessToken, 'GitHub', accept)) as {
    email?: unknown;
    primary?: unknown;
    verified?: unknown;
  }[];
  const verified = Array.isArray(emails)
    ? emails.filter((e) => e.verified === true && typeof e.email === 'string')
    : [];
  const chosen = verified.find((e) => e.primary === true) ?? verified[0];
  return {
    provider: 'github',
    providerUserId: String(user.id),
    name: stringOrNull(user.name) ?? stringOrNull(user.login),
    verifiedEmail: chosen ? (chosen.email as string) : null,
    avatarUrl: stringOrNull(user.avatar_url),
  };
}

// https://developers.google.com/identity/openid-connect/openid-connect#obtainuserinfo
async function googleProfile(userinfoEndpoint: string, accessToken: string): Promise<OAuthProfile> {
  const info = (await getJson(userinfoEndpoint, accessToken, 'Google')) as {
    sub?: unknown;
    name?: unknown;
    email?: unknown;
    email_verified?: unknown;
    picture?: unknown;
  };
  if (typeof info.sub !== 'string' || info.sub.length === 0) {
    throw new OAuthProviderUnavailable('Google', new Error('userinfo has no sub'));
  }
  const verified = info.email_verified === true || info.email_verified === 'true';
  return {
    provider: 'google',
    providerUserId: info.sub,
    name: stringOrNull(info.name),
    verifiedEmail: verified ? stringOrNull(info.email) : null,
    avatarUrl: stringOrNull(info.picture),
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}
