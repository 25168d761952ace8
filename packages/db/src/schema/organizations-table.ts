import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';

export const PLANS = ['free', 'team', 'business'] as const;
export type Plan = (typeof PLANS)[number];
export const SESSION_TIMEOUTS = ['1h', '4h', '8h', '24h', '7d', '30d'] as const;
export type SessionTimeout = (typeof SESSION_TIMEOUTS)[number];

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  /** 3–48 chars of [a-z0-9-], unique across the installation. */
  slug: string;
  /** sha256 hex of the ingest API key; the key itself is never stored. */
  ingest_key_hash: string;
  /** First characters of the key (`sok_live_ab12`), shown so users can tell keys apart. */
  ingest_key_prefix: string;
  ingest_key_created_at: Timestamp;
  /** ExternalId the customer's IAM role trust policy requires of our AssumeRole calls. */
  external_id: string;
  /** SES message tags that carry the template name, in order of preference. */
  template_tag_names: ColumnType<string[], string[] | undefined, string[]>;
  events_retention_days: Generated<number>;
  is_demo: Generated<boolean>;
  plan: Generated<Plan>;
  /** Idle timeout of members' sessions (team/account-settings), default 8h. */
  session_timeout: Generated<SessionTimeout>;
  /** Null = MFA not enforced; members without MFA have 7 days from this moment. */
  mfa_enforced_at: NullableTimestamp;
  billing_email: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Organization = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type OrganizationUpdate = Updateable<OrganizationsTable>;
