import { randomBytes } from 'node:crypto';
import { isDomainError } from '@sendops/db';
import { createTestDatabase, type TestDatabase } from '@sendops/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/accounts/passwords.ts';
import {
  createOAuthAuthorization,
  fetchOAuthProfile,
  OAuthProviderUnavailable,
} from '../src/oauth/oauth-client.ts';
import { type OAuthProviderSettings, oauthRedirectUri } from '../src/oauth/oauth-providers.ts';
import { connectOAuthAccount, signInWithOAuth } from '../src/oauth/oauth-sign-in.ts';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../src/testing/fake-oauth-provider.ts';

const credentials = { clientId: 'sendops-client', clientSecret: 'sendops-secret' };
const redirectUri = oauthRedirectUri('https://app.sendops.test/', 'github');

let test: TestDatabase;
let github: FakeOAuthProvider;
let google: FakeOAuthProvider;
beforeAll(async () => {
  test = await createTestDatabase();
  github = await startFakeOAuthProvider('github', credentials);
  google = await startFakeOAuthProvider('google', credentials);
});
afterAll(async () => {
  await Promise.all([test?.destroy(), github?.close(), google?.close()]);
});

const settings = (provider: 'github' | 'google', fake: FakeOAuthProvider): OAuthProviderSettings => ({
  provider,
  ...credentials,
  endpoints: fake.endpoints,
});
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const uid = () => String(100_000 + Math.floor(Math.random() * 1_000_000_000));
const uniqueEmail = () => `user-${randomBytes(6).toString('hex')}@example.com`;

/** The browser's round trip: authorize, consent, callback with code and state. */
async function roundTrip(provider: 'github' | 'google', fake: FakeOAuthProvider) {
  const authorization = createOAuthAuthorization(settings(provider, fake), redirectUri);
  const callback = await fake.approve(authorization.url.toString());
  return { authorization, callback, code: callback.searchParams.get('code')! };
}

describe("OAuth client against the providers' documented endpoints", () => {
  it('sends state, PKCE S256, scopes and redirect URI, and reads the verified primary GitHub email', async () => {
    github.account = {
      id: uid(),
      login: 'ada',
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      emailVerified: true,
      avatarUrl: 'https://avatars.example/ada',
    };
    const { authorization, callback, code } = await roundTrip('github', github);
    const params = authorization.url.searchParams;
    expect(params.get('client_id')).toBe('sendops-client');
    expect(params.get('redirect_uri')).toBe('https://app.sendops.test/api/auth/oauth/github/callback');
    expect(params.get('scope')).toBe('read:user user:email');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(callback.searchParams.get('state')).toBe(authorization.state);

    const profile = await fetchOAuthProfile(
      settings('github', github),
      redirectUri,
      code,
      authorization.codeVerifier,
    );
    expect(profile).toEqual({
      provider: 'github',
      providerUserId: github.account.id,
      name: 'Ada Lovelace',
      verifiedEmail: 'Ada@Example.com',
      avatarUrl: 'https://avatars.example/ada',
    });
    const tokenRequest = github.requests.find((r) => r.path === '/token')!;
    expect(tokenRequest.headers.authorization).toBe(
      `Basic ${Buffer.from('sendops-client:sendops-secret').toString('base64')}`,
    );
    expect(new URLSearchParams(tokenRequest.body).get('code_verifier')).toBe(authorization.codeVerifier);
  });

  it("reads Google's OpenID userinfo and ignores an unverified email", async () => {
    google.account = {
      id: `10${uid()}`,
      login: '',
      name: 'Grace Hopper',
      email: 'grace@example.com',
      emailVerified: false,
      avatarUrl: null,
    };
    const { authorization, code } = await roundTrip('google', google);
    expect(authorization.url.searchParams.get('scope')).toBe('openid email profile');
    const profile = await fetchOAuthProfile(
      settings('google', google),
      redirectUri,
      code,
      authorization.codeVerifier,
    );
    expect(profile).toMatchObject({
      provider: 'google',
      providerUserId: google.account.id,
      name: 'Grace Hopper',
      verifiedEmail: null,
    });
  });

  it('fails as unauthenticated for a wrong verifier or a reused code, and as unavailable when the provider is down', async () => {
    for (const [provider, fake] of [
      ['github', github],
      ['google', google],
    ] as const) {
      const { authorization, code } = await roundTrip(provider, fake);
      const wrongVerifier = await rejection(
        fetchOAuthProfile(settings(provider, fake), redirectUri, code, `${authorization.codeVerifier}x`),
      );
      expect(isDomainError(wrongVerifier, 'unauthenticated')).toBe(true);
      const reused = await rejection(
        fetchOAuthProfile(settings(provider, fake), redirectUri, code, authorization.codeVerifier),
      );
      expect(isDomainError(reused, 'unauthenticated')).toBe(true);
    }
    const down = {
      ...settings('github', github),
      endpoints: { ...github.endpoints, token: 'http://127.0.0.1:1/token' },
    };
    expect(await rejection(fetchOAuthProfile(down, redirectUri, 'x', 'y'))).toBeInstanceOf(
      OAuthProviderUnavailable,
    );
  });
});

