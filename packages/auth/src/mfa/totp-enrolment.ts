import { DomainError } from '@sendops/db';
import { openSecret, sealSecret } from '../secrets/secret-box.ts';
import { consumeChallenge, createChallenge, findChallenge, TOTP_SETUP_TTL_MS } from './mfa-challenges.ts';
import { type MfaContext, type MfaUser, totpSecretContext } from './mfa-context.ts';
import { type AddedCredential, addMfaCredential, credentialName } from './mfa-credentials.ts';
import { generateTotpSecret, totpQrCodeDataUrl, totpUri, verifyTotpCode } from './totp.ts';

export interface TotpSetup {
  setupId: string;
  /** Base32, for "Enter code manually". */
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

/** Step 1: a new secret, kept (encrypted) until the user proves their app has it. */
export async function startTotpSetup(ctx: MfaContext, user: MfaUser, now = new Date()): Promise<TotpSetup> {
  const secret = generateTotpSecret();
  const setupId = await createChallenge(ctx.db, {
    userId: user.id,
    purpose: 'totp_setup',
    totpSecretEncrypted: sealSecret(ctx.secretKey, secret, totpSecretContext(user.id)),
    now,
    ttlMs: TOTP_SETUP_TTL_MS,
  });
  const otpauthUrl = totpUri(secret, user.email);
  return { setupId, secret, otpauthUrl, qrCodeDataUrl: await totpQrCodeDataUrl(otpauthUrl) };
}

/** Step 2: a code from the app confirms the setup and stores the credential. */
export async function confirmTotpSetup(
  ctx: MfaContext,
  user: MfaUser,
  input: { setupId: string; code: string; name: string },
  now = new Date(),
): Promise<AddedCredential> {
  const name = credentialName(input.name);
  const setup = await findChallenge(ctx.db, {
    userId: user.id,
    purpose: 'totp_setup',
    id: input.setupId,
    now,
  });
  const sealed = setup.totp_secret_encrypted!;
  const secret = openSecret(ctx.secretKey, sealed, totpSecretContext(user.id));
  // A mistyped code leaves the setup in place: the user retries without scanning again.
  const counter = verifyTotpCode({ secret, code: input.code, now, lastCounter: null });
  if (counter === null) {
    throw new DomainError('invalid', 'the code does not match; check the time on your device and try again');
  }
  return ctx.db.transaction().execute(async (tx) => {
    await consumeChallenge(tx, setup.id, 'totp_setup');
    return addMfaCredential(tx, {
      user_id: user.id,
      type: 'totp',
      name,
      totp_secret_encrypted: sealed,
      totp_last_counter: counter,
    });
  });
}
