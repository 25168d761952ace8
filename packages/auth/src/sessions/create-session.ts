import type { DbExecutor, Session, SessionStage } from '@sendops/db';
import { sql } from 'kysely';
import { randomToken, sha256Hex } from '../tokens.ts';
import { MFA_PENDING_LIFETIME_SECONDS, SESSION_ABSOLUTE_LIFETIME_SECONDS } from './session-timeout.ts';

export interface SessionClient {
  ip?: string | null;
  userAgent?: string | null;
}

/** A new session and the two secrets for its cookies; only their hashes are stored. */
export interface IssuedSession {
  session: Session;
  token: string;
  csrfToken: string;
}

export async function createSession(
  db: DbExecutor,
  userId: string,
  stage: SessionStage,
  client: SessionClient = {},
): Promise<IssuedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const lifetime = stage === 'active' ? SESSION_ABSOLUTE_LIFETIME_SECONDS : MFA_PENDING_LIFETIME_SECONDS;
  const session = await db
    .insertInto('sessions')
    .values({
      token_hash: sha256Hex(token),
      csrf_token_hash: sha256Hex(csrfToken),
      user_id: userId,
      stage,
      expires_at: sql<Date>`now() + make_interval(secs => ${lifetime})`,
      ip: client.ip?.slice(0, 64) ?? null,
      user_agent: client.userAgent?.slice(0, 512) ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { session, token, csrfToken };
}
