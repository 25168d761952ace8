import type { Database } from '@sendops/db';
import type { Kysely } from 'kysely';
import type { RelyingParty } from './webauthn.ts';

/** What the MFA services need: the database, the key that seals TOTP secrets, the WebAuthn relying party. */
export interface MfaContext {
  db: Kysely<Database>;
  secretKey: Buffer;
  rp: RelyingParty;
}

/** The signed-in user as MFA sees them. */
export interface MfaUser {
  id: string;
  email: string;
  name: string;
}

/** AAD binding an encrypted TOTP secret to its owner. */
export function totpSecretContext(userId: string): string {
  return `mfa_totp:${userId}`;
}
