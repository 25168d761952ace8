import { domainToASCII } from 'node:url';
import { DomainError } from './errors.ts';
import type { IdentityKind } from './schema/identities-table.ts';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LOCAL_PART = /^[^\s@"<>()[\]\\,;:]{1,64}$/;

function normalizeDomain(raw: string): string | undefined {
  // SES stores internationalised domains in punycode; domainToASCII also lower-cases.
  const ascii = domainToASCII(raw.replace(/\.$/, ''));
  if (ascii === '' || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined;
  return ascii;
}

/** Lower-cases and validates an SES identity: a domain (`acme.dev`) or an address (`ops@acme.dev`). */
export function normalizeIdentityValue(kind: IdentityKind, value: string): string {
  const trimmed = value.trim().toLowerCase();
  if (kind === 'domain') {
    const domain = trimmed.includes('@') ? undefined : normalizeDomain(trimmed);
    if (!domain) throw new DomainError('invalid', `"${value}" is not a valid domain`);
    return domain;
  }
  if (kind === 'email') {
    const at = trimmed.lastIndexOf('@');
    const local = trimmed.slice(0, at);
    const domain = at > 0 ? normalizeDomain(trimmed.slice(at + 1)) : undefined;
    if (!domain || !LOCAL_PART.test(local))
      throw new DomainError('invalid', `"${value}" is not a valid email address`);
    return `${local}@${domain}`;
  }
  throw new DomainError('invalid', 'identity kind must be domain or email');
}
