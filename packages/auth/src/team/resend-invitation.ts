import { DomainError } from '@sendops/db';
import { invitationResentMail } from '@sendops/mail';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { organizationMailLogo } from '../organizations/get-organization-logo.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { randomToken, sha256Hex } from '../tokens.ts';
import { lockOrganizationInvitation } from './invitation-records.ts';
import { type TeamInvitationView, teamInvitationView } from './invitation-view.ts';
import { INVITATION_TTL_MS } from './invite-member.ts';
import { ROLE_LABELS } from './role-labels.ts';
import { currentTime, deliver, type TeamDeps } from './team-deps.ts';
import { assertSeatAvailable, lockOrganization } from './team-organization.ts';

/**
 * `POST /api/orgs/:slug/invitations/:id/resend`: a pending or expired invitation gets a new token and a
 * new 7-day window; the previous link stops working because only the new token's hash is kept. The
 * re-sender becomes the inviter shown in the email and on the Team page.
 */
export async function resendInvitation(
  deps: TeamDeps,
  context: OrganizationContext,
  invitationId: string,
): Promise<TeamInvitationView> {
  requirePermission(context, 'team.manage');
  const now = currentTime(deps);
  const token = randomToken();

  const { invitation, organizationName } = await deps.db.transaction().execute(async (trx) => {
    const organization = await lockOrganization(trx, context.organizationId);
    const current = await lockOrganizationInvitation(trx, organization.id, invitationId);
    if (current.status !== 'pending' && current.status !== 'expired') {
      throw new DomainError('conflict', `this invitation was ${current.status}: send a new one instead`);
    }
    // An expired invitation holds no seat; re-sending takes one again.
    await assertSeatAvailable(trx, organization, now, { exceptInvitationId: current.id });
    const invitation = await trx
      .updateTable('invitations')
      .set({
        token_hash: sha256Hex(token),
        status: 'pending',
        // The email says who sent this link; the Team page shows the same person.
        invited_by_user_id: context.actor.userId,
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: context.actor,
      resourceType: 'invitation',
      resourceId: invitation.id,
      operation: 'updated',
      summary: `Invitation for ${invitation.email} re-sent`,
      before: { expiresAt: new Date(current.expires_at).toISOString() },
      after: { expiresAt: new Date(invitation.expires_at).toISOString() },
    });
    return { invitation, organizationName: organization.name };
  });

  await deliver(deps.mailer, [
    invitationResentMail({
      publicUrl: deps.mailer.publicUrl,
      to: invitation.email,
      organizationName,
      roleLabel: ROLE_LABELS[invitation.role],
      inviter: { name: context.actor.name, email: context.actor.email },
      token,
      expiresAt: new Date(invitation.expires_at),
      logo: await organizationMailLogo(deps.db, context.organizationId),
    }),
  ]);
  return teamInvitationView(invitation, context.actor, now);
}