describe('signInWithOAuth', () => {
  const profile = (overrides: Partial<Parameters<typeof signInWithOAuth>[1]> = {}) => ({
    provider: 'github' as const,
    providerUserId: uid(),
    name: 'Ada Lovelace',
    verifiedEmail: uniqueEmail(),
    avatarUrl: 'https://avatars.example/1',
    ...overrides,
  });

  it('creates the account with its own workspace on first sign-in, then finds it by the provider id', async () => {
    const identity = profile();
    const first = await signInWithOAuth(test.db, identity);
    expect(first).toMatchObject({ status: 'signed_in', created: true });
    expect(first.user).toMatchObject({
      email: identity.verifiedEmail,
      password_hash: null,
      avatar_url: 'https://avatars.example/1',
    });
    expect(first.user.email_verified_at).not.toBeNull();
    const owned = await test.db
      .selectFrom('memberships')
      .select('role')
      .where('user_id', '=', first.user.id)
      .execute();
    expect(owned.map((m) => m.role)).toContain('owner');

    const again = await signInWithOAuth(test.db, {
      ...identity,
      verifiedEmail: uniqueEmail(),
      avatarUrl: 'https://avatars.example/2',
    });
    expect(again).toMatchObject({ status: 'signed_in', created: false });
    expect(again.user.id).toBe(first.user.id);
    expect(again.user.avatar_url).toBe('https://avatars.example/2');
  });

  it('links a second provider to the account with the same verified email', async () => {
    const email = uniqueEmail();
    const viaGoogle = await signInWithOAuth(test.db, profile({ provider: 'google', verifiedEmail: email }));
    const viaGithub = await signInWithOAuth(test.db, profile({ verifiedEmail: email.toUpperCase() }));
    expect(viaGithub).toMatchObject({ created: false });
    expect(viaGithub.user.id).toBe(viaGoogle.user.id);
    const linked = await test.db
      .selectFrom('oauth_accounts')
      .select('provider')
      .where('user_id', '=', viaGoogle.user.id)
      .orderBy('provider')
      .execute();
    expect(linked.map((l) => l.provider)).toEqual(['github', 'google']);
  });

  it('does not take over an unverified password account with the same email, nor sign up without a verified email', async () => {
    const email = uniqueEmail();
    await test.db
      .insertInto('users')
      .values({ name: 'Squatter', email, password_hash: await hashPassword('password123') })
      .execute();
    expect(
      isDomainError(await rejection(signInWithOAuth(test.db, profile({ verifiedEmail: email }))), 'conflict'),
    ).toBe(true);
    expect(
      isDomainError(await rejection(signInWithOAuth(test.db, profile({ verifiedEmail: null }))), 'invalid'),
    ).toBe(true);
  });

  it('asks users with MFA for their second factor', async () => {
    const identity = profile();
    const { user } = await signInWithOAuth(test.db, identity);
    await test.db
      .insertInto('mfa_credentials')
      .values({ user_id: user.id, type: 'totp', name: 'Phone', totp_secret_encrypted: 'sealed' })
      .execute();
    const result = await signInWithOAuth(test.db, identity);
    expect(result.status).toBe('mfa_required');
    expect(result.issued.session.stage).toBe('mfa_pending');
  });
});

describe('connectOAuthAccount', () => {
  it('connects a provider to the signed-in user, once, and never an identity another user holds', async () => {
    const user = await test.db
      .insertInto('users')
      .values({ name: 'Ada', email: uniqueEmail(), password_hash: 'x' })
      .returningAll()
      .executeTakeFirstOrThrow();
    const identity = {
      provider: 'github' as const,
      providerUserId: uid(),
      name: 'Ada',
      verifiedEmail: null,
      avatarUrl: 'https://avatars.example/ada',
    };
    await connectOAuthAccount(test.db, user.id, identity);
    await connectOAuthAccount(test.db, user.id, identity); // idempotent
    const row = await test.db
      .selectFrom('users')
      .select('avatar_url')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.avatar_url).toBe('https://avatars.example/ada');

    const second = await rejection(
      connectOAuthAccount(test.db, user.id, { ...identity, providerUserId: uid() }),
    );
    expect(isDomainError(second, 'conflict')).toBe(true);
    const other = await test.db
      .insertInto('users')
      .values({ name: 'Bob', email: uniqueEmail() })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(isDomainError(await rejection(connectOAuthAccount(test.db, other.id, identity)), 'conflict')).toBe(
      true,
    );
  });
});
