import {
  assertSlug,
  type Database,
  DomainError,
  type Organization,
  type SessionTimeout,
  SLUG_REDIRECT_DAYS,
} from '@sendops/db';
import { type Kysely, sql } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';

export interface UpdateOrganizationInput {
  name?: string;
  slug?: string;
  sessionTimeout?: SessionTimeout;
  mfaEnforced?: boolean;
}

type Snapshot = Partial<Record<'name' | 'slug' | 'sessionTimeout' | 'mfaEnforced', unknown>>;

function requireOrganizationName(value: string): string {
  const name = value.trim();
  if (name.length === 0 || name.length > 64)
    throw new DomainError('invalid', 'name must be 1 to 64 characters');
  return name;
}

/** Takes `slug` for the organization, keeping its current slug as a 30-day redirect. */
async function moveSlug(trx: Kysely<Database>, organization: Organization, slug: string): Promise<void> {
  assertSlug(slug);
  // History older than the redirect window is released; our own old slugs can always come back.
  await trx
    .deleteFrom('organization_slug_history')
    .where('slug', '=', slug)
    .where((eb) =>
      eb.or([
        eb('organization_id', '=', organization.id),
        eb('replaced_at', '<=', sql<Date>`now() - make_interval(days => ${SLUG_REDIRECT_DAYS})`),
      ]),
    )
    .execute();
  const taken = await trx
    .selectFrom('organizations')
    .select('id')
    .where('slug', '=', slug)
    .unionAll(
      trx.selectFrom('organization_slug_history').select('organization_id as id').where('slug', '=', slug),
    )
    .executeTakeFirst();
  if (taken) throw new DomainError('conflict', `the slug "${slug}" is taken`);
  await trx
    .insertInto('organization_slug_history')
    .values({ organization_id: organization.id, slug: organization.slug })
    .onConflict((oc) =>
      oc.column('slug').doUpdateSet({ organization_id: organization.id, replaced_at: sql`now()` }),
    )
    .execute();
  await trx.updateTable('organizations').set({ slug }).where('id', '=', organization.id).execute();
}

/** `PATCH /api/orgs/:slug`: name, slug, session timeout and MFA enforcement (Settings → Workspace). */
export async function updateOrganization(
  db: Kysely<Database>,
  context: OrganizationContext,
  input: UpdateOrganizationInput,
): Promise<Organization> {
  requirePermission(context, 'org.settings.manage');
  if (context.isDemo) throw new DomainError('forbidden', 'the demo workspace cannot be changed');
  return db.transaction().execute(async (trx) => {
    const organization = await trx
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', context.organizationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const before: Snapshot = {};
    const after: Snapshot = {};
    const changes: Partial<Pick<Organization, 'name' | 'session_timeout' | 'mfa_enforced_at'>> = {};

    if (input.name !== undefined) {
      const name = requireOrganizationName(input.name);
      if (name !== organization.name) {
        changes.name = name;
        before.name = organization.name;
        after.name = name;
      }
    }
    if (input.sessionTimeout !== undefined && input.sessionTimeout !== organization.session_timeout) {
      changes.session_timeout = input.sessionTimeout;
      before.sessionTimeout = organization.session_timeout;
      after.sessionTimeout = input.sessionTimeout;
    }
    if (input.mfaEnforced !== undefined && input.mfaEnforced !== (organization.mfa_enforced_at !== null)) {
      // The 7-day grace period of members without MFA counts from this moment.
      changes.mfa_enforced_at = input.mfaEnforced ? new Date() : null;
      before.mfaEnforced = !input.mfaEnforced;
      after.mfaEnforced = input.mfaEnforced;
    }
    if (input.slug !== undefined && input.slug !== organization.slug) {
      await moveSlug(trx, organization, input.slug);
      before.slug = organization.slug;
      after.slug = input.slug;
    }
    if (Object.keys(after).length === 0) return organization;

    if (Object.keys(changes).length > 0) {
      await trx.updateTable('organizations').set(changes).where('id', '=', organization.id).execute();
    }
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: context.actor,
      resourceType: 'settings',
      resourceId: organization.id,
      operation: 'updated',
      summary: `Workspace settings updated: ${Object.keys(after).join(', ')}`,
      before,
      after,
    });
    return trx
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', organization.id)
      .executeTakeFirstOrThrow();
  });
}
