import type { DbExecutor } from '@sendops/db';

export async function deleteSession(db: DbExecutor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs a user out everywhere (ownership transfer, password change, workspace deletion). */
export async function deleteUserSessions(db: DbExecutor, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.deleteFrom('sessions').where('user_id', 'in', userIds).execute();
}
