import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './column-types.ts';

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
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Organization = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type OrganizationUpdate = Updateable<OrganizationsTable>;
