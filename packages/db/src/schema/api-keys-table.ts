import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';

export const API_KEY_ENVIRONMENTS = ['live', 'test'] as const;
export type ApiKeyEnvironment = (typeof API_KEY_ENVIRONMENTS)[number];

/** Keys of the public `/v1` API (not the ingest key, which lives on the organization). */
export interface ApiKeysTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  /** Visible start of the key (`sk_live_AbCd1234`). */
  prefix: string;
  /** sha256 hex of the whole key; the key is shown once and never stored. */
  key_hash: string;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  environment: ApiKeyEnvironment;
  created_by_user_id: string | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  /** Set = refused from that moment on. */
  revoked_at: NullableTimestamp;
}

export type ApiKey = Selectable<ApiKeysTable>;
export type NewApiKey = Insertable<ApiKeysTable>;
export type ApiKeyUpdate = Updateable<ApiKeysTable>;
