import { type Database, DomainError } from '@sendops/db';
import type { Kysely } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import type { OrganizationContext } from '../permissions/organization-context.ts';

/**
 * `POST /api/orgs/:slug/leave`: any member but the Owner (who transfers ownership or deletes the
 * workspace instead); the demo workspace can always be left (team/account-settings).
 */
export async function leaveOrganization(db: Kysely<Database>, context: OrganizationContext): Promise<void> {
  if (context.role === 'owner') {
    throw new DomainError('conflict', 'the Owner cannot leave: transfer ownership or delete the workspace');
  }
  await db.transaction().execute(async (trx) => {
    const left = await trx
      .deleteFrom('memberships')
      .where('organization_id', '=', context.organizationId)
      .where('user_id', '=', context.actor.userId)
      .returning('id')
      .executeTakeFirst();
    if (!left) throw new DomainError('not_found', 'organization not found');
    // The demo workspace is shared by every user: its log would expose who else signed up.
    if (context.isDemo) return;
    await appendAuditEntry(trx, {
      organizationId: context.organizationId,
      actor: context.actor,
      resourceType: 'team',
      resourceId: context.actor.userId,
      operation: 'member_left',
      summary: `${context.actor.name} left the organization`,
      before: { role: context.role },
    });
  });
}
