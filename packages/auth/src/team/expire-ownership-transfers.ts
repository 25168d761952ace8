import type { Database } from '@sendops/db';
import type { Kysely } from 'kysely';
import { markTransferExpired } from './mark-transfer-expired.ts';
import { lockPendingTransfer } from './ownership-transfer-records.ts';
import { deliver, type TeamMailer } from './team-deps.ts';
import { lockOrganization } from './team-organization.ts';

/**
 * The periodic sweep (the API runs it every minute): every pending transfer whose 72 hours have passed
 * becomes `expired`, with its audit entry, and both parties are told. One transaction per transfer, so
 * one organization's trouble does not hold back the others. Returns how many expired.
 */
export async function expireOwnershipTransfers(
  db: Kysely<Database>,
  mailer: TeamMailer,
  now: Date,
): Promise<number> {
  const due = await db
    .selectFrom('ownership_transfers')
    .select('organization_id')
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .execute();
  let expired = 0;
  for (const { organization_id } of due) {
    const mails = await db.transaction().execute(async (trx) => {
      const organization = await lockOrganization(trx, organization_id);
      // Re-read under the lock: it may have been accepted or cancelled since.
      const transfer = await lockPendingTransfer(trx, organization.id);
      if (!transfer || transfer.expiresAt > now) return [];
      expired += 1;
      return markTransferExpired(trx, mailer, organization, transfer, now);
    });
    await deliver(mailer, mails);
  }
  return expired;
}
