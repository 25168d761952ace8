import { DomainError } from '@sendops/db';
import { formatUtc, ownershipTransferAcceptedMails } from '@sendops/mail';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { hasMfa } from '../me/get-me.ts';
import { organizationMailLogo } from '../organizations/get-organization-logo.ts';
import type { OrganizationContext } from '../permissions/organization-context.ts';
import { deleteUserSessions } from '../sessions/end-sessions.ts';
import { lockPendingTransfer, transferMailInput } from './ownership-transfer-records.ts';
import { currentTime, deliver, type TeamDeps } from './team-deps.ts';
import { lockOrganization } from './team-organization.ts';

/**
 * `POST /api/orgs/:slug/ownership-transfer/accept`, by the target only. The target becomes the Owner,
 * the former Owner an Org Admin, both are signed out of every session and both get a confirmation
 * email. When the organization enforces MFA the target must have it set up first (403 `mfa_required`).
 */
export async function acceptOwnershipTransfer(
  deps: TeamDeps,
  context: OrganizationContext,
): Promise<{ formerOwnerId: string; newOwnerId: string }> {
  const now = currentTime(deps);
  const { transfer, mails } = await deps.db.transaction().execute(async (trx) => {
    const organization = await lockOrganization(trx, context.organizationId);
    const transfer = await lockPendingTransfer(trx, organization.id);
    // Other members see the same answer as when there is none: the transfer is not theirs to accept.
    if (!transfer || transfer.to.userId !== context.actor.userId) {
      throw new DomainError('not_found', 'there is no pending ownership transfer to you');
    }
    if (transfer.expiresAt <= now) {
      throw new DomainError(
        'expired',
        `This ownership transfer expired on ${formatUtc(transfer.expiresAt)}. Ask the Owner to start a new one.`,
      );
    }
    if (organization.mfaEnforcedAt !== null && !(await hasMfa(trx, context.actor.userId))) {
      throw new DomainError(
        'mfa_required',
        `${organization.name} enforces two-factor authentication: set up MFA in your profile before accepting ownership`,
      );
    }
    // Demote first: the partial unique index allows one Owner at a time.
    await trx
      .updateTable('memberships')
      .set({ role: 'org_admin' })
      .where('organization_id', '=', organization.id)
      .where('user_id', '=', transfer.from.userId)
      .where('role', '=', 'owner')
      .execute();
    const promoted = await trx
      .updateTable('memberships')
      .set({ role: 'owner' })
      .where('organization_id', '=', organization.id)
      .where('user_id', '=', transfer.to.userId)
      .returning('id')
      .executeTakeFirst();
    if (!promoted) throw new DomainError('not_found', 'there is no pending ownership transfer to you');
    await trx
      .updateTable('ownership_transfers')
      .set({ status: 'accepted', resolved_at: now })
      .where('id', '=', transfer.id)
      .execute();
    await deleteUserSessions(trx, [transfer.from.userId, transfer.to.userId]);
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: context.actor,
      resourceType: 'ownership_transfer',
      resourceId: transfer.id,
      operation: 'accepted',
      summary: `${transfer.to.name} (${transfer.to.email}) accepted ownership; ${transfer.from.name} (${transfer.from.email}) is now an Org Admin`,
      before: {
        members: [
          { userId: transfer.from.userId, email: transfer.from.email, role: 'owner' },
          { userId: transfer.to.userId, email: transfer.to.email, role: context.role },
        ],
      },
      after: {
        members: [
          { userId: transfer.from.userId, email: transfer.from.email, role: 'org_admin' },
          { userId: transfer.to.userId, email: transfer.to.email, role: 'owner' },
        ],
      },
    });
    const logo = await organizationMailLogo(trx, organization.id);
    return {
      transfer,
      mails: ownershipTransferAcceptedMails(transferMailInput(deps.mailer, organization, transfer, logo)),
    };
  });
  await deliver(deps.mailer, mails);
  return { formerOwnerId: transfer.from.userId, newOwnerId: transfer.to.userId };
}
