import { type Database, DomainError, isUuid } from '@sendops/db';
import { type Kysely, sql } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';

/** Refused from the moment this commits: authentication only accepts keys without revoked_at. */
export async function revokeApiKey(
  db: Kysely<Database>,
  context: OrganizationContext,
  keyId: string,
): Promise<void> {
  requirePermission(context, 'api_keys.manage');
  if (!isUuid(keyId)) throw new DomainError('not_found', 'API key not found');
  await db.transaction().execute(async (trx) => {
    const key = await trx
      .updateTable('api_keys')
      .set({ revoked_at: sql<Date>`now()` })
      .where('id', '=', keyId)
      .where('organization_id', '=', context.organizationId)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name', 'prefix'])
      .executeTakeFirst();
    if (!key) throw new DomainError('not_found', 'API key not found');
    await appendAuditEntry(trx, {
      organizationId: context.organizationId,
      actor: context.actor,
      resourceType: 'api_key',
      resourceId: key.id,
      operation: 'revoked',
      summary: `API key "${key.name}" (${key.prefix}…) revoked`,
      before: { name: key.name, prefix: key.prefix },
    });
  });
}
