import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './column-types.ts';

export const CHANNEL_PURPOSES = ['default', 'transactional', 'marketing', 'onboarding', 'custom'] as const;
export type ChannelPurpose = (typeof CHANNEL_PURPOSES)[number];

export interface ChannelsTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  purpose: Generated<ChannelPurpose>;
  /** SES configuration-set name; events carry it, so it identifies the channel on ingest. */
  configuration_set: string;
  /** At most one per organization (partial unique index). */
  is_default: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Channel = Selectable<ChannelsTable>;
export type NewChannel = Insertable<ChannelsTable>;
export type ChannelUpdate = Updateable<ChannelsTable>;
