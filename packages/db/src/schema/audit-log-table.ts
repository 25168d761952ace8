import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Timestamp } from './column-types.ts';

/** bigint columns: pg returns them as strings. */
type BigintColumn = ColumnType<string, string | number | bigint, never>;

/**
 * Append-only (triggers refuse UPDATE/DELETE/TRUNCATE; rows leave only through the SQL functions
 * audit_log_prune_expired and audit_log_delete_organization). Hash-chained per organization.
 */
export interface AuditLogTable {
  id: Generated<string>;
  organization_id: string;
  /** 1, 2, 3… per organization, no gaps. */
  sequence: BigintColumn;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  /** Snapshots taken when the entry was written; they survive the user's deletion. */
  actor_name: string | null;
  actor_email: string | null;
  resource_type: string;
  resource_id: string | null;
  operation: string;
  summary: string;
  before: ColumnType<unknown, string | null | undefined, never>;
  after: ColumnType<unknown, string | null | undefined, never>;
  note: string | null;
  prev_hash: string;
  /** sha256 hex of prev_hash followed by the canonical (RFC 8785) JSON of the entry. */
  hash: string;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;

/** The last row retention removed: verification of the remaining chain starts from it. */
export interface AuditLogAnchorsTable {
  organization_id: string;
  sequence: BigintColumn;
  hash: string;
  pruned_at: Timestamp;
}

export type AuditLogAnchor = Selectable<AuditLogAnchorsTable>;
