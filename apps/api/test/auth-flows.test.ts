import { createOrganization, findDemoOrganization } from '@sendops/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  cookiesOf,
  type Harness,
  ownSlug,
  signUpClient,
  startHarness,
  uniqueEmail,
} from './support/api-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // The launcher seeds the demo workspace; sign-up joins it as Viewer.
  if (!(await findDemoOrganization(h.test.db)))
    await createOrganization(h.test.db, { name: 'Demo workspace', isDemo: true });
});
afterAll(async () => {
  await h?.close();
});

describe('sign-up', () => {
  it('creates the user, their own organization as Owner and a Viewer membership of the demo', async () => {
    const email = uniqueEmail('jane');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { name: 'Jane Doe', email, password: 'long enough' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({
      name: 'Jane Doe',
      email,
      hasPassword: true,
      mfaEnabled: false,
    });

    const jar = cookiesOf(response);
    const me = await h.app.inject({ method: 'GET', url: '/api/me', cookies: jar });
    expect(me.statusCode).toBe(200);
    const orgs = me.json().organizations as {
      role: string;
      isDemo: boolean;
      permissions: string[];
      name: string;
    }[];
    expect(orgs.map((o) => [o.role, o.isDemo])).toEqual([
      ['owner', false],
      ['viewer', true],
    ]);
    expect(orgs[0]?.name).toBe("Jane's workspace");
    expect(orgs[0]?.permissions).toContain('org.delete');
    expect(orgs[1]?.permissions).not.toContain('team.view');

    const stored = await h.test.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('sets httpOnly, SameSite=Lax session cookie and a readable CSRF cookie; only hashes are stored', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { name: 'Cookie Check', email: uniqueEmail(), password: 'long enough' },
    });
    const cookies = response.cookies as {
      name: string;
      value: string;
      httpOnly?: boolean;
      sameSite?: string;
      secure?: boolean;
      path?: string;
    }[];
    const session = cookies.find((c) => c.name === 'sendops_session');
    const csrf = cookies.find((c) => c.name === 'sendops_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // SENDOPS_PUBLIC_URL is http in tests: no Secure flag.
    expect(session?.secure).toBeFalsy();
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf?.sameSite).toBe('Lax');
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from sessions where token_hash = ${session?.value} or csrf_token_hash = ${csrf?.value}
    `.execute(h.test.db);
    expect(rows[0]?.n).toBe('0');
  });

  it('sets Secure cookies when the public URL is https', async () => {
    const { loadConfig } = await import('@sendops/config');
    const { buildApiApp } = await import('../src/build-api-app.ts');
    const pino = (await import('pino')).default;
    const app = await buildApiApp({
      config: loadConfig({}, { SENDOPS_PUBLIC_URL: 'https://app.example.com' }),
      db: h.test.db,
      logger: pino({ level: 'silent' }),
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { name: 'Secure', email: uniqueEmail(), password: 'long enough' },
    });
    await app.close();
    const cookies = response.cookies as { name: string; secure?: boolean }[];
    expect(cookies.map((c) => [c.name, c.secure])).toEqual([
      ['sendops_session', true],
      ['sendops_csrf', true],
    ]);
  });

  it('refuses a taken email (any case), a short password and a malformed body with named fields', async () => {
    const email = uniqueEmail();
    await signUpClient(h.app, 'First', email);
    const taken = await call(h.app, undefined, 'POST', '/api/auth/signup', {
      name: 'Second',
      email: email.toUpperCase(),
      password: 'long enough',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('conflict');

    const short = await call(h.app, undefined, 'POST', '/api/auth/signup', {
      name: 'X',
      email: uniqueEmail(),
      password: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'invalid' });
    expect(short.json().error.message).toContain('password');

    const missing = await call(h.app, undefined, 'POST', '/api/auth/signup', {
      email: uniqueEmail(),
      password: 'long enough',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('name');
  });
});

describe('sign-in and sign-out', () => {
  it('signs in with the right password only, without telling whether the email exists', async () => {
    const client = await signUpClient(h.app);
    const wrong = await call(h.app, undefined, 'POST', '/api/auth/signin', {
      email: client.email,
      password: 'wrong password',
    });
    const unknown = await call(h.app, undefined, 'POST', '/api/auth/signin', {
      email: uniqueEmail(),
      password: 'wrong password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());

    const ok = await call(h.app, undefined, 'POST', '/api/auth/signin', {
      email: client.email.toUpperCase(),
      password: 'correct horse battery',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'signed_in' });
    const me = await h.app.inject({ method: 'GET', url: '/api/me', cookies: cookiesOf(ok) });
    expect(me.json().user.id).toBe(client.userId);
  });

  it('answers mfa_required with a pending session that opens nothing until the second factor', async () => {
    const client = await signUpClient(h.app);
    await h.test.db
      .insertInto('mfa_credentials')
      .values({ user_id: client.userId, type: 'totp', name: 'Phone', totp_secret_encrypted: 'opaque' })
      .execute();
    const response = await call(h.app, undefined, 'POST', '/api/auth/signin', {
      email: client.email,
      password: 'correct horse battery',
    });
    expect(response.json()).toEqual({ status: 'mfa_required', methods: ['totp'] });
    const pending = cookiesOf(response);
    const me = await h.app.inject({ method: 'GET', url: '/api/me', cookies: pending });
    expect(me.statusCode).toBe(401);
    const session = await h.test.db
      .selectFrom('sessions')
      .select('stage')
      .where('user_id', '=', client.userId)
      .where('stage', '=', 'mfa_pending')
      .executeTakeFirst();
    expect(session?.stage).toBe('mfa_pending');
  });

  it('signs out (deleting the session) only with the CSRF token', async () => {
    const client = await signUpClient(h.app);
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/auth/signout',
      cookies: { sendops_session: client.session, sendops_csrf: client.csrf },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('csrf_failed');

    const out = await call(h.app, client, 'POST', '/api/auth/signout');
    expect(out.statusCode).toBe(204);
    expect((await call(h.app, client, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('refuses unauthenticated calls with 401 and JSON', async () => {
    const response = await call(h.app, undefined, 'GET', '/api/me');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthenticated', message: 'sign in first' } });
  });
});

describe('CSRF', () => {
  it("refuses cookie-authenticated writes without the header, with a wrong one, or with another session's token", async () => {
    const client = await signUpClient(h.app);
    const other = await signUpClient(h.app);
    const slug = await ownSlug(h.app, client);
    const body = { name: 'Renamed' };
    const cookies = { sendops_session: client.session, sendops_csrf: client.csrf };
    const attempts = [
      {},
      { 'x-csrf-token': 'forged' },
      // Header and cookie agree, but the token is not the one bound to this session.
      { 'x-csrf-token': other.csrf },
    ];
    for (const [index, headers] of attempts.entries()) {
      const response = await h.app.inject({
        method: 'PATCH',
        url: `/api/orgs/${slug}`,
        headers,
        cookies: index === 2 ? { ...cookies, sendops_csrf: other.csrf } : cookies,
        payload: body,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('csrf_failed');
    }
    const ok = await call(h.app, client, 'PATCH', `/api/orgs/${slug}`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('Renamed');
  });
});

describe('session timeout', () => {
  it("ends a session idle longer than the strictest timeout of the user's workspaces", async () => {
    const client = await signUpClient(h.app);
    const slug = await ownSlug(h.app, client);
    expect(
      (await call(h.app, client, 'PATCH', `/api/orgs/${slug}`, { sessionTimeout: '1h' })).statusCode,
    ).toBe(200);
    // 59 minutes idle: still valid.
    await sql`update sessions set last_seen_at = now() - interval '59 minutes' where user_id = ${client.userId}`.execute(
      h.test.db,
    );
    expect((await call(h.app, client, 'GET', '/api/me')).statusCode).toBe(200);
    // 61 minutes idle: over the 1h setting, although the default would be 8h.
    await sql`update sessions set last_seen_at = now() - interval '61 minutes' where user_id = ${client.userId}`.execute(
      h.test.db,
    );
    expect((await call(h.app, client, 'GET', '/api/me')).statusCode).toBe(401);
    const left = await h.test.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', client.userId)
      .execute();
    expect(left).toEqual([]);
  });

  it('uses the 8h default otherwise, and the absolute expiry always', async () => {
    const client = await signUpClient(h.app);
    await sql`update sessions set last_seen_at = now() - interval '7 hours' where user_id = ${client.userId}`.execute(
      h.test.db,
    );
    expect((await call(h.app, client, 'GET', '/api/me')).statusCode).toBe(200);
    await sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${client.userId}`.execute(
      h.test.db,
    );
    expect((await call(h.app, client, 'GET', '/api/me')).statusCode).toBe(401);
  });
});
