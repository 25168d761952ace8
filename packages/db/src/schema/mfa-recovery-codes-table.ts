import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';

export interface MfaRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  /** Hash of a one-time recovery code; the code itself is shown once. */
  code_hash: string;
  created_at: Timestamp;
  used_at: NullableTimestamp;
}

export type MfaRecoveryCode = Selectable<MfaRecoveryCodesTable>;
export type NewMfaRecoveryCode = Insertable<MfaRecoveryCodesTable>;
export type MfaRecoveryCodeUpdate = Updateable<MfaRecoveryCodesTable>;
