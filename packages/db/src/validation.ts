import { DomainError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Rejects malformed ids before Postgres does, so callers get `invalid` instead of a driver error. */
export function assertUuid(value: string, field: string): void {
  if (!isUuid(value)) throw new DomainError('invalid', `${field} must be a UUID`);
}

/** Trims and checks the length of a human-readable name. */
export function requireName(value: string, field: string, maxLength = 64): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > maxLength) {
    throw new DomainError('invalid', `${field} must be 1 to ${maxLength} characters`);
  }
  return trimmed;
}
