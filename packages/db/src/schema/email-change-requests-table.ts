import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';

export interface EmailChangeRequestsTable {
  id: Generated<string>;
  user_id: string;
  new_email: string;
  /** sha256 hex of the token mailed to the new address. */
  token_hash: string;
  created_at: Timestamp;
  expires_at: Date | string;
  used_at: NullableTimestamp;
}

export type EmailChangeRequest = Selectable<EmailChangeRequestsTable>;
export type NewEmailChangeRequest = Insertable<EmailChangeRequestsTable>;
export type EmailChangeRequestUpdate = Updateable<EmailChangeRequestsTable>;
