import { type Database, DomainError, isUuid, PLANS, type Plan } from '@sendops/db';
import type { Kysely } from 'kysely';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';

const PLAN_LABELS: Record<Plan, string> = { free: 'Free', team: 'Team', business: 'Business' };

/**
 * Puts an organization on a plan. New workspaces start on Free, which "supports a single user"
 * (team/members-and-roles); until billing exists, an operator moves one to Team or Business with
 * `sendops org plan`. Audited as a billing change by the system. Returns the previous plan.
 */
export async function setOrganizationPlan(
  db: Kysely<Database>,
  organization: string,
  plan: string,
  note = 'set by an operator (sendops org plan)',
): Promise<{ organizationId: string; slug: string; previous: Plan; plan: Plan }> {
  if (!(PLANS as readonly string[]).includes(plan)) {
    throw new DomainError('invalid', `plan must be one of ${PLANS.join(', ')}`);
  }
  const next = plan as Plan;
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('organizations')
      .select(['id', 'slug', 'plan'])
      .where(isUuid(organization) ? 'id' : 'slug', '=', organization)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!current) throw new DomainError('not_found', `no organization ${organization}`);
    if (current.plan === next) {
      return { organizationId: current.id, slug: current.slug, previous: current.plan, plan: next };
    }
    await trx.updateTable('organizations').set({ plan: next }).where('id', '=', current.id).execute();
    await appendAuditEntry(trx, {
      organizationId: current.id,
      actor: null,
      resourceType: 'billing',
      resourceId: current.id,
      operation: 'updated',
      summary: `Plan changed from ${PLAN_LABELS[current.plan]} to ${PLAN_LABELS[next]}`,
      before: { plan: current.plan },
      after: { plan: next },
      note,
    });
    return { organizationId: current.id, slug: current.slug, previous: current.plan, plan: next };
  });
}
