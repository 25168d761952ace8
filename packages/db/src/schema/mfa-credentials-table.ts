import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';

export const MFA_CREDENTIAL_TYPES = ['totp', 'webauthn'] as const;
export type MfaCredentialType = (typeof MFA_CREDENTIAL_TYPES)[number];

export interface MfaCredentialsTable {
  id: Generated<string>;
  user_id: string;
  type: MfaCredentialType;
  name: string;
  /** Set for `totp` (check constraint): the secret, encrypted at rest. */
  totp_secret_encrypted: string | null;
  /** Set for `webauthn`: base64url credential id, unique across users. */
  webauthn_credential_id: string | null;
  webauthn_public_key: Uint8Array | null;
  /** bigint: pg returns it as a string. */
  webauthn_counter: ColumnType<string, string | number | bigint | undefined, string | number | bigint>;
  webauthn_transports: ColumnType<string[], string[] | undefined, string[]>;
  /** `totp`: time step of the last accepted code (replays refused); bigint, so a string. Migration 0003. */
  totp_last_counter: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
}

export type MfaCredential = Selectable<MfaCredentialsTable>;
export type NewMfaCredential = Insertable<MfaCredentialsTable>;
export type MfaCredentialUpdate = Updateable<MfaCredentialsTable>;
