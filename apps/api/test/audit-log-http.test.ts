import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, call, type Harness, startHarness } from './support/api-harness.ts';
import { addMember, type OrgFixture, orgWithOwner } from './support/org-fixtures.ts';

let h: Harness;
let org: OrgFixture;
let admin: Client;
beforeAll(async () => {
  h = await startHarness();
  org = await orgWithOwner(h.app, h.test.db, 'team');
  admin = await addMember(h.app, h.test.db, org, 'org_admin');
});
afterAll(async () => {
  await h?.close();
});

async function auditCount(): Promise<number> {
  const rows = await h.test.db
    .selectFrom('audit_log')
    .select('id')
    .where('organization_id', '=', org.id)
    .execute();
  return rows.length;
}

describe('audit log over HTTP', () => {
  it('gets exactly one entry per mutating action, with actor, resource and snapshots', async () => {
    const actions: [string, () => Promise<{ statusCode: number }>, Record<string, unknown>][] = [
      [
        'rename',
        () => call(h.app, admin, 'PATCH', `/api/orgs/${org.slug}`, { name: 'Renamed Co' }),
        {
          resourceType: 'settings',
          operation: 'updated',
          before: { name: expect.any(String) },
          after: { name: 'Renamed Co' },
        },
      ],
      [
        'create key',
        () =>
          call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/api-keys`, {
            name: 'k',
            scopes: ['account.read'],
            environment: 'live',
          }),
        { resourceType: 'api_key', operation: 'created' },
      ],
    ];
    for (const [label, action, expected] of actions) {
      const before = await auditCount();
      const response = await action();
      expect(response.statusCode, label).toBeLessThan(300);
      expect(await auditCount(), label).toBe(before + 1);
      const latest = (await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/audit-log?limit=1`)).json()
        .items[0];
      expect(latest, label).toMatchObject({
        actor: { name: expect.any(String), email: expect.any(String) },
        ...expected,
      });
    }
    const keys = (await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/api-keys`)).json().items;
    const before = await auditCount();
    await call(h.app, org.owner, 'DELETE', `/api/orgs/${org.slug}/api-keys/${keys[0].id}`);
    expect(await auditCount()).toBe(before + 1);

    // Refused actions write nothing.
    const refused = await auditCount();
    const viewer = await addMember(h.app, h.test.db, org, 'viewer');
    await call(h.app, viewer, 'PATCH', `/api/orgs/${org.slug}`, { name: 'Nope' });
    await call(h.app, admin, 'PATCH', `/api/orgs/${org.slug}`, { slug: 'x' });
    expect(await auditCount()).toBe(refused);
  });

  it('filters and pages, reports retention, and verifies the chain', async () => {
    const page = await call(
      h.app,
      org.owner,
      'GET',
      `/api/orgs/${org.slug}/audit-log?resourceType=api_key&limit=1`,
    );
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.retentionDays).toBe(90);
    expect(body.items).toHaveLength(1);
    expect(body.items[0].resourceType).toBe('api_key');
    const next = await call(
      h.app,
      org.owner,
      'GET',
      `/api/orgs/${org.slug}/audit-log?resourceType=api_key&limit=1&cursor=${body.nextCursor}`,
    );
    expect(next.json().items[0].sequence).toBeLessThan(body.items[0].sequence);

    const byActor = await call(
      h.app,
      org.owner,
      'GET',
      `/api/orgs/${org.slug}/audit-log?actor=${encodeURIComponent(admin.email)}`,
    );
    expect(
      byActor.json().items.every((i: { actor: { email: string } }) => i.actor.email === admin.email),
    ).toBe(true);

    const verify = await call(h.app, admin, 'GET', `/api/orgs/${org.slug}/audit-log/verify`);
    expect(verify.json()).toEqual({ ok: true, checked: await auditCount(), firstBrokenSequence: null });
    expect((await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/audit-log?limit=0`)).statusCode).toBe(
      400,
    );
  });

  it('keeps actor snapshots when the user is gone', async () => {
    const temp = await addMember(h.app, h.test.db, org, 'org_admin');
    await call(h.app, temp, 'PATCH', `/api/orgs/${org.slug}`, { sessionTimeout: '4h' });
    await h.test.db.deleteFrom('users').where('id', '=', temp.userId).execute();
    const log = await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/audit-log?limit=1`);
    expect(log.json().items[0].actor).toEqual({ name: temp.name, email: temp.email });
    expect((await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/audit-log/verify`)).json().ok).toBe(
      true,
    );
  });
});
