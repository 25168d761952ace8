import { sql } from 'kysely';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { type TeamInvitationView, teamInvitationView } from './invitation-view.ts';
import { type MemberView, memberView, selectMembers } from './member-view.ts';
import { currentTime, type TeamDeps } from './team-deps.ts';

export interface TeamView {
  members: MemberView[];
  /** Invitations still waiting for an answer, expired ones included so they can be re-sent or revoked. */
  invitations: TeamInvitationView[];
}

/** `GET /api/orgs/:slug/members`: the Owner first, then by name. */
export async function listTeam(
  deps: Pick<TeamDeps, 'db' | 'now'>,
  context: OrganizationContext,
): Promise<TeamView> {
  requirePermission(context, 'team.view');
  const now = currentTime(deps);
  const members = await selectMembers(deps.db, context.organizationId)
    .orderBy(sql`memberships.role = 'owner'`, 'desc')
    .orderBy(sql`lower(users.name)`)
    .orderBy('users.id')
    .execute();
  const invitations = await deps.db
    .selectFrom('invitations')
    .leftJoin('users', 'users.id', 'invitations.invited_by_user_id')
    .selectAll('invitations')
    .select(['users.name as inviter_name', 'users.email as inviter_email'])
    .where('invitations.organization_id', '=', context.organizationId)
    .where('invitations.status', 'in', ['pending', 'expired'])
    .orderBy('invitations.created_at', 'desc')
    .orderBy('invitations.id')
    .execute();
  return {
    members: members.map(memberView),
    invitations: invitations.map(({ inviter_name, inviter_email, ...invitation }) =>
      teamInvitationView(invitation, { name: inviter_name, email: inviter_email }, now),
    ),
  };
}
