import type { OAuthProvider } from '@sendops/db';

/** Where a provider's OAuth endpoints live; overridable so tests (or GitHub Enterprise) can point elsewhere. */
export interface OAuthEndpoints {
  authorization: string;
  token: string;
  /** GitHub: the REST API base (`/user`, `/user/emails`); Google: the OpenID Connect userinfo endpoint. */
  profile: string;
}

export interface OAuthProviderSettings {
  provider: OAuthProvider;
  clientId: string;
  clientSecret: string;
  endpoints: OAuthEndpoints;
}

// From the providers' documentation:
// https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
// https://developers.google.com/identity/openid-connect/openid-connect (discovery document)
export const DEFAULT_OAUTH_ENDPOINTS: Record<OAuthProvider, OAuthEndpoints> = {
  github: {
    authorization: 'https://github.com/login/oauth/authorize',
    token: 'https://github.com/login/oauth/access_token',
    profile: 'https://api.github.com',
  },
  google: {
    authorization: 'https://accounts.google.com/o/oauth2/v2/auth',
    token: 'https://oauth2.googleapis.com/token',
    profile: 'https://openidconnect.googleapis.com/v1/userinfo',
  },
};

/** Only what sign-in needs: the identity and an email address to match or create the account with. */
export const OAUTH_SCOPES: Record<OAuthProvider, string[]> = {
  github: ['read:user', 'user:email'],
  google: ['openid', 'email', 'profile'],
};

export const OAUTH_PROVIDER_LABELS: Record<OAuthProvider, string> = { github: 'GitHub', google: 'Google' };

/** The callback registered with the provider, on the dashboard origin (which proxies `/api`). */
export function oauthRedirectUri(publicUrl: string, provider: OAuthProvider): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/auth/oauth/${provider}/callback`;
}
