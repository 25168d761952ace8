/**
 * Email address helpers for SES's `mail.source` and recipient strings, which may carry a display
 * name: `Sender Name <sender@example.com>`, `"Doe, J." <j@example.com>`, or an RFC 2047 encoded name
 * (`=?UTF-8?B?w4lsb2TDrWU=?= <e@example.com>`). Encoded words never contain a raw `<` (B is base64,
 * Q escapes it), so the last `<...>` is the address without decoding the name.
 */

/** The bare address, lower-cased; '' when nothing address-like is left. */
export function bareAddress(value: string): string {
  let address = value.trim();
  const close = address.lastIndexOf('>');
  const open = close === -1 ? -1 : address.lastIndexOf('<', close);
  if (open !== -1) {
    address = address.slice(open + 1, close);
  } else if (address.includes('(')) {
    // `addr (Comment)` form: comments are not part of the address.
    address = address.replace(/\([^()]*\)/g, '');
  }
  address = address.trim();
  if (address.startsWith('"') && address.endsWith('"') && address.length >= 2) {
    address = address.slice(1, -1).trim();
  }
  return address.toLowerCase();
}

/** Domain part of a bare address (after the last `@`), lower-cased, without a trailing dot. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  if (at === -1) return '';
  let domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase();
  while (domain.endsWith('.')) domain = domain.slice(0, -1);
  return domain;
}
