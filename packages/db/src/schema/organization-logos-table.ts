import type { Insertable, Selectable } from 'kysely';
import type { Timestamp } from './column-types.ts';

/** An organization's workspace logo (team/account-settings): one row per organization that set one. */
export interface OrganizationLogosTable {
  organization_id: string;
  content_type: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
  bytes: Buffer;
  /** Hex SHA-256 of `bytes`: the ETag and the cache buster of the logo's URL. */
  sha256: string;
  size: number;
  updated_at: Timestamp;
}

export type OrganizationLogo = Selectable<OrganizationLogosTable>;
export type NewOrganizationLogo = Insertable<OrganizationLogosTable>;
