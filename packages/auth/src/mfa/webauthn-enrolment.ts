import { DomainError } from '@sendops/db';
import {
  consumeChallenge,
  createChallenge,
  discardChallenge,
  findChallenge,
  WEBAUTHN_CHALLENGE_TTL_MS,
} from './mfa-challenges.ts';
import type { MfaContext, MfaUser } from './mfa-context.ts';
import { type AddedCredential, addMfaCredential, credentialName } from './mfa-credentials.ts';
import {
  type RegistrationResponseJSON,
  verifyWebAuthnRegistration,
  type WebAuthnCreationOptions,
  webAuthnRegistrationOptions,
} from './webauthn.ts';

/** Step 1: creation options for `navigator.credentials.create()`; the challenge is kept server-side. */
export async function startWebAuthnRegistration(
  ctx: MfaContext,
  user: MfaUser,
  now = new Date(),
): Promise<WebAuthnCreationOptions> {
  const existing = await ctx.db
    .selectFrom('mfa_credentials')
    .select(['webauthn_credential_id', 'webauthn_transports'])
    .where('user_id', '=', user.id)
    .where('type', '=', 'webauthn')
    .execute();
  const options = await webAuthnRegistrationOptions({
    rp: ctx.rp,
    user,
    existing: existing.map((key) => ({
      credentialId: key.webauthn_credential_id!,
      transports: key.webauthn_transports,
    })),
  });
  await createChallenge(ctx.db, {
    userId: user.id,
    purpose: 'webauthn_registration',
    webauthnChallenge: options.challenge,
    now,
    ttlMs: WEBAUTHN_CHALLENGE_TTL_MS,
  });
  return options;
}

/** Step 2: verifies the authenticator's attestation against the stored challenge and keeps the key. */
export async function finishWebAuthnRegistration(
  ctx: MfaContext,
  user: MfaUser,
  input: { response: RegistrationResponseJSON; name: string },
  now = new Date(),
): Promise<AddedCredential> {
  const name = credentialName(input.name);
  const challenge = await findChallenge(ctx.db, { userId: user.id, purpose: 'webauthn_registration', now });
  let key: Awaited<ReturnType<typeof verifyWebAuthnRegistration>>;
  try {
    key = await verifyWebAuthnRegistration({
      rp: ctx.rp,
      response: input.response,
      expectedChallenge: challenge.webauthn_challenge!,
    });
  } catch (error) {
    await discardChallenge(ctx.db, challenge.id);
    throw error;
  }
  return ctx.db.transaction().execute(async (tx) => {
    await consumeChallenge(tx, challenge.id, 'webauthn_registration');
    const taken = await tx
      .selectFrom('mfa_credentials')
      .select('id')
      .where('webauthn_credential_id', '=', key.credentialId)
      .executeTakeFirst();
    if (taken) throw new DomainError('conflict', 'this security key is already registered');
    return addMfaCredential(tx, {
      user_id: user.id,
      type: 'webauthn',
      name,
      webauthn_credential_id: key.credentialId,
      webauthn_public_key: key.publicKey,
      webauthn_counter: key.counter,
      webauthn_transports: key.transports,
    });
  });
}
