import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './support/api-harness.ts';
import { addMember } from './support/org-fixtures.ts';
import { startTeamHarness, type TeamHarness, teamOrganization, verifyEmail } from './support/team-harness.ts';

let h: TeamHarness;
beforeAll(async () => {
  h = await startTeamHarness();
});
afterAll(async () => {
  await h?.close();
});

const permissionsIn = async (client: Parameters<typeof call>[1], slug: string) =>
  (
    (await call(h.app, client, 'GET', '/api/me')).json().organizations as {
      slug: string;
      permissions: string[];
    }[]
  ).find((o) => o.slug === slug)?.permissions;

describe('role changes', () => {
  it('take effect on the member’s next request: permissions in /api/me and on routes', async () => {
    const org = await teamOrganization(h);
    const member = await addMember(h.app, h.test.db, org, 'viewer');
    expect((await call(h.app, member, 'GET', `/api/orgs/${org.slug}/members`)).statusCode).toBe(403);
    expect(await permissionsIn(member, org.slug)).not.toContain('team.view');

    const changed = await call(h.app, org.owner, 'PATCH', `/api/orgs/${org.slug}/members/${member.userId}`, {
      role: 'org_admin',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().member).toMatchObject({
      userId: member.userId,
      role: 'org_admin',
      mfaEnabled: false,
    });
    expect(await permissionsIn(member, org.slug)).toEqual(
      expect.arrayContaining(['team.view', 'team.manage']),
    );
    expect((await call(h.app, member, 'GET', `/api/orgs/${org.slug}/members`)).statusCode).toBe(200);

    const audit = (
      await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/audit-log?resourceType=team`)
    ).json();
    expect(audit.items[0]).toMatchObject({
      resourceType: 'team',
      resourceId: member.userId,
      operation: 'updated',
      before: { role: 'viewer' },
      after: { role: 'org_admin' },
      actor: { name: org.owner.name, email: org.owner.email },
    });
  });

  it('refuse owner as a target role (400), the Owner’s or one’s own role (403)', async () => {
    const org = await teamOrganization(h);
    const admin = await addMember(h.app, h.test.db, org, 'org_admin');
    const url = (userId: string) => `/api/orgs/${org.slug}/members/${userId}`;
    const toOwner = await call(h.app, org.owner, 'PATCH', url(admin.userId), { role: 'owner' });
    expect([toOwner.statusCode, toOwner.json().error.code]).toEqual([400, 'invalid']);
    const ofOwner = await call(h.app, admin, 'PATCH', url(org.owner.userId), { role: 'viewer' });
    expect([ofOwner.statusCode, ofOwner.json().error.code]).toEqual([403, 'forbidden']);
    const own = await call(h.app, admin, 'PATCH', url(admin.userId), { role: 'viewer' });
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'forbidden']);
    const unknown = await call(h.app, admin, 'PATCH', url('not-a-user'), { role: 'viewer' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('removing members', () => {
  it('ends access at once; never the Owner; 409 while a transfer to them is pending', async () => {
    const org = await teamOrganization(h);
    const admin = await addMember(h.app, h.test.db, org, 'org_admin');
    const developer = await addMember(h.app, h.test.db, org, 'developer');
    const url = (userId: string) => `/api/orgs/${org.slug}/members/${userId}`;

    expect((await call(h.app, admin, 'DELETE', url(org.owner.userId))).statusCode).toBe(403);
    expect((await call(h.app, admin, 'DELETE', url(developer.userId))).statusCode).toBe(204);
    expect((await call(h.app, developer, 'GET', `/api/orgs/${org.slug}`)).statusCode).toBe(404);

    await verifyEmail(h.test.db, admin.userId);
    const started = await call(h.app, org.owner, 'POST', `/api/orgs/${org.slug}/ownership-transfer`, {
      targetUserId: admin.userId,
    });
    expect(started.statusCode).toBe(201);
    const blocked = await call(h.app, org.owner, 'DELETE', url(admin.userId));
    expect([blocked.statusCode, blocked.json().error.code]).toEqual([409, 'conflict']);
    expect(
      (await call(h.app, org.owner, 'DELETE', `/api/orgs/${org.slug}/ownership-transfer`)).statusCode,
    ).toBe(204);
    expect((await call(h.app, org.owner, 'DELETE', url(admin.userId))).statusCode).toBe(204);
  });
});
