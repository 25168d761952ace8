import { changeMemberRole, listTeam, removeMember } from '@sendops/auth';
import { Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import type { RouteModule } from './route-module.ts';
import { AssignableRole } from './team-schemas.ts';

const MemberParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 64 }),
  userId: Type.String({ minLength: 1, maxLength: 64 }),
});

/** System → Team: the member list with pending invitations, role changes, removal. */
export const teamMemberRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/orgs/:slug/members',
    {
      config: { permission: 'team.view' },
      schema: { params: Type.Object({ slug: Type.String({ maxLength: 64 }) }) },
    },
    async (request) => listTeam(deps, organizationOf(request).context),
  );

  app.patch(
    '/api/orgs/:slug/members/:userId',
    {
      config: { permission: 'team.manage' },
      schema: { params: MemberParams, body: Type.Object({ role: AssignableRole }) },
    },
    async (request) => ({
      member: await changeMemberRole(
        deps,
        organizationOf(request).context,
        request.params.userId,
        request.body,
      ),
    }),
  );

  app.delete(
    '/api/orgs/:slug/members/:userId',
    { config: { permission: 'team.manage' }, schema: { params: MemberParams } },
    async (request, reply) => {
      await removeMember(deps, organizationOf(request).context, request.params.userId);
      return reply.code(204).send();
    },
  );
};
