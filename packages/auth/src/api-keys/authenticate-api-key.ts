import type { ApiKey, DbExecutor, Organization } from '@sendops/db';
import { sql } from 'kysely';
import { sha256Hex } from '../tokens.ts';
import { looksLikePublicApiKey } from './api-key-format.ts';

export interface AuthenticatedApiKey {
  apiKey: ApiKey;
  organization: Pick<Organization, 'id' | 'name' | 'slug'>;
}

/** The organization a bearer key belongs to, or undefined for unknown, malformed and revoked keys. */
export async function authenticateApiKey(
  db: DbExecutor,
  secret: string,
): Promise<AuthenticatedApiKey | undefined> {
  if (!looksLikePublicApiKey(secret)) return undefined;
  const row = await db
    .selectFrom('api_keys as k')
    .innerJoin('organizations as o', 'o.id', 'k.organization_id')
    .selectAll('k')
    .select(['o.name as organization_name', 'o.slug as organization_slug'])
    .where('k.key_hash', '=', sha256Hex(secret))
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { organization_name, organization_slug, ...apiKey } = row;
  // "Last used" to the minute is what the list shows; not a write per request.
  await db
    .updateTable('api_keys')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', apiKey.id)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
      ]),
    )
    .execute();
  return {
    apiKey,
    organization: { id: apiKey.organization_id, name: organization_name, slug: organization_slug },
  };
}
