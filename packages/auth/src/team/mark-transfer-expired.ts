import type { Database } from '@sendops/db';
import { type MailMessage, ownershipTransferExpiredMails } from '@sendops/mail';
import type { Transaction } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type TransferRecord, transferMailInput } from './ownership-transfer-records.ts';
import type { TeamMailer } from './team-deps.ts';
import type { LockedOrganization } from './team-organization.ts';

/**
 * Closes a pending transfer whose 72 hours have passed: status, the `expired` audit entry (written by
 * the system, no actor) and the expiry notices for both parties, to send once the transaction commits.
 */
export async function markTransferExpired(
  trx: Transaction<Database>,
  mailer: TeamMailer,
  organization: LockedOrganization,
  transfer: TransferRecord,
  now: Date,
): Promise<MailMessage[]> {
  await trx
    .updateTable('ownership_transfers')
    .set({ status: 'expired', resolved_at: now })
    .where('id', '=', transfer.id)
    .execute();
  await appendAuditEntry(trx, {
    organizationId: organization.id,
    actor: null,
    resourceType: 'ownership_transfer',
    resourceId: transfer.id,
    operation: 'expired',
    summary: `Ownership transfer from ${transfer.from.name} to ${transfer.to.name} (${transfer.to.email}) expired without being accepted`,
    before: { status: 'pending', expiresAt: transfer.expiresAt.toISOString() },
    after: { status: 'expired' },
  });
  return ownershipTransferExpiredMails(transferMailInput(mailer, organization, transfer));
}
