import { describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  acceptOwnershipTransfer,
  cancelOwnershipTransfer,
  changeMemberRole,
  declineInvitation,
  inviteMember,
  removeMember,
  resendInvitation,
  revokeInvitation,
  startOwnershipTransfer,
} from '../../src/index.ts';
import {
  auditRows,
  contextFor,
  createMember,
  createOwnedOrganization,
  createUser,
  useTeamFixture,
} from './team-fixture.ts';

const f = useTeamFixture();

describe('audit', () => {
  it('every team action writes exactly one entry, of the expected type and operation', async () => {
    const { organization, context: ownerContext } = await createOwnedOrganization(f.db, 'business');
    const admin = await createMember(f.db, organization.id, 'Ada Admin', 'org_admin');
    const joiner = await createUser(f.db, 'Jo Iner', { email: 'one.audit.joiner@example.com' });
    const decliner = await createUser(f.db, 'De Cliner', { email: 'one.audit.decliner@example.com' });

    const steps: [string, () => Promise<unknown>][] = [];
    let joinInvitation = '';
    let declineId = '';
    let revokeId = '';
    steps.push([
      'invitation/created',
      async () => {
        joinInvitation = (
          await inviteMember(f.at(), ownerContext, { email: joiner.email, role: 'developer' })
        ).id;
      },
    ]);
    steps.push(['invitation/updated', () => resendInvitation(f.at(), ownerContext, joinInvitation)]);
    steps.push(['invitation/accepted', () => acceptInvitation(f.at(), joiner, { id: joinInvitation })]);
    steps.push([
      'invitation/created',
      async () => {
        declineId = (await inviteMember(f.at(), ownerContext, { email: decliner.email, role: 'viewer' })).id;
      },
    ]);
    steps.push(['invitation/declined', () => declineInvitation(f.at(), decliner, { id: declineId })]);
    steps.push([
      'invitation/created',
      async () => {
        revokeId = (await inviteMember(f.at(), ownerContext, { email: 'gone@example.com', role: 'viewer' }))
          .id;
      },
    ]);
    steps.push(['invitation/revoked', () => revokeInvitation(f.at(), ownerContext, revokeId)]);
    steps.push([
      'team/updated',
      () => changeMemberRole(f.at(), ownerContext, joiner.id, { role: 'marketer' }),
    ]);
    steps.push([
      'ownership_transfer/initiated',
      () => startOwnershipTransfer(f.at(), ownerContext, { targetUserId: joiner.id }),
    ]);
    steps.push(['ownership_transfer/cancelled', () => cancelOwnershipTransfer(f.at(), ownerContext)]);
    steps.push(['team/deleted', () => removeMember(f.at(), ownerContext, joiner.id)]);
    steps.push([
      'ownership_transfer/initiated',
      () => startOwnershipTransfer(f.at(), ownerContext, { targetUserId: admin.id }),
    ]);
    steps.push([
      'ownership_transfer/accepted',
      async () => acceptOwnershipTransfer(f.at(), await contextFor(f.db, organization.slug, admin)),
    ]);

    for (const [expected, step] of steps) {
      const before = await auditRows(f.db, organization.id);
      await step();
      const added = (await auditRows(f.db, organization.id)).slice(before.length);
      expect(
        added.map((row) => `${row.resource_type}/${row.operation}`),
        expected,
      ).toEqual([expected]);
    }
  });
});
