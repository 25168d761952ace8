import type { Role } from '@sendops/db';

const ALL: readonly Role[] = [
  'owner',
  'org_admin',
  'infra_admin',
  'developer',
  'marketer',
  'financial',
  'customer_support',
  'viewer',
];

/**
 * Who holds which permission: the one place roles are defined (team/members-and-roles matrix, named as in
 * docs/dashboard-api.md; a test compares this object with that table). Deny by default: a permission
 * not listed here is held by nobody.
 */
export const PERMISSION_GRANTS = {
  'org.settings.view': ['owner', 'org_admin'],
  'org.settings.manage': ['owner', 'org_admin'],
  'org.delete': ['owner'],
  'org.ownership.transfer': ['owner'],
  'team.view': ['owner', 'org_admin'],
  'team.manage': ['owner', 'org_admin'],
  'api_keys.view': ['owner', 'org_admin'],
  'api_keys.manage': ['owner', 'org_admin'],
  'billing.plan.view': ['owner', 'org_admin', 'financial'],
  'billing.plan.manage': ['owner', 'financial'],
  'billing.invoices.view': ['owner', 'financial'],
  'billing.invoices.download': ['owner', 'financial'],
  'billing.payments.view': ['owner', 'financial'],
  'billing.ses_costs.view': ['owner', 'financial'],
  'billing.ses_costs.export': ['owner', 'financial'],
  'aws.view': ['owner', 'org_admin', 'infra_admin'],
  'aws.manage': ['owner', 'org_admin', 'infra_admin'],
  'domains.view': [
    'owner',
    'org_admin',
    'infra_admin',
    'developer',
    'marketer',
    'customer_support',
    'viewer',
  ],
  'domains.manage': ['owner', 'org_admin', 'infra_admin'],
  'channels.view': [
    'owner',
    'org_admin',
    'infra_admin',
    'developer',
    'marketer',
    'customer_support',
    'viewer',
  ],
  'channels.manage': ['owner', 'org_admin', 'infra_admin', 'developer'],
  'templates.view': [
    'owner',
    'org_admin',
    'infra_admin',
    'developer',
    'marketer',
    'customer_support',
    'viewer',
  ],
  'templates.manage': ['owner', 'org_admin', 'developer'],
  'templates.ses_export.view': ['owner', 'org_admin', 'infra_admin', 'developer', 'marketer', 'viewer'],
  'templates.ses_export.execute': ['owner', 'org_admin', 'infra_admin', 'developer'],
  'github.manage': ['owner', 'org_admin', 'developer'],
  'reports.view': ALL,
  'reports.export': ['owner', 'org_admin', 'developer', 'marketer', 'customer_support'],
  'recipients.search': ['owner', 'org_admin', 'infra_admin', 'developer', 'customer_support'],
  'suppressions.view': ['owner', 'org_admin', 'developer', 'marketer', 'customer_support', 'viewer'],
  'suppressions.manage': ['owner', 'org_admin', 'marketer', 'customer_support'],
  'undeliverable.view': ['owner', 'org_admin', 'developer', 'marketer', 'customer_support', 'viewer'],
  'undeliverable.manage': ['owner', 'org_admin', 'marketer', 'customer_support'],
  'undeliverable.configure': ['owner', 'org_admin'],
  'notifications.view': ALL,
  'notifications.manage': ['owner', 'org_admin', 'infra_admin', 'developer', 'marketer', 'financial'],
  'audit.view': ALL,
  'setup_guide.view': ['owner', 'org_admin', 'infra_admin', 'developer', 'marketer', 'viewer'],
  'setup_guide.manage': ['owner', 'org_admin', 'infra_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_GRANTS;

export const PERMISSIONS = Object.keys(PERMISSION_GRANTS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSION_GRANTS, value);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSION_GRANTS[permission] as readonly Role[]).includes(role);
}

/** Every permission of a role, in the table's order (what `GET /api/me` lists per membership). */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => hasPermission(role, permission));
}
