import { type DbExecutor, DomainError, type InvitationStatus, type Role } from '@sendops/db';
import { sha256Hex } from '../tokens.ts';
import { effectiveInvitationStatus, type Person } from './invitation-view.ts';

/** What the invitation page shows before the visitor signs in (`GET /api/invitations/:token`). */
export interface InvitationLinkView {
  organizationName: string;
  role: Role;
  invitedBy: Person | null;
  email: string;
  expiresAt: string;
  status: InvitationStatus;
}

export async function getInvitationByToken(
  db: DbExecutor,
  token: string,
  now = new Date(),
): Promise<InvitationLinkView> {
  const row = await db
    .selectFrom('invitations as i')
    .innerJoin('organizations as o', 'o.id', 'i.organization_id')
    .leftJoin('users as u', 'u.id', 'i.invited_by_user_id')
    .select([
      'i.email',
      'i.role',
      'i.status',
      'i.expires_at',
      'o.name as organization_name',
      'u.name as inviter_name',
      'u.email as inviter_email',
    ])
    .where('i.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row)
    throw new DomainError(
      'not_found',
      'invitation not found: the link may have been replaced by a newer one',
    );
  return {
    organizationName: row.organization_name,
    role: row.role,
    invitedBy:
      row.inviter_name !== null && row.inviter_email !== null
        ? { name: row.inviter_name, email: row.inviter_email }
        : null,
    email: row.email,
    expiresAt: new Date(row.expires_at).toISOString(),
    status: effectiveInvitationStatus(row, now),
  };
}
