import { type DbExecutor, DomainError, type Session } from '@sendops/db';
import { createSession, type IssuedSession, type SessionClient } from './create-session.ts';

/**
 * After the second factor is verified: the pending session is replaced by an active one with new
 * tokens (never promoted in place, so a pending token seen by someone else never becomes a full login).
 */
export async function promoteMfaSession(
  db: DbExecutor,
  pending: Session,
  client: SessionClient = {},
): Promise<IssuedSession> {
  if (pending.stage !== 'mfa_pending')
    throw new DomainError('conflict', 'this session is not waiting for MFA');
  const deleted = await db
    .deleteFrom('sessions')
    .where('id', '=', pending.id)
    .where('stage', '=', 'mfa_pending')
    .returning('user_id')
    .executeTakeFirst();
  if (!deleted) throw new DomainError('unauthenticated', 'the sign-in attempt expired, sign in again');
  return createSession(db, deleted.user_id, 'active', client);
}
