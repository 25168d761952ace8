import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
// 16 characters of Crockford's base32 (no i, l, o, u) = 80 bits: even a leaked table of sha256 hashes
// stays unguessable, so a fast hash is enough (and lets sign-in find the code by its hash).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const GROUPS = 4;
const GROUP_LENGTH = 4;

/** Ten fresh codes like `k7m2-x9pq-3hvd-c8rw`, shown to the user once. */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: GROUPS }, () =>
      Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    ).join('-'),
  );
}

/** Users type codes with spaces, without hyphens or in capitals; null when it cannot be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]+/g, '');
  if (compact.length !== GROUPS * GROUP_LENGTH) return null;
  for (const char of compact) if (!ALPHABET.includes(char)) return null;
  return compact;
}

export function hashRecoveryCode(normalized: string): string {
  return createHash('sha256').update(`sendops-recovery-code:${normalized}`).digest('hex');
}
