import { hash, verify } from '@node-rs/argon2';
import { DomainError } from '@sendops/db';

export const PASSWORD_MIN_LENGTH = 8;
// Bounds the work one sign-in attempt can cost us.
export const PASSWORD_MAX_LENGTH = 256;

// @node-rs/argon2 defaults: argon2id, m=19456 KiB, t=2, p=1 (the OWASP baseline).
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export function assertPasswordPolicy(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new DomainError(
      'invalid',
      `${field} must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
    );
  }
}

// Verified against when the email is unknown, so response time does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('sendops-timing-equaliser');
  return dummyHash;
}
