import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './column-types.ts';

export const WEEK_STARTS = ['monday', 'sunday'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

export interface UsersTable {
  id: Generated<string>;
  /** 1–200 characters (team/account-settings). */
  name: string;
  /** Unique case-insensitively (unique index on lower(email)). */
  email: string;
  email_verified_at: NullableTimestamp;
  /** argon2id PHC string; null for users who only sign in through OAuth. */
  password_hash: string | null;
  avatar_url: string | null;
  /** IANA zone name; null = not chosen. */
  timezone: string | null;
  follow_browser_timezone: Generated<boolean>;
  week_start: Generated<WeekStart>;
  theme: Generated<Theme>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
