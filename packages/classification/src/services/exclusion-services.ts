import { appendAuditEntry, type OrganizationContext, requirePermission } from '@sendops/auth';
import { type Database, DomainError } from '@sendops/db';
import type { Kysely } from 'kysely';
import { type Exclusion, endExclusion, upsertExclusion } from '../store/exclusions-store.ts';
import { normalizeAddress, normalizeNote } from './normalize-address.ts';

export interface ExclusionView {
  address: string;
  note: string | null;
  actorName: string | null;
  clearedAt: string;
}

const view = (e: Exclusion): ExclusionView => ({
  address: e.address,
  note: e.note,
  actorName: e.actorName,
  clearedAt: e.clearedAt.toISOString(),
});

/**
 * Allow (reports/undeliverable-list, "Allowing delivery to an address"): the address becomes Excluded
 * until a new qualifying failure after this moment; durable in Postgres and written to the audit log
 * with the operator and note.
 */
export async function allowAddress(
  db: Kysely<Database>,
  context: OrganizationContext,
  input: { address: string; note?: string | null },
): Promise<ExclusionView> {
  requirePermission(context, 'undeliverable.manage');
  const address = normalizeAddress(input.address);
  const note = normalizeNote(input.note);
  return db.transaction().execute(async (trx) => {
    const exclusion = await upsertExclusion(trx, {
      organizationId: context.organizationId,
      address,
      note,
      actorUserId: context.actor.userId,
      actorName: context.actor.name,
    });
    if (!context.isDemo)
      await appendAuditEntry(trx, {
        organizationId: context.organizationId,
        actor: context.actor,
        resourceType: 'undeliverable_address',
        resourceId: address,
        operation: 'allowed',
        summary: `Allowed delivery to ${address}`,
        after: view(exclusion),
        note,
      });
    return view(exclusion);
  });
}

/** Re-list: ends the address's exclusion; it shows again if qualifying events remain in retention. */
export async function relistAddress(
  db: Kysely<Database>,
  context: OrganizationContext,
  input: { address: string },
): Promise<void> {
  requirePermission(context, 'undeliverable.manage');
  const address = normalizeAddress(input.address);
  await db.transaction().execute(async (trx) => {
    const ended = await endExclusion(trx, context.organizationId, address, context.actor.userId);
    if (!ended) throw new DomainError('not_found', `${address} is not excluded`);
    if (!context.isDemo)
      await appendAuditEntry(trx, {
        organizationId: context.organizationId,
        actor: context.actor,
        resourceType: 'undeliverable_address',
        resourceId: address,
        operation: 'relisted',
        summary: `Re-listed ${address}`,
        before: view(ended),
      });
  });
}
