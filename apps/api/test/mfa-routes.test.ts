import { SoftwareAuthenticator, totpCodeAt } from '@sendops/auth/testing';
import { loadConfig } from '@sendops/config';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiApp } from '../src/build-api-app.ts';
import {
  type Client,
  call,
  cookiesOf,
  type Harness,
  ownSlug,
  signUpClient,
  startHarness,
} from './support/api-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const PASSWORD = 'correct horse battery';

/** A TOTP code computed by otpauth, `stepsAhead` periods from now (still inside the ±1 window). */
const totp = (secret: string, stepsAhead = 0) =>
  totpCodeAt(secret, new Date(Date.now() + stepsAhead * 30_000));

async function enrolTotp(client: Client, name = 'Work phone') {
  const setup = (await call(h.app, client, 'POST', '/api/me/mfa/totp/setup')).json();
  const verify = await call(h.app, client, 'POST', '/api/me/mfa/totp/verify', {
    setupId: setup.setupId,
    code: totp(setup.secret),
    name,
  });
  expect(verify.statusCode).toBe(200);
  return { secret: setup.secret as string, ...verify.json() };
}

/** Password sign-in; returns the pending client (its cookies) and the answer. */
async function signInPassword(client: Client) {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/auth/signin',
    payload: { email: client.email, password: PASSWORD },
  });
  const jar = cookiesOf(response);
  return {
    body: response.json(),
    pending: { ...client, session: jar.sendops_session!, csrf: jar.sendops_csrf! },
  };
}

function adopt(client: Client, response: { cookies: unknown }): Client {
  const jar = cookiesOf(response as never);
  return { ...client, session: jar.sendops_session!, csrf: jar.sendops_csrf! };
}

describe('MFA routes reject callers without the right session', () => {
  it('answers 401 to anonymous callers on every MFA and profile route', async () => {
    const routes: [string, string][] = [
      ['GET', '/api/me/mfa'],
      ['POST', '/api/me/mfa/totp/setup'],
      ['POST', '/api/me/mfa/totp/verify'],
      ['POST', '/api/me/mfa/webauthn/options'],
      ['POST', '/api/me/mfa/webauthn/verify'],
      ['PATCH', '/api/me/mfa/credentials/00000000-0000-0000-0000-000000000000'],
      ['DELETE', '/api/me/mfa/credentials/00000000-0000-0000-0000-000000000000'],
      ['POST', '/api/me/mfa/recovery-codes'],
      ['POST', '/api/auth/mfa/totp'],
      ['POST', '/api/auth/mfa/recovery-code'],
      ['POST', '/api/auth/mfa/webauthn/options'],
      ['POST', '/api/auth/mfa/webauthn/verify'],
      ['PATCH', '/api/me'],
      ['POST', '/api/me/password'],
      ['POST', '/api/me/email'],
      ['POST', '/api/me/email/verify'],
      ['GET', '/api/me/connections'],
      ['DELETE', '/api/me/connections/github'],
    ];
    for (const [method, url] of routes) {
      const response = await call(h.app, undefined, method, url, method === 'GET' ? undefined : {});
      expect([method, url, response.statusCode, response.json().error.code]).toEqual([
        method,
        url,
        401,
        'unauthenticated',
      ]);
    }
  });

  it('keeps a pending (password-only) session out of the account and an active one out of the MFA step', async () => {
    const client = await signUpClient(h.app);
    await enrolTotp(client);
    const { pending } = await signInPassword(client);
    expect((await call(h.app, pending, 'GET', '/api/me/mfa')).statusCode).toBe(401);
    expect((await call(h.app, pending, 'GET', '/api/me')).statusCode).toBe(401);
    const active = await call(h.app, client, 'POST', '/api/auth/mfa/totp', { code: '123456' });
    expect(active.statusCode).toBe(401);
  });
});

describe('secret key', () => {
  it('is required to start in production (TOTP secrets are encrypted with it)', async () => {
    const attempt = buildApiApp({
      config: loadConfig({}, { NODE_ENV: 'production' }),
      db: h.test.db,
      logger: pino({ level: 'silent' }),
    });
    await expect(attempt).rejects.toThrow(/SENDOPS_SECRET_KEY is required in production/);
  });
});

