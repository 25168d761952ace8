import type { Generated, Insertable, Selectable } from 'kysely';
import type { Timestamp } from './column-types.ts';

export const MFA_CHALLENGE_PURPOSES = [
  'totp_setup',
  'webauthn_registration',
  'webauthn_authentication',
] as const;
export type MfaChallengePurpose = (typeof MFA_CHALLENGE_PURPOSES)[number];

/** MFA state between two requests; each row is consumed (deleted) by the request that completes it. */
export interface MfaChallengesTable {
  id: Generated<string>;
  user_id: string;
  purpose: MfaChallengePurpose;
  /** The pending sign-in session a `webauthn_authentication` challenge was issued to. */
  session_id: string | null;
  /** `totp_setup`: the new authenticator secret, encrypted at rest. */
  totp_secret_encrypted: string | null;
  /** base64url challenge the authenticator must sign. */
  webauthn_challenge: string | null;
  created_at: Timestamp;
  expires_at: Date | string;
}

export type MfaChallenge = Selectable<MfaChallengesTable>;
export type NewMfaChallenge = Insertable<MfaChallengesTable>;
