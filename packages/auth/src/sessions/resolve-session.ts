import type { DbExecutor, Session, User } from '@sendops/db';
import { sql } from 'kysely';
import { sha256Hex } from '../tokens.ts';
import { idleTimeoutSecondsSql } from './session-timeout.ts';

export interface ResolvedSession {
  session: Session;
  user: User;
}

// Activity is recorded at most once a minute, so reads do not each cost a write.
const TOUCH_AFTER_SECONDS = 60;

/**
 * The session a cookie token names, if it is still valid: not past its absolute expiry and not idle
 * longer than the user's timeout. An expired session is deleted on the way.
 */
export async function resolveSession(db: DbExecutor, token: string): Promise<ResolvedSession | undefined> {
  if (token.length === 0 || token.length > 200) return undefined;
  const row = await db
    .selectFrom('sessions')
    .selectAll('sessions')
    .select([
      sql<number>`extract(epoch from now() - sessions.last_seen_at)::float8`.as('idle_seconds'),
      idleTimeoutSecondsSql(sql.ref('sessions.user_id')).as('timeout_seconds'),
      sql<boolean>`sessions.expires_at <= now()`.as('past_expiry'),
    ])
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const { idle_seconds, timeout_seconds, past_expiry, ...session } = row;
  if (past_expiry || idle_seconds > timeout_seconds) {
    await db.deleteFrom('sessions').where('id', '=', session.id).execute();
    return undefined;
  }
  const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  if (!user) return undefined;
  if (idle_seconds > TOUCH_AFTER_SECONDS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now()` })
      .where('id', '=', session.id)
      .execute();
  }
  return { session, user };
}

/** Does the presented CSRF token belong to this session? Constant-time enough: both sides are hashes. */
export function csrfTokenMatches(session: Session, csrfToken: string): boolean {
  return csrfToken.length > 0 && csrfToken.length <= 200 && sha256Hex(csrfToken) === session.csrf_token_hash;
}
