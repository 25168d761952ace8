import type { Database } from '@sendops/db';
import { sql, type Transaction } from 'kysely';
import type { Actor } from '../permissions/organization-context.ts';
import { auditEntryHash, GENESIS_HASH, type HashedAuditFields, toJsonValue } from './audit-hash.ts';

export interface AuditEntryInput {
  organizationId: string;
  /** Null for actions of the system (expiry jobs, the launcher). */
  actor: Actor | null;
  /** e.g. `settings`, `team`, `api_key`, `domain`, `channel`, `template`, `billing`, `aws`. */
  resourceType: string;
  resourceId: string | null;
  /** e.g. `created`, `updated`, `deleted`, `revoked`. */
  operation: string;
  summary: string;
  before?: unknown;
  after?: unknown;
  note?: string | null;
  /** Defaults to now; set only by imports and tests that need an entry in the past. */
  occurredAt?: Date;
}

export interface AppendedAuditEntry {
  id: string;
  sequence: number;
  hash: string;
}

/** Same key as audit_log_prune_expired(): writers and the pruner of one organization take turns. */
export function lockAuditChain(trx: Transaction<Database>, organizationId: string) {
  return sql`select pg_advisory_xact_lock(hashtextextended(${`audit_log:${organizationId}`}, 0))`.execute(
    trx,
  );
}

async function chainHead(trx: Transaction<Database>, organizationId: string) {
  const last = await trx
    .selectFrom('audit_log')
    .select(['sequence', 'hash'])
    .where('organization_id', '=', organizationId)
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last) return { sequence: Number(last.sequence), hash: last.hash };
  // Retention may have removed every row: continue from where the pruner anchored the chain.
  const anchor = await trx
    .selectFrom('audit_log_anchors')
    .select(['sequence', 'hash'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return anchor
    ? { sequence: Number(anchor.sequence), hash: anchor.hash }
    : { sequence: 0, hash: GENESIS_HASH };
}

/**
 * Appends one entry to the organization's hash chain inside the caller's transaction, so the entry
 * commits or rolls back with the change it records. The advisory lock serializes writers of one
 * organization until commit, so two transactions can never extend the chain from the same head (the
 * unique (organization_id, sequence) key backs this up).
 */
export async function appendAuditEntry(
  trx: Transaction<Database>,
  input: AuditEntryInput,
): Promise<AppendedAuditEntry> {
  await lockAuditChain(trx, input.organizationId);
  const head = await chainHead(trx, input.organizationId);
  const fields: HashedAuditFields = {
    organizationId: input.organizationId,
    sequence: head.sequence + 1,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    actorUserId: input.actor?.userId ?? null,
    actorName: input.actor?.name ?? null,
    actorEmail: input.actor?.email ?? null,
    resourceType: input.resourceType,
    resourceId: input.resourceId,
    operation: input.operation,
    summary: input.summary,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
    note: input.note ?? null,
  };
  const hash = auditEntryHash(head.hash, fields);
  const row = await trx
    .insertInto('audit_log')
    .values({
      organization_id: fields.organizationId,
      sequence: fields.sequence,
      occurred_at: fields.occurredAt,
      actor_user_id: fields.actorUserId,
      actor_name: fields.actorName,
      actor_email: fields.actorEmail,
      resource_type: fields.resourceType,
      resource_id: fields.resourceId,
      operation: fields.operation,
      summary: fields.summary,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      note: fields.note,
      prev_hash: head.hash,
      hash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, sequence: fields.sequence, hash };
}
