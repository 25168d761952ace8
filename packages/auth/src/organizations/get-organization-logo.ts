import type { DbExecutor, OrganizationLogo } from '@sendops/db';
import type { MailLogo } from '@sendops/mail';

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

/** The logo as team emails carry it (an inline attachment), or null: mail never links to the private URL. */
export async function organizationMailLogo(db: DbExecutor, organizationId: string): Promise<MailLogo | null> {
  const logo = await getOrganizationLogo(db, organizationId);
  return logo ? { contentType: logo.content_type, content: logo.bytes } : null;
}
