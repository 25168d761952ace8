import { type Database, DomainError } from '@sendops/db';
import { type Kysely, sql } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { type CheckedLogo, checkLogoImage } from './logo-image.ts';

/** The audit snapshot of a logo: its size and hash, never the image itself. */
export function logoSnapshot(logo: { size: number; sha256: string } | undefined) {
  return logo ? { logo: { size: logo.size, sha256: logo.sha256 } } : { logo: null };
}

/** `PUT /api/orgs/:slug/logo`: sets or replaces the workspace logo (Settings → Workspace). */
export async function setOrganizationLogo(
  db: Kysely<Database>,
  context: OrganizationContext,
  bytes: Uint8Array,
): Promise<CheckedLogo> {
  requirePermission(context, 'org.settings.manage');
  if (context.isDemo) throw new DomainError('forbidden', 'the demo workspace cannot be changed');
  const checked = checkLogoImage(bytes);
  await db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('organization_logos')
      .select(['size', 'sha256'])
      .where('organization_id', '=', context.organizationId)
      .forUpdate()
      .executeTakeFirst();
    if (previous?.sha256 === checked.sha256) return;
    await trx
      .insertInto('organization_logos')
      .values({
        organization_id: context.organizationId,
        content_type: checked.contentType,
        bytes: Buffer.from(bytes),
        sha256: checked.sha256,
        size: checked.size,
      })
      .onConflict((oc) =>
        oc.column('organization_id').doUpdateSet({
          content_type: checked.contentType,
          bytes: Buffer.from(bytes),
          sha256: checked.sha256,
          size: checked.size,
          updated_at: sql`now()`,
        }),
      )
      .execute();
    await appendAuditEntry(trx, {
      organizationId: context.organizationId,
      actor: context.actor,
      resourceType: 'settings',
      resourceId: context.organizationId,
      operation: 'updated',
      summary: 'Workspace logo replaced',
      before: logoSnapshot(previous),
      after: logoSnapshot(checked),
    });
  });
  return checked;
}
