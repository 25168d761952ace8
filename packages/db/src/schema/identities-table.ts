import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './column-types.ts';

export const IDENTITY_KINDS = ['domain', 'email'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export interface IdentitiesTable {
  id: Generated<string>;
  organization_id: string;
  kind: IdentityKind;
  /** Lower-cased domain (punycode) or email address. */
  value: string;
  /** Ingest keeps only events of managed identities. */
  managed: Generated<boolean>;
  channel_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Identity = Selectable<IdentitiesTable>;
export type NewIdentity = Insertable<IdentitiesTable>;
export type IdentityUpdate = Updateable<IdentitiesTable>;
