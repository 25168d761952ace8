// Client-side checks mirroring the API's rules (docs/dashboard-api.md, spec/team/*), so forms can say
// what is wrong before a round trip. The API stays the authority: its 400 messages are shown too.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export const MIN_PASSWORD = 8;
export const MAX_DISPLAY_NAME = 200;
export const MAX_ORG_NAME = 64;

export function checkEmail(value: string): string | null {
  if (!value.trim()) return 'Enter an email address.';
  if (!EMAIL.test(value.trim())) return 'Enter a valid email address, like name@example.com.';
  return null;
}

export function checkPassword(value: string): string | null {
  if (!value) return 'Enter a password.';
  if (value.length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters.`;
  return null;
}

export function checkDisplayName(value: string): string | null {
  if (!value.trim()) return 'Enter your name.';
  if (value.trim().length > MAX_DISPLAY_NAME) return `Use at most ${MAX_DISPLAY_NAME} characters.`;
  return null;
}

export function checkOrganizationName(value: string): string | null {
  if (!value.trim()) return 'Enter a workspace name.';
  if (value.trim().length > MAX_ORG_NAME) return `Use at most ${MAX_ORG_NAME} characters.`;
  return null;
}

export function checkSlug(value: string): string | null {
  if (value.length < 3 || value.length > 48) return 'Use 3 to 48 characters.';
  if (!SLUG.test(value)) return 'Use lowercase letters, digits and hyphens (not at the start or end).';
  return null;
}

export function checkOtp(value: string): string | null {
  if (!/^\d{6}$/.test(value.trim())) return 'Enter the 6-digit code from your authenticator app.';
  return null;
}

export function checkRecoveryCode(value: string): string | null {
  if (value.replace(/[\s-]/g, '').length < 8) return 'Enter one of your recovery codes.';
  return null;
}

export function checkRequired(value: string, what: string, max?: number): string | null {
  if (!value.trim()) return `Enter ${what}.`;
  if (max && value.trim().length > max) return `Use at most ${max} characters.`;
  return null;
}
