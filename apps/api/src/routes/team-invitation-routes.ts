import { inviteMember, resendInvitation, revokeInvitation } from '@sendops/auth';
import { Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import { teamMailerOf } from '../http/team-mailer.ts';
import type { RouteModule } from './route-module.ts';
import { AssignableRole } from './team-schemas.ts';

const InvitationParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 64 }),
  id: Type.String({ minLength: 1, maxLength: 64 }),
});

/** Invitations as the Owner or an Org Admin manages them. */
export const teamInvitationRoutes: RouteModule = (app, deps) => {
  const team = { db: deps.db, mailer: teamMailerOf(deps) };

  app.post(
    '/api/orgs/:slug/invitations',
    {
      config: { permission: 'team.manage' },
      schema: {
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }), role: AssignableRole }),
      },
    },
    async (request, reply) => {
      const invitation = await inviteMember(team, organizationOf(request).context, request.body);
      return reply.code(201).send({ invitation });
    },
  );

  app.post(
    '/api/orgs/:slug/invitations/:id/resend',
    { config: { permission: 'team.manage' }, schema: { params: InvitationParams } },
    async (request) => ({
      invitation: await resendInvitation(team, organizationOf(request).context, request.params.id),
    }),
  );

  app.delete(
    '/api/orgs/:slug/invitations/:id',
    { config: { permission: 'team.manage' }, schema: { params: InvitationParams } },
    async (request, reply) => {
      await revokeInvitation(team, organizationOf(request).context, request.params.id);
      return reply.code(204).send();
    },
  );
};
