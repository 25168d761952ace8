import { DomainError, isUuid } from '@sendops/db';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { type MemberView, memberView, selectMembers } from './member-view.ts';
import { assignableRole, ROLE_LABELS } from './role-labels.ts';
import type { TeamDeps } from './team-deps.ts';
import { lockOrganization } from './team-organization.ts';

/**
 * `PATCH /api/orgs/:slug/members/:userId`: Owners and Org Admins change another member's role, which
 * takes effect on that member's next request. Never to or from Owner (ownership moves by transfer), and
 * never one's own role.
 */
export async function changeMemberRole(
  deps: Pick<TeamDeps, 'db'>,
  context: OrganizationContext,
  userId: string,
  input: { role: string },
): Promise<MemberView> {
  requirePermission(context, 'team.manage');
  const role = assignableRole(input.role);
  if (!isUuid(userId)) throw new DomainError('not_found', 'member not found');
  if (userId === context.actor.userId) throw new DomainError('forbidden', 'you cannot change your own role');

  return deps.db.transaction().execute(async (trx) => {
    const organization = await lockOrganization(trx, context.organizationId);
    const member = await selectMembers(trx, organization.id)
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!member) throw new DomainError('not_found', 'member not found');
    if (member.role === 'owner') {
      throw new DomainError('forbidden', "the Owner's role changes only through an ownership transfer");
    }
    if (member.role === role) return memberView(member);
    await trx
      .updateTable('memberships')
      .set({ role })
      .where('organization_id', '=', organization.id)
      .where('user_id', '=', userId)
      .execute();
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: context.actor,
      resourceType: 'team',
      resourceId: userId,
      operation: 'updated',
      summary: `${member.name} (${member.email}) changed from ${ROLE_LABELS[member.role]} to ${ROLE_LABELS[role]}`,
      before: { role: member.role },
      after: { role },
    });
    return memberView({ ...member, role });
  });
}
