import { DomainError, type Session } from '@sendops/db';
import { openSecret } from '../secrets/secret-box.ts';
import type { IssuedSession, SessionClient } from '../sessions/create-session.ts';
import { promoteMfaSession } from '../sessions/promote-mfa-session.ts';
import {
  createChallenge,
  discardChallenge,
  findChallenge,
  WEBAUTHN_CHALLENGE_TTL_MS,
} from './mfa-challenges.ts';
import { type MfaContext, totpSecretContext } from './mfa-context.ts';
import { consumeRecoveryCode } from './recovery-code-store.ts';
import { verifyTotpCode } from './totp.ts';
import {
  type AuthenticationResponseJSON,
  verifyWebAuthnAuthentication,
  type WebAuthnRequestOptions,
  webAuthnAuthenticationOptions,
} from './webauthn.ts';

// Same answer for every failure: nothing tells a guesser which part was wrong.
const wrongCode = () => new DomainError('invalid', 'the code is not valid');

/** Null when the secret was sealed with another SENDOPS_SECRET_KEY: that app no longer works, others may. */
function openTotpSecret(ctx: MfaContext, userId: string, sealed: string): string | null {
  try {
    return openSecret(ctx.secretKey, sealed, totpSecretContext(userId));
  } catch {
    return null;
  }
}

function assertPending(pending: Session): void {
  if (pending.stage !== 'mfa_pending')
    throw new DomainError('conflict', 'this session is not waiting for MFA');
}

/** Second factor by authenticator app: any of the user's TOTP credentials, each code once. */
export async function signInWithTotp(
  ctx: MfaContext,
  pending: Session,
  code: string,
  client: SessionClient = {},
  now = new Date(),
): Promise<IssuedSession> {
  assertPending(pending);
  const credentials = await ctx.db
    .selectFrom('mfa_credentials')
    .select(['id', 'totp_secret_encrypted', 'totp_last_counter'])
    .where('user_id', '=', pending.user_id)
    .where('type', '=', 'totp')
    .execute();
  for (const credential of credentials) {
    const secret = openTotpSecret(ctx, pending.user_id, credential.totp_secret_encrypted!);
    if (secret === null) continue;
    const lastCounter = credential.totp_last_counter === null ? null : Number(credential.totp_last_counter);
    const counter = verifyTotpCode({ secret, code, now, lastCounter });
    if (counter === null) continue;
    // Conditional on the counter still being older: two requests racing with one code, one wins.
    const accepted = await ctx.db
      .updateTable('mfa_credentials')
      .set({ totp_last_counter: counter, last_used_at: now })
      .where('id', '=', credential.id)
      .where((eb) =>
        eb.or([eb('totp_last_counter', 'is', null), eb('totp_last_counter', '<', String(counter))]),
      )
      .returning('id')
      .executeTakeFirst();
    if (accepted) return promoteMfaSession(ctx.db, pending, client);
  }
  throw wrongCode();
}

/** Second factor by recovery code: each code works once. */
export async function signInWithRecoveryCode(
  ctx: MfaContext,
  pending: Session,
  code: string,
  client: SessionClient = {},
  now = new Date(),
): Promise<IssuedSession> {
  assertPending(pending);
  if (!(await consumeRecoveryCode(ctx.db, pending.user_id, code, now))) throw wrongCode();
  return promoteMfaSession(ctx.db, pending, client);
}

/** Request options for `navigator.credentials.get()`, listing the user's security keys. */
export async function startWebAuthnSignIn(
  ctx: MfaContext,
  pending: Session,
  now = new Date(),
): Promise<WebAuthnRequestOptions> {
  assertPending(pending);
  const keys = await ctx.db
    .selectFrom('mfa_credentials')
    .select(['webauthn_credential_id', 'webauthn_transports'])
    .where('user_id', '=', pending.user_id)
    .where('type', '=', 'webauthn')
    .execute();
  if (keys.length === 0) throw new DomainError('invalid', 'no security key is registered for this account');
  const options = await webAuthnAuthenticationOptions({
    rp: ctx.rp,
    keys: keys.map((key) => ({
      credentialId: key.webauthn_credential_id!,
      transports: key.webauthn_transports,
    })),
  });
  await createChallenge(ctx.db, {
    userId: pending.user_id,
    purpose: 'webauthn_authentication',
    sessionId: pending.id,
    webauthnChallenge: options.challenge,
    now,
    ttlMs: WEBAUTHN_CHALLENGE_TTL_MS,
  });
  return options;
}

/** Second factor by security key: the assertion must answer this session's challenge, signed by one of the user's keys. */
export async function signInWithWebAuthn(
  ctx: MfaContext,
  pending: Session,
  response: AuthenticationResponseJSON,
  client: SessionClient = {},
  now = new Date(),
): Promise<IssuedSession> {
  assertPending(pending);
  const challenge = await findChallenge(ctx.db, {
    userId: pending.user_id,
    purpose: 'webauthn_authentication',
    sessionId: pending.id,
    now,
  });
  // One signature per challenge, right or wrong.
  await discardChallenge(ctx.db, challenge.id);
  const key = await ctx.db
    .selectFrom('mfa_credentials')
    .select([
      'id',
      'webauthn_credential_id',
      'webauthn_public_key',
      'webauthn_counter',
      'webauthn_transports',
    ])
    .where('user_id', '=', pending.user_id)
    .where('type', '=', 'webauthn')
    .where('webauthn_credential_id', '=', typeof response?.id === 'string' ? response.id : '')
    .executeTakeFirst();
  if (!key) throw new DomainError('invalid', 'this security key is not registered for this account');
  const newCounter = await verifyWebAuthnAuthentication({
    rp: ctx.rp,
    response,
    expectedChallenge: challenge.webauthn_challenge!,
    key: {
      credentialId: key.webauthn_credential_id!,
      publicKey: key.webauthn_public_key!,
      counter: Number(key.webauthn_counter),
      transports: key.webauthn_transports,
    },
  });
  const updated = await ctx.db
    .updateTable('mfa_credentials')
    .set({ webauthn_counter: newCounter, last_used_at: now })
    .where('id', '=', key.id)
    .where('webauthn_counter', '=', key.webauthn_counter)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new DomainError('invalid', 'security key verification failed');
  return promoteMfaSession(ctx.db, pending, client);
}
