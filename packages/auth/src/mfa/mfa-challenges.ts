import { type DbExecutor, DomainError, isUuid, type MfaChallengePurpose } from '@sendops/db';

// Long enough to open an authenticator app or find a security key, short enough to be worthless later.
export const TOTP_SETUP_TTL_MS = 10 * 60_000;
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;

export interface NewChallenge {
  userId: string;
  purpose: MfaChallengePurpose;
  sessionId?: string;
  totpSecretEncrypted?: string;
  webauthnChallenge?: string;
  now: Date;
  ttlMs: number;
}

/** Stores a challenge; a WebAuthn one replaces earlier ones of the same user and purpose. */
export async function createChallenge(db: DbExecutor, input: NewChallenge): Promise<string> {
  if (input.purpose !== 'totp_setup') {
    await db
      .deleteFrom('mfa_challenges')
      .where('user_id', '=', input.userId)
      .where('purpose', '=', input.purpose)
      .execute();
  }
  // Expired leftovers of this user go too, so the table never grows with abandoned setups.
  await db
    .deleteFrom('mfa_challenges')
    .where('user_id', '=', input.userId)
    .where('expires_at', '<=', input.now)
    .execute();
  const row = await db
    .insertInto('mfa_challenges')
    .values({
      user_id: input.userId,
      purpose: input.purpose,
      session_id: input.sessionId ?? null,
      totp_secret_encrypted: input.totpSecretEncrypted ?? null,
      webauthn_challenge: input.webauthnChallenge ?? null,
      expires_at: new Date(input.now.getTime() + input.ttlMs),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ChallengeQuery {
  userId: string;
  purpose: MfaChallengePurpose;
  /** Exactly this challenge (TOTP setup); otherwise the user's current one of the purpose. */
  id?: string;
  sessionId?: string;
  now: Date;
}

/** The live challenge matching the query; `invalid` when there is none or it expired. */
export async function findChallenge(db: DbExecutor, query: ChallengeQuery) {
  if (query.id !== undefined && !isUuid(query.id)) throw expired(query.purpose);
  let statement = db
    .selectFrom('mfa_challenges')
    .selectAll()
    .where('user_id', '=', query.userId)
    .where('purpose', '=', query.purpose)
    .where('expires_at', '>', query.now);
  if (query.id !== undefined) statement = statement.where('id', '=', query.id);
  if (query.sessionId !== undefined) statement = statement.where('session_id', '=', query.sessionId);
  const row = await statement.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!row) throw expired(query.purpose);
  return row;
}

/**
 * Consumes a challenge once its answer checked out. Throws `invalid` when another request consumed it
 * first, so a challenge completes at most once.
 */
export async function consumeChallenge(
  db: DbExecutor,
  id: string,
  purpose: MfaChallengePurpose,
): Promise<void> {
  const removed = await db
    .deleteFrom('mfa_challenges')
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  if (!removed) throw expired(purpose);
}

/** Drops a challenge that must not be retried (a WebAuthn challenge is signed once). */
export async function discardChallenge(db: DbExecutor, id: string): Promise<void> {
  await db.deleteFrom('mfa_challenges').where('id', '=', id).execute();
}

function expired(purpose: MfaChallengePurpose): DomainError {
  return purpose === 'totp_setup'
    ? new DomainError('invalid', 'this authenticator setup expired or does not exist; start again')
    : new DomainError('invalid', 'the security key challenge expired or was already used; try again');
}
