import type { AuditLogRow, DbExecutor } from '@sendops/db';
import { auditEntryHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash.ts';

export interface AuditChainVerification {
  ok: boolean;
  /** Rows examined, up to and including the first broken one. */
  checked: number;
  firstBrokenSequence: number | null;
}

const PAGE = 1000;

function hashedFields(row: AuditLogRow): HashedAuditFields {
  return {
    organizationId: row.organization_id,
    sequence: Number(row.sequence),
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorEmail: row.actor_email,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    operation: row.operation,
    summary: row.summary,
    before: row.before ?? null,
    after: row.after ?? null,
    note: row.note,
  };
}

/**
 * Walks the organization's chain from its anchor (or genesis) and names the first sequence whose
 * position, link or content does not match: an edited row breaks its own hash, a removed row breaks
 * the next row's sequence, a reordered or re-linked row breaks its prev_hash.
 */
export async function verifyAuditChain(
  db: DbExecutor,
  organizationId: string,
): Promise<AuditChainVerification> {
  const anchor = await db
    .selectFrom('audit_log_anchors')
    .select(['sequence', 'hash'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  let expectedSequence = anchor ? Number(anchor.sequence) + 1 : 1;
  let prevHash = anchor?.hash ?? GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('sequence', '>=', String(expectedSequence))
      .orderBy('sequence')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      checked++;
      const sequence = Number(row.sequence);
      if (sequence !== expectedSequence) {
        return { ok: false, checked, firstBrokenSequence: expectedSequence };
      }
      if (row.prev_hash !== prevHash || auditEntryHash(prevHash, hashedFields(row)) !== row.hash) {
        return { ok: false, checked, firstBrokenSequence: sequence };
      }
      prevHash = row.hash;
      expectedSequence++;
    }
    if (rows.length < PAGE) return { ok: true, checked, firstBrokenSequence: null };
  }
}
