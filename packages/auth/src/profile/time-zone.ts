import { DomainError } from '@sendops/db';

// IANA names look like `Europe/Paris`, `America/Argentina/Buenos_Aires` or `UTC`; Intl alone would also
// take offsets such as `+01:00`, which are not zones (they ignore daylight saving).
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** True when the runtime's time zone database knows the name. */
export function isIanaTimeZone(value: string): boolean {
  if (value.length > 64 || !IANA_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function assertTimeZone(value: string): string {
  if (!isIanaTimeZone(value)) {
    throw new DomainError(
      'invalid',
      `timezone "${value.slice(0, 64)}" is not an IANA time zone (e.g. Europe/Paris)`,
    );
  }
  return value;
}
