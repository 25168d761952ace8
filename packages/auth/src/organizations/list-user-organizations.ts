import type { DbExecutor, Role } from '@sendops/db';

export interface UserOrganization {
  id: string;
  name: string;
  slug: string;
  isDemo: boolean;
  role: Role;
}

/** The organization switcher: every membership of the user, their own workspaces before the demo. */
export async function listUserOrganizations(db: DbExecutor, userId: string): Promise<UserOrganization[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .select(['o.id', 'o.name', 'o.slug', 'o.is_demo', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('o.is_demo')
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    slug: row.slug,
    isDemo: row.is_demo,
    role: row.role,
  }));
}
