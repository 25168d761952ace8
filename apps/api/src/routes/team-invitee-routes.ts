import { acceptInvitation, declineInvitation, getInvitationByToken, type Invitee } from '@sendops/auth';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { sessionOf } from '../http/api-app.ts';
import type { RouteModule } from './route-module.ts';
import { InvitationToken } from './team-schemas.ts';

const InvitationId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

function inviteeOf(request: FastifyRequest): Invitee {
  const { user } = sessionOf(request);
  return { id: user.id, name: user.name, email: user.email };
}

/**
 * The invitee's side (team/members-and-roles, "Accepting an invitation"): the link page reads an
 * invitation by its token before sign-in; answering needs a signed-in user, either with the token from
 * the email or by id from the dashboard banner (only invitations sent to the user's own email).
 */
export const teamInviteeRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/invitations/:token',
    { config: { permission: 'public' }, schema: { params: InvitationToken } },
    async (request) => getInvitationByToken(deps.db, request.params.token),
  );

  app.post(
    '/api/invitations/:token/accept',
    { config: { permission: 'authenticated' }, schema: { params: InvitationToken } },
    async (request) => acceptInvitation(deps, inviteeOf(request), { token: request.params.token }),
  );

  app.post(
    '/api/invitations/:token/decline',
    { config: { permission: 'authenticated' }, schema: { params: InvitationToken } },
    async (request, reply) => {
      await declineInvitation(deps, inviteeOf(request), { token: request.params.token });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/me/invitations/:id/accept',
    { config: { permission: 'authenticated' }, schema: { params: InvitationId } },
    async (request) => acceptInvitation(deps, inviteeOf(request), { id: request.params.id }),
  );

  app.post(
    '/api/me/invitations/:id/decline',
    { config: { permission: 'authenticated' }, schema: { params: InvitationId } },
    async (request, reply) => {
      await declineInvitation(deps, inviteeOf(request), { id: request.params.id });
      return reply.code(204).send();
    },
  );
};
