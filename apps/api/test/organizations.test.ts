import { createOrganization } from '@sendops/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Harness, signUpClient, startHarness } from './support/api-harness.ts';
import { addMember, createApiKeyVia, orgWithOwner } from './support/org-fixtures.ts';

let h: Harness;
const deletedEvents: string[] = [];
let failEventsDeletion = false;

beforeAll(async () => {
  h = await startHarness({
    // The launcher wires ClickHouse here; this records what the API asked for.
    deleteOrganizationEvents: async (organizationId) => {
      if (failEventsDeletion) throw new Error('ClickHouse unavailable');
      deletedEvents.push(organizationId);
    },
  });
});
afterAll(async () => {
  await h?.close();
});

describe('organizations', () => {
  it('create one with the caller as Owner, listed in the switcher', async () => {
    const user = await signUpClient(h.app);
    const created = await call(h.app, user, 'POST', '/api/orgs', { name: 'Second Company' });
    expect(created.statusCode).toBe(201);
    expect(created.json().organization).toMatchObject({
      name: 'Second Company',
      role: 'owner',
      plan: 'free',
    });
    const list = await call(h.app, user, 'GET', '/api/orgs');
    expect(list.json().items.map((o: { name: string }) => o.name)).toContain('Second Company');
    expect(list.json().nextCursor).toBeNull();
  });

  it('show settings to members and change them for Owner/Org Admin with validation', async () => {
    const org = await orgWithOwner(h.app, h.test.db, 'team');
    const got = await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}`);
    expect(got.json()).toMatchObject({
      plan: 'team',
      sessionTimeout: '8h',
      mfaEnforced: false,
      mfaEnforcedAt: null,
    });
    const patched = await call(h.app, org.owner, 'PATCH', `/api/orgs/${org.slug}`, {
      name: 'Acme Mail',
      sessionTimeout: '24h',
      mfaEnforced: true,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Acme Mail', sessionTimeout: '24h', mfaEnforced: true });
    expect(patched.json().mfaEnforcedAt).toEqual(expect.any(String));
    for (const body of [
      { name: 'x'.repeat(65) },
      { slug: 'No Caps' },
      { sessionTimeout: '2h' },
      { slug: 'ab' },
    ]) {
      const response = await call(h.app, org.owner, 'PATCH', `/api/orgs/${org.slug}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('redirect an old slug with 308 for 30 days, to members only', async () => {
    const org = await orgWithOwner(h.app, h.test.db);
    const outsider = await signUpClient(h.app);
    const renamed = await call(h.app, org.owner, 'PATCH', `/api/orgs/${org.slug}`, {
      slug: `${org.slug}-new`,
    });
    expect(renamed.json().slug).toBe(`${org.slug}-new`);

    const moved = await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/audit-log?operation=updated`);
    expect(moved.statusCode).toBe(308);
    expect(moved.headers.location).toBe(`/api/orgs/${org.slug}-new/audit-log?operation=updated`);
    expect((await call(h.app, outsider, 'GET', `/api/orgs/${org.slug}`)).statusCode).toBe(404);

    // Another organization cannot take the old slug while it redirects.
    const other = await orgWithOwner(h.app, h.test.db);
    const clash = await call(h.app, other.owner, 'PATCH', `/api/orgs/${other.slug}`, { slug: org.slug });
    expect(clash.statusCode).toBe(409);
    expect(
      (await call(h.app, other.owner, 'PATCH', `/api/orgs/${other.slug}`, { slug: `${org.slug}-new` }))
        .statusCode,
    ).toBe(409);

    await sql`update organization_slug_history set replaced_at = now() - interval '31 days' where slug = ${org.slug}`.execute(
      h.test.db,
    );
    expect((await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}`)).statusCode).toBe(404);
    expect(
      (await call(h.app, other.owner, 'PATCH', `/api/orgs/${other.slug}`, { slug: org.slug })).statusCode,
    ).toBe(200);

    // Taking back one's own old slug is always allowed.
    const back = await orgWithOwner(h.app, h.test.db);
    await call(h.app, back.owner, 'PATCH', `/api/orgs/${back.slug}`, { slug: `${back.slug}-b` });
    const restored = await call(h.app, back.owner, 'PATCH', `/api/orgs/${back.slug}-b`, { slug: back.slug });
    expect(restored.statusCode).toBe(200);
    expect((await call(h.app, back.owner, 'GET', `/api/orgs/${back.slug}-b`)).statusCode).toBe(308);
  });

  it('delete only by the Owner typing the exact name, cascading everything and signing members out', async () => {
    const org = await orgWithOwner(h.app, h.test.db);
    const admin = await addMember(h.app, h.test.db, org, 'org_admin');
    await createApiKeyVia(h.app, org.owner, org.slug);
    const { name } = (await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}`)).json();

    expect(
      (await call(h.app, admin, 'DELETE', `/api/orgs/${org.slug}`, { confirmName: name })).statusCode,
    ).toBe(403);
    const wrong = await call(h.app, org.owner, 'DELETE', `/api/orgs/${org.slug}`, {
      confirmName: name.toUpperCase(),
    });
    expect(wrong.statusCode).toBe(400);

    failEventsDeletion = true;
    const unavailable = await call(h.app, org.owner, 'DELETE', `/api/orgs/${org.slug}`, {
      confirmName: name,
    });
    failEventsDeletion = false;
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.json().error.code).toBe('unavailable');
    expect(unavailable.body).not.toContain('ClickHouse');
    expect((await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}`)).statusCode).toBe(200);

    const deleted = await call(h.app, org.owner, 'DELETE', `/api/orgs/${org.slug}`, { confirmName: name });
    expect(deleted.statusCode).toBe(204);
    expect(deletedEvents).toEqual([org.id]);
    for (const table of ['memberships', 'api_keys', 'audit_log', 'organization_slug_history']) {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from ${sql.table(table)} where organization_id = ${org.id}
      `.execute(h.test.db);
      expect(rows[0]?.n, table).toBe('0');
    }
    // Every member's sessions are revoked (team/account-settings).
    expect((await call(h.app, admin, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await call(h.app, org.owner, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('let members but not the Owner leave; the demo workspace leaves no trace in its log', async () => {
    const org = await orgWithOwner(h.app, h.test.db);
    const viewer = await addMember(h.app, h.test.db, org, 'viewer');
    const owner = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/leave`);
    expect(owner.statusCode).toBe(409);
    expect((await call(h.app, viewer, 'POST', `/api/orgs/${org.slug}/leave`)).statusCode).toBe(204);
    expect((await call(h.app, viewer, 'GET', `/api/orgs/${org.slug}`)).statusCode).toBe(404);
    const log = await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/audit-log?operation=member_left`);
    expect(log.json().items).toHaveLength(1);

    const { organization: demo } = await createOrganization(h.test.db, { name: 'Demo', isDemo: true });
    const user = await signUpClient(h.app);
    // Sign-up made them a Viewer of the demo workspace.
    expect((await call(h.app, user, 'POST', `/api/orgs/${demo.slug}/leave`)).statusCode).toBe(204);
    expect(
      (await call(h.app, user, 'GET', '/api/orgs')).json().items.map((o: { isDemo: boolean }) => o.isDemo),
    ).toEqual([false]);
    const demoLog = await h.test.db
      .selectFrom('audit_log')
      .select('id')
      .where('organization_id', '=', demo.id)
      .execute();
    expect(demoLog).toEqual([]);
  });
});
