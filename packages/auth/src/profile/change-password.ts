import { type DbExecutor, DomainError } from '@sendops/db';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../accounts/passwords.ts';

export interface ChangePasswordInput {
  /** Required when the account has a password; OAuth-only accounts set their first one without it. */
  currentPassword?: string;
  newPassword: string;
}

/**
 * Changes (or, for an OAuth-only account, sets) the password. Every other session of the user ends:
 * whoever knew the old password is signed out; the session that made the change stays.
 */
export async function changePassword(
  db: DbExecutor,
  userId: string,
  input: ChangePasswordInput,
  keepSessionId: string,
): Promise<void> {
  assertPasswordPolicy(input.newPassword, 'newPassword');
  const user = await db
    .selectFrom('users')
    .select(['password_hash'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new DomainError('not_found', 'user not found');
  if (user.password_hash !== null) {
    const current = input.currentPassword ?? '';
    if (current.length === 0 || !(await verifyPassword(user.password_hash, current))) {
      throw new DomainError('invalid', 'currentPassword is incorrect');
    }
  }
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.newPassword) })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
}
