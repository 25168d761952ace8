import { type Database, DomainError } from '@sendops/db';
import type { Kysely } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { logoSnapshot } from './set-organization-logo.ts';

/** `DELETE /api/orgs/:slug/logo`: back to the initials. Removing no logo is a no-op without an entry. */
export async function removeOrganizationLogo(
  db: Kysely<Database>,
  context: OrganizationContext,
): Promise<void> {
  requirePermission(context, 'org.settings.manage');
  if (context.isDemo) throw new DomainError('forbidden', 'the demo workspace cannot be changed');
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('organization_logos')
      .where('organization_id', '=', context.organizationId)
      .returning(['size', 'sha256'])
      .executeTakeFirst();
    if (!removed) return;
    await appendAuditEntry(trx, {
      organizationId: context.organizationId,
      actor: context.actor,
      resourceType: 'settings',
      resourceId: context.organizationId,
      operation: 'updated',
      summary: 'Workspace logo removed',
      before: logoSnapshot(removed),
      after: logoSnapshot(undefined),
    });
  });
}
