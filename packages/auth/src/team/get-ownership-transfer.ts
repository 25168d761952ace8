import type { OrganizationContext } from '../permissions/organization-context.ts';
import {
  type OwnershipTransferView,
  selectTransfers,
  transferRecord,
  transferView,
} from './ownership-transfer-records.ts';
import { currentTime, type TeamDeps } from './team-deps.ts';

/**
 * `GET /api/orgs/:slug/ownership-transfer` (any member: the Team page banner shows it to everyone, the
 * Owner gets the Cancel button). One whose window has passed is no longer pending, sweep or not.
 */
export async function getOwnershipTransfer(
  deps: Pick<TeamDeps, 'db' | 'now'>,
  context: OrganizationContext,
): Promise<OwnershipTransferView | null> {
  const row = await selectTransfers(deps.db)
    .where('t.organization_id', '=', context.organizationId)
    .where('t.status', '=', 'pending')
    .where('t.expires_at', '>', currentTime(deps))
    .executeTakeFirst();
  return row ? transferView(transferRecord(row)) : null;
}
