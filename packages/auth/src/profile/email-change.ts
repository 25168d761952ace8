import { type Database, DomainError, type User } from '@sendops/db';
import { type Kysely, sql } from 'kysely';
import { normalizeEmail } from '../accounts/user-fields.ts';
import { randomToken, sha256Hex } from '../tokens.ts';

/** The verification link works for 24 hours. */
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;

export interface RequestedEmailChange {
  newEmail: string;
  /** For the link mailed to the new address; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

/**
 * Starts an email change: nothing changes until the new address proves it receives mail. Only for
 * accounts with a password (team/account-settings): an OAuth account's email belongs to its provider.
 * A new request replaces the user's earlier, unused ones.
 */
export async function requestEmailChange(
  db: Kysely<Database>,
  user: Pick<User, 'id' | 'email' | 'password_hash'>,
  email: string,
  now = new Date(),
): Promise<RequestedEmailChange> {
  if (user.password_hash === null) {
    throw new DomainError(
      'conflict',
      'only accounts that sign in with email and password can change their email',
    );
  }
  const newEmail = normalizeEmail(email);
  if (newEmail === user.email.toLowerCase())
    throw new DomainError('invalid', 'email is already your address');
  await assertEmailFree(db, newEmail);
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_TTL_MS);
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('email_change_requests')
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('email_change_requests')
      .values({ user_id: user.id, new_email: newEmail, token_hash: sha256Hex(token), expires_at: expiresAt })
      .execute();
  });
  return { newEmail, token, expiresAt };
}

/** Completes the change from the mailed link, for the signed-in user who asked for it. */
export async function confirmEmailChange(
  db: Kysely<Database>,
  userId: string,
  token: string,
  now = new Date(),
): Promise<User> {
  const request =
    token.length > 0 && token.length <= 200
      ? await db
          .selectFrom('email_change_requests')
          .selectAll()
          .where('token_hash', '=', sha256Hex(token))
          .where('user_id', '=', userId)
          .where('used_at', 'is', null)
          .executeTakeFirst()
      : undefined;
  if (!request)
    throw new DomainError('invalid', 'token is not a valid email change link (it may have been used)');
  if (new Date(request.expires_at) <= now) {
    throw new DomainError('expired', 'this email change link expired; request the change again');
  }
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('email_change_requests')
      .set({ used_at: now })
      .where('id', '=', request.id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed)
      throw new DomainError('invalid', 'token is not a valid email change link (it may have been used)');
    await assertEmailFree(trx, request.new_email);
    const user = await trx
      .updateTable('users')
      .set({ email: request.new_email, email_verified_at: now })
      .where('id', '=', userId)
      .returningAll()
      .executeTakeFirst();
    if (!user) throw new DomainError('not_found', 'user not found');
    return user;
  });
}

async function assertEmailFree(db: Pick<Kysely<Database>, 'selectFrom'>, email: string): Promise<void> {
  const taken = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email)
    .executeTakeFirst();
  if (taken) throw new DomainError('conflict', 'an account with this email already exists');
}
