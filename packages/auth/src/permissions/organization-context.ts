import { DomainError, type Role } from '@sendops/db';
import { hasPermission, type Permission } from './permissions.ts';

/** Who is acting; name and email are snapshotted into audit entries. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
}

/** A member acting inside one organization: what every organization-scoped service receives. */
export interface OrganizationContext {
  organizationId: string;
  organizationName: string;
  slug: string;
  isDemo: boolean;
  role: Role;
  actor: Actor;
}

/** The first line of every organization-scoped service: deny unless the role holds the permission. */
export function requirePermission(context: OrganizationContext, permission: Permission): void {
  if (!hasPermission(context.role, permission)) {
    throw new DomainError('forbidden', `your role (${context.role}) lacks the permission ${permission}`);
  }
}
