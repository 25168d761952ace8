import { DomainError } from '@sendops/db';

// Deliberately permissive: the address is proven by mail, not by a regular expression.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed and lower-cased: emails are unique case-insensitively and compared that way everywhere. */
export function normalizeEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 320 || !EMAIL.test(email))
    throw new DomainError('invalid', 'email is not a valid address');
  return email;
}

/** Display name, 1–200 characters (team/account-settings). */
export function normalizeUserName(value: string): string {
  const name = value.trim();
  if (name.length === 0 || name.length > 200)
    throw new DomainError('invalid', 'name must be 1 to 200 characters');
  return name;
}
