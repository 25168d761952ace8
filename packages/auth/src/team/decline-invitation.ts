import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type InvitationReference, type Invitee, lockAnswerableInvitation } from './invitee-invitation.ts';
import { currentTime, type TeamDeps } from './team-deps.ts';

/** `POST /api/invitations/:token/decline` and `POST /api/me/invitations/:id/decline`. */
export async function declineInvitation(
  deps: Pick<TeamDeps, 'db' | 'now'>,
  invitee: Invitee,
  reference: InvitationReference,
): Promise<void> {
  const now = currentTime(deps);
  await deps.db.transaction().execute(async (trx) => {
    const { invitation, organization } = await lockAnswerableInvitation(trx, reference, invitee, now);
    await trx
      .updateTable('invitations')
      .set({ status: 'declined', responded_at: now })
      .where('id', '=', invitation.id)
      .execute();
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: { userId: invitee.id, name: invitee.name, email: invitee.email },
      resourceType: 'invitation',
      resourceId: invitation.id,
      operation: 'declined',
      summary: `${invitee.name} (${invitee.email}) declined the invitation`,
      before: { email: invitation.email, role: invitation.role },
    });
  });
}
