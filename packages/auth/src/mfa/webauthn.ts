import { DomainError } from '@sendops/db';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';

export type { AuthenticationResponseJSON, RegistrationResponseJSON };
export type WebAuthnCreationOptions = PublicKeyCredentialCreationOptionsJSON;
export type WebAuthnRequestOptions = PublicKeyCredentialRequestOptionsJSON;

/** Who the browser's authenticator is talking to: derived from SENDOPS_PUBLIC_URL. */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

export function relyingPartyFor(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, name: 'SendOps', origin: url.origin };
}

/** A stored security key, as simplewebauthn needs it. */
export interface StoredWebAuthnKey {
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

export interface RegisteredWebAuthnKey {
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

const TIMEOUT_MS = 120_000;

export function webAuthnRegistrationOptions(input: {
  rp: RelyingParty;
  user: { id: string; email: string; name: string };
  /** Keys the user already has, so the browser refuses to register one twice. */
  existing: { credentialId: string; transports: string[] }[];
}): Promise<WebAuthnCreationOptions> {
  return generateRegistrationOptions({
    rpName: input.rp.name,
    rpID: input.rp.id,
    userID: Buffer.from(input.user.id.replaceAll('-', ''), 'hex'),
    userName: input.user.email,
    userDisplayName: input.user.name,
    timeout: TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: input.existing.map((key) => ({ id: key.credentialId, transports: key.transports })),
    // A second factor, not a passkey: no resident key needed, user verification welcome but optional.
    authenticatorSelection: { residentKey: 'discouraged', userVerification: 'preferred' },
  });
}

export async function verifyWebAuthnRegistration(input: {
  rp: RelyingParty;
  response: RegistrationResponseJSON;
  expectedChallenge: string;
}): Promise<RegisteredWebAuthnKey> {
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.id,
      requireUserVerification: false,
    });
  } catch (error) {
    throw new DomainError('invalid', `security key registration failed: ${(error as Error).message}`);
  }
  if (!verification.verified) throw new DomainError('invalid', 'security key registration failed');
  const { credential } = verification.registrationInfo;
  return {
    credentialId: credential.id,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: credential.transports ?? input.response.response.transports ?? [],
  };
}

export function webAuthnAuthenticationOptions(input: {
  rp: RelyingParty;
  keys: { credentialId: string; transports: string[] }[];
}): Promise<WebAuthnRequestOptions> {
  return generateAuthenticationOptions({
    rpID: input.rp.id,
    timeout: TIMEOUT_MS,
    userVerification: 'preferred',
    allowCredentials: input.keys.map((key) => ({ id: key.credentialId, transports: key.transports })),
  });
}

/** Verifies an assertion made by `key`; returns the authenticator's new signature counter. */
export async function verifyWebAuthnAuthentication(input: {
  rp: RelyingParty;
  response: AuthenticationResponseJSON;
  expectedChallenge: string;
  key: StoredWebAuthnKey;
}): Promise<number> {
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.id,
      credential: {
        id: input.key.credentialId,
        publicKey: new Uint8Array(input.key.publicKey),
        counter: input.key.counter,
        transports: input.key.transports,
      },
      requireUserVerification: false,
    });
  } catch (error) {
    throw new DomainError('invalid', `security key verification failed: ${(error as Error).message}`);
  }
  if (!verification.verified) throw new DomainError('invalid', 'security key verification failed');
  return verification.authenticationInfo.newCounter;
}
