import { type Database, DomainError, type Invitation, isUuid } from '@sendops/db';
import { formatUtc } from '@sendops/mail';
import { sql, type Transaction } from 'kysely';
import { sha256Hex } from '../tokens.ts';
import { effectiveInvitationStatus } from './invitation-view.ts';
import { type LockedOrganization, lockOrganization } from './team-organization.ts';

/** The signed-in user answering an invitation. */
export interface Invitee {
  id: string;
  name: string;
  email: string;
}

/**
 * How the invitee names the invitation: the token from the email link (possession of the link is the
 * proof), or its id from the dashboard banner, which only finds invitations sent to the user's own email.
 */
export type InvitationReference = { token: string } | { id: string };

function byReference(trx: Transaction<Database>, reference: InvitationReference, invitee: Invitee) {
  const query = trx.selectFrom('invitations').selectAll();
  if ('token' in reference) return query.where('token_hash', '=', sha256Hex(reference.token));
  return query
    .where('id', '=', reference.id)
    .where(sql<string>`lower(email)`, '=', invitee.email.toLowerCase());
}

/**
 * Locks the organization, then the invitation (the order every team action uses), and checks it can
 * still be answered: unknown → 404, expired → 410 `expired`, already answered or revoked → 409.
 */
export async function lockAnswerableInvitation(
  trx: Transaction<Database>,
  reference: InvitationReference,
  invitee: Invitee,
  now: Date,
): Promise<{ invitation: Invitation; organization: LockedOrganization }> {
  if ('id' in reference && !isUuid(reference.id)) throw new DomainError('not_found', 'invitation not found');
  const found = await byReference(trx, reference, invitee).executeTakeFirst();
  if (!found) throw new DomainError('not_found', 'invitation not found');
  const organization = await lockOrganization(trx, found.organization_id);
  const invitation = await byReference(trx, reference, invitee).forUpdate().executeTakeFirst();
  if (!invitation) throw new DomainError('not_found', 'invitation not found');

  const status = effectiveInvitationStatus(invitation, now);
  if (status === 'expired') {
    throw new DomainError(
      'expired',
      `This invitation to ${organization.name} expired on ${formatUtc(new Date(invitation.expires_at))}. Ask an Owner or Org Admin to send a new one.`,
    );
  }
  if (status !== 'pending') {
    throw new DomainError('conflict', `This invitation to ${organization.name} was already ${status}.`);
  }
  return { invitation, organization };
}
