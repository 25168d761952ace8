import { type Database, DomainError, type Plan } from '@sendops/db';
import { sql, type Transaction } from 'kysely';

/** Seats per plan (billing/plans-and-usage): Free 1, Team 5, Business 25. */
export const PLAN_SEATS: Record<Plan, number> = { free: 1, team: 5, business: 25 };

export interface LockedOrganization {
  id: string;
  name: string;
  slug: string;
  plan: Plan;
  isDemo: boolean;
  mfaEnforcedAt: Date | null;
}

/**
 * Every team mutation starts here: the organization row, locked until commit, serializes the checks
 * (seats, duplicates, one pending transfer) with the writes of concurrent team actions. NO KEY UPDATE
 * does not block inserts elsewhere that merely reference the organization.
 */
export async function lockOrganization(
  trx: Transaction<Database>,
  organizationId: string,
): Promise<LockedOrganization> {
  const row = await trx
    .selectFrom('organizations')
    .select(['id', 'name', 'slug', 'plan', 'is_demo', 'mfa_enforced_at'])
    .where('id', '=', organizationId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'organization not found');
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    plan: row.plan,
    isDemo: row.is_demo,
    mfaEnforcedAt: row.mfa_enforced_at,
  };
}

/**
 * Refuses a new seat (an invitation, or a member joining) beyond the plan: members plus pending,
 * unexpired invitations. "The Free plan supports a single user" (team/members-and-roles). The shared
 * demo workspace has no seat limit: every user joins it as a Viewer.
 */
export async function assertSeatAvailable(
  trx: Transaction<Database>,
  organization: LockedOrganization,
  now: Date,
  options: { exceptInvitationId?: string } = {},
): Promise<void> {
  if (organization.isDemo) return;
  if (organization.plan === 'free') {
    throw new DomainError(
      'plan_limit',
      'The Free plan supports a single user. Upgrade to the Team or Business plan to invite team members.',
    );
  }
  const seats = PLAN_SEATS[organization.plan];
  const { count } = await trx
    .selectNoFrom((eb) => [
      sql<number>`(${eb
        .selectFrom('memberships')
        .select(eb.fn.countAll().as('n'))
        .where('organization_id', '=', organization.id)}) + (${eb
        .selectFrom('invitations')
        .select(eb.fn.countAll().as('n'))
        .where('organization_id', '=', organization.id)
        .where('status', '=', 'pending')
        .where('expires_at', '>', now)
        .$if(options.exceptInvitationId !== undefined, (qb) =>
          qb.where('id', '<>', options.exceptInvitationId as string),
        )})`.as('count'),
    ])
    .executeTakeFirstOrThrow();
  if (Number(count) >= seats) {
    throw new DomainError(
      'plan_limit',
      `The ${organization.plan === 'team' ? 'Team' : 'Business'} plan includes ${seats} seats, counting pending invitations: remove a member or revoke an invitation first.`,
    );
  }
}
