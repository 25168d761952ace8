import { DevOutboxTransport } from '@sendops/mail';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  cookiesOf,
  type Harness,
  signUpClient,
  startHarness,
  uniqueEmail,
} from './support/api-harness.ts';

const outbox = new DevOutboxTransport({
  from: 'SendOps <no-reply@localhost>',
  logger: pino({ level: 'silent' }),
});
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mail: outbox });
});
afterAll(async () => {
  await h?.close();
});

const PASSWORD = 'correct horse battery';

describe('PATCH /api/me', () => {
  it('updates display name, timezone, follow-browser, week start and theme', async () => {
    const client = await signUpClient(h.app);
    const response = await call(h.app, client, 'PATCH', '/api/me', {
      name: 'Ada King',
      timezone: 'Europe/Paris',
      followBrowserTimezone: false,
      weekStart: 'sunday',
      theme: 'dark',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      name: 'Ada King',
      timezone: 'Europe/Paris',
      followBrowserTimezone: false,
      weekStart: 'sunday',
      theme: 'dark',
      mfaEnabled: false,
    });
    expect((await call(h.app, client, 'GET', '/api/me')).json().user.theme).toBe('dark');
  });

  it('answers 400 naming the field for invalid values, without changing anything', async () => {
    const client = await signUpClient(h.app, 'Original Name');
    for (const body of [
      { name: 'x'.repeat(201) },
      { name: '' },
      { timezone: 'Mars/Olympus' },
      { weekStart: 'friday' },
      { theme: 'blue' },
      { followBrowserTimezone: 'maybe' },
      { email: 'sneaky@example.com' },
    ]) {
      const response = await call(h.app, client, 'PATCH', '/api/me', body);
      expect([body, response.statusCode, response.json().error?.code]).toEqual([body, 400, 'invalid']);
    }
    const tz = await call(h.app, client, 'PATCH', '/api/me', { timezone: 'Mars/Olympus' });
    expect(tz.json().error.message).toContain('timezone');
    expect((await call(h.app, client, 'GET', '/api/me')).json().user.name).toBe('Original Name');
  });

  it('requires the CSRF header', async () => {
    const client = await signUpClient(h.app);
    const response = await h.app.inject({
      method: 'PATCH',
      url: '/api/me',
      cookies: { sendops_session: client.session, sendops_csrf: client.csrf },
      payload: { theme: 'dark' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
  });
});

describe('POST /api/me/password', () => {
  it('needs the current password, then the new one signs in and other sessions end', async () => {
    const client = await signUpClient(h.app);
    const otherDevice = await h.app.inject({
      method: 'POST',
      url: '/api/auth/signin',
      payload: { email: client.email, password: PASSWORD },
    });
    const other = cookiesOf(otherDevice);

    const wrong = await call(h.app, client, 'POST', '/api/me/password', {
      currentPassword: 'not it at all',
      newPassword: 'brand new password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('currentPassword');
    const short = await call(h.app, client, 'POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(short.statusCode).toBe(400);

    const ok = await call(h.app, client, 'POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'brand new password',
    });
    expect(ok.statusCode).toBe(204);
    expect((await call(h.app, client, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/me', cookies: other })).statusCode).toBe(401);
    const oldPassword = await h.app.inject({
      method: 'POST',
      url: '/api/auth/signin',
      payload: { email: client.email, password: PASSWORD },
    });
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await h.app.inject({
      method: 'POST',
      url: '/api/auth/signin',
      payload: { email: client.email, password: 'brand new password' },
    });
    expect(newPassword.json()).toEqual({ status: 'signed_in' });
  });
});

describe('email change', () => {
  it('mails a 24-hour link to the new address and changes the email when it comes back', async () => {
    const client = await signUpClient(h.app);
    const newEmail = uniqueEmail('new');
    const requested = await call(h.app, client, 'POST', '/api/me/email', { email: newEmail });
    expect(requested.statusCode).toBe(202);
    expect((await call(h.app, client, 'GET', '/api/me')).json().user.email).toBe(client.email);

    const mail = outbox.list().find((m) => m.to === newEmail);
    expect(mail?.subject).toBe('Confirm your new SendOps email address');
    const link = new URL(mail!.links[0]!);
    expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3000/profile/verify-email');
    const token = link.searchParams.get('token')!;

    const verified = await call(h.app, client, 'POST', '/api/me/email/verify', { token });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user).toMatchObject({ email: newEmail, emailVerified: true });
    expect((await call(h.app, client, 'POST', '/api/me/email/verify', { token })).statusCode).toBe(400);
    const signIn = await h.app.inject({
      method: 'POST',
      url: '/api/auth/signin',
      payload: { email: newEmail, password: PASSWORD },
    });
    expect(signIn.json()).toEqual({ status: 'signed_in' });
  });

  it('refuses an address in use, an invalid one, and a token of another user', async () => {
    const client = await signUpClient(h.app);
    const other = await signUpClient(h.app);
    expect((await call(h.app, client, 'POST', '/api/me/email', { email: other.email })).statusCode).toBe(409);
    expect((await call(h.app, client, 'POST', '/api/me/email', { email: 'nope' })).statusCode).toBe(400);
    const newEmail = uniqueEmail('mine');
    await call(h.app, client, 'POST', '/api/me/email', { email: newEmail });
    const token = new URL(outbox.list().find((m) => m.to === newEmail)!.links[0]!).searchParams.get('token')!;
    expect((await call(h.app, other, 'POST', '/api/me/email/verify', { token })).statusCode).toBe(400);
  });

  it('is unavailable (503) without a mail transport', async () => {
    const bare = await startHarness();
    try {
      const client = await signUpClient(bare.app);
      const response = await call(bare.app, client, 'POST', '/api/me/email', { email: uniqueEmail() });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('unavailable');
    } finally {
      await bare.close();
    }
  });
});

describe('connected accounts', () => {
  it('lists connections and keeps at least one sign-in method', async () => {
    const client = await signUpClient(h.app);
    expect((await call(h.app, client, 'GET', '/api/me/connections')).json()).toEqual([]);
    await h.test.db
      .insertInto('oauth_accounts')
      .values({ user_id: client.userId, provider: 'github', provider_user_id: `gh-${client.userId}` })
      .execute();
    const list = (await call(h.app, client, 'GET', '/api/me/connections')).json();
    expect(list).toEqual([{ provider: 'github', connectedAt: expect.any(String) }]);
    expect((await call(h.app, client, 'DELETE', '/api/me/connections/gitlab')).statusCode).toBe(400);
    expect((await call(h.app, client, 'DELETE', '/api/me/connections/google')).statusCode).toBe(404);

    // Without a password, GitHub is the only way in.
    await h.test.db
      .updateTable('users')
      .set({ password_hash: null })
      .where('id', '=', client.userId)
      .execute();
    const refused = await call(h.app, client, 'DELETE', '/api/me/connections/github');
    expect(refused.statusCode).toBe(409);
    // Setting a password (no current one needed) makes disconnecting possible.
    expect(
      (await call(h.app, client, 'POST', '/api/me/password', { newPassword: 'a first password' })).statusCode,
    ).toBe(204);
    expect((await call(h.app, client, 'DELETE', '/api/me/connections/github')).statusCode).toBe(204);
    expect((await call(h.app, client, 'GET', '/api/me/connections')).json()).toEqual([]);
  });
});
