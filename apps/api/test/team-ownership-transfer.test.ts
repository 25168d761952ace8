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

const roleIn = async (organizationId: string, userId: string) =>
  (
    await h.test.db
      .selectFrom('memberships')
      .select('role')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
  ).role;

describe('ownership transfer over HTTP', () => {
  it('start → both mailed → banner in /api/me → accept: roles swap and both are signed out', async () => {
    const org = await teamOrganization(h);
    const target = await addMember(h.app, h.test.db, org, 'developer');
    const bystander = await addMember(h.app, h.test.db, org, 'viewer');
    await verifyEmail(h.test.db, target.userId);
    const base = `/api/orgs/${org.slug}/ownership-transfer`;

    const mailed = h.smtp.messages.length;
    const started = await call(h.app, org.owner, 'POST', base, { targetUserId: target.userId });
    expect(started.statusCode).toBe(201);
    const { transfer } = started.json();
    expect(transfer).toMatchObject({
      from: { userId: org.owner.userId, email: org.owner.email },
      to: { userId: target.userId, email: target.email },
    });
    expect(h.smtp.messages.slice(mailed).map((m) => m.rcptTo[0])).toEqual([target.email, org.owner.email]);

    expect((await call(h.app, bystander, 'GET', base)).json()).toEqual({ transfer });
    const me = (await call(h.app, target, 'GET', '/api/me')).json();
    expect(me.ownershipTransfers).toEqual([
      expect.objectContaining({ id: transfer.id, organizationSlug: org.slug, expiresAt: transfer.expiresAt }),
    ]);
    const second = await call(h.app, org.owner, 'POST', base, { targetUserId: bystander.userId });
    expect(second.statusCode).toBe(409);

    // Only the target can accept; only the Owner can cancel.
    expect((await call(h.app, bystander, 'POST', `${base}/accept`)).statusCode).toBe(404);
    expect((await call(h.app, target, 'DELETE', base)).statusCode).toBe(403);

    const accepted = await call(h.app, target, 'POST', `${base}/accept`);
    expect(accepted.statusCode).toBe(204);
    const cleared = (accepted.cookies as { name: string; value: string }[]).map((c) => [c.name, c.value]);
    expect(cleared).toEqual(
      expect.arrayContaining([
        ['sendops_session', ''],
        ['sendops_csrf', ''],
      ]),
    );
    expect((await call(h.app, target, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await call(h.app, org.owner, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await call(h.app, bystander, 'GET', '/api/me')).statusCode).toBe(200);
    expect(await roleIn(org.id, target.userId)).toBe('owner');
    expect(await roleIn(org.id, org.owner.userId)).toBe('org_admin');
    expect((await call(h.app, bystander, 'GET', base)).json()).toEqual({ transfer: null });

    const subjects = h.smtp.messages.slice(-2).map((m) => [m.rcptTo[0], m.subject]);
    expect(subjects).toEqual([
      [target.email, expect.stringMatching(/^You are now the Owner of /)],
      [org.owner.email, expect.stringMatching(/^Ownership of .+ transferred to /)],
    ]);
  });

  it('refuses an unverified target (409), a non-member (404), a non-Owner (403); cancel is audited', async () => {
    const org = await teamOrganization(h);
    const admin = await addMember(h.app, h.test.db, org, 'org_admin');
    const base = `/api/orgs/${org.slug}/ownership-transfer`;
    const unverified = await call(h.app, org.owner, 'POST', base, { targetUserId: admin.userId });
    expect([unverified.statusCode, unverified.json().error.code]).toEqual([409, 'conflict']);
    const outsider = await teamOrganization(h);
    expect(
      (await call(h.app, org.owner, 'POST', base, { targetUserId: outsider.owner.userId })).statusCode,
    ).toBe(404);
    expect((await call(h.app, admin, 'POST', base, { targetUserId: org.owner.userId })).statusCode).toBe(403);
    expect((await call(h.app, org.owner, 'POST', base, {})).statusCode).toBe(400);

    await verifyEmail(h.test.db, admin.userId);
    expect((await call(h.app, org.owner, 'POST', base, { targetUserId: admin.userId })).statusCode).toBe(201);
    expect((await call(h.app, org.owner, 'DELETE', base)).statusCode).toBe(204);
    expect((await call(h.app, org.owner, 'DELETE', base)).statusCode).toBe(404);
    const audit = (
      await call(h.app, org.owner, 'GET', `/api/orgs/${org.slug}/audit-log?resourceType=ownership_transfer`)
    ).json();
    expect(audit.items.map((i: { operation: string }) => i.operation)).toEqual(['cancelled', 'initiated']);
  });

  it('requires MFA of the target when the organization enforces it (403 mfa_required)', async () => {
    const org = await teamOrganization(h);
    const admin = await addMember(h.app, h.test.db, org, 'org_admin');
    await verifyEmail(h.test.db, admin.userId);
    const base = `/api/orgs/${org.slug}/ownership-transfer`;
    expect((await call(h.app, org.owner, 'POST', base, { targetUserId: admin.userId })).statusCode).toBe(201);
    // Enforcement just turned on: the grace period keeps the admin's access, but not the right to accept.
    await h.test.db
      .updateTable('organizations')
      .set({ mfa_enforced_at: new Date() })
      .where('id', '=', org.id)
      .execute();
    const response = await call(h.app, admin, 'POST', `${base}/accept`);
    expect([response.statusCode, response.json().error.code]).toEqual([403, 'mfa_required']);
    expect(await roleIn(org.id, admin.userId)).toBe('org_admin');
  });
});
