import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** prev_hash of sequence 1: the chain starts from a known value. */
export const GENESIS_HASH = '0'.repeat(64);

/** Exactly the fields a hash covers; id is excluded (random, carries no meaning). */
export interface HashedAuditFields {
  organizationId: string;
  sequence: number;
  occurredAt: string;
  actorUserId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  resourceType: string;
  resourceId: string | null;
  operation: string;
  summary: string;
  before: unknown;
  after: unknown;
  note: string | null;
}

/** hash = sha256(prev_hash || RFC 8785 canonical JSON of the entry), hex. */
export function auditEntryHash(prevHash: string, fields: HashedAuditFields): string {
  const canonical = canonicalize(fields);
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalized');
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

/**
 * Snapshots become what jsonb will give back (dates as strings, undefined keys dropped), so the hash
 * computed at write time matches the one recomputed from the stored row.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}
