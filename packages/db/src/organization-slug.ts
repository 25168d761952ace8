import { randomBytes } from 'node:crypto';
import { DomainError } from './errors.ts';

/** How long an old slug keeps redirecting to its organization (team/account-settings). */
export const SLUG_REDIRECT_DAYS = 30;

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$/;
const MAX_LENGTH = 48;
const SUFFIX_LENGTH = 5; // '-' + 4 hex

/** "Acme Café, Inc." -> "acme-cafe-inc"; always 3–48 chars of [a-z0-9-]. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_LENGTH - SUFFIX_LENGTH)
    .replace(/^-+|-+$/g, '');
  if (base.length === 0) return 'org';
  return base.length < 3 ? `org-${base}` : base;
}

/** The same base with a random suffix, tried when the plain slug is taken. */
export function slugWithSuffix(base: string): string {
  return `${base}-${randomBytes(2).toString('hex')}`;
}

export function assertSlug(slug: string): void {
  if (!SLUG_PATTERN.test(slug)) {
    throw new DomainError(
      'invalid',
      'slug must be 3 to 48 characters of a-z, 0-9 and -, starting and ending with a letter or digit',
    );
  }
}
