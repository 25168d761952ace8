import type { Invitation, InvitationStatus, Role } from '@sendops/db';

export interface Person {
  name: string;
  email: string;
}

/** An invitation as the Team page lists it (`GET /api/orgs/:slug/members`). */
export interface TeamInvitationView {
  id: string;
  email: string;
  role: Role;
  /** Null once the inviting user's account is gone. */
  invitedBy: Person | null;
  createdAt: string;
  expiresAt: string;
  status: InvitationStatus;
}

/** The stored status, with a pending invitation past its window reported as expired before the sweep marks it. */
export function effectiveInvitationStatus(
  invitation: Pick<Invitation, 'status' | 'expires_at'>,
  now: Date,
): InvitationStatus {
  return invitation.status === 'pending' && new Date(invitation.expires_at) <= now
    ? 'expired'
    : invitation.status;
}

export function teamInvitationView(
  invitation: Invitation,
  inviter: { name: string | null; email: string | null },
  now: Date,
): TeamInvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invitedBy:
      inviter.name !== null && inviter.email !== null ? { name: inviter.name, email: inviter.email } : null,
    createdAt: invitation.created_at.toISOString(),
    expiresAt: new Date(invitation.expires_at).toISOString(),
    status: effectiveInvitationStatus(invitation, now),
  };
}
