import { type Database, DomainError, type Invitation, isUuid } from '@sendops/db';
import type { Transaction } from 'kysely';

/** One invitation of the organization, locked for the transaction; another tenant's id is `not_found`. */
export async function lockOrganizationInvitation(
  trx: Transaction<Database>,
  organizationId: string,
  invitationId: string,
): Promise<Invitation> {
  if (!isUuid(invitationId)) throw new DomainError('not_found', 'invitation not found');
  const invitation = await trx
    .selectFrom('invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .where('organization_id', '=', organizationId)
    .forUpdate()
    .executeTakeFirst();
  if (!invitation) throw new DomainError('not_found', 'invitation not found');
  return invitation;
}

export async function inviterOf(
  trx: Transaction<Database>,
  invitation: Pick<Invitation, 'invited_by_user_id'>,
): Promise<{ name: string | null; email: string | null }> {
  if (invitation.invited_by_user_id === null) return { name: null, email: null };
  const inviter = await trx
    .selectFrom('users')
    .select(['name', 'email'])
    .where('id', '=', invitation.invited_by_user_id)
    .executeTakeFirst();
  return inviter ?? { name: null, email: null };
}
