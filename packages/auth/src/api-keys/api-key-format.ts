import type { ApiKeyEnvironment } from '@sendops/db';
import { randomBase62, sha256Hex } from '../tokens.ts';

// Distinctive prefixes let secret scanners (GitHub push protection, gitleaks) find leaked keys.
export const API_KEY_PREFIXES: Record<ApiKeyEnvironment, string> = { live: 'sk_live_', test: 'sk_test_' };
const RANDOM_LENGTH = 40;
/** `sk_live_` plus 8 characters: enough to tell keys apart, useless to an attacker. */
const VISIBLE_LENGTH = 16;
const KEY_PATTERN = /^sk_(live|test)_[0-9A-Za-z]{40}$/;

/** Read-only scopes of the public `/v1` API. */
export const API_KEY_SCOPES = [
  'account.read',
  'events.read',
  'reports.read',
  'domains.read',
  'channels.read',
  'templates.read',
  'suppressions.read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface GeneratedPublicApiKey {
  secret: string;
  prefix: string;
  hash: string;
}

export function generatePublicApiKey(environment: ApiKeyEnvironment): GeneratedPublicApiKey {
  const secret = API_KEY_PREFIXES[environment] + randomBase62(RANDOM_LENGTH);
  return { secret, prefix: secret.slice(0, VISIBLE_LENGTH), hash: sha256Hex(secret) };
}

export function looksLikePublicApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
