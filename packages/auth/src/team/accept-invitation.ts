import { DomainError } from '@sendops/db';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type InvitationReference, type Invitee, lockAnswerableInvitation } from './invitee-invitation.ts';
import { ROLE_LABELS } from './role-labels.ts';
import { currentTime, type TeamDeps } from './team-deps.ts';
import { assertSeatAvailable } from './team-organization.ts';

/**
 * `POST /api/invitations/:token/accept` and `POST /api/me/invitations/:id/accept`: the signed-in user
 * joins the organization with the invited role. Returns the slug the dashboard switches to.
 */
export async function acceptInvitation(
  deps: Pick<TeamDeps, 'db' | 'now'>,
  invitee: Invitee,
  reference: InvitationReference,
): Promise<{ organizationSlug: string }> {
  const now = currentTime(deps);
  return deps.db.transaction().execute(async (trx) => {
    const { invitation, organization } = await lockAnswerableInvitation(trx, reference, invitee, now);
    const existing = await trx
      .selectFrom('memberships')
      .select('role')
      .where('organization_id', '=', organization.id)
      .where('user_id', '=', invitee.id)
      .executeTakeFirst();
    if (existing) throw new DomainError('conflict', `you are already a member of ${organization.name}`);
    // The plan may have changed since the invitation was sent.
    await assertSeatAvailable(trx, organization, now, { exceptInvitationId: invitation.id });

    await trx
      .insertInto('memberships')
      .values({ organization_id: organization.id, user_id: invitee.id, role: invitation.role })
      .execute();
    await trx
      .updateTable('invitations')
      .set({ status: 'accepted', responded_at: now })
      .where('id', '=', invitation.id)
      .execute();
    // The emailed link proves the invitee reads that mailbox: an account with that address counts as
    // verified (an ownership transfer requires a verified email).
    if ('token' in reference && invitation.email.toLowerCase() === invitee.email.toLowerCase()) {
      await trx
        .updateTable('users')
        .set({ email_verified_at: now })
        .where('id', '=', invitee.id)
        .where('email_verified_at', 'is', null)
        .execute();
    }
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: { userId: invitee.id, name: invitee.name, email: invitee.email },
      resourceType: 'invitation',
      resourceId: invitation.id,
      operation: 'accepted',
      summary: `${invitee.name} (${invitee.email}) accepted the invitation and joined as ${ROLE_LABELS[invitation.role]}`,
      after: { userId: invitee.id, email: invitee.email, role: invitation.role },
    });
    return { organizationSlug: organization.slug };
  });
}
