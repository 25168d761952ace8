import { type Database, DomainError } from '@sendops/db';
import { type Kysely, sql } from 'kysely';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { deleteUserSessions } from '../sessions/end-sessions.ts';

/** Removes an organization's analytics rows (ClickHouse); injected so auth does not depend on analytics. */
export type DeleteOrganizationEvents = (organizationId: string) => Promise<void>;

/**
 * `DELETE /api/orgs/:slug` (team/account-settings, Danger Zone): Owner only, the exact name typed to
 * confirm. Everything of the organization goes: its Postgres rows (cascades), its audit log (through
 * the one database function allowed to remove it, so no audit entry survives to record this) and its
 * ClickHouse events. Every member's sessions are revoked, as the spec says.
 */
export async function deleteOrganization(
  db: Kysely<Database>,
  context: OrganizationContext,
  input: { confirmName: string },
  deleteOrganizationEvents: DeleteOrganizationEvents | undefined,
): Promise<void> {
  requirePermission(context, 'org.delete');
  await db.transaction().execute(async (trx) => {
    const organization = await trx
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where('id', '=', context.organizationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (input.confirmName !== organization.name) {
      throw new DomainError('invalid', 'confirmName must be exactly the organization name');
    }
    const members = await trx
      .selectFrom('memberships')
      .select('user_id')
      .where('organization_id', '=', organization.id)
      .execute();
    await deleteUserSessions(
      trx,
      members.map((member) => member.user_id),
    );
    await trx.deleteFrom('organizations').where('id', '=', organization.id).execute();
    await sql`select audit_log_delete_organization(${organization.id})`.execute(trx);
    // Last, still inside the transaction: if ClickHouse refuses, nothing is deleted and the user retries.
    await deleteOrganizationEvents?.(organization.id);
  });
}
