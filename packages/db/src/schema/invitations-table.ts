import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';
import type { Role } from './memberships-table.ts';

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked', 'expired'] as const;
/**
 * `expired` is stored by the periodic sweep (expireInvitations); between sweeps a pending invitation
 * whose expires_at has passed is treated as expired too.
 */
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface InvitationsTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  /** Never `owner` (check constraint). */
  role: Exclude<Role, 'owner'>;
  /** sha256 hex of the token in the invitation link. */
  token_hash: string;
  invited_by_user_id: string | null;
  status: Generated<InvitationStatus>;
  /** 7 days after sending (team/members-and-roles). */
  expires_at: Date | string;
  created_at: Timestamp;
  responded_at: NullableTimestamp;
}

export type Invitation = Selectable<InvitationsTable>;
export type NewInvitation = Insertable<InvitationsTable>;
export type InvitationUpdate = Updateable<InvitationsTable>;
