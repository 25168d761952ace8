import { type Database, DomainError, type OAuthProvider } from '@sendops/db';
import type { Kysely } from 'kysely';

export interface Connection {
  provider: OAuthProvider;
  connectedAt: Date;
}

export async function listConnections(db: Kysely<Database>, userId: string): Promise<Connection[]> {
  const rows = await db
    .selectFrom('oauth_accounts')
    .select(['provider', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('provider')
    .execute();
  return rows.map((row) => ({ provider: row.provider, connectedAt: row.created_at }));
}

/** "You must always keep at least one active sign-in method" (team/account-settings). */
export async function disconnectProvider(
  db: Kysely<Database>,
  userId: string,
  provider: OAuthProvider,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Locks the user so two disconnects cannot each see the other provider as the remaining method.
    const user = await trx
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!user) throw new DomainError('not_found', 'user not found');
    const accounts = await trx
      .selectFrom('oauth_accounts')
      .select('provider')
      .where('user_id', '=', userId)
      .execute();
    if (!accounts.some((account) => account.provider === provider)) {
      throw new DomainError('not_found', `${provider} is not connected`);
    }
    if (user.password_hash === null && accounts.length === 1) {
      throw new DomainError(
        'conflict',
        `${provider} is your only way to sign in: set a password or connect another provider first`,
      );
    }
    await trx
      .deleteFrom('oauth_accounts')
      .where('user_id', '=', userId)
      .where('provider', '=', provider)
      .execute();
  });
}
