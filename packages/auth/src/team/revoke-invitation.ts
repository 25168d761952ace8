import { DomainError } from '@sendops/db';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { lockOrganizationInvitation } from './invitation-records.ts';
import { currentTime, type TeamDeps } from './team-deps.ts';
import { lockOrganization } from './team-organization.ts';

/** `DELETE /api/orgs/:slug/invitations/:id`: the link stops working at once. */
export async function revokeInvitation(
  deps: TeamDeps,
  context: OrganizationContext,
  invitationId: string,
): Promise<void> {
  requirePermission(context, 'team.manage');
  const now = currentTime(deps);
  await deps.db.transaction().execute(async (trx) => {
    const organization = await lockOrganization(trx, context.organizationId);
    const invitation = await lockOrganizationInvitation(trx, organization.id, invitationId);
    if (invitation.status !== 'pending' && invitation.status !== 'expired') {
      throw new DomainError('conflict', `this invitation was already ${invitation.status}`);
    }
    await trx
      .updateTable('invitations')
      .set({ status: 'revoked', responded_at: now })
      .where('id', '=', invitation.id)
      .execute();
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: context.actor,
      resourceType: 'invitation',
      resourceId: invitation.id,
      operation: 'revoked',
      summary: `Invitation for ${invitation.email} revoked`,
      before: { email: invitation.email, role: invitation.role, status: invitation.status },
    });
  });
}
