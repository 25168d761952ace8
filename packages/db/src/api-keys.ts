import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// A fixed, distinctive prefix lets secret scanners (GitHub push protection, gitleaks) spot leaked keys.
export const INGEST_KEY_PREFIX = 'sok_live_';
const RANDOM_LENGTH = 40;
const VISIBLE_LENGTH = 13;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = /^[0-9a-f]*$/i;

export interface GeneratedApiKey {
  /** Shown to the user once; never stored. */
  key: string;
  /** First characters, safe to display (`sok_live_ab12`). */
  prefix: string;
  /** sha256 hex, what the database stores and looks up. */
  hash: string;
}

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // Rejection sampling: 248 = 4 * 62, so bytes above it would bias the first characters.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateIngestApiKey(): GeneratedApiKey {
  const key = INGEST_KEY_PREFIX + randomBase62(RANDOM_LENGTH);
  return { key, prefix: key.slice(0, VISIBLE_LENGTH), hash: hashApiKey(key) };
}

/** Compares two hex digests without leaking where they differ; malformed input is simply unequal. */
export function constantTimeEqualHex(a: string, b: string): boolean {
  if (a.length !== b.length || a.length % 2 !== 0 || !HEX.test(a) || !HEX.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
