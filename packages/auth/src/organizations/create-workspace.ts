import { createOrganization, type Database, type Organization } from '@sendops/db';
import type { Transaction } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { Actor } from '../permissions/organization-context.ts';

/** A new organization with the actor as its Owner, and its first audit entry. */
export async function createWorkspace(
  trx: Transaction<Database>,
  actor: Actor,
  name: string,
): Promise<Organization> {
  const { organization } = await createOrganization(trx, { name });
  await trx
    .insertInto('memberships')
    .values({ organization_id: organization.id, user_id: actor.userId, role: 'owner' })
    .execute();
  await appendAuditEntry(trx, {
    organizationId: organization.id,
    actor,
    resourceType: 'settings',
    resourceId: organization.id,
    operation: 'created',
    summary: `Organization "${organization.name}" created`,
    after: { name: organization.name, slug: organization.slug },
  });
  return organization;
}
