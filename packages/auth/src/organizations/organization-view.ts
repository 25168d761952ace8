import type { Organization, Role } from '@sendops/db';
import { type Permission, permissionsOf } from '../permissions/permissions.ts';
import { organizationLogoUrl } from './logo-image.ts';

/** `GET /api/orgs/:slug` and the answer of `PATCH`. */
export interface OrganizationView {
  id: string;
  name: string;
  slug: string;
  isDemo: boolean;
  plan: Organization['plan'];
  sessionTimeout: Organization['session_timeout'];
  mfaEnforced: boolean;
  mfaEnforcedAt: string | null;
  role: Role;
  permissions: Permission[];
  /** The workspace logo (`GET /api/orgs/:slug/logo?v=…`), null when none is set. */
  logoUrl: string | null;
}

export function organizationView(
  organization: Organization,
  role: Role,
  logoSha256: string | null = null,
): OrganizationView {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    isDemo: organization.is_demo,
    plan: organization.plan,
    sessionTimeout: organization.session_timeout,
    mfaEnforced: organization.mfa_enforced_at !== null,
    mfaEnforcedAt: organization.mfa_enforced_at?.toISOString() ?? null,
    role,
    permissions: permissionsOf(role),
    logoUrl: organizationLogoUrl(organization.slug, logoSha256),
  };
}
