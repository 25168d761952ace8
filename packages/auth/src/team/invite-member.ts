import { DomainError } from '@sendops/db';
import { invitationMail } from '@sendops/mail';
import { sql } from 'kysely';
import { normalizeEmail } from '../accounts/user-fields.ts';
import { appendAuditEntry } from '../audit/append-audit-entry.ts';
import { organizationMailLogo } from '../organizations/get-organization-logo.ts';
import { type OrganizationContext, requirePermission } from '../permissions/organization-context.ts';
import { randomToken, sha256Hex } from '../tokens.ts';
import { type TeamInvitationView, teamInvitationView } from './invitation-view.ts';
import { assignableRole, ROLE_LABELS } from './role-labels.ts';
import { currentTime, deliver, type TeamDeps } from './team-deps.ts';
import { assertSeatAvailable, lockOrganization } from './team-organization.ts';

/** "Invitations expire after 7 days" (team/members-and-roles). */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteMemberInput {
  email: string;
  role: string;
}

/**
 * `POST /api/orgs/:slug/invitations`: invites an email address with a role (never Owner), refused when
 * the address already belongs to a member or has a pending invitation (409) and beyond the plan's
 * seats (403 `plan_limit`). The invitee gets an email with the Accept link; only the token's hash is kept.
 */
export async function inviteMember(
  deps: TeamDeps,
  context: OrganizationContext,
  input: InviteMemberInput,
): Promise<TeamInvitationView> {
  requirePermission(context, 'team.manage');
  const email = normalizeEmail(input.email);
  const role = assignableRole(input.role);
  const now = currentTime(deps);
  const token = randomToken();

  const { invitation, organizationName } = await deps.db.transaction().execute(async (trx) => {
    const organization = await lockOrganization(trx, context.organizationId);
    if (organization.isDemo) {
      throw new DomainError('forbidden', 'the demo workspace takes no invitations: every user joins it');
    }
    const member = await trx
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.id')
      .where('m.organization_id', '=', organization.id)
      .where(sql<string>`lower(u.email)`, '=', email)
      .executeTakeFirst();
    if (member) throw new DomainError('conflict', `${email} is already a member of ${organization.name}`);
    const pending = await trx
      .selectFrom('invitations')
      .select('id')
      .where('organization_id', '=', organization.id)
      .where(sql<string>`lower(email)`, '=', email)
      .where('status', '=', 'pending')
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (pending) {
      throw new DomainError('conflict', `${email} already has a pending invitation: re-send it instead`);
    }
    await assertSeatAvailable(trx, organization, now);

    const invitation = await trx
      .insertInto('invitations')
      .values({
        organization_id: organization.id,
        email,
        role,
        token_hash: sha256Hex(token),
        invited_by_user_id: context.actor.userId,
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditEntry(trx, {
      organizationId: organization.id,
      actor: context.actor,
      resourceType: 'invitation',
      resourceId: invitation.id,
      operation: 'created',
      summary: `Invited ${email} as ${ROLE_LABELS[role]}`,
      after: { email, role },
    });
    return { invitation, organizationName: organization.name };
  });

  await deliver(deps.mailer, [
    invitationMail({
      publicUrl: deps.mailer.publicUrl,
      to: email,
      organizationName,
      roleLabel: ROLE_LABELS[role],
      inviter: { name: context.actor.name, email: context.actor.email },
      token,
      expiresAt: new Date(invitation.expires_at),
      logo: await organizationMailLogo(deps.db, context.organizationId),
    }),
  ]);
  return teamInvitationView(invitation, context.actor, now);
}
