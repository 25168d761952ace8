import { type Database, DomainError, type OAuthProvider, type User } from '@sendops/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import { mfaMethodsOf, type SignInResult } from '../accounts/sign-in.ts';
import { createAccount } from '../accounts/sign-up.ts';
import { normalizeEmail } from '../accounts/user-fields.ts';
import { createSession, type SessionClient } from '../sessions/create-session.ts';
import type { OAuthProfile } from './oauth-client.ts';
import { OAUTH_PROVIDER_LABELS } from './oauth-providers.ts';

export type OAuthSignInResult = SignInResult & { created: boolean };

/**
 * Sign-in (or sign-up) with a provider identity: the account already linked to it; else the account
 * with the same email (verified on both sides), now linked; else a new account with its own workspace, as sign-up
 * makes. Users with MFA still answer the second factor (an `mfa_pending` session).
 */
export async function signInWithOAuth(
  db: Kysely<Database>,
  profile: OAuthProfile,
  client: SessionClient = {},
): Promise<OAuthSignInResult> {
  const { user, created } = await db.transaction().execute(async (trx) => {
    const linked = await trx
      .selectFrom('oauth_accounts')
      .innerJoin('users', 'users.id', 'oauth_accounts.user_id')
      .selectAll('users')
      .where('oauth_accounts.provider', '=', profile.provider)
      .where('oauth_accounts.provider_user_id', '=', profile.providerUserId)
      .executeTakeFirst();
    if (linked) return { user: await refreshAvatar(trx, linked, profile), created: false };

    const label = OAUTH_PROVIDER_LABELS[profile.provider];
    if (profile.verifiedEmail === null) {
      throw new DomainError('invalid', `your ${label} account has no verified email address`);
    }
    const email = normalizeEmail(profile.verifiedEmail);
    const existing = await trx
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email)
      .forUpdate()
      .executeTakeFirst();
    if (existing) {
      // Linking to an address nobody verified would hand the account to whoever registered it first
      // (pre-account takeover); such an owner signs in with their password and connects from Profile.
      if (existing.email_verified_at === null && existing.password_hash !== null) {
        throw new DomainError(
          'conflict',
          `an account with this email already exists: sign in with your password, then connect ${label} from your profile`,
        );
      }
      await link(trx, existing.id, profile);
      return { user: await refreshAvatar(trx, existing, profile), created: false };
    }
    const user = await createAccount(trx, {
      name: (profile.name ?? email.split('@')[0]!).slice(0, 200),
      email,
      email_verified_at: new Date(),
      password_hash: null,
      avatar_url: profile.avatarUrl,
    });
    await link(trx, user.id, profile);
    return { user, created: true };
  });

  const methods = await mfaMethodsOf(db, user.id);
  if (methods.length > 0) {
    return {
      status: 'mfa_required',
      user,
      methods,
      created,
      issued: await createSession(db, user.id, 'mfa_pending', client),
    };
  }
  return { status: 'signed_in', user, created, issued: await createSession(db, user.id, 'active', client) };
}

/** "Connect" on the Profile page: links the provider identity to the signed-in user. */
export async function connectOAuthAccount(
  db: Kysely<Database>,
  userId: string,
  profile: OAuthProfile,
): Promise<void> {
  const label = OAUTH_PROVIDER_LABELS[profile.provider];
  await db.transaction().execute(async (trx) => {
    const owner = await trx
      .selectFrom('oauth_accounts')
      .select('user_id')
      .where('provider', '=', profile.provider)
      .where('provider_user_id', '=', profile.providerUserId)
      .executeTakeFirst();
    if (owner?.user_id === userId) return;
    if (owner)
      throw new DomainError(
        'conflict',
        `this ${label} account is already connected to another SendOps account`,
      );
    const current = await trx
      .selectFrom('oauth_accounts')
      .select('id')
      .where('user_id', '=', userId)
      .where('provider', '=', profile.provider)
      .executeTakeFirst();
    if (current)
      throw new DomainError('conflict', `another ${label} account is already connected; disconnect it first`);
    await link(trx, userId, profile);
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    await refreshAvatar(trx, user, profile);
  });
}

async function link(trx: Transaction<Database>, userId: string, profile: OAuthProfile): Promise<void> {
  const inserted = await trx
    .insertInto('oauth_accounts')
    .values({
      user_id: userId,
      provider: profile.provider as OAuthProvider,
      provider_user_id: profile.providerUserId,
      email: profile.verifiedEmail,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const label = OAUTH_PROVIDER_LABELS[profile.provider];
    throw new DomainError(
      'conflict',
      `another ${label} account is already connected to this SendOps account`,
    );
  }
}

/** The avatar comes from the connected provider (team/account-settings: no manual upload). */
async function refreshAvatar(trx: Transaction<Database>, user: User, profile: OAuthProfile): Promise<User> {
  if (profile.avatarUrl === null || profile.avatarUrl === user.avatar_url) return user;
  return trx
    .updateTable('users')
    .set({ avatar_url: profile.avatarUrl })
    .where('id', '=', user.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
