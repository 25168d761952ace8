import { type DbExecutor, type Organization, type Role, SLUG_REDIRECT_DAYS, type User } from '@sendops/db';
import { sql } from 'kysely';
import type { OrganizationContext } from '../permissions/organization-context.ts';

export type OrganizationAccess =
  | { kind: 'member'; organization: Organization; role: Role; context: OrganizationContext }
  | { kind: 'moved'; slug: string }
  | { kind: 'not_found' };

/**
 * Resolves `/api/orgs/:slug` for a user. Anything but a membership is `not_found`, whether the
 * organization does not exist or belongs to others, so the answer reveals nothing. An old slug of an
 * organization the user belongs to answers `moved` with the current slug.
 */
export async function resolveOrganizationAccess(
  db: DbExecutor,
  user: Pick<User, 'id' | 'name' | 'email'>,
  slug: string,
): Promise<OrganizationAccess> {
  const current = await db
    .selectFrom('organizations')
    .innerJoin('memberships', 'memberships.organization_id', 'organizations.id')
    .selectAll('organizations')
    .select('memberships.role')
    .where('organizations.slug', '=', slug)
    .where('memberships.user_id', '=', user.id)
    .executeTakeFirst();
  if (current) {
    const { role, ...organization } = current;
    return {
      kind: 'member',
      organization,
      role,
      context: {
        organizationId: organization.id,
        organizationName: organization.name,
        slug: organization.slug,
        isDemo: organization.is_demo,
        role,
        actor: { userId: user.id, name: user.name, email: user.email },
      },
    };
  }
  const moved = await db
    .selectFrom('organization_slug_history as h')
    .innerJoin('organizations as o', 'o.id', 'h.organization_id')
    .innerJoin('memberships as m', 'm.organization_id', 'o.id')
    .select('o.slug')
    .where('h.slug', '=', slug)
    .where('m.user_id', '=', user.id)
    .where('h.replaced_at', '>', sql<Date>`now() - make_interval(days => ${SLUG_REDIRECT_DAYS})`)
    .executeTakeFirst();
  return moved ? { kind: 'moved', slug: moved.slug } : { kind: 'not_found' };
}
