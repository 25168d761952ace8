import { DomainError, isUuid } from '@sendops/db';
import { type MailMessage, ownershipTransferInitiatedMails } from '@sendops/mail';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { organizationMailLogo } from '../organizations/get-organization-logo.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { markTransferExpired } from './mark-transfer-expired.ts';
import { selectMembers } from './member-view.ts';
import {
  lockPendingTransfer,
  OWNERSHIP_TRANSFER_TTL_MS,
  type OwnershipTransferView,
  type TransferRecord,
  transferMailInput,
  transferView,
} from './ownership-transfer-records.ts';
import { currentTime, deliver, type TeamDeps } from './team-deps.ts';
import { lockOrganization } from './team-organization.ts';

/**
 * `POST /api/orgs/:slug/ownership-transfer` (Settings → Workspace, Danger Zone): the Owner offers
 * ownership to another member with a verified email; the target has 72 hours to accept. One pending
 * transfer at a time; one that has just run out is closed as expired first, so a new one can start at
 * once ("After a cancellation or expiry, you can immediately initiate a new transfer"). Both get an email.
 */
export async function startOwnershipTransfer(
  deps: TeamDeps,
  context: OrganizationContext,
  input: { targetUserId: string },
): Promise<OwnershipTransferView> {
  requirePermission(context, 'org.ownership.transfer');
  if (!isUuid(input.targetUserId)) throw new DomainError('not_found', 'member not found');
  if (input.targetUserId === context.actor.userId) {
    throw new DomainError('invalid', 'you are already the Owner: choose another member');
  }
  const now = currentTime(deps);

  const { transfer, mails } = await deps.db.transaction().execute(async (trx) => {
    const organization = await lockOrganization(trx, context.organizationId);
    const mails: MailMessage[] = [];
    const pending = await lockPendingTransfer(trx, organization.id);
    if (pending && pending.expiresAt > now) {
      throw new DomainError(
        'conflict',
        `a transfer to ${pending.to.name} is already pending: cancel it before starting another`,
      );
    }
    if (pending) mails.push(...(await markTransferExpired(trx, deps.mailer, organization, pending, now)));

    const target = await selectMembers(trx, organization.id)
      .select('users.email_verified_at')
      .where('users.id', '=', input.targetUserId)
      .executeTakeFirst();
    if (!target) throw new DomainError('not_found', 'member not found');
    if (target.email_verified_at === null) {
      throw new DomainError(
        'conflict',
        `${target.name} must verify their email address before ownership can be transferred to them`,
      );
    }
    const row = await trx
      .insertInto('ownership_transfers')
      .values({
        organization_id: organization.id,
        from_user_id: context.actor.userId,
        to_user_id: target.userId,
        expires_at: new Date(now.getTime() + OWNERSHIP_TRANSFER_TTL_MS),
      })
      .returning(['id', 'created_at', 'expires_at'])
      .executeTakeFirstOrThrow();
    const transfer: TransferRecord = {
      id: row.id,
      organizationId: organization.id,
      status: 'pending',
      createdAt: row.created_at,
      expiresAt: new Date(row.expires_at),
      from: context.actor,
      to: { userId: target.userId, name: target.name, email: target.email },
    };
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: context.actor,
      resourceType: 'ownership_transfer',
      resourceId: transfer.id,
      operation: 'initiated',
      summary: `Ownership transfer to ${target.name} (${target.email}) initiated`,
      after: { toUserId: target.userId, toEmail: target.email, expiresAt: transfer.expiresAt.toISOString() },
    });
    const logo = await organizationMailLogo(trx, organization.id);
    mails.push(
      ...ownershipTransferInitiatedMails(transferMailInput(deps.mailer, organization, transfer, logo)),
    );
    return { transfer, mails };
  });

  await deliver(deps.mailer, mails);
  return transferView(transfer);
}
