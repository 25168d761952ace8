import type { Database, Organization } from '@sendops/db';
import type { Kysely } from 'kysely';
import type { Actor } from '../permissions/organization-context.ts';
import { createWorkspace } from './create-workspace.ts';

/** `POST /api/orgs`: any signed-in user may create an organization and becomes its Owner. */
export async function createOrganizationForUser(
  db: Kysely<Database>,
  actor: Actor,
  input: { name: string },
): Promise<Organization> {
  return db.transaction().execute((trx) => createWorkspace(trx, actor, input.name));
}
