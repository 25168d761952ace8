import type { Generated, Insertable, Selectable } from 'kysely';
import type { Timestamp } from './column-types.ts';

/** Slugs an organization used before; requests to them redirect for 30 days (team/account-settings). */
export interface OrganizationSlugHistoryTable {
  id: Generated<string>;
  organization_id: string;
  /** Unique across the installation. */
  slug: string;
  replaced_at: Timestamp;
}

export type OrganizationSlugHistory = Selectable<OrganizationSlugHistoryTable>;
export type NewOrganizationSlugHistory = Insertable<OrganizationSlugHistoryTable>;
