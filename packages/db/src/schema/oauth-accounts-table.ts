import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './column-types.ts';

export const OAUTH_PROVIDERS = ['github', 'google'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export interface OAuthAccountsTable {
  id: Generated<string>;
  /** One account per provider per user (unique). */
  user_id: string;
  provider: OAuthProvider;
  /** The provider's stable user id; unique per provider. */
  provider_user_id: string;
  email: string | null;
  created_at: Timestamp;
}

export type OAuthAccount = Selectable<OAuthAccountsTable>;
export type NewOAuthAccount = Insertable<OAuthAccountsTable>;
export type OAuthAccountUpdate = Updateable<OAuthAccountsTable>;
