import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './column-types.ts';

export const SESSION_STAGES = ['mfa_pending', 'active'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export interface SessionsTable {
  id: Generated<string>;
  /** sha256 hex of the cookie token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  /** `mfa_pending` after a password sign-in of a user with MFA, until the second factor is verified. */
  stage: SessionStage;
  /** sha256 hex of the double-submit CSRF token bound to this session. */
  csrf_token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** Absolute end of the session, whatever its activity. */
  expires_at: Date | string;
  ip: string | null;
  user_agent: string | null;
}

export type Session = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
export type SessionUpdate = Updateable<SessionsTable>;
