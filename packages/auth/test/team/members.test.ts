import { describe, expect, it } from 'vitest';
import {
  cancelOwnershipTransfer,
  changeMemberRole,
  hasPermission,
  listTeam,
  removeMember,
  resolveOrganizationAccess,
  startOwnershipTransfer,
} from '../../src/index.ts';
import {
  auditRows,
  contextFor,
  createMember,
  createOwnedOrganization,
  createUser,
  expectCode,
  useTeamFixture,
} from './team-fixture.ts';

const f = useTeamFixture();

async function team() {
  const { owner, organization, context: ownerContext } = await createOwnedOrganization(f.db);
  const admin = await createMember(f.db, organization.id, 'Ada Admin', 'org_admin');
  const developer = await createMember(f.db, organization.id, 'Dev Eloper', 'developer');
  return {
    organization,
    owner,
    admin,
    developer,
    ownerContext,
    adminContext: await contextFor(f.db, organization.slug, admin),
    developerContext: await contextFor(f.db, organization.slug, developer),
  };
}

describe('changing a role', () => {
  it('takes effect on the next request and is audited with before/after', async () => {
    const t = await team();
    expect(hasPermission(t.developerContext.role, 'templates.manage')).toBe(true);

    const member = await changeMemberRole(f.at(), t.adminContext, t.developer.id, { role: 'marketer' });
    expect(member).toMatchObject({ userId: t.developer.id, role: 'marketer', email: t.developer.email });

    const after = await contextFor(f.db, t.organization.slug, t.developer);
    expect(after.role).toBe('marketer');
    expect(hasPermission(after.role, 'templates.manage')).toBe(false);
    expect(hasPermission(after.role, 'suppressions.manage')).toBe(true);
    expect((await auditRows(f.db, t.organization.id)).at(-1)).toMatchObject({
      actor_user_id: t.admin.id,
      resource_type: 'team',
      resource_id: t.developer.id,
      operation: 'updated',
      summary: `Dev Eloper (${t.developer.email}) changed from Developer to Marketer`,
      before: { role: 'developer' },
      after: { role: 'marketer' },
    });
  });

  it('never to or from Owner, never one’s own, only with team.manage; no-op writes nothing', async () => {
    const t = await team();
    await expectCode(changeMemberRole(f.at(), t.ownerContext, t.admin.id, { role: 'owner' }), 'invalid');
    await expectCode(changeMemberRole(f.at(), t.adminContext, t.owner.id, { role: 'viewer' }), 'forbidden');
    await expectCode(changeMemberRole(f.at(), t.adminContext, t.admin.id, { role: 'viewer' }), 'forbidden');
    await expectCode(
      changeMemberRole(f.at(), t.developerContext, t.admin.id, { role: 'viewer' }),
      'forbidden',
    );
    const stranger = await createUser(f.db, 'Stran Ger');
    await expectCode(changeMemberRole(f.at(), t.ownerContext, stranger.id, { role: 'viewer' }), 'not_found');

    const before = (await auditRows(f.db, t.organization.id)).length;
    await changeMemberRole(f.at(), t.ownerContext, t.developer.id, { role: 'developer' });
    expect((await auditRows(f.db, t.organization.id)).length).toBe(before);
  });
});

describe('removing a member', () => {
  it('ends their access at once and is audited', async () => {
    const t = await team();
    await removeMember(f.at(), t.adminContext, t.developer.id);
    expect((await resolveOrganizationAccess(f.db, t.developer, t.organization.slug)).kind).toBe('not_found');
    expect((await auditRows(f.db, t.organization.id)).at(-1)).toMatchObject({
      actor_user_id: t.admin.id,
      resource_type: 'team',
      resource_id: t.developer.id,
      operation: 'deleted',
      before: { name: 'Dev Eloper', email: t.developer.email, role: 'developer' },
    });
    await expectCode(removeMember(f.at(), t.adminContext, t.developer.id), 'not_found');
  });

  it('not the Owner, not oneself, not without team.manage', async () => {
    const t = await team();
    await expectCode(removeMember(f.at(), t.adminContext, t.owner.id), 'forbidden');
    await expectCode(removeMember(f.at(), t.adminContext, t.admin.id), 'forbidden');
    await expectCode(removeMember(f.at(), t.developerContext, t.admin.id), 'forbidden');
  });

  it('409 while a transfer to them is pending; possible once it is cancelled', async () => {
    const t = await team();
    await startOwnershipTransfer(f.at(), t.ownerContext, { targetUserId: t.admin.id });
    await expectCode(removeMember(f.at(), t.ownerContext, t.admin.id), 'conflict');
    await cancelOwnershipTransfer(f.at(), t.ownerContext);
    await removeMember(f.at(), t.ownerContext, t.admin.id);
  });
});

describe('listing the team', () => {
  it('the Owner first, with MFA status; only for team.view', async () => {
    const t = await team();
    await f.db
      .insertInto('mfa_credentials')
      .values({ user_id: t.admin.id, type: 'totp', name: 'Phone', totp_secret_encrypted: 'sealed' })
      .execute();
    const view = await listTeam(f.at(), t.adminContext);
    expect(view.members.map((m) => [m.name, m.role, m.mfaEnabled])).toEqual([
      ['Olivia Owner', 'owner', false],
      ['Ada Admin', 'org_admin', true],
      ['Dev Eloper', 'developer', false],
    ]);
    await expectCode(listTeam(f.at(), t.developerContext), 'forbidden');
  });
});
