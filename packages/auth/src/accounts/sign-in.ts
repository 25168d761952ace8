import { type Database, DomainError, type User } from '@sendops/db';
import { type Kysely, sql } from 'kysely';
import { createSession, type IssuedSession, type SessionClient } from '../sessions/create-session.ts';
import { dummyPasswordHash, PASSWORD_MAX_LENGTH, verifyPassword } from './passwords.ts';

export type MfaMethod = 'totp' | 'webauthn' | 'recovery_code';

export type SignInResult =
  | { status: 'signed_in'; user: User; issued: IssuedSession }
  /** A short-lived `mfa_pending` session; promoteMfaSession() completes it after the second factor. */
  | { status: 'mfa_required'; user: User; methods: MfaMethod[]; issued: IssuedSession };

const WRONG = 'email or password is incorrect';

/** The second factors a user can answer the challenge with. */
export async function mfaMethodsOf(db: Kysely<Database>, userId: string): Promise<MfaMethod[]> {
  const credentials = await db
    .selectFrom('mfa_credentials')
    .select('type')
    .distinct()
    .where('user_id', '=', userId)
    .execute();
  if (credentials.length === 0) return [];
  const methods: MfaMethod[] = [];
  if (credentials.some((c) => c.type === 'totp')) methods.push('totp');
  if (credentials.some((c) => c.type === 'webauthn')) methods.push('webauthn');
  const recovery = await db
    .selectFrom('mfa_recovery_codes')
    .select('id')
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (recovery) methods.push('recovery_code');
  return methods;
}

/** Email and password; the answer never tells whether the email exists. */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string },
  client: SessionClient = {},
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const user =
    email.length <= 320
      ? await db
          .selectFrom('users')
          .selectAll()
          .where(sql<string>`lower(email)`, '=', email)
          .executeTakeFirst()
      : undefined;
  if (input.password.length > PASSWORD_MAX_LENGTH) throw new DomainError('unauthenticated', WRONG);
  if (!user?.password_hash) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new DomainError('unauthenticated', WRONG);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    throw new DomainError('unauthenticated', WRONG);
  }
  const methods = await mfaMethodsOf(db, user.id);
  if (methods.length > 0) {
    return {
      status: 'mfa_required',
      user,
      methods,
      issued: await createSession(db, user.id, 'mfa_pending', client),
    };
  }
  return { status: 'signed_in', user, issued: await createSession(db, user.id, 'active', client) };
}
