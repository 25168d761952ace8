import { DomainError, isUuid } from '@sendops/db';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { selectMembers } from './member-view.ts';
import type { TeamDeps } from './team-deps.ts';
import { lockOrganization } from './team-organization.ts';

/**
 * `DELETE /api/orgs/:slug/members/:userId`: the member loses access at once; their past actions stay in
 * the audit log. Not the Owner, not oneself (members leave with `POST /leave`), and not the target of a
 * pending ownership transfer: "Cancel the transfer first" (team/members-and-roles).
 */
export async function removeMember(
  deps: Pick<TeamDeps, 'db'>,
  context: OrganizationContext,
  userId: string,
): Promise<void> {
  requirePermission(context, 'team.manage');
  if (!isUuid(userId)) throw new DomainError('not_found', 'member not found');
  if (userId === context.actor.userId) {
    throw new DomainError('forbidden', 'you cannot remove yourself: leave the organization instead');
  }

  await deps.db.transaction().execute(async (trx) => {
    const organization = await lockOrganization(trx, context.organizationId);
    const member = await selectMembers(trx, organization.id)
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!member) throw new DomainError('not_found', 'member not found');
    if (member.role === 'owner') throw new DomainError('forbidden', 'the Owner cannot be removed');
    const transfer = await trx
      .selectFrom('ownership_transfers')
      .select('id')
      .where('organization_id', '=', organization.id)
      .where('to_user_id', '=', userId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (transfer) {
      throw new DomainError(
        'conflict',
        `${member.name} is the target of a pending ownership transfer: cancel the transfer first`,
      );
    }
    await trx
      .deleteFrom('memberships')
      .where('organization_id', '=', organization.id)
      .where('user_id', '=', userId)
      .execute();
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: context.actor,
      resourceType: 'team',
      resourceId: userId,
      operation: 'deleted',
      summary: `${member.name} (${member.email}) removed from the organization`,
      before: { name: member.name, email: member.email, role: member.role },
    });
  });
}
