import type { DbExecutor, Role, User } from '@sendops/db';
import { sql } from 'kysely';
import { organizationLogoUrl } from '../organizations/logo-image.ts';
import { type Permission, permissionsOf } from '../permissions/permissions.ts';

/** Members without MFA keep access this long after their organization starts enforcing it. */
export const MFA_GRACE_DAYS = 7;

export interface MeUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  avatarUrl: string | null;
  hasPassword: boolean;
  timezone: string | null;
  followBrowserTimezone: boolean;
  weekStart: User['week_start'];
  theme: User['theme'];
  mfaEnabled: boolean;
}

export interface MeOrganization {
  id: string;
  name: string;
  slug: string;
  isDemo: boolean;
  role: Role;
  permissions: Permission[];
  /** Set when the organization enforces MFA and the user has none: access ends at this time. */
  mfaSetupDeadline: string | null;
  /** The workspace logo, null when none is set (the switcher shows initials). */
  logoUrl: string | null;
}

export interface MeInvitation {
  id: string;
  organizationName: string;
  role: Role;
  invitedBy: { name: string; email: string } | null;
  expiresAt: string;
}

export interface MeOwnershipTransfer {
  id: string;
  organizationSlug: string;
  organizationName: string;
  from: { name: string; email: string };
  expiresAt: string;
}

export interface Me {
  user: MeUser;
  organizations: MeOrganization[];
  invitations: MeInvitation[];
  ownershipTransfers: MeOwnershipTransfer[];
}

export async function hasMfa(db: DbExecutor, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('mfa_credentials')
    .select('id')
    .where('user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function meUser(user: User, mfaEnabled: boolean): MeUser {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    emailVerified: user.email_verified_at !== null,
    avatarUrl: user.avatar_url,
    hasPassword: user.password_hash !== null,
    timezone: user.timezone,
    followBrowserTimezone: user.follow_browser_timezone,
    weekStart: user.week_start,
    theme: user.theme,
    mfaEnabled,
  };
}

/** `GET /api/me`: the signed-in user, their memberships and what waits for their answer. */
export async function getMe(db: DbExecutor, user: User): Promise<Me> {
  const mfaEnabled = await hasMfa(db, user.id);
  const memberships = await db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .leftJoin('organization_logos as l', 'l.organization_id', 'o.id')
    .select([
      'o.id',
      'o.name',
      'o.slug',
      'o.is_demo',
      'o.mfa_enforced_at',
      'm.role',
      'l.sha256 as logo_sha256',
    ])
    .where('m.user_id', '=', user.id)
    .orderBy('o.is_demo')
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  const invitations = await db
    .selectFrom('invitations as i')
    .innerJoin('organizations as o', 'o.id', 'i.organization_id')
    .leftJoin('users as u', 'u.id', 'i.invited_by_user_id')
    .select([
      'i.id',
      'i.role',
      'i.expires_at',
      'o.name as organization_name',
      'u.name as inviter_name',
      'u.email as inviter_email',
    ])
    .where(sql<string>`lower(i.email)`, '=', user.email.toLowerCase())
    .where('i.status', '=', 'pending')
    .where('i.expires_at', '>', sql<Date>`now()`)
    .orderBy('i.created_at')
    .execute();
  const transfers = await db
    .selectFrom('ownership_transfers as t')
    .innerJoin('organizations as o', 'o.id', 't.organization_id')
    .innerJoin('users as f', 'f.id', 't.from_user_id')
    .select(['t.id', 't.expires_at', 'o.slug', 'o.name', 'f.name as from_name', 'f.email as from_email'])
    .where('t.to_user_id', '=', user.id)
    .where('t.status', '=', 'pending')
    .where('t.expires_at', '>', sql<Date>`now()`)
    .execute();

  return {
    user: meUser(user, mfaEnabled),
    organizations: memberships.map((m) => ({
      id: m.id,
      name: m.name,
      slug: m.slug,
      isDemo: m.is_demo,
      role: m.role,
      permissions: permissionsOf(m.role),
      mfaSetupDeadline:
        m.mfa_enforced_at && !mfaEnabled
          ? new Date(m.mfa_enforced_at.getTime() + MFA_GRACE_DAYS * 86_400_000).toISOString()
          : null,
      logoUrl: organizationLogoUrl(m.slug, m.logo_sha256),
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      organizationName: i.organization_name,
      role: i.role,
      invitedBy:
        i.inviter_name !== null && i.inviter_email !== null
          ? { name: i.inviter_name, email: i.inviter_email }
          : null,
      expiresAt: new Date(i.expires_at).toISOString(),
    })),
    ownershipTransfers: transfers.map((t) => ({
      id: t.id,
      organizationSlug: t.slug,
      organizationName: t.name,
      from: { name: t.from_name, email: t.from_email },
      expiresAt: new Date(t.expires_at).toISOString(),
    })),
  };
}
