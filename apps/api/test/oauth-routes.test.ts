import { type FakeOAuthProvider, startFakeOAuthProvider } from '@sendops/auth/testing';
import { loadConfig } from '@sendops/config';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  call,
  cookiesOf,
  type Harness,
  signUpClient,
  startHarness,
  uniqueEmail,
} from './support/api-harness.ts';

const credentials = { clientId: 'sendops-test-client', clientSecret: 'sendops-test-secret' };
let h: Harness;
let github: FakeOAuthProvider;
let google: FakeOAuthProvider;
let nextId = 1000;

beforeAll(async () => {
  github = await startFakeOAuthProvider('github', credentials);
  google = await startFakeOAuthProvider('google', credentials);
  h = await startHarness({
    config: loadConfig(
      {},
      {
        NODE_ENV: 'test',
        SENDOPS_GITHUB_CLIENT_ID: credentials.clientId,
        SENDOPS_GITHUB_CLIENT_SECRET: credentials.clientSecret,
        SENDOPS_GOOGLE_CLIENT_ID: credentials.clientId,
        SENDOPS_GOOGLE_CLIENT_SECRET: credentials.clientSecret,
      },
    ),
    oauthEndpoints: { github: github.endpoints, google: google.endpoints },
  });
});
afterAll(async () => {
  await Promise.all([h?.close(), github?.close(), google?.close()]);
});

function account(overrides: Partial<FakeOAuthProvider['account']> = {}): FakeOAuthProvider['account'] {
  nextId += 1;
  return {
    id: String(nextId),
    login: `dev${nextId}`,
    name: 'Grace Hopper',
    email: uniqueEmail('oauth'),
    emailVerified: true,
    avatarUrl: `https://avatars.example/${nextId}`,
    ...overrides,
  };
}

/** The browser's trip: start, the provider's consent page, back to the callback; returns the final answer. */
async function oauthRoundTrip(
  provider: 'github' | 'google',
  options: { next?: string; client?: Client; tamperState?: boolean } = {},
): Promise<{ start: LightMyRequestResponse; callback: LightMyRequestResponse }> {
  const fake = provider === 'github' ? github : google;
  const session: Record<string, string> = options.client
    ? { sendops_session: options.client.session, sendops_csrf: options.client.csrf }
    : {};
  const start = await h.app.inject({
    method: 'GET',
    url: `/api/auth/oauth/${provider}/start${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`,
    cookies: session,
  });
  expect(start.statusCode).toBe(302);
  const back = await fake.approve(start.headers.location as string);
  if (options.tamperState) back.searchParams.set('state', 'forged');
  expect(`${back.origin}${back.pathname}`).toBe(`http://localhost:3000/api/auth/oauth/${provider}/callback`);
  const callback = await h.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    cookies: { ...session, ...cookiesOf(start) },
  });
  return { start, callback };
}

const me = (response: LightMyRequestResponse) =>
  h.app.inject({ method: 'GET', url: '/api/me', cookies: cookiesOf(response) });

function oauthErrorOf(response: LightMyRequestResponse): string | null {
  expect(response.statusCode).toBe(302);
  return new URL(response.headers.location as string).searchParams.get('oauthError');
}

describe('providers', () => {
  it('are offered only when configured', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/auth/providers' })).json()).toEqual({
      github: true,
      google: true,
    });
    const bare = await startHarness({
      config: loadConfig(
        {},
        { NODE_ENV: 'test', SENDOPS_GITHUB_CLIENT_ID: 'x', SENDOPS_GITHUB_CLIENT_SECRET: 'y' },
      ),
    });
    try {
      expect((await bare.app.inject({ method: 'GET', url: '/api/auth/providers' })).json()).toEqual({
        github: true,
        google: false,
      });
      const hidden = await bare.app.inject({ method: 'GET', url: '/api/auth/oauth/google/start' });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error.code).toBe('not_found');
      expect((await bare.app.inject({ method: 'GET', url: '/api/auth/oauth/gitlab/start' })).statusCode).toBe(
        400,
      );
    } finally {
      await bare.close();
    }
  });
});