describe('authenticator app', () => {
  it('sets up with QR code and manual secret, returns ten recovery codes once, and is listed', async () => {
    const client = await signUpClient(h.app);
    const setupResponse = await call(h.app, client, 'POST', '/api/me/mfa/totp/setup');
    expect(setupResponse.statusCode).toBe(200);
    const setup = setupResponse.json();
    expect(setup).toMatchObject({
      setupId: expect.any(String),
      secret: expect.stringMatching(/^[A-Z2-7]+$/),
    });
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/SendOps:/);
    expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrong = await call(h.app, client, 'POST', '/api/me/mfa/totp/verify', {
      setupId: setup.setupId,
      code: '000000',
      name: 'Phone',
    });
    expect(wrong.statusCode).toBe(400);
    const invalidName = await call(h.app, client, 'POST', '/api/me/mfa/totp/verify', {
      setupId: setup.setupId,
      code: totp(setup.secret),
      name: '',
    });
    expect(invalidName.statusCode).toBe(400);

    const verified = await call(h.app, client, 'POST', '/api/me/mfa/totp/verify', {
      setupId: setup.setupId,
      code: totp(setup.secret),
      name: 'Phone',
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().credential).toMatchObject({ type: 'totp', name: 'Phone', lastUsedAt: null });
    expect(verified.json().recoveryCodes).toHaveLength(10);

    const overview = (await call(h.app, client, 'GET', '/api/me/mfa')).json();
    expect(overview.credentials).toHaveLength(1);
    expect(overview.recoveryCodesRemaining).toBe(10);
    expect(JSON.stringify(overview)).not.toContain(setup.secret);
    expect((await call(h.app, client, 'GET', '/api/me')).json().user.mfaEnabled).toBe(true);

    const second = await enrolTotp(client, 'Tablet');
    expect(second.recoveryCodes).toBeNull();
  });

  it('signs in with password then TOTP; a code is accepted once; the pending cookie is replaced', async () => {
    const client = await signUpClient(h.app);
    const { secret } = await enrolTotp(client);
    const { body, pending } = await signInPassword(client);
    expect(body).toEqual({ status: 'mfa_required', methods: ['totp', 'recovery_code'] });

    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/totp',
      cookies: { sendops_session: pending.session, sendops_csrf: pending.csrf },
      payload: { code: totp(secret, 1) },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await call(h.app, pending, 'POST', '/api/auth/mfa/totp', { code: '000000' })).statusCode).toBe(
      400,
    );
    expect((await call(h.app, pending, 'POST', '/api/auth/mfa/totp', {})).statusCode).toBe(400);

    // The enrolment used this period's code: the next period's is the first one left.
    const code = totp(secret, 1);
    const ok = await call(h.app, pending, 'POST', '/api/auth/mfa/totp', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'signed_in' });
    const signedIn = adopt(client, ok);
    expect(signedIn.session).not.toBe(pending.session);
    expect((await call(h.app, signedIn, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await call(h.app, pending, 'POST', '/api/auth/mfa/totp', { code })).statusCode).toBe(401);

    const { pending: again } = await signInPassword(client);
    const replay = await call(h.app, again, 'POST', '/api/auth/mfa/totp', { code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('invalid');
  });

  it('limits second-factor attempts per account, with Retry-After', async () => {
    const limited = await startHarness({
      rateLimits: {
        authPerIp: { max: 10_000, timeWindowMs: 60_000 },
        authPerEmail: { max: 3, timeWindowMs: 60_000 },
      },
    });
    try {
      const client = await signUpClient(limited.app);
      const setup = (await call(limited.app, client, 'POST', '/api/me/mfa/totp/setup')).json();
      await call(limited.app, client, 'POST', '/api/me/mfa/totp/verify', {
        setupId: setup.setupId,
        code: totp(setup.secret),
        name: 'P',
      });
      const signIn = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/signin',
        payload: { email: client.email, password: PASSWORD },
      });
      const jar = cookiesOf(signIn);
      const pending = { ...client, session: jar.sendops_session!, csrf: jar.sendops_csrf! };
      const statuses: number[] = [];
      let last = undefined as Awaited<ReturnType<typeof call>> | undefined;
      for (let i = 0; i < 4; i++) {
        last = await call(limited.app, pending, 'POST', '/api/auth/mfa/recovery-code', {
          code: 'aaaa-aaaa-aaaa-aaaa',
        });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([400, 400, 400, 429]);
      expect(last?.headers['retry-after']).toMatch(/^\d+$/);
      expect(last?.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('recovery codes', () => {
  it('each works once at sign-in; regenerating invalidates the old set', async () => {
    const client = await signUpClient(h.app);
    const { recoveryCodes } = await enrolTotp(client);
    const { pending } = await signInPassword(client);
    const used = await call(h.app, pending, 'POST', '/api/auth/mfa/recovery-code', {
      code: recoveryCodes[0],
    });
    expect(used.json()).toEqual({ status: 'signed_in' });
    const signedIn = adopt(client, used);
    expect((await call(h.app, signedIn, 'GET', '/api/me/mfa')).json().recoveryCodesRemaining).toBe(9);

    const { pending: second } = await signInPassword(client);
    expect(
      (await call(h.app, second, 'POST', '/api/auth/mfa/recovery-code', { code: recoveryCodes[0] }))
        .statusCode,
    ).toBe(400);

    const regenerated = await call(h.app, signedIn, 'POST', '/api/me/mfa/recovery-codes');
    expect(regenerated.json().recoveryCodes).toHaveLength(10);
    expect(
      (await call(h.app, second, 'POST', '/api/auth/mfa/recovery-code', { code: recoveryCodes[1] }))
        .statusCode,
    ).toBe(400);
    const fresh = await call(h.app, second, 'POST', '/api/auth/mfa/recovery-code', {
      code: regenerated.json().recoveryCodes[0],
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('cannot be regenerated without MFA', async () => {
    const client = await signUpClient(h.app);
    const response = await call(h.app, client, 'POST', '/api/me/mfa/recovery-codes');
    expect(response.statusCode).toBe(409);
  });
});

describe('security keys (software authenticator, full WebAuthn verification)', () => {
  // Default SENDOPS_PUBLIC_URL: the relying party is localhost, the origin http://localhost:3000.
  const authenticator = () => new SoftwareAuthenticator('localhost', 'http://localhost:3000');

  it('registers a key, then signs in with it', async () => {
    const client = await signUpClient(h.app);
    const key = authenticator();
    const options = (await call(h.app, client, 'POST', '/api/me/mfa/webauthn/options')).json();
    expect(options.rp).toEqual({ id: 'localhost', name: 'SendOps' });
    const registered = await call(h.app, client, 'POST', '/api/me/mfa/webauthn/verify', {
      response: key.register(options),
      name: 'Office YubiKey',
    });
    expect(registered.statusCode).toBe(200);
    expect(registered.json().credential).toMatchObject({ type: 'webauthn', name: 'Office YubiKey' });
    expect(registered.json().recoveryCodes).toHaveLength(10);

    const { body, pending } = await signInPassword(client);
    expect(body.methods).toEqual(['webauthn', 'recovery_code']);
    const request = (await call(h.app, pending, 'POST', '/api/auth/mfa/webauthn/options')).json();
    expect(request.allowCredentials).toEqual([{ id: key.id, type: 'public-key', transports: ['usb'] }]);
    const verified = await call(h.app, pending, 'POST', '/api/auth/mfa/webauthn/verify', {
      response: key.authenticate(request),
    });
    expect(verified.statusCode).toBe(200);
    expect(
      (await call(h.app, adopt(client, verified), 'GET', '/api/me/mfa')).json().credentials[0].lastUsedAt,
    ).not.toBeNull();
  });

  it('refuses a key answer from another origin, and a malformed response', async () => {
    const client = await signUpClient(h.app);
    const key = authenticator();
    const options = (await call(h.app, client, 'POST', '/api/me/mfa/webauthn/options')).json();
    const phished = key.register(options, { origin: 'https://evil.example' });
    const refused = await call(h.app, client, 'POST', '/api/me/mfa/webauthn/verify', {
      response: phished,
      name: 'Key',
    });
    expect(refused.statusCode).toBe(400);
    const malformed = await call(h.app, client, 'POST', '/api/me/mfa/webauthn/verify', {
      response: { id: 'x' },
      name: 'Key',
    });
    expect(malformed.statusCode).toBe(400);
    expect((await call(h.app, client, 'GET', '/api/me/mfa')).json().credentials).toEqual([]);
  });
});

describe('managing credentials', () => {
  it("renames and removes; removing the last one turns MFA off; other users' credentials are 404", async () => {
    const client = await signUpClient(h.app);
    const other = await signUpClient(h.app);
    const { credential } = await enrolTotp(client);
    const renamed = await call(h.app, client, 'PATCH', `/api/me/mfa/credentials/${credential.id}`, {
      name: 'Personal phone',
    });
    expect(renamed.json().credential.name).toBe('Personal phone');
    expect(
      (
        await call(h.app, client, 'PATCH', `/api/me/mfa/credentials/${credential.id}`, {
          name: 'x'.repeat(65),
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call(h.app, other, 'PATCH', `/api/me/mfa/credentials/${credential.id}`, { name: 'Mine' }))
        .statusCode,
    ).toBe(404);
    expect((await call(h.app, other, 'DELETE', `/api/me/mfa/credentials/${credential.id}`)).statusCode).toBe(
      404,
    );
    expect((await call(h.app, client, 'DELETE', '/api/me/mfa/credentials/not-a-uuid')).statusCode).toBe(404);

    expect((await call(h.app, client, 'DELETE', `/api/me/mfa/credentials/${credential.id}`)).statusCode).toBe(
      204,
    );
    const overview = (await call(h.app, client, 'GET', '/api/me/mfa')).json();
    expect(overview).toEqual({ credentials: [], recoveryCodesRemaining: 0 });
    expect((await call(h.app, client, 'GET', '/api/me')).json().user.mfaEnabled).toBe(false);
    expect((await signInPassword(client)).body).toEqual({ status: 'signed_in' });
  });
});

describe('organization MFA enforcement', () => {
  async function memberOfEnforcingOrg(enforcedDaysAgo: number) {
    const owner = await signUpClient(h.app);
    const slug = await ownSlug(h.app, owner);
    const member = await signUpClient(h.app);
    const org = await h.test.db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    await h.test.db
      .insertInto('memberships')
      .values({ organization_id: org.id, user_id: member.userId, role: 'developer' })
      .execute();
    await h.test.db
      .updateTable('organizations')
      .set({ mfa_enforced_at: sql<Date>`now() - make_interval(days => ${enforcedDaysAgo})` })
      .where('id', '=', org.id)
      .execute();
    return { slug, member };
  }

  it('shows the deadline during the grace period and keeps access', async () => {
    const { slug, member } = await memberOfEnforcingOrg(2);
    expect((await call(h.app, member, 'GET', `/api/orgs/${slug}`)).statusCode).toBe(200);
    const me = (await call(h.app, member, 'GET', '/api/me')).json();
    const membership = me.organizations.find((o: { slug: string }) => o.slug === slug);
    const enforcedAt = (
      await h.test.db
        .selectFrom('organizations')
        .select('mfa_enforced_at')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow()
    ).mfa_enforced_at!;
    expect(new Date(membership.mfaSetupDeadline).getTime()).toBe(enforcedAt.getTime() + 7 * 86_400_000);
  });

  it("refuses the organization's routes with mfa_required after seven days, until MFA is set up", async () => {
    const { slug, member } = await memberOfEnforcingOrg(8);
    const blocked = await call(h.app, member, 'GET', `/api/orgs/${slug}`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('mfa_required');
    expect((await call(h.app, member, 'GET', `/api/orgs/${slug}/audit-log`)).json().error.code).toBe(
      'mfa_required',
    );
    // The rest of the account (and the way out: setting MFA up) stays reachable.
    expect((await call(h.app, member, 'GET', '/api/me')).statusCode).toBe(200);
    await enrolTotp(member);
    expect((await call(h.app, member, 'GET', `/api/orgs/${slug}`)).statusCode).toBe(200);
    const me = (await call(h.app, member, 'GET', '/api/me')).json();
    expect(me.organizations.find((o: { slug: string }) => o.slug === slug).mfaSetupDeadline).toBeNull();
  });
});
