// The sidebar as data. Groups follow the spec's order; an entry appears only when its page exists in
// this build (it is listed here) and the member's role holds one of its permissions. A new page adds
// one line to NAV_ENTRIES.
import type { Membership } from './api/types.ts';

export type NavGroupId =
  | 'reports'
  | 'undeliverable'
  | 'infrastructure'
  | 'templates'
  | 'notifications'
  | 'connections'
  | 'system'
  | 'billing';

export const NAV_GROUPS: { id: NavGroupId; label: string }[] = [
  { id: 'reports', label: 'Reports' },
  { id: 'undeliverable', label: 'Undeliverable' },
  { id: 'infrastructure', label: 'Infrastructure' },
  { id: 'templates', label: 'Templates' },
  { id: 'notifications', label: 'Notifications' },
  { id: 'connections', label: 'Connections' },
  { id: 'system', label: 'System' },
  { id: 'billing', label: 'Billing' },
];

export type NavIcon = 'team' | 'audit' | 'settings' | 'key' | 'chart' | 'billing' | 'shield';

export interface NavEntry {
  id: string;
  label: string;
  group: NavGroupId;
  /** Path under `/o/[slug]`. */
  path: string;
  /** Any one of these lets the member see the entry. */
  permissions: readonly string[];
  icon: NavIcon;
  /** Also shown in the demo workspace, whatever the role (Settings → Workspace holds "Leave Demo Workspace"). */
  inDemo?: boolean;
}

export const NAV_ENTRIES: NavEntry[] = [
  {
    id: 'reports',
    label: 'Reports',
    group: 'reports',
    path: '/reports',
    permissions: ['reports.view'],
    icon: 'chart',
  },
  {
    id: 'undeliverable',
    label: 'Undeliverable',
    group: 'undeliverable',
    path: '/undeliverable',
    permissions: ['undeliverable.view'],
    icon: 'shield',
  },
  {
    id: 'billing',
    label: 'Billing',
    group: 'billing',
    path: '/billing/ses-costs',
    permissions: ['billing.ses_costs.view'],
    icon: 'billing',
  },
  { id: 'team', label: 'Team', group: 'system', path: '/team', permissions: ['team.view'], icon: 'team' },
  {
    id: 'audit-log',
    label: 'Audit Log',
    group: 'system',
    path: '/audit-log',
    permissions: ['audit.view'],
    icon: 'audit',
  },
  {
    id: 'settings',
    label: 'Settings',
    group: 'system',
    path: '/settings',
    permissions: ['org.settings.view', 'api_keys.view'],
    icon: 'settings',
    inDemo: true,
  },
];

/** Tabs of Settings, each with the permission its page needs. */
export const SETTINGS_TABS: {
  id: string;
  label: string;
  path: string;
  permissions: readonly string[];
  inDemo?: boolean;
}[] = [
  {
    id: 'workspace',
    label: 'Workspace',
    path: '/settings/workspace',
    permissions: ['org.settings.view'],
    inDemo: true,
  },
  { id: 'api-keys', label: 'API Keys', path: '/settings/api-keys', permissions: ['api_keys.view'] },
];

export function canSee(
  membership: Pick<Membership, 'permissions' | 'isDemo'>,
  entry: { permissions: readonly string[]; inDemo?: boolean },
): boolean {
  if (entry.inDemo && membership.isDemo) return true;
  return entry.permissions.some((permission) => membership.permissions.includes(permission));
}

export interface VisibleGroup {
  id: NavGroupId;
  label: string;
  entries: NavEntry[];
}

export function visibleNavigation(membership: Pick<Membership, 'permissions' | 'isDemo'>): VisibleGroup[] {
  return NAV_GROUPS.map((group) => ({
    ...group,
    entries: NAV_ENTRIES.filter((entry) => entry.group === group.id && canSee(membership, entry)),
  })).filter((group) => group.entries.length > 0);
}

export function orgPath(slug: string, path = ''): string {
  return `/o/${encodeURIComponent(slug)}${path}`;
}

/** The first page of the organization this member may see; Profile when there is none. */
export function landingPath(membership: Membership): string {
  const first = visibleNavigation(membership)[0]?.entries[0];
  if (!first) return orgPath(membership.slug, '/profile');
  if (first.id === 'settings') return orgPath(membership.slug, firstSettingsTab(membership));
  return orgPath(membership.slug, first.path);
}

export function firstSettingsTab(membership: Pick<Membership, 'permissions' | 'isDemo'>): string {
  return SETTINGS_TABS.find((tab) => canSee(membership, tab))?.path ?? '/settings/workspace';
}
