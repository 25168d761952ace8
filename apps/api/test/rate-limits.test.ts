import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness, uniqueEmail } from './support/api-harness.ts';
import { createApiKeyVia, orgWithOwner } from './support/org-fixtures.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    rateLimits: {
      authPerIp: { max: 5, timeWindowMs: 60_000 },
      authPerEmail: { max: 3, timeWindowMs: 60_000 },
      perOrganization: { max: 8, timeWindowMs: 60_000 },
    },
  });
});
afterAll(async () => {
  await h?.close();
});

const signIn = (email: string, remoteAddress: string) =>
  h.app.inject({
    method: 'POST',
    url: '/api/auth/signin',
    remoteAddress,
    payload: { email, password: 'wrong password' },
  });

describe('rate limits', () => {
  it('throttle auth endpoints per IP with 429 and Retry-After', async () => {
    const ip = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(uniqueEmail(), ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = await signIn(uniqueEmail(), ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await signIn(uniqueEmail(), '198.51.100.8')).statusCode).toBe(401);
  });

  it('throttle sign-in attempts per email across addresses', async () => {
    const email = uniqueEmail('target');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn(email, `203.0.113.${i + 1}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await signIn(email.toUpperCase(), '203.0.113.99')).statusCode).toBe(429);
  });

  it('throttle one organization without touching another', async () => {
    const busy = await orgWithOwner(h.app, h.test.db);
    const quiet = await orgWithOwner(h.app, h.test.db);
    const key = (await createApiKeyVia(h.app, busy.owner, busy.slug)).secret;
    const quietKey = (await createApiKeyVia(h.app, quiet.owner, quiet.slug)).secret;
    const account = (secret: string) =>
      h.app.inject({ method: 'GET', url: '/v1/account', headers: { authorization: `Bearer ${secret}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await account(key)).statusCode);
    // 8 per window, and the key's creation was the first request of the organization.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 429]);
    expect(Number((await account(key)).headers['retry-after'])).toBeGreaterThan(0);
    // The dashboard of the same organization shares its budget.
    expect((await call(h.app, busy.owner, 'GET', `/api/orgs/${busy.slug}`)).statusCode).toBe(429);
    expect((await account(quietKey)).statusCode).toBe(200);
  });
});
