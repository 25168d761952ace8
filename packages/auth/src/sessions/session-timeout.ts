import type { SessionTimeout } from '@sendops/db';
import { sql } from 'kysely';

export const SESSION_TIMEOUT_SECONDS: Record<SessionTimeout, number> = {
  '1h': 3_600,
  '4h': 14_400,
  '8h': 28_800,
  '24h': 86_400,
  '7d': 604_800,
  '30d': 2_592_000,
};

/** Idle timeout of a user without any workspace of their own (the spec's default, 8 hours). */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = SESSION_TIMEOUT_SECONDS['8h'];
/** A session never outlives the longest idle timeout, however active it stays. */
export const SESSION_ABSOLUTE_LIFETIME_SECONDS = SESSION_TIMEOUT_SECONDS['30d'];
/** Time to complete the second factor after the password. */
export const MFA_PENDING_LIFETIME_SECONDS = 600;

/**
 * A session belongs to a user, while the timeout is a workspace setting: the strictest (shortest)
 * setting among the user's workspaces applies, so no workspace's policy is ever exceeded. The demo
 * workspace is left out, its members cannot change its settings.
 */
export function idleTimeoutSecondsSql(userId: ReturnType<typeof sql.ref> | string) {
  const cases = sql.join(
    Object.entries(SESSION_TIMEOUT_SECONDS).map(
      ([value, seconds]) => sql`when ${value} then ${seconds}::int`,
    ),
    sql` `,
  );
  return sql<number>`coalesce((
    select min(case o.session_timeout ${cases} end)
    from memberships m join organizations o on o.id = m.organization_id
    where m.user_id = ${userId} and not o.is_demo
  ), ${DEFAULT_IDLE_TIMEOUT_SECONDS}::int)`;
}
