import type { ColumnType, Generated, Selectable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';

/** An organization's saved classification rules (reports/classification-rules); absent = Standard. */
export interface UndeliverableRulesTable {
  organization_id: string;
  /** The configurable rules' settings, as @sendops/classification validates them. */
  body: ColumnType<unknown, string, string>;
  /** 6 hex characters derived from the body. */
  version: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** An address an operator cleared (Allow); active while relisted_at is null. */
export interface UndeliverableExclusionsTable {
  id: Generated<string>;
  organization_id: string;
  /** Lower-cased recipient address. */
  address: string;
  note: string | null;
  actor_user_id: string | null;
  /** The operator's name when they cleared it, kept if the user is later deleted. */
  actor_name: string | null;
  cleared_at: Timestamp;
  relisted_at: NullableTimestamp;
  relisted_by_user_id: string | null;
  /** From one sequence, new on every change: how the ClickHouse mirror catches up. bigint, read as text. */
  revision: ColumnType<string, never, string>;
}

export type UndeliverableRules = Selectable<UndeliverableRulesTable>;
export type UndeliverableExclusion = Selectable<UndeliverableExclusionsTable>;
