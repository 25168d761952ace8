import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness } from './support/api-harness.ts';
import { addMember, createApiKeyVia, type OrgFixture, orgWithOwner } from './support/org-fixtures.ts';

let h: Harness;
let org: OrgFixture;
beforeAll(async () => {
  h = await startHarness();
  org = await orgWithOwner(h.app, h.test.db);
});
afterAll(async () => {
  await h?.close();
});

const bearer = (secret: string, extra: Record<string, string> = {}) =>
  h.app.inject({
    method: 'GET',
    url: '/v1/account',
    headers: { authorization: `Bearer ${secret}`, ...extra },
  });

describe('API keys', () => {
  it('show the secret once, store only its sha256 and a visible prefix', async () => {
    const response = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/api-keys`, {
      name: 'CI deploys',
      scopes: ['account.read', 'reports.read'],
      environment: 'live',
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { apiKey, secret } = response.json();
    expect(secret).toMatch(/^sk_live_[0-9A-Za-z]{40}$/);
    expect(apiKey).toMatchObject({
      name: 'CI deploys',
      prefix: secret.slice(0, 16),
      scopes: ['account.read', 'reports.read'],
      environment: 'live',
      lastUsedAt: null,
      createdBy: { name: org.owner.name, email: org.owner.email },
    });

    const { rows } = await sql<{
      row: string;
    }>`select to_jsonb(k)::text as row from api_keys k where id = ${apiKey.id}`.execute(h.test.db);
    expect(rows[0]?.row).not.toContain(secret);
    expect(rows[0]?.row).toContain(createHash('sha256').update(secret).digest('hex'));

    const list = await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/api-keys`);
    expect(list.body).not.toContain(secret);
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(apiKey.id);
  });

  it('authenticate /v1 by bearer only, record last use, and stop working the moment they are revoked', async () => {
    const { apiKey, secret } = await createApiKeyVia(h.app, org.owner, org.slug, 'test');
    expect(secret).toMatch(/^sk_test_/);
    const ok = await bearer(secret);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      organization: { id: org.id, name: expect.any(String), slug: org.slug },
      apiKey: { id: apiKey.id, name: expect.any(String), prefix: apiKey.prefix, scopes: ['account.read'] },
    });
    const listed = await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/api-keys`);
    const used = listed.json().items.find((k: { id: string }) => k.id === apiKey.id);
    expect(used.lastUsedAt).not.toBeNull();

    expect(
      (await call(h.app, org.owner, 'DELETE', `/api/orgs/${org.slug}/api-keys/${apiKey.id}`)).statusCode,
    ).toBe(204);
    const refused = await bearer(secret);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    const after = await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/api-keys`);
    expect(after.json().items.map((k: { id: string }) => k.id)).not.toContain(apiKey.id);
    // Revoking twice: the key is gone.
    expect(
      (await call(h.app, org.owner, 'DELETE', `/api/orgs/${org.slug}/api-keys/${apiKey.id}`)).statusCode,
    ).toBe(404);
  });

  it('refuse /v1 without a key, with a malformed or unknown one, and ignore session cookies there', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/v1/account' })).statusCode).toBe(401);
    expect((await bearer('sk_live_short')).statusCode).toBe(401);
    expect((await bearer(`sk_live_${'A'.repeat(40)}`)).statusCode).toBe(401);
    const withCookie = await h.app.inject({
      method: 'GET',
      url: '/v1/account',
      cookies: { sendops_session: org.owner.session },
    });
    expect(withCookie.statusCode).toBe(401);
  });

  it('answer no CORS: a browser on another origin gets no permission to read', async () => {
    const { secret } = await createApiKeyVia(h.app, org.owner, org.slug);
    const response = await bearer(secret, { origin: 'https://evil.example' });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await h.app.inject({
      method: 'OPTIONS',
      url: '/v1/account',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('validate name, scopes and environment', async () => {
    const bad = [
      { name: '', scopes: ['account.read'], environment: 'live' },
      { name: 'x', scopes: [], environment: 'live' },
      { name: 'x', scopes: ['admin.everything'], environment: 'live' },
      { name: 'x', scopes: ['account.read'], environment: 'staging' },
    ];
    for (const body of bad) {
      const response = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/api-keys`, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid');
    }
  });

  it('are managed by Owner and Org Admin only', async () => {
    const developer = await addMember(h.app, h.test.db, org, 'developer');
    const admin = await addMember(h.app, h.test.db, org, 'org_admin');
    expect((await call(h.app, developer, 'GET', `/api/orgs/${org.slug}/api-keys`)).statusCode).toBe(403);
    const created = await call(h.app, admin, 'POST', `/api/orgs/${org.slug}/api-keys`, {
      name: 'by admin',
      scopes: ['account.read'],
      environment: 'live',
    });
    expect(created.statusCode).toBe(201);
  });
});
