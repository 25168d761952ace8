import { bareAddress, domainOf } from './address.ts';
import type { SesMail } from './mail-schema.ts';

/**
 * Ordered candidates to match against an organization's managed identities, most specific first:
 * the bare source address, its domain, each parent domain (a verified domain may send from its
 * subdomains), then the identity named in `mail.sourceArn` (with sending authorization this can
 * differ from the source). Lower-cased, unique. Parent domains stop at two labels: a bare TLD can
 * never be a verified identity.
 */
export function sendingIdentityCandidates(mail: Pick<SesMail, 'source' | 'sourceArn'>): string[] {
  const candidates = new Set<string>();
  const address = bareAddress(mail.source);
  if (address.includes('@')) candidates.add(address);
  const domain = domainOf(address);
  if (domain !== '') {
    candidates.add(domain);
    const labels = domain.split('.');
    for (let i = 1; i < labels.length - 1; i++) candidates.add(labels.slice(i).join('.'));
  }
  const arnIdentity = identityFromArn(mail.sourceArn);
  if (arnIdentity !== '') candidates.add(arnIdentity);
  return [...candidates];
}

/** `arn:aws:ses:us-east-1:123456789012:identity/example.com` -> `example.com` ('' if not an identity ARN). */
export function identityFromArn(arn: string | undefined): string {
  if (arn === undefined) return '';
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'ses') return '';
  const resource = parts.slice(5).join(':');
  const prefix = 'identity/';
  if (!resource.startsWith(prefix)) return '';
  return resource.slice(prefix.length).trim().toLowerCase();
}
