import type { Database } from '@sendops/db';
import type { Kysely } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { lockOrganization } from './team-organization.ts';

/**
 * The periodic sweep for invitations past their 7-day window: each becomes `expired` with an audit entry
 * by the system. No email: the invitee's link page says it expired, and the Team page offers Re-send.
 * One transaction per organization. Returns how many expired.
 */
export async function expireInvitations(db: Kysely<Database>, now: Date): Promise<number> {
  const organizations = await db
    .selectFrom('invitations')
    .select('organization_id')
    .distinct()
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .execute();
  let expired = 0;
  for (const { organization_id } of organizations) {
    await db.transaction().execute(async (trx) => {
      const organization = await lockOrganization(trx, organization_id);
      const invitations = await trx
        .updateTable('invitations')
        .set({ status: 'expired' })
        .where('organization_id', '=', organization.id)
        .where('status', '=', 'pending')
        .where('expires_at', '<=', now)
        .returning(['id', 'email', 'role', 'expires_at'])
        .execute();
      for (const invitation of invitations) {
        await appendAuditEntry(trx, {
          organizationId: organization.id,
          actor: null,
          resourceType: 'invitation',
          resourceId: invitation.id,
          operation: 'expired',
          summary: `Invitation for ${invitation.email} expired without an answer`,
          before: { status: 'pending', expiresAt: new Date(invitation.expires_at).toISOString() },
          after: { status: 'expired' },
        });
      }
      expired += invitations.length;
    });
  }
  return expired;
}
