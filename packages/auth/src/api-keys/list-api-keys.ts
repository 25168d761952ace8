import type { DbExecutor } from '@sendops/db';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { type ApiKeyView, apiKeyView } from './api-key-view.ts';

/** Active keys of the organization, newest first; revoked keys are gone from the list. */
export async function listApiKeys(db: DbExecutor, context: OrganizationContext): Promise<ApiKeyView[]> {
  requirePermission(context, 'api_keys.view');
  const rows = await db
    .selectFrom('api_keys as k')
    .leftJoin('users as u', 'u.id', 'k.created_by_user_id')
    .selectAll('k')
    .select(['u.name as creator_name', 'u.email as creator_email'])
    .where('k.organization_id', '=', context.organizationId)
    .where('k.revoked_at', 'is', null)
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id')
    .execute();
  return rows.map(({ creator_name, creator_email, ...key }) =>
    apiKeyView(
      key,
      creator_name !== null && creator_email !== null ? { name: creator_name, email: creator_email } : null,
    ),
  );
}
