import { type DbExecutor, DomainError, type Theme, type User, type WeekStart } from '@sendops/db';
import { normalizeUserName } from '../accounts/user-fields.ts';
import { assertTimeZone } from './time-zone.ts';

export interface ProfileChanges {
  name?: string;
  /** IANA zone, or null to clear it (then the browser's zone is used). */
  timezone?: string | null;
  followBrowserTimezone?: boolean;
  weekStart?: WeekStart;
  theme?: Theme;
}

/** Display name, date and time preferences, theme (team/account-settings, Profile). Personal: no audit entry. */
export async function updateProfile(db: DbExecutor, userId: string, changes: ProfileChanges): Promise<User> {
  const set: Partial<Pick<User, 'name' | 'timezone' | 'follow_browser_timezone' | 'week_start' | 'theme'>> =
    {};
  if (changes.name !== undefined) set.name = normalizeUserName(changes.name);
  if (changes.timezone !== undefined)
    set.timezone = changes.timezone === null ? null : assertTimeZone(changes.timezone);
  if (changes.followBrowserTimezone !== undefined)
    set.follow_browser_timezone = changes.followBrowserTimezone;
  if (changes.weekStart !== undefined) set.week_start = changes.weekStart;
  if (changes.theme !== undefined) set.theme = changes.theme;

  const query =
    Object.keys(set).length === 0
      ? db.selectFrom('users').selectAll().where('id', '=', userId)
      : db.updateTable('users').set(set).where('id', '=', userId).returningAll();
  const user = await query.executeTakeFirst();
  if (!user) throw new DomainError('not_found', 'user not found');
  return user;
}
