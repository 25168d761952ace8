import type { DbExecutor, OrganizationLogo } from '@sendops/db';

/** The workspace logo with its bytes (`GET /api/orgs/:slug/logo`, mail attachments), or undefined. */
export function getOrganizationLogo(
  db: DbExecutor,
  organizationId: string,
): Promise<Pick<OrganizationLogo, 'content_type' | 'bytes' | 'sha256' | 'size'> | undefined> {
  return db
    .selectFrom('organization_logos')
    .select(['content_type', 'bytes', 'sha256', 'size'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
}

/** The logo's hash alone (its URL's cache buster), without reading the image. */
export async function getOrganizationLogoSha(db: DbExecutor, organizationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('organization_logos')
    .select('sha256')
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row?.sha256 ?? null;
}
