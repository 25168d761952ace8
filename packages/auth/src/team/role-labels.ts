import { DomainError, ROLES, type Role } from '@sendops/db';

/** The roles' names as the spec and the dashboard write them (team/members-and-roles). */
export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  org_admin: 'Org Admin',
  infra_admin: 'Infra Admin',
  developer: 'Developer',
  marketer: 'Marketer',
  financial: 'Financial',
  customer_support: 'Customer Support',
  viewer: 'Viewer',
};

export type AssignableRole = Exclude<Role, 'owner'>;

/** A role an invitation or a role change may give: any but `owner`, which only moves by transfer. */
export function assignableRole(value: string): AssignableRole {
  if (value === 'owner') {
    throw new DomainError('invalid', 'role cannot be owner: ownership moves only by an ownership transfer');
  }
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new DomainError('invalid', `role must be one of ${ROLES.filter((r) => r !== 'owner').join(', ')}`);
  }
  return value as AssignableRole;
}
