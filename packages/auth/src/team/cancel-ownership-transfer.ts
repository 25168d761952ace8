import { DomainError } from '@sendops/db';
import { ownershipTransferCancelledMail } from '@sendops/mail';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { lockPendingTransfer, transferMailInput } from './ownership-transfer-records.ts';
import { currentTime, deliver, type TeamDeps } from './team-deps.ts';
import { lockOrganization } from './team-organization.ts';

/**
 * `DELETE /api/orgs/:slug/ownership-transfer`: the Owner cancels the pending transfer "at any time before
 * it is accepted or expires"; the target receives a cancellation email.
 */
export async function cancelOwnershipTransfer(deps: TeamDeps, context: OrganizationContext): Promise<void> {
  requirePermission(context, 'org.ownership.transfer');
  const now = currentTime(deps);
  const message = await deps.db.transaction().execute(async (trx) => {
    const organization = await lockOrganization(trx, context.organizationId);
    const transfer = await lockPendingTransfer(trx, organization.id);
    // One whose window passed belongs to the expiry sweep, which tells both parties it expired.
    if (!transfer || transfer.expiresAt <= now) {
      throw new DomainError('not_found', 'there is no pending ownership transfer');
    }
    await trx
      .updateTable('ownership_transfers')
      .set({ status: 'cancelled', resolved_at: now })
      .where('id', '=', transfer.id)
      .execute();
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: context.actor,
      resourceType: 'ownership_transfer',
      resourceId: transfer.id,
      operation: 'cancelled',
      summary: `Ownership transfer to ${transfer.to.name} (${transfer.to.email}) cancelled`,
      before: { status: 'pending', toUserId: transfer.to.userId },
      after: { status: 'cancelled' },
    });
    return ownershipTransferCancelledMail(transferMailInput(deps.mailer, organization, transfer));
  });
  await deliver(deps.mailer, [message]);
}