describe('sign-in with GitHub', () => {
  it('sends the browser to the provider with state and PKCE in a short-lived httpOnly cookie', async () => {
    const start = await h.app.inject({ method: 'GET', url: '/api/auth/oauth/github/start?next=/o/acme' });
    expect(start.statusCode).toBe(302);
    const location = new URL(start.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(github.endpoints.authorization);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    const cookie = (
      start.cookies as { name: string; httpOnly?: boolean; maxAge?: number; path?: string }[]
    ).find((c) => c.name === 'sendops_oauth');
    expect(cookie).toMatchObject({ httpOnly: true, maxAge: 600, path: '/api/auth/oauth' });
    expect(location.searchParams.get('state')).toEqual(expect.any(String));
  });

  it('creates the account and its workspace on first use, then signs the same person in again', async () => {
    github.account = account();
    const { callback } = await oauthRoundTrip('github', { next: '/o/somewhere?tab=1' });
    expect(callback.headers.location).toBe('http://localhost:3000/o/somewhere?tab=1');
    const profile = (await me(callback)).json();
    expect(profile.user).toMatchObject({
      email: github.account.email,
      emailVerified: true,
      hasPassword: false,
      name: 'Grace Hopper',
      avatarUrl: github.account.avatarUrl,
    });
    expect(profile.organizations.some((o: { role: string }) => o.role === 'owner')).toBe(true);

    const { callback: again } = await oauthRoundTrip('github');
    expect(again.headers.location).toBe('http://localhost:3000/');
    expect((await me(again)).json().user.id).toBe(profile.user.id);
    const connections = await h.app.inject({
      method: 'GET',
      url: '/api/me/connections',
      cookies: cookiesOf(again),
    });
    expect(connections.json()).toEqual([{ provider: 'github', connectedAt: expect.any(String) }]);
  });

  it('refuses a forged state, a callback without the cookie, and a cancelled consent', async () => {
    github.account = account();
    const { callback } = await oauthRoundTrip('github', { tamperState: true });
    expect(oauthErrorOf(callback)).toMatch(/expired or did not start here/);
    expect(cookiesOf(callback).sendops_session).toBeUndefined();

    const noCookie = await h.app.inject({
      method: 'GET',
      url: '/api/auth/oauth/github/callback?code=x&state=y',
    });
    expect(new URL(noCookie.headers.location as string).pathname).toBe('/sign-in');
    expect(oauthErrorOf(noCookie)).toBeTruthy();

    const start = await h.app.inject({ method: 'GET', url: '/api/auth/oauth/github/start' });
    const denied = await h.app.inject({
      method: 'GET',
      url: '/api/auth/oauth/github/callback?error=access_denied&state=whatever',
      cookies: cookiesOf(start),
    });
    expect(oauthErrorOf(denied)).toBe('GitHub sign-in was cancelled');
  });

  it('asks a user with MFA for the second factor before the session is active', async () => {
    github.account = account();
    const { callback } = await oauthRoundTrip('github');
    const user = (await me(callback)).json().user;
    await h.test.db
      .insertInto('mfa_credentials')
      .values({ user_id: user.id, type: 'totp', name: 'Phone', totp_secret_encrypted: 'v1.a.b.c' })
      .execute();
    const { callback: second } = await oauthRoundTrip('github', { next: '/o/acme' });
    const location = new URL(second.headers.location as string);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('mfa')).toBe('totp');
    expect(location.searchParams.get('next')).toBe('/o/acme');
    expect((await me(second)).statusCode).toBe(401);
  });
});

describe('sign-in with Google', () => {
  it('signs up with a verified Google account and refuses an unverified email', async () => {
    google.account = account({ name: 'Ada Lovelace' });
    const { callback } = await oauthRoundTrip('google');
    expect(callback.headers.location).toBe('http://localhost:3000/');
    expect((await me(callback)).json().user).toMatchObject({
      email: google.account.email,
      name: 'Ada Lovelace',
    });

    google.account = account({ emailVerified: false });
    const { callback: unverified } = await oauthRoundTrip('google');
    expect(oauthErrorOf(unverified)).toBe('your Google account has no verified email address');
  });
});

describe('connect from Profile', () => {
  it('links the provider to the signed-in user and returns to the page it started from', async () => {
    const client = await signUpClient(h.app);
    github.account = account({ email: uniqueEmail('elsewhere') });
    const { callback } = await oauthRoundTrip('github', { client, next: '/o/acme/profile' });
    expect(callback.headers.location).toBe('http://localhost:3000/o/acme/profile');
    const connections = await call(h.app, client, 'GET', '/api/me/connections');
    expect(connections.json().map((c: { provider: string }) => c.provider)).toEqual(['github']);
    // Still the same user, signed in with the same session.
    expect(cookiesOf(callback).sendops_session).toBeUndefined();
    expect((await call(h.app, client, 'GET', '/api/me')).json().user.avatarUrl).toBe(
      github.account.avatarUrl,
    );
  });

  it('refuses an identity that belongs to another SendOps account', async () => {
    github.account = account();
    await oauthRoundTrip('github'); // someone signs up with it
    const client = await signUpClient(h.app);
    const { callback } = await oauthRoundTrip('github', { client, next: '/o/acme/profile' });
    const location = new URL(callback.headers.location as string);
    expect(location.pathname).toBe('/o/acme/profile');
    expect(location.searchParams.get('oauthError')).toMatch(/already connected to another SendOps account/);
    expect((await call(h.app, client, 'GET', '/api/me/connections')).json()).toEqual([]);
  });
});
