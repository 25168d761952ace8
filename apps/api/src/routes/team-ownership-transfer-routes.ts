import {
  acceptOwnershipTransfer,
  cancelOwnershipTransfer,
  getOwnershipTransfer,
  startOwnershipTransfer,
} from '@sendops/auth';
import { Type } from '@sinclair/typebox';
import { organizationOf } from '../http/api-app.ts';
import { clearSessionCookies } from '../http/cookies.ts';
import { teamMailerOf } from '../http/team-mailer.ts';
import type { RouteModule } from './route-module.ts';

const Slug = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 64 }) });

/** Settings → Workspace, Danger Zone: transferring ownership (team/members-and-roles). */
export const teamOwnershipTransferRoutes: RouteModule = (app, deps) => {
  const team = { db: deps.db, mailer: teamMailerOf(deps) };
  const secure = deps.config.publicUrl.startsWith('https:');

  app.get(
    '/api/orgs/:slug/ownership-transfer',
    { config: { permission: 'member' }, schema: { params: Slug } },
    async (request) => ({ transfer: await getOwnershipTransfer(team, organizationOf(request).context) }),
  );

  app.post(
    '/api/orgs/:slug/ownership-transfer',
    {
      config: { permission: 'org.ownership.transfer' },
      schema: {
        params: Slug,
        body: Type.Object({ targetUserId: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (request, reply) => {
      const transfer = await startOwnershipTransfer(team, organizationOf(request).context, request.body);
      return reply.code(201).send({ transfer });
    },
  );

  app.delete(
    '/api/orgs/:slug/ownership-transfer',
    { config: { permission: 'org.ownership.transfer' }, schema: { params: Slug } },
    async (request, reply) => {
      await cancelOwnershipTransfer(team, organizationOf(request).context);
      return reply.code(204).send();
    },
  );

  // Any member may call it; the domain accepts only the target. Both users are signed out everywhere,
  // this browser included.
  app.post(
    '/api/orgs/:slug/ownership-transfer/accept',
    { config: { permission: 'member' }, schema: { params: Slug } },
    async (request, reply) => {
      await acceptOwnershipTransfer(team, organizationOf(request).context);
      clearSessionCookies(reply, secure);
      return reply.code(204).send();
    },
  );
};
