import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';

export const OWNERSHIP_TRANSFER_STATUSES = ['pending', 'accepted', 'cancelled', 'expired'] as const;
export type OwnershipTransferStatus = (typeof OWNERSHIP_TRANSFER_STATUSES)[number];

export interface OwnershipTransfersTable {
  id: Generated<string>;
  /** At most one pending transfer per organization (partial unique index). */
  organization_id: string;
  from_user_id: string;
  to_user_id: string;
  status: Generated<OwnershipTransferStatus>;
  created_at: Timestamp;
  /** 72 hours after creation (team/members-and-roles). */
  expires_at: Date | string;
  resolved_at: NullableTimestamp;
}

export type OwnershipTransfer = Selectable<OwnershipTransfersTable>;
export type NewOwnershipTransfer = Insertable<OwnershipTransfersTable>;
export type OwnershipTransferUpdate = Updateable<OwnershipTransfersTable>;
